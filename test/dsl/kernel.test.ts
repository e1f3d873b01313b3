// Against the real kernel: the kernel checks linearity again when a cast
// or a tampered handle gets past the DSL, and a remote session (qmk serve
// over a Unix socket) runs the same programs with queued semantics.
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { createKernel } from "../../kernel/index.js";
import { serve } from "../../kernel/rpc/server.js";
import {
  qmk,
  circuit,
  condPauli,
  cx,
  fence,
  free,
  freeAll,
  h,
  ifOne,
  measure,
  outcomeOf,
  region,
  x,
  QmkError,
  type Qubit,
} from "../../dsl/index.js";
import { verifyGraph } from "../../kernel/qvm/verifier.js";
import * as bell from "../../examples/bell.js";
import * as teleport from "../../examples/teleport.js";
import * as sweep from "../../examples/sweep.js";
import * as twoTenant from "../../examples/two-tenant.js";

describe("the kernel is the backstop", () => {
  test("a qubit whose DSL state was forged back to live is refused by the kernel", async () => {
    const conn = await qmk.local({ inMemory: true, seed: 1 });
    const alice = await conn.tenant("alice");
    const q = alice.qubit();
    measure(q);
    (q as unknown as { state: string }).state = "live"; // defeat the DSL's own check
    let err: unknown;
    try {
      h(q as unknown as Qubit<"alice">);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(QmkError);
    expect((err as QmkError).codeName).toBe("LINEARITY_VIOLATION");
    expect((err as QmkError).data.violation).toBe("use_after_measure");
    await conn.close();
  });

  test("a handle of another tenant cannot be used even if smuggled into the DSL", async () => {
    const conn = await qmk.local({ inMemory: true, seed: 1 });
    const alice = await conn.tenant("alice");
    const bob = await conn.tenant("bob");
    const qa = alice.qubit();
    const qb = bob.qubit();
    (qa as unknown as { vq: string }).vq = (qb as unknown as { vq: string }).vq;
    expect(() => h(qa)).toThrow(QmkError);
    await conn.close();
  });

  test("a non-live qubit cannot be lent", async () => {
    const conn = await qmk.local({ inMemory: true, seed: 1 });
    const alice = await conn.tenant("alice");
    const bob = await conn.tenant("bob");
    const ch = await bob.approve(await alice.requestChannel(bob));
    const qb = bob.qubit();
    measure(qb);
    expect(() => bob.lend(qb as unknown as Qubit<"bob">, ch)).toThrow(/use after measure/);
    await conn.close();
  });
});

describe("persistent local kernel", () => {
  test("tenant tokens survive a restart of the embedded kernel", async () => {
    const dir = mkdtempSync(join(tmpdir(), "qmk-dsl-data-"));
    const c1 = await qmk.local({ dataDir: dir, seed: 1 });
    const a1 = await c1.tenant("alice");
    const q = a1.qubit();
    x(q);
    measure(q);
    expect(q.outcome).toBe(1);
    free(q);
    await c1.close();
    expect(statSync(join(dir, "dsl-tenant-tokens.json")).mode & 0o777).toBe(0o600);
    const c2 = await qmk.local({ dataDir: dir, seed: 1 });
    const a2 = await c2.tenant("alice");
    expect(a2.tenant).toBe("alice");
    const r = a2.qubit();
    measure(r);
    expect(r.outcome).toBe(0);
    free(r);
    await c2.close();
    expect(readFileSync(join(dir, "admin.token"), "utf8").length).toBeGreaterThan(10);
  });
});

describe("remote session over qmk serve (Unix socket)", () => {
  test("queued eager ops, channels and captured jobs", async () => {
    const kernel = await createKernel({ inMemory: true, seed: 3 });
    const sock = join(mkdtempSync(join(tmpdir(), "qmk-dsl-srv-")), "qmk.sock");
    const server = await serve((m, p) => kernel.call(m, p), { socketPath: sock });
    try {
      const conn = await qmk.connect(sock, kernel.adminToken);
      const alice = await conn.tenant("alice");
      const bob = await conn.tenant("bob");
      expect(alice.synchronous).toBe(false);

      const [a, b] = alice.alloc(2);
      h(a);
      cx(a, b);
      measure(a);
      ifOne(a, () => x(b)); // always brings b back to 0
      measure(b);
      expect(() => a.outcome).toThrow(/await session.sync\(\)/);
      await alice.sync();
      expect(b.outcome).toBe(0);
      free(a);
      free(b);

      // cross-tenant through a channel, remote on both sides
      const ch = await bob.approve(await alice.requestChannel(bob, { maxUses: 1 }));
      const qa = alice.qubit();
      const qb = bob.qubit();
      x(qa);
      const loan = bob.lend(qb, ch);
      cx(qa, loan, ch);
      measure(qb);
      await alice.sync();
      await bob.sync();
      expect(qb.outcome).toBe(1);

      // a kernel refusal in the queue surfaces at sync()
      const qc = alice.qubit();
      await alice.sync();
      (qc as unknown as { vq: string }).vq = "forged";
      h(qc);
      await expect(alice.sync()).rejects.toBeInstanceOf(QmkError);

      // captured job over the socket
      const r = await bell.main(conn, 200);
      expect(Object.keys(r.counts).sort()).toEqual(["00", "11"]);
      const c = await circuit(alice, bell.bellPair).run({ shots: 100, seed: 1 });
      expect(c.shots).toBe(100);
      // the other examples run remotely too
      const t = await teleport.main(conn, 400);
      expect(Math.abs(t.capturedBell - 0.3)).toBeLessThan(0.1);
      const sw = await sweep.main(conn, 3, 200);
      expect(sw.rows.at(-1)!.measured).toBe(1);
      const tt = await twoTenant.main(conn, 3);
      expect(tt.correlated).toBe(true);
      await conn.close();
    } finally {
      await server.close();
      await kernel.close();
    }
  });
});

describe("data accessors", () => {
  test("amplitudes of own unentangled qubits; counts helpers", async () => {
    const conn = await qmk.local({ inMemory: true, seed: 2 });
    const alice = await conn.tenant("alice");
    const [a, b] = alice.alloc(2);
    h(a);
    const amp = await alice.amplitudes([a]);
    expect(amp.probabilities[0]).toBeCloseTo(0.5, 12);
    expect(amp.probabilities[1]).toBeCloseTo(0.5, 12);
    cx(a, b);
    const pair = await alice.amplitudes([a, b]);
    expect(pair.probabilities.map((p) => Math.round(p * 1000) / 1000)).toEqual([0.5, 0, 0, 0.5]);
    free(a);
    free(b);
    const counts = await circuit(alice, bell.bellPair).run({ shots: 400, seed: 3 });
    expect(counts.names).toEqual(["a", "b"]);
    const p = counts.probabilities();
    expect(Object.values(p).reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
    expect(counts.probability({ a: 1, b: 0 })).toBe(0);
    const [n0, n1] = counts.marginalCounts("a");
    expect(n0 + n1).toBe(400);
    expect(counts.marginal("b")).toBeCloseTo(n1 / 400, 12);
    expect(counts.mostFrequent().sort()).toEqual(["00", "11"]);
    expect(JSON.parse(JSON.stringify(counts)).shots).toBe(400);
    await conn.close();
  });
});

describe("COND_PAULI, fences and regions", () => {
  // teleportation with classical corrections as COND_PAULI (upstream teleportation_demo style)
  function teleportCond<T extends string>(s: import("../../dsl/index.js").QubitSource<T>) {
    const [msg, here, there] = s.alloc(3);
    region(s, "prepare");
    x(msg);
    h(here);
    cx(here, there);
    fence(s);
    cx(msg, here);
    h(msg);
    measure(msg);
    measure(here);
    condPauli(there, "X", here);
    condPauli(there, "Z", msg);
    condPauli(msg, "X", msg, here); // allowed on a measured qubit: classical correction only
    measure(there);
    const out = { result: there.bit };
    freeAll([msg, here, there]);
    return out;
  }

  test("eagerly and captured (graph verifies, QASM has the corrections)", async () => {
    const conn = await qmk.local({ inMemory: true, seed: 4 });
    const alice = await conn.tenant("alice");
    for (let i = 0; i < 8; i++) expect(teleportCond(alice).result.value).toBe(1);
    const c = circuit(alice, teleportCond);
    const g = c.toGraph();
    expect(g.program.nodes.filter((n) => n.op === "COND_PAULI").map((n) => n.inputs)).toEqual([["m1"], ["m0"], ["m0", "m1"]]);
    expect(g.program.nodes.some((n) => n.op === "FENCE_EPOCH")).toBe(true);
    expect(verifyGraph(g, { strict: true }).errors).toEqual([]);
    const qasm = c.toQasm3();
    expect(qasm).toContain("if (c[1] == 1) {\n  x q[2];\n}");
    expect(qasm).toMatch(/\/\/ cond_\d+: COND_PAULI X if the XOR of m1 is 1/);
    // a mask or region tag is not an angle parameter
    expect(qasm).not.toMatch(/input float/);
    const counts = await c.run({ shots: 100, seed: 2 });
    expect(counts.counts).toEqual({ "1": 100 });
    await conn.close();
  });

  test("outcomeOf reads any handle at run time (notebook cells)", async () => {
    const conn = await qmk.local({ inMemory: true, seed: 4 });
    const alice = await conn.tenant("alice");
    const q: Qubit<"alice"> = alice.qubit();
    expect(() => outcomeOf(q)).toThrow(QmkError);
    x(q);
    measure(q);
    const later: Qubit<"alice"> = q; // what the next notebook cell sees
    expect(outcomeOf(later)).toBe(1);
    await conn.close();
  });
});

describe("token sessions", () => {
  test("conn.session(token, tenant) checks the token's tenant", async () => {
    const conn = await qmk.local({ inMemory: true, seed: 4 });
    const alice = await conn.tenant("alice");
    const again = await conn.session(alice.token, "alice");
    expect(again.tenant).toBe("alice");
    await expect(conn.session(alice.token, "bob")).rejects.toMatchObject({ codeName: "AUTH_FAILED" });
    await conn.close();
  });
});

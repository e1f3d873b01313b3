// Run-time backstop: every must-fail case of the type tests also fails at
// run time (aliases and casts slip past the compiler, never past the DSL).
import { describe, expect, test } from "vitest";
import {
  qmk,
  cx,
  cz,
  free,
  h,
  ifOne,
  measure,
  measureAngle,
  measureBell,
  measureX,
  measureY,
  reset,
  rz,
  x,
  QmkError,
  type Qubit,
  type Session,
} from "../../dsl/index.js";
import { FakeKernel } from "./fake-kernel.js";

async function setup(opts: { queued?: boolean; sync?: boolean } = {}) {
  const k = new FakeKernel(11, opts.sync ?? true);
  const conn = qmk.over(k, undefined, { queued: opts.queued });
  const alice = await conn.tenant("alice");
  const bob = await conn.tenant("bob");
  return { k, conn, alice, bob };
}

function violation(fn: () => unknown, kind: string, name = "LINEARITY_VIOLATION"): QmkError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(QmkError);
    const q = e as QmkError;
    expect(q.codeName).toBe(name);
    if (kind) expect(q.data.violation).toBe(kind);
    return q;
  }
  throw new Error("expected a " + name);
}

describe("linearity at run time (casts and aliases)", () => {
  test.each([
    ["measure", (q: any) => measure(q)],
    ["measureX", (q: any) => measureX(q)],
    ["measureY", (q: any) => measureY(q)],
    ["measureAngle", (q: any) => measureAngle(q, 0.4)],
  ])("use after %s, and double measure", async (_n, m) => {
    const { alice, k } = await setup();
    const q: any = alice.qubit();
    m(q);
    const before = k.calls.length;
    const e = violation(() => h(q), "use_after_measure");
    expect(e.message).toMatch(/use after measure on q0, which is measured/);
    violation(() => q.h(), "use_after_measure");
    violation(() => m(q), "double_measure");
    expect(k.calls.length).toBe(before); // refused before reaching the kernel
  });

  test("use after Bell measurement (both operands)", async () => {
    const { alice } = await setup();
    const a: any = alice.qubit();
    const b: any = alice.qubit();
    h(a);
    measureBell(a, b);
    expect([a.outcome, b.outcome].every((v: number) => v === 0 || v === 1)).toBe(true);
    violation(() => x(a), "use_after_measure");
    violation(() => x(b), "use_after_measure");
  });

  test("alias made before the consuming call", async () => {
    const { alice } = await setup();
    const q = alice.qubit();
    const alias = q;
    measure(q);
    violation(() => x(alias), "use_after_measure");
  });

  test("use after free, double free", async () => {
    const { alice } = await setup();
    const q: any = alice.qubit();
    free(q);
    violation(() => h(q), "use_after_free");
    violation(() => measure(q), "use_after_free");
    violation(() => reset(q), "use_after_free");
    violation(() => free(q), "double_free");
  });

  test("gate on a reset qubit works again", async () => {
    const { alice } = await setup();
    const q = alice.qubit();
    x(q);
    measure(q);
    expect(q.outcome).toBe(1);
    reset(q);
    h(q);
    h(q);
    measure(q);
    expect(q.outcome).toBe(0);
    free(q);
  });

  test("same qubit twice in one gate", async () => {
    const { alice } = await setup();
    const q = alice.qubit();
    violation(() => cx(q, q), "duplicate_operand");
  });

  test("reading a result before measurement", async () => {
    const { alice } = await setup();
    const q: any = alice.qubit();
    violation(() => q.outcome, "read_before_measure");
    violation(() => ifOne(q, () => {}), "read_before_measure");
  });

  test("cross-tenant gate without a channel (a bob handle smuggled to alice)", async () => {
    const { alice, bob } = await setup();
    const a = alice.qubit();
    const b = bob.qubit() as unknown as Qubit<"alice">;
    violation(() => cx(a, b), "", "FIREWALL_VIOLATION");
  });

  test("cross-tenant gate: loan without channel, wrong channel, wrong order, right channel", async () => {
    const { alice, bob, conn } = await setup();
    const carol = await conn.tenant("carol");
    const req = await alice.requestChannel(bob, { maxUses: 3 });
    const ch = await bob.approve(req);
    const req2 = await alice.requestChannel(carol);
    const chCarol = await carol.approve(req2);
    const qb = bob.qubit();
    x(qb);
    const a = alice.qubit();
    const loan = bob.lend(qb, ch);
    violation(() => (cx as any)(a, loan), "", "CHANNEL_UNAUTHORIZED");
    violation(() => (cx as any)(a, loan, chCarol), "", "CHANNEL_UNAUTHORIZED");
    violation(() => (cx as any)(loan, a, ch), "", "CHANNEL_UNAUTHORIZED");
    // bob's own qubit as control of an op on alice's qubit: refused at run time
    violation(() => (cx as any)(qb, a), "", "FIREWALL_VIOLATION");
  }, 10_000);
});

describe("cross-tenant with the right channel", () => {
  test("cx(alice, bob's loan, ch) runs and the loan is one-use", async () => {
    const { alice, bob } = await setup();
    const ch = await bob.approve(await alice.requestChannel(bob, { maxUses: 2 }));
    const a = alice.qubit();
    const qb = bob.qubit();
    x(a);
    const loan = bob.lend(qb, ch);
    cx(a, loan, ch);
    measure(qb);
    expect(qb.outcome).toBe(1); // alice's control flipped bob's qubit
    const e = violation(() => cz(a, loan, ch), "", "CHANNEL_UNAUTHORIZED");
    expect(e.data.rule).toBe("loan_used");
  });
});

describe("tenant names at run time", () => {
  test("a non-string or empty tenant name is refused", async () => {
    const { conn } = await setup();
    const name: any = "";
    await expect(conn.tenant(name)).rejects.toMatchObject({ codeName: "INVALID_PARAMS" });
  });
});

describe("queued (remote-style) sessions", () => {
  test("outcomes need await session.sync()", async () => {
    const { alice } = await setup({ sync: false });
    expect(alice.synchronous).toBe(false);
    const q = alice.qubit();
    x(q);
    measure(q);
    expect(() => q.outcome).toThrow(/await session.sync\(\)/);
    await alice.sync();
    expect(q.outcome).toBe(1);
  });

  test("ifOne is ordered inside the queue; errors surface at sync()", async () => {
    const { alice } = await setup({ sync: false });
    const [a, b] = alice.alloc(2);
    x(a);
    measure(a);
    ifOne(a, () => x(b));
    measure(b);
    await alice.sync();
    expect(b.outcome).toBe(1);
    const c = alice.qubit();
    expect(() => rz(c, "theta")).toThrow(/bind named parameters/); // unbound parameter: refused at the call site
    alice.params = { theta: Math.PI };
    rz(c, "theta");
  });

  test("a condition measured by another queued session guards this session's ops", async () => {
    const { alice, bob } = await setup({ sync: false });
    for (const flip of [true, false]) {
      const a = alice.qubit();
      if (flip) x(a);
      measure(a);
      const b = bob.qubit();
      ifOne(a, () => x(b)); // bob's op, alice's outcome (not known yet)
      measure(b);
      await bob.sync();
      await alice.sync();
      expect(b.outcome).toBe(a.outcome);
      expect(b.outcome).toBe(flip ? 1 : 0);
    }
  });

  test("a synchronous session refuses an op conditioned on a queued session's unknown outcome", async () => {
    const k = new FakeKernel(1, true);
    const remote = await qmk.over(k, undefined, { queued: true }).tenant("alice");
    const local = await qmk.over(k).tenant("bob");
    const a = remote.qubit();
    measure(a);
    const b = local.qubit();
    expect(() => ifOne(a, () => x(b))).toThrow(/await session.sync\(\)/);
    await remote.sync();
    ifOne(a, () => x(b));
  });

  test("a kernel error in a queued op is thrown by sync()", async () => {
    const { alice, k } = await setup({ sync: false });
    const q = alice.qubit();
    await alice.sync();
    (q as any).vq = "vq999"; // forged handle: only the kernel can tell
    h(q);
    await expect(alice.sync()).rejects.toMatchObject({ codeName: "INVALID_HANDLE" });
    expect(k.calls.at(-1)?.method).toBe("q_apply");
  });
});

describe("session shape", () => {
  test("tenant brand and registers", async () => {
    const { alice } = await setup();
    const s: Session<"alice"> = alice;
    expect(s.tenant).toBe("alice");
    const reg = alice.register(3);
    expect(reg.length).toBe(3);
    h(reg[0]);
    cx(reg[0], reg[1]);
    cx(reg[1], reg[2]);
    measure(reg[0]);
    measure(reg[1]);
    measure(reg[2]);
    expect(new Set([reg[0].outcome, reg[1].outcome, reg[2].outcome]).size).toBe(1);
  });
});

// Multi-tenant captured graphs: cross-tenant gates name the channel; the
// verifier checks it; the kernel runs it for an admin.
import { describe, expect, test } from "vitest";
import { verifyGraph } from "../../kernel/qvm/verifier.js";
import { qmk, jointCircuit, cx, h, measure, free, QmkError, type Channel, type QubitSource } from "../../dsl/index.js";

describe("jointCircuit", () => {
  test("Bell pair across alice and bob through their channel: verifies and runs for an admin", async () => {
    const conn = await qmk.local({ inMemory: true, seed: 6 });
    const alice = await conn.tenant("alice");
    const bob = await conn.tenant("bob");
    const ch = await bob.approve(await alice.requestChannel(bob, { maxUses: 1000 }));
    const prog = (sa: QubitSource<"alice">, sb: QubitSource<"bob">) => {
      const qa = sa.qubit();
      const qb = sb.qubit();
      h(qa);
      cx(qa, qb, ch);
      measure(qa);
      measure(qb);
      const out = { a: qa.bit, b: qb.bit };
      free(qa);
      free(qb);
      return out;
    };
    const c = jointCircuit(alice, bob, prog);
    const g = c.toGraph();
    expect(g.program.nodes.filter((n) => n.op === "ALLOC_LQ").map((n) => n.args!.tenant)).toEqual(["alice", "bob"]);
    const cnot = g.program.nodes.find((n) => n.op === "APPLY_CNOT")!;
    expect(typeof cnot.args!.channel).toBe("string");
    // verifier: valid only when the channel authorizes exactly this pair
    const ok = verifyGraph(g, { strict: true, channelValid: (a, b, id) => id === cnot.args!.channel && a !== b });
    expect(ok.errors).toEqual([]);
    expect(ok.tenants).toEqual(["alice", "bob"]);
    expect(verifyGraph(g, { channelValid: () => false }).valid).toBe(false);
    // a tenant cannot run a multi-tenant graph; an admin can
    await expect(c.run({ shots: 10, session: alice as never })).rejects.toBeInstanceOf(QmkError);
    const counts = await c.run({ shots: 200, seed: 1, session: await conn.admin() });
    expect(Object.keys(counts.counts).sort()).toEqual(["00", "11"]);
    await conn.close();
  });

  test("without a channel, or with the wrong order, the capture is refused (and does not compile)", () => {
    expect(() =>
      jointCircuit("alice", "bob", (sa, sb) => {
        const qa = sa.qubit();
        const qb = sb.qubit();
        // @ts-expect-error Qubit<"bob"> is not a Live<"alice">
        cx(qa, qb);
      }),
    ).toThrow(/need a channel/);
    const fake = { from: "alice", to: "bob", id: "x", handleFor: () => "x" } as unknown as Channel<"alice", "bob">;
    expect(() =>
      jointCircuit("alice", "bob", (sa, sb) => {
        const qa = sa.qubit();
        const qb = sb.qubit();
        // @ts-expect-error Channel<"alice","bob"> does not authorize (bob, alice) in that order
        cx(qb, qa, fake);
      }),
    ).toThrow(/in this order/);
  });
});

// measureBell(a, b, ch): a Bell measurement of own qubits whose component
// spans another tenant needs the channel (the kernel firewall consumes one
// use); without it the kernel refuses. Also: session.components() data.
import { describe, expect, expectTypeOf, test } from "vitest";
import { verifyGraph } from "../../kernel/qvm/verifier.js";
import {
  qmk,
  cx,
  free,
  h,
  jointCircuit,
  measure,
  measureBell,
  stateOf,
  type Channel,
  type EntanglementComponent,
  type EntanglementComponents,
} from "../../dsl/index.js";

async function setup(maxUses = 10) {
  const conn = await qmk.local({ inMemory: true, seed: 11 });
  const alice = await conn.tenant("alice");
  const bob = await conn.tenant("bob");
  const ch = await bob.approve(await alice.requestChannel(bob, { maxUses }));
  return { conn, alice, bob, ch };
}

const uses = async (ch: Channel) => (await ch.status()) as { used: number };

describe("measureBell across a cross-tenant component", () => {
  test("without the channel the kernel refuses (FIREWALL_VIOLATION); with it, it runs and consumes one use", async () => {
    const { conn, alice, bob, ch } = await setup();
    const [psi, half] = alice.alloc(2);
    const target = bob.qubit();
    h(half);
    cx(half, bob.lend(target, ch), ch);
    expect((await uses(ch)).used).toBe(1);

    const comps: EntanglementComponents = await alice.components();
    const cross = comps.components.find((c) => c.tenants.length > 1)!;
    expect([...cross.tenants].sort()).toEqual(["alice", "bob"]);
    expect([cross.size, cross.own.length, cross.foreign]).toEqual([2, 1, 1]);
    expect(typeof cross.own[0]).toBe("string");

    expect(() => measureBell(psi, half)).toThrow(expect.objectContaining({ codeName: "FIREWALL_VIOLATION" }));
    expect(stateOf(psi)).toBe("live"); // a refused op leaves the handles as they were
    measureBell(psi, half, ch);
    expect(stateOf(half)).toBe("measured");
    expect(psi.bellBits.map((b) => b.value).every((v) => v === 0 || v === 1)).toBe(true);
    expect((await uses(ch)).used).toBe(2);
    measure(target);
    free(psi);
    free(half);
    free(target);
    await conn.close();
  });

  test("a same-tenant Bell measurement with a channel runs too (no channel use is consumed)", async () => {
    const { conn, alice, ch } = await setup();
    const [a, b] = alice.alloc(2);
    h(a);
    cx(a, b);
    measureBell(a, b, ch);
    expect(a.bellIndex).toBe(0); // (|00⟩+|11⟩)/√2 is Φ+
    expect((await uses(ch)).used).toBe(0);
    free(a);
    free(b);
    await conn.close();
  });

  test("the channel's other direction works; a channel not involving the tenant, or a revoked one, is refused", async () => {
    const { conn, alice, bob } = await setup();
    const back = await alice.approve(await bob.requestChannel(alice, { maxUses: 4 })); // Channel<"bob", "alice">
    const [psi, half] = alice.alloc(2);
    const target = bob.qubit();
    h(half);
    cx(target, alice.lend(half, back), back); // Bob's op on Alice's lent qubit
    const carol = await conn.tenant("carol");
    const bc = await carol.approve(await bob.requestChannel(carol, { maxUses: 4 })); // Channel<"bob", "carol">
    // @ts-expect-error a channel that does not involve alice
    expect(() => measureBell(psi, half, bc)).toThrow(expect.objectContaining({ codeName: "CHANNEL_UNAUTHORIZED" }));
    measureBell(psi, half, back);
    measure(target);
    free(psi);
    free(half);
    free(target);

    const [p2, h2] = alice.alloc(2);
    await back.revoke();
    expect(() => measureBell(p2, h2, back)).toThrow(expect.objectContaining({ codeName: "CHANNEL_REVOKED_OR_EXPIRED" }));
    await conn.close();
  });

  test("queued sessions send the channel with MEASURE_BELL", async () => {
    const conn = await qmk.local({ inMemory: true, seed: 5, queued: true });
    const alice = await conn.tenant("alice");
    const bob = await conn.tenant("bob");
    const ch = await bob.approve(await alice.requestChannel(bob, { maxUses: 2 }));
    const [psi, half] = alice.alloc(2);
    const target = bob.qubit();
    h(half);
    cx(half, bob.lend(target, ch), ch);
    measureBell(psi, half, ch);
    measure(target);
    await alice.sync();
    await bob.sync();
    expect((await uses(ch)).used).toBe(2);
    expect([0, 1, 2, 3]).toContain(psi.bellIndex);
    await conn.close();
  });

  test("captured in a joint graph: MEASURE_BELL carries args.channel and the verifier accepts it (and refuses it without)", async () => {
    const { conn, alice, bob, ch } = await setup(1000);
    const prog = (withChannel: boolean) =>
      jointCircuit(alice, bob, (sa, sb) => {
        const [psi, half] = sa.alloc(2);
        const target = sb.qubit();
        h(half);
        cx(half, target, ch);
        if (withChannel) measureBell(psi, half, ch);
        else measureBell(psi, half);
        measure(target);
        const out = { t: target.bit, z: psi.bellBits[1] }; // no corrections: Bob's bit = zParity
        free(psi);
        free(half);
        free(target);
        return out;
      });
    const g = prog(true).toGraph();
    const bell = g.program.nodes.find((n) => n.op === "MEASURE_BELL")!;
    const cnot = g.program.nodes.find((n) => n.op === "APPLY_CNOT")!;
    expect(bell.args!.channel).toBe(cnot.args!.channel);
    const valid = (a: string, b: string, id: string) => id === cnot.args!.channel && a !== b;
    expect(verifyGraph(g, { strict: true, channelValid: valid }).errors).toEqual([]);
    const bad = verifyGraph(prog(false).toGraph(), { channelValid: valid });
    expect(bad.valid).toBe(false);
    expect(JSON.stringify(bad.errors)).toMatch(/MEASURE_BELL|names no channel/);
    const counts = await prog(true).run({ shots: 50, seed: 2, session: await conn.admin() });
    expect(Object.keys(counts.counts).every((k) => k === "00" || k === "11")).toBe(true);
    await conn.close();
  });
});

describe("session.components() is typed", () => {
  test("EntanglementComponents", () => {
    expectTypeOf<EntanglementComponents["components"][number]>().toEqualTypeOf<EntanglementComponent>();
    expectTypeOf<EntanglementComponent["own"]>().toEqualTypeOf<readonly string[]>();
    expectTypeOf<EntanglementComponent["foreign"]>().toEqualTypeOf<number>();
  });
});

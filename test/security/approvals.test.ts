// Attack class 3: approving one's own request, approving (or rejecting) as a
// third tenant, and reusing a lent qubit's consent twice.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  MODES, alloc, denied, expectAudited, auditMark, expectVictimStatistics, expectVictimUntouched, makeWorld, openChannel, prepareVictim, printTally,
  type Victim, type World, useWorldWithVictim } from "./harness.js";

afterAll(() => printTally("approvals"));

describe.each(MODES)("approval and loan attacks (%s)", (mode) => {
  let w: World;
  let v: Victim;
  useWorldWithVictim(mode, (world, victim) => ((w = world), (v = victim)));

  it("the requester cannot approve its own request; a third tenant can neither approve nor reject it", async () => {
    const { alice, bob, carol } = w.p;
    const req = await alice.q("q_request_channel", { peer: "bob", max_uses: 3 });
    const d = await denied(w, "self-approval", "CHANNEL_UNAUTHORIZED", "op.deny", () => alice.q("q_approve_channel", { request_id: req.request_id }), { tenant: "alice" });
    expect(d.data.rule).toBe("only_peer");
    await denied(w, "third tenant approves", "CHANNEL_UNAUTHORIZED", "op.deny", () => carol.q("q_approve_channel", { request_id: req.request_id }), { tenant: "carol" });
    await denied(w, "third tenant rejects", "CHANNEL_UNAUTHORIZED", "op.deny", () => carol.q("q_approve_channel", { request_id: req.request_id, approve: false }));
    await denied(w, "requester rejects on the peer's behalf", "CHANNEL_UNAUTHORIZED", "op.deny", () => alice.q("q_approve_channel", { request_id: req.request_id, approve: false }));
    // a channel to oneself is not a channel
    await denied(w, "request a channel to oneself", "INVALID_PARAMS", "op.deny", () => alice.q("q_request_channel", { peer: "alice", max_uses: 1 }));
    // the request is still pending and the pending channel authorizes nothing
    expect((await alice.q("q_chan_status", { channel: req.channel })).state).toBe("pending");
    const [a] = await alloc(alice, 1);
    const ok = await openChannel(alice, bob, 1);
    const [b] = await alloc(bob, 1);
    const { loan } = await bob.q("q_lend_qubit", { channel: ok.bCh, vq: b });
    await denied(w, "pending channel used with a loan", "CHANNEL_UNAUTHORIZED", "op.deny", () =>
      alice.q("q_apply", { op: "CNOT", vqs: [a, loan], channel: req.channel }));
    // the real peer approves; then it works
    await bob.q("q_approve_channel", { request_id: req.request_id });
    expect((await alice.q("q_chan_status", { channel: req.channel })).state).toBe("active");
    await expectVictimUntouched(v);
  });

  it("a lent qubit's consent cannot be used twice, aliased, or stretched to another qubit", async () => {
    const { alice, bob, carol } = w.p;
    const ch = await openChannel(alice, bob, 10);
    const [a0, a1] = await alloc(alice, 2);
    const [b0, b1] = await alloc(bob, 2);
    const { loan } = await bob.q("q_lend_qubit", { channel: ch.bCh, vq: b0 });
    await denied(w, "loan aliased as both operands", "LINEARITY_VIOLATION", "linearity.violation", () =>
      alice.q("q_apply", { op: "CNOT", vqs: [loan, loan], channel: ch.aCh }));
    // a third tenant with the loan handle and its own channel to bob
    const cb = await openChannel(carol, bob, 2);
    const [c] = await alloc(carol, 1);
    await denied(w, "loan stolen by a third tenant", "CHANNEL_UNAUTHORIZED", "op.deny", () =>
      carol.q("q_apply", { op: "CNOT", vqs: [c, loan], channel: cb.aCh }));
    // a loan is consent for one entangling op, not for local ops on the peer's qubit
    for (const [label, m, p] of [
      ["X on a loaned qubit", "q_apply", { op: "X", vqs: [loan], channel: ch.aCh }],
      ["RY on a loaned qubit", "q_apply", { op: "RY", vqs: [loan], args: { theta: 1 } }],
      ["measure a loaned qubit", "q_measure", { vq: loan }],
      ["reset a loaned qubit", "q_reset", { vq: loan }],
    ] as const) {
      await denied(w, label, "ACCESS_DENIED", "op.deny", () => alice.q(m, p as Record<string, unknown>));
    }
    await denied(w, "release a loaned qubit", "INVALID_HANDLE", "handle.refuse", () => alice.q("q_release", { vqs: [loan] }));
    await denied(w, "amplitudes of a loaned qubit", "INVALID_HANDLE", "handle.refuse", () => alice.q("q_amplitudes", { vqs: [loan] }));
    expect((await bob.q("q_amplitudes", { vqs: [b0] })).probabilities[0]).toBeCloseTo(1, 12);
    // the legitimate single use
    await alice.q("q_apply", { op: "CNOT", vqs: [a0, loan], channel: ch.aCh });
    // the spent loan cannot be used a second time (it named b0 for one operation only)
    const d = await denied(w, "reuse a spent loan", "CHANNEL_UNAUTHORIZED", "op.deny", () =>
      alice.q("q_apply", { op: "CNOT", vqs: [a1, loan], channel: ch.aCh }));
    expect(d.data.rule).toBe("loan_used");
    // lending a measured qubit
    await bob.q("q_measure", { vq: b1 });
    await denied(w, "lend a measured qubit", "LINEARITY_VIOLATION", "linearity.violation", () => bob.q("q_lend_qubit", { channel: ch.bCh, vq: b1 }));
    expect((await alice.q("q_chan_status", { channel: ch.aCh })).used).toBe(1);
    await expectVictimUntouched(v);
  });

  it("the victim's statistics are unchanged (5σ)", async () => {
    await expectVictimStatistics(v, 40);
  });
});

// KERNEL BUG (see report): a spent loan is deleted by LoanBook.redeem, so its
// reuse is refused as INVALID_HANDLE "unknown loan" (kernel/syscall/handlers/eager.ts:50)
// and the intended CHANNEL_UNAUTHORIZED rule "loan_used" branch (eager.ts:51) is dead.
describe("KERNEL BUG: reuse of a spent loan is CHANNEL_UNAUTHORIZED (loan_used)", () => {
  it.each(MODES)("%s", async (mode) => {
    const w = await makeWorld(mode);
    try {
      const { alice, bob } = w.p;
      const ch = await openChannel(alice, bob, 4);
      const [a0, a1] = await alloc(alice, 2);
      const [b] = await alloc(bob, 1);
      const { loan } = await bob.q("q_lend_qubit", { channel: ch.bCh, vq: b });
      await alice.q("q_apply", { op: "CNOT", vqs: [a0, loan], channel: ch.aCh });
      const mark = await auditMark(w);
      const err = await alice.q("q_apply", { op: "CNOT", vqs: [a1, loan], channel: ch.aCh }).then(() => null, (e: any) => e);
      expect(err, "spent loan accepted").not.toBeNull();
      expect(err.codeName).toBe("CHANNEL_UNAUTHORIZED");
      expect(err.data.rule).toBe("loan_used");
      await expectAudited(w, mark, { type: "op.deny", reason: "CHANNEL_UNAUTHORIZED" });
    } finally {
      await w.close();
    }
  });
});

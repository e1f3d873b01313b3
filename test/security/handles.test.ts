// Attack class 7: handle forgery — a bit flip at every position of a VQ,
// session and job handle, truncation, a handle of another kind, of another
// session, and of another tenant.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  MODES, alloc, auditMark, denied, expectAudited, expectVictimStatistics, expectVictimUntouched, flipChar, graph, makeWorld, prepareVictim, printTally,
  type Victim, type World, useWorldWithVictim } from "./harness.js";

afterAll(() => printTally("handles"));

/** every position of the handle, flipped one character (6 bits) at a time — plus a real single-bit flip of every raw byte */
function allFlips(h: string): string[] {
  const out = new Set<string>();
  for (let i = 0; i < h.length; i++) out.add(flipChar(h, i));
  out.delete(h);
  return [...out];
}

describe.each(MODES)("handle forgery (%s)", (mode) => {
  let w: World;
  let v: Victim;
  useWorldWithVictim(mode, (world, victim) => ((w = world), (v = victim)));

  it("a VQ handle flipped at every position is refused (INVALID_HANDLE), and each refusal is audited", async () => {
    const { alice } = w.p;
    const [q] = await alloc(alice, 1);
    const forged = allFlips(q);
    expect(forged.length).toBeGreaterThan(60);
    const mark = await auditMark(w);
    for (const [i, f] of forged.entries()) {
      await denied(w, `vq bit flip @${i}`, "INVALID_HANDLE", "handle.refuse", () => alice.q("q_apply", { op: "X", vqs: [f] }));
    }
    const ev = await w.admin.q("q_audit_query", { filters: { type: "handle.refuse", after: mark, limit: 10_000 } });
    expect(ev.events.length).toBeGreaterThanOrEqual(forged.length);
    // the real handle still works and the qubit never saw an X
    expect((await alice.q("q_amplitudes", { vqs: [q] })).probabilities[0]).toBeCloseTo(1, 12);
    await expectVictimUntouched(v);
  });

  it("session handles: every position flipped, truncated, another kind", async () => {
    const { alice } = w.p;
    const [q] = await alloc(alice, 1);
    for (const [i, f] of allFlips(alice.sid).entries()) {
      await denied(w, `session bit flip @${i}`, "INVALID_HANDLE", "handle.refuse", () => alice.c.call("q_get_telemetry", { session_id: f }));
    }
    for (const cut of [1, 5, 20, alice.sid.length - 44, alice.sid.length - 1]) {
      await denied(w, `session truncated by ${cut}`, "INVALID_HANDLE", "handle.refuse", () => alice.c.call("q_get_telemetry", { session_id: alice.sid.slice(0, -cut) }));
    }
    await denied(w, "vq handle as session", "INVALID_HANDLE", "handle.refuse", () => alice.c.call("q_get_telemetry", { session_id: q }));
    await denied(w, "token as session", "INVALID_HANDLE", "handle.refuse", () => alice.c.call("q_get_telemetry", { session_id: alice.token }));
    await denied(w, "no session", "INVALID_HANDLE", "handle.refuse", () => alice.c.call("q_get_telemetry", {}));
    for (const junk of [null, 42, ["x"], { a: 1 }, "", "a.b", "x".repeat(5000)]) {
      await denied(w, `junk session ${JSON.stringify(junk)?.slice(0, 12)}`, "INVALID_HANDLE", "handle.refuse", () => alice.c.call("q_get_telemetry", { session_id: junk }));
    }
    await expectVictimUntouched(v);
  });

  it("VQ handles: truncation, other kinds, another tenant's, forged kind swap", async () => {
    const { alice, bob } = w.p;
    const [q] = await alloc(alice, 1);
    for (const cut of [1, 2, 10, 43, 44, 45, q.length - 2]) {
      await denied(w, `vq truncated by ${cut}`, "INVALID_HANDLE", "handle.refuse", () => alice.q("q_apply", { op: "H", vqs: [q.slice(0, -cut)] }));
    }
    await denied(w, "vq extended", "INVALID_HANDLE", "handle.refuse", () => alice.q("q_apply", { op: "H", vqs: [q + "A"] }));
    await denied(w, "session handle as vq", "INVALID_HANDLE", "handle.refuse", () => alice.q("q_apply", { op: "H", vqs: [alice.sid] }));
    const job = await alice.q("q_submit", { graph: graph([{ id: "a", op: "ALLOC_LQ", args: { n: 1 }, vqs: ["x"] }, { id: "m", op: "MEASURE_Z", vqs: ["x"], produces: ["e"] }], ["x"], ["e"]), policy: { shots: 1 } });
    await denied(w, "job handle as vq", "INVALID_HANDLE", "handle.refuse", () => alice.q("q_apply", { op: "H", vqs: [job.job_id] }));
    await denied(w, "vq handle as job", "INVALID_HANDLE", "handle.refuse", () => alice.q("q_status", { job_id: q }));
    // swap the kind inside the body (re-encoded, tag kept)
    const [body, tag] = q.split(".");
    const swapped = Buffer.from(Buffer.from(body, "base64url").toString("utf8").replace("\u001fvq\u001f", "\u001fch\u001f")).toString("base64url") + "." + tag;
    await denied(w, "kind swapped in body", "INVALID_HANDLE", "handle.refuse", () => alice.q("q_apply", { op: "H", vqs: [swapped] }));
    // re-bind to another tenant in the body (tag kept)
    const rebound = Buffer.from(Buffer.from(body, "base64url").toString("utf8").replace("\u001falice\u001f", "\u001fbob\u001f")).toString("base64url") + "." + tag;
    await denied(w, "tenant rebound in body", "INVALID_HANDLE", "handle.refuse", () => bob.q("q_apply", { op: "H", vqs: [rebound] }));
    // bob presents alice's job and vq handles
    await denied(w, "cross-tenant job handle", "INVALID_HANDLE", "handle.refuse", () => bob.q("q_status", { job_id: job.job_id }));
    await denied(w, "cross-tenant job cancel", "INVALID_HANDLE", "handle.refuse", () => bob.q("q_cancel", { job_id: job.job_id }));
    await denied(w, "cross-tenant attestation", "INVALID_HANDLE", "handle.refuse", () => bob.q("q_attestation", { job_id: job.job_id }));
    await denied(w, "cross-tenant vq", "INVALID_HANDLE", "handle.refuse", () => bob.q("q_apply", { op: "H", vqs: [q] }));
    await denied(w, "cross-tenant lend", "INVALID_HANDLE", "handle.refuse", () => bob.q("q_lend_qubit", { channel: q, vq: q }));
    // the victim's handles presented by alice
    for (const h of v.vqs) await denied(w, "victim vq presented by attacker", "INVALID_HANDLE", "handle.refuse", () => alice.q("q_measure", { vq: h }));
    expect((await alice.q("q_amplitudes", { vqs: [q] })).probabilities[0]).toBeCloseTo(1, 12);
    await expectVictimUntouched(v);
  });

  it("the victim's statistics are unchanged (5σ)", async () => {
    await expectVictimStatistics(v, 40);
  });
});

// KERNEL BUG (see report): KernelCore.own() documents "its own tenant (and
// session for qubits)" but every caller passes sameSession=false, so a VQ
// handle issued to one session is accepted by any other session of the same
// tenant — including a rights-less or ALLOC-only delegated session, which can
// then read amplitudes of, gate, reset or free the parent session's qubits.
describe("KERNEL BUG: a VQ handle is bound to the session it was issued to", () => {
  it.each(MODES)("%s", async (mode) => {
    const w = await makeWorld(mode);
    try {
      const { alice } = w.p;
      const [q] = await alloc(alice, 1);
      await alice.q("q_apply", { op: "RY", vqs: [q], args: { theta: 1.0 } });
      const child = await alice.q("q_delegate", { rights: ["CAP_ALLOC"] });
      const s2 = (await alice.c.call("q_negotiate_caps", { token: child.token })).session_id;
      const mark = await auditMark(w);
      for (const [m, p] of [
        ["q_amplitudes", { vqs: [q] }],
        ["q_apply", { op: "X", vqs: [q] }],
        ["q_reset", { vq: q }],
        ["q_release", { vqs: [q] }],
      ] as const) {
        const err = await alice.c.call(m, { session_id: s2, ...p }).then(() => null, (e: any) => e);
        expect(err, `${m} from another session was accepted`).not.toBeNull();
        expect(err.codeName).toBe("INVALID_HANDLE");
      }
      await expectAudited(w, mark, { type: "handle.refuse", reason: "INVALID_HANDLE" });
      // and the rights-less child must not be able to harvest the parent's handles either
      const [q2] = await alloc(alice, 1);
      const comps = await alice.c.call("q_components", { session_id: s2 });
      const harvested: string[] = comps.components.flatMap((c: any) => c.own);
      for (const h of harvested) {
        const e = await alice.c.call("q_release", { session_id: s2, vqs: [h] }).then(() => null, (x: any) => x);
        expect(e, "a delegated session released a qubit of its parent session via q_components").not.toBeNull();
      }
      expect((await alice.q("q_amplitudes", { vqs: [q2] })).probabilities[0]).toBeCloseTo(1, 12);
    } finally {
      await w.close();
    }
  });
});

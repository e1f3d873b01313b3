// Issue 12 §7: a large submission is accepted at once and verified, then
// hashed, inside its job's own scheduler slices — never in one long call.
// The outcome is the one q_submit would have given: same codes, same data,
// same graph hash.
import { describe, expect, it } from "vitest";
import { graphHash } from "../../kernel/security/audit/index.js";
import { GraphHasher } from "../../kernel/jobs/graph-hasher.js";
import { SYNC_VERIFY_NODES } from "../../kernel/syscall/handlers/jobs.js";
import { ROOMY, caught, g, kernelWithAdmin } from "../kernel/helpers.js";

/** n H gates on one qubit, then measure and free: a valid graph of n + 3 nodes. */
function chain(n: number, extra: any[] = []): any {
  const nodes: any[] = [{ id: "a", op: "ALLOC_LQ", args: { n: 1 }, vqs: ["q"] }];
  for (let i = 0; i < n; i++) nodes.push({ id: `h${i}`, op: i % 2 ? "APPLY_H" : "APPLY_X", vqs: ["q"] });
  nodes.push({ id: "m", op: "MEASURE_Z", vqs: ["q"], produces: ["e"] }, ...extra, { id: "f", op: "FREE_LQ", vqs: ["q"] });
  return g(nodes, ["q"], ["e"]);
}

async function tenant(rights = ["CAP_ALLOC", "CAP_MEASURE"]) {
  const K = await kernelWithAdmin();
  const { token } = await K.A("q_create_tenant", { name: "big", rights, quota: ROOMY });
  const sid = (await K.k.call("q_negotiate_caps", { token })).session_id;
  return { K, call: (m: string, p: Record<string, unknown> = {}) => K.k.call(m, { session_id: sid, ...p }) };
}

describe("deferred verification of large graphs", () => {
  it("the streamed graph hash equals graphHash byte for byte (also with odd metadata)", () => {
    for (const graph of [chain(10), chain(5000), { ...chain(3), metadata: { z: "\u0000qmk-nodes\u0000", a: [1, { b: 2 }] } }, { ...chain(3), metadata: { s: "é\u2028" } }]) {
      const h = new GraphHasher(graph);
      let slices = 0;
      while (!h.advance(100)) slices++;
      expect(h.digest).toBe(graphHash(graph));
    }
  });

  it("a valid large graph runs and attests the same hash as a small one would", async () => {
    const { K, call } = await tenant();
    const graph = chain(SYNC_VERIFY_NODES + 100);
    const sub = await call("q_submit", { graph, policy: { shots: 3, seed: 1 } });
    expect(sub.verification).toBe("deferred");
    const r = await call("q_wait", { job_id: sub.job_id });
    expect(r.state).toBe("completed");
    // SYNC_VERIFY_NODES+100 gates alternating X,H from |0⟩: ends in H X ... ; just check it ran every shot
    expect(Object.values(r.counts as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(3);
    const att = await call("q_attestation", { job_id: sub.job_id });
    expect(att.graph_hash).toBe(graphHash(graph));
    await K.k.close();
  });

  it("an invalid large graph fails in q_wait with q_submit's code, node and field", async () => {
    const { K, call } = await tenant();
    // use after measure, near the end
    const bad = chain(SYNC_VERIFY_NODES + 10, [{ id: "late", op: "APPLY_H", vqs: ["q"] }]);
    const small = chain(10, [{ id: "late", op: "APPLY_H", vqs: ["q"] }]);
    const syncErr = await caught(call("q_submit", { graph: small }));
    const sub = await call("q_submit", { graph: bad });
    const r = await call("q_wait", { job_id: sub.job_id });
    expect(r.state).toBe("failed");
    expect(r.error.name).toBe(syncErr.codeName);
    expect(r.error.data.node).toBe("late");
    expect(r.error.data.node).toBe(syncErr.data.node);
    await K.k.close();
  });

  it("rights are checked before (opcode scan) and after verification", async () => {
    const { K, call } = await tenant(["CAP_ALLOC"]); // no CAP_MEASURE
    const e = await caught(call("q_submit", { graph: chain(SYNC_VERIFY_NODES + 10) }));
    expect(e?.codeName).toBe("INSUFFICIENT_CAPS");
    await K.k.close();
  });

  it("while a 100 000-node submission is being verified, another tenant's call is served between its slices", async () => {
    const { K, call } = await tenant();
    const { token } = await K.A("q_create_tenant", { name: "other", rights: ["CAP_ALLOC"], quota: ROOMY });
    const osid = (await K.k.call("q_negotiate_caps", { token })).session_id;
    const sub = await call("q_submit", { graph: chain(99_000) });
    // the job is still being prepared: another tenant's call is answered before it finishes
    let otherDone = false;
    const other = K.k.call("q_alloc", { session_id: osid, n: 1 }).then(() => (otherDone = true));
    const st = await call("q_status", { job_id: sub.job_id });
    await other;
    expect(otherDone).toBe(true);
    expect(["queued", "running", "completed"]).toContain(st.state);
    expect((await call("q_wait", { job_id: sub.job_id })).state).toBe("completed");
    await K.k.close();
  });
});

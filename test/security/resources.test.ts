// Attack class 6: resource exhaustion — qubit, channel, session and job
// quotas, rate limits, a 10⁶-node graph, a 40-qubit allocation. Each is
// refused cleanly, and other tenants keep working throughout.
import * as net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  MODES, alloc, attack, denied, expectVictimStatistics, expectVictimUntouched, graph, makeWorld, openChannel, prepareVictim, printTally,
  type Principal, type Victim, type World,
} from "./harness.js";

afterAll(() => printTally("resources"));

function hGraph(nq: number, gates: number): any {
  const vqs = Array.from({ length: nq }, (_, i) => `q${i}`);
  const nodes: any[] = [{ id: "a", op: "ALLOC_LQ", args: { n: nq }, vqs }];
  for (let i = 0; i < gates; i++) nodes.push({ id: `h${i}`, op: "APPLY_H", vqs: [vqs[i % nq]] });
  nodes.push({ id: "f", op: "FREE_LQ", vqs });
  return graph(nodes, vqs);
}

/** Send raw bytes over TCP; resolve with the first response line (or "" when the server closed first). */
function rawSend(port: number, payload: string): Promise<string> {
  return new Promise((resolve) => {
    const s = net.createConnection({ host: "127.0.0.1", port });
    let buf = "";
    s.setEncoding("utf8");
    s.on("data", (d: string) => {
      buf += d;
      const nl = buf.indexOf("\n");
      if (nl >= 0) {
        s.destroy();
        resolve(buf.slice(0, nl));
      }
    });
    s.on("error", () => resolve(buf));
    s.on("close", () => resolve(buf));
    s.write(payload);
  });
}

describe.each(MODES)("resource exhaustion (%s)", (mode) => {
  let w: World;
  let v: Victim;
  /** the bystander keeps working after every attack */
  const bystanderOk = async () => {
    const bob = w.p.bob;
    const [q] = await alloc(bob, 1);
    await bob.q("q_apply", { op: "X", vqs: [q] });
    expect((await bob.q("q_measure", { vq: q })).outcome).toBe(1);
    await bob.q("q_release", { vqs: [q] });
  };
  beforeAll(async () => {
    w = await makeWorld(mode);
    v = await prepareVictim(w.p.bob);
  });
  afterAll(async () => {
    await w?.close();
  });

  it("qubit quotas: logical and physical", async () => {
    const t = await w.tenant("hog1");
    await w.admin.q("q_set_quota", { tenant_id: t.name, quota: { logical_qubits: 3, physical_qubits: 60 } });
    let d = await denied(w, "alloc above logical quota", "QUOTA_EXCEEDED", "quota.exceeded", () => t.q("q_alloc", { n: 4 }), { tenant: t.name });
    expect(d.data.field).toBe("logical_qubits");
    await t.q("q_alloc", { n: 3 });
    await denied(w, "one more qubit", "QUOTA_EXCEEDED", "quota.exceeded", () => t.q("q_alloc", { n: 1 }));
    const t2 = await w.tenant("hog2");
    await w.admin.q("q_set_quota", { tenant_id: t2.name, quota: { physical_qubits: 60 } });
    d = await denied(w, "alloc above physical quota (Surface d=7 = 97)", "QUOTA_EXCEEDED", "quota.exceeded", () => t2.q("q_alloc", { n: 1, profile: "logical:Surface(d=7)" }));
    expect(d.data.field).toBe("physical_qubits");
    await bystanderOk();
    await expectVictimUntouched(v);
  });

  it("a 40-qubit allocation is refused cleanly (eager and in a job)", async () => {
    const t = await w.tenant("big");
    await w.admin.q("q_set_quota", { tenant_id: t.name, quota: { logical_qubits: 64, physical_qubits: 1_000_000 } });
    const d = await denied(w, "40-qubit eager alloc", "RESOURCE_EXHAUSTED", "quota.exceeded", () => t.q("q_alloc", { n: 40 }));
    expect(d.data.requested).toBe(40);
    await denied(w, "65-qubit eager alloc (over the ABI limit)", "INVALID_PARAMS", "op.deny", () => t.q("q_alloc", { n: 65 }));
    // a job: refused at submission or failed cleanly at its ALLOC node
    const sub = await t.q("q_submit", { graph: hGraph(40, 1), policy: { shots: 1 } }).then((x: any) => x, (e: any) => e);
    await attack(`${w.mode}: 40-qubit job`, "RESOURCE_EXHAUSTED", async () => {
      if (sub.codeName) throw sub;
      const r = await t.q("q_wait", { job_id: sub.job_id, timeout_ms: 20_000 });
      if (r.state === "failed") throw { codeName: r.error.name, code: r.error.code };
    });
    await bystanderOk();
    await expectVictimUntouched(v);
  });

  it("channel and session quotas", async () => {
    const t = await w.tenant("chatty");
    await w.admin.q("q_set_quota", { tenant_id: t.name, quota: { channels: 1, sessions: 2 } });
    await openChannel(t, w.p.carol, 1);
    const d = await denied(w, "second channel over quota", "QUOTA_EXCEEDED", "quota.exceeded", () => t.q("q_request_channel", { peer: "carol", max_uses: 1 }));
    expect(d.data.field).toBe("channels");
    await t.c.call("q_negotiate_caps", { token: t.token }); // 2nd session
    await denied(w, "third session over quota", "QUOTA_EXCEEDED", "quota.exceeded", () => t.c.call("q_negotiate_caps", { token: t.token }));
    await bystanderOk();
    await expectVictimUntouched(v);
  });

  it("job quotas: concurrent jobs, jobs per minute, gates per job", async () => {
    const t = await w.tenant("jobber");
    await w.admin.q("q_set_quota", { tenant_id: t.name, quota: { concurrent_jobs: 1, gates_per_job: 50 } });
    const long = await t.q("q_submit", { graph: hGraph(12, 12), policy: { shots: 100_000, seed: 1 } });
    await denied(w, "second concurrent job", "QUOTA_EXCEEDED", "quota.exceeded", () => t.q("q_submit", { graph: hGraph(1, 1), policy: { shots: 1 } }));
    await t.q("q_cancel", { job_id: long.job_id });
    const d = await denied(w, "job over gates_per_job", "QUOTA_EXCEEDED", "quota.exceeded", () => t.q("q_submit", { graph: hGraph(2, 60), policy: { shots: 1 } }));
    expect(d.data.field).toBe("gates_per_job");
    await w.admin.q("q_set_quota", { tenant_id: t.name, quota: { jobs_per_minute: 2, concurrent_jobs: 16 } });
    const results: any[] = [];
    for (let i = 0; i < 2; i++) results.push(await t.q("q_submit", { graph: hGraph(1, 1), policy: { shots: 1 } }).catch((e: any) => e));
    await denied(w, "jobs per minute", "RATE_LIMITED", "rate.limited", () => t.q("q_submit", { graph: hGraph(1, 1), policy: { shots: 1 } }));
    await bystanderOk();
    await expectVictimUntouched(v);
  });

  it("rate limits: API calls per minute and measurements per second", async () => {
    const t = await w.tenant("flood");
    const [q] = await alloc(t, 1);
    await w.admin.q("q_set_quota", { tenant_id: t.name, quota: { api_calls_per_minute: 20 } });
    let limited = 0;
    let lastErr: any;
    for (let i = 0; i < 40; i++) {
      try {
        await t.q("q_get_telemetry");
      } catch (e: any) {
        limited++;
        lastErr = e;
      }
    }
    expect(limited).toBeGreaterThanOrEqual(19);
    expect(lastErr.codeName).toBe("RATE_LIMITED");
    await denied(w, "API call over rate", "RATE_LIMITED", "rate.limited", () => t.q("q_apply", { op: "H", vqs: [q] }), { tenant: t.name });
    await bystanderOk();
    await w.admin.q("q_set_quota", { tenant_id: t.name, quota: { api_calls_per_minute: 1_000_000, measurements_per_second: 3 } });
    // the raised limit starts from the drained bucket: wait for its first token
    for (let i = 0; i < 100; i++) {
      if (await t.q("q_get_telemetry").then(() => true, () => false)) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    const qs = await alloc(t, 5);
    for (let i = 0; i < 3; i++) await t.q("q_measure", { vq: qs[i] });
    await denied(w, "measurement over rate", "RATE_LIMITED", "rate.limited", () => t.q("q_measure", { vq: qs[3] }));
    // refused: the qubit is still live
    await t.q("q_apply", { op: "H", vqs: [qs[3]] });
    await bystanderOk();
    await expectVictimUntouched(v);
  });

  it("a graph with 10⁶ nodes is refused (kernel limit in process, request size limit over RPC)", async () => {
    const alice = w.p.alice;
    const nodes: any[] = [{ id: "a", op: "ALLOC_LQ", args: { n: 1 }, vqs: ["q"] }];
    for (let i = 1; i < 1_000_000; i++) nodes.push({ id: `n${i}`, op: "APPLY_H", vqs: ["q"] });
    const huge = graph(nodes, ["q"]);
    if (mode === "inproc") {
      const d = await denied(w, "10^6-node graph", "RESOURCE_EXHAUSTED", "quota.exceeded", () => alice.q("q_submit", { graph: huge, policy: { shots: 1 } }));
      expect(d.data.field).toBe("params.graph.program.nodes");
    } else {
      const port = w.port!;
      const line = await rawSend(port, JSON.stringify({ jsonrpc: "2.0", id: 1, method: "q_submit", params: { session_id: alice.sid, graph: huge } }) + "\n");
      await attack("rpc: 10^6-node graph (request size limit)", "INVALID_REQUEST", async () => {
        if (line === "") throw { codeName: "INVALID_REQUEST", code: -32600 }; // closed before answering: also refused
        const r = JSON.parse(line);
        if (r.error) throw { codeName: r.error.data?.name ?? (r.error.code === -32600 ? "INVALID_REQUEST" : String(r.error.code)), code: r.error.code };
      });
      // 2·10⁵ nodes fit in a request: the kernel's own limit refuses them, audited
      const mid = graph(nodes.slice(0, 200_000), ["q"]);
      await denied(w, "2·10^5-node graph over RPC", "RESOURCE_EXHAUSTED", "quota.exceeded", () => alice.q("q_submit", { graph: mid, policy: { shots: 1 } }));
    }
    await alice.q("q_get_telemetry");
    await bystanderOk();
    await expectVictimUntouched(v);
  });

  it("the victim's statistics are unchanged (5σ)", async () => {
    await expectVictimStatistics(v, 40);
  });
});


// KERNEL BUG (see report): sessions are only closed on expiry (sweep, default
// 24 h) or when touched; there is no q_close_session and q_revoke does not
// close the revoked lineage's live sessions. A delegate can therefore use up
// its tenant's `sessions` quota, and revoking the delegate does not give the
// sessions back: the tenant is locked out until the sessions expire.
describe("KERNEL BUG: revoking a delegate frees the sessions it opened", () => {
  it.each(MODES)("%s", async (mode) => {
    const w = await makeWorld(mode, []);
    try {
      const t = await w.tenant("lockout", ["CAP_ALLOC"], { sessions: 4, api_calls_per_minute: 1_000_000 });
      const child = await t.q("q_delegate", { rights: ["CAP_ALLOC"] });
      let opened = 0;
      for (let i = 0; i < 10; i++) {
        const ok = await t.c.call("q_negotiate_caps", { token: child.token }).then(() => true, () => false);
        if (!ok) break;
        opened++;
      }
      expect(opened).toBe(3);
      // the delegate's sessions now lock the tenant itself out
      expect(await t.c.call("q_negotiate_caps", { token: t.token }).then(() => "OK", (e: any) => e.codeName)).toBe("QUOTA_EXCEEDED");
      await t.q("q_revoke", { token: child.token });
      await new Promise((r) => setTimeout(r, 1100));
      const after = await t.c.call("q_negotiate_caps", { token: t.token }).then(() => "OK", (e: any) => e.codeName);
      expect(after, "the tenant is still locked out after revoking the delegate").toBe("OK");
    } finally {
      await w.close();
    }
  });
});

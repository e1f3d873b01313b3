// Issue 12: what a tenant holding only its own token can observe, slow
// down, exhaust, or make the log forget. Each case is an attack that got
// through before (an outside suite reproduced it); each runs in process and
// over `qmk serve` (JSON-RPC on a Unix socket), the way an attacker meets it.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKernel, type Kernel } from "../../kernel/index.js";
import { serveKernel } from "../../kernel/rpc/serve-kernel.js";
import { JsonRpcTransport } from "../../dsl/transport/jsonrpc.js";
import { PREAUTH_WINDOW_MS } from "../../kernel/security/preauth.js";
import { ROOMY, caught, g } from "../kernel/helpers.js";

type Call = (method: string, params?: Record<string, unknown>) => Promise<any>;

interface World {
  kernel: Kernel;
  /** the raw door (in process, or a JSON-RPC client of `qmk serve`) */
  raw: Call;
  admin: Call;
  tenant(name: string, quota?: Record<string, number>, rights?: string[]): Promise<{ call: Call; token: string; sid: string }>;
  clock: { now: number };
  close(): Promise<void>;
}

async function world(transport: "in-process" | "serve"): Promise<World> {
  const clock = { now: Date.now() };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "qmk-iso-"));
  const kernel = await createKernel({ dataDir: dir, fsync: false, clock: () => clock.now });
  let raw: Call = (m, p = {}) => kernel.call(m, p);
  let closeTransport = async () => {};
  if (transport === "serve") {
    // The transport's own pre-auth limiter (case 12b) is opened wide here, so the kernel's
    // aggregation is what cases 12-14 measure over the wire too.
    const wide = { burst: 1_000_000, perSecond: 1_000_000 };
    const server = await serveKernel(kernel, { socketPath: path.join(dir, "qmk.sock"), limits: { preAuthPerConnection: wide, preAuthPerPeer: wide } });
    const client = await JsonRpcTransport.connect(server.socketPath!);
    raw = (m, p = {}) => client.call(m, p);
    closeTransport = async () => {
      await client.close();
      await server.close();
    };
  }
  const sessionOf = async (token: string) => (await raw("q_negotiate_caps", { token })).session_id as string;
  const adminSid = await sessionOf(kernel.adminToken);
  const admin: Call = (m, p = {}) => raw(m, { session_id: adminSid, ...p });
  return {
    kernel,
    raw,
    admin,
    clock,
    async tenant(name, quota = {}, rights = ["CAP_ALLOC", "CAP_MEASURE", "CAP_LINK"]) {
      const { token } = await admin("q_create_tenant", { name, rights, quota: { ...ROOMY, ...quota } });
      const sid = await sessionOf(token);
      return { token, sid, call: (m, p = {}) => raw(m, { session_id: sid, ...p }) };
    },
    async close() {
      await closeTransport();
      await kernel.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Allocate, H, measure: the tenant's own outcome stream. */
async function outcomes(call: Call, n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const [q] = (await call("q_alloc", { n: 1 })).vqs;
    await call("q_apply", { op: "H", vqs: [q] });
    out.push((await call("q_measure", { vq: q })).outcome);
    await call("q_release", { vqs: [q] });
  }
  return out;
}

const allEvents = async (w: World) => (await w.admin("q_audit_query", { filters: { limit: 100_000 } })).events as any[];

for (const transport of ["in-process", "serve"] as const) {
  describe(`issue 12 attacks (${transport})`, () => {
    let w: World;
    beforeAll(async () => {
      w = await world(transport);
    });
    afterAll(async () => {
      await w.close();
    });

    it("1. one tenant's measurements neither predict nor move another's (private streams)", async () => {
      // Two runs of the same kernel setup; in the second the attacker spends 40 draws first.
      // Bob's outcomes must be independent of Eve's activity: the same seed-free kernel gives
      // Bob the same stream only by chance, so compare the *mechanism*: with a seeded kernel,
      // Bob's stream is a function of (seed, bob, bob's sessions) alone.
      const run = async (eveDraws: number) => {
        const k = await createKernel({ inMemory: true, fsync: false, seed: 7 });
        const a = (await k.call("q_negotiate_caps", { token: k.adminToken })).session_id;
        const mk = async (name: string) => {
          const { token } = await k.call("q_create_tenant", { session_id: a, name, rights: ["CAP_ALLOC", "CAP_MEASURE"], quota: ROOMY });
          const sid = (await k.call("q_negotiate_caps", { token })).session_id;
          return ((m: string, p: Record<string, unknown> = {}) => k.call(m, { session_id: sid, ...p })) as Call;
        };
        const eve = await mk("eve");
        const bob = await mk("bob");
        await outcomes(eve, eveDraws);
        const bobs = await outcomes(bob, 24);
        await k.close();
        return bobs;
      };
      expect(await run(40)).toEqual(await run(0));
      // And without a seed, two tenants' streams are not the same sequence.
      const eve = await w.tenant("eve1");
      const bob = await w.tenant("bob1");
      const [e, b] = [await outcomes(eve.call, 48), await outcomes(bob.call, 48)];
      expect(e).not.toEqual(b);
    });

    it("1b. a job's explicit seed still replays exactly", async () => {
      const t = await w.tenant("seeder");
      const graph = g(
        [
          { id: "a", op: "ALLOC_LQ", args: { n: 2 }, vqs: ["q", "r"] },
          { id: "h", op: "APPLY_H", vqs: ["q"] },
          { id: "h2", op: "APPLY_H", vqs: ["r"] },
          { id: "m", op: "MEASURE_Z", vqs: ["q"], produces: ["e0"] },
          { id: "m2", op: "MEASURE_Z", vqs: ["r"], produces: ["e1"] },
          { id: "f", op: "FREE_LQ", vqs: ["q", "r"] },
        ],
        ["q", "r"],
        ["e0", "e1"],
      );
      const once = async () => {
        const { job_id } = await t.call("q_submit", { graph, policy: { shots: 200, seed: 42 } });
        return (await t.call("q_wait", { job_id })).counts;
      };
      expect(await once()).toEqual(await once());
    });

    it("2. amplitudes of a qubit whose state met another tenant's are refused until a reset", async () => {
      const alice = await w.tenant("alice2");
      const bob = await w.tenant("bob2");
      const { request_id, channel } = await alice.call("q_request_channel", { peer: "bob2", max_uses: 5 });
      const { channel: bobChannel } = await bob.call("q_approve_channel", { request_id });
      const [qa] = (await alice.call("q_alloc", { n: 1 })).vqs;
      const [qb] = (await bob.call("q_alloc", { n: 1 })).vqs;
      const { loan } = await bob.call("q_lend_qubit", { channel: bobChannel, vq: qb });
      await alice.call("q_apply", { op: "H", vqs: [qa] });
      await alice.call("q_apply", { op: "CNOT", vqs: [qa, loan], channel });
      await bob.call("q_measure", { vq: qb });
      const e = await caught(alice.call("q_amplitudes", { vqs: [qa] }));
      expect(e?.codeName).toBe("ACCESS_DENIED");
      expect(e.data.rule).toBe("foreign_history");
      await alice.call("q_reset", { vq: qa });
      expect((await alice.call("q_amplitudes", { vqs: [qa] })).probabilities[0]).toBeCloseTo(1, 12);
    });

    it("3. ids a tenant sees are opaque: no sequence counts other tenants' activity", async () => {
      const a = await w.tenant("ida");
      const b = await w.tenant("idb");
      const idOf = (h: string) => Buffer.from(h.split(".")[0], "base64url").toString("utf8").split("\u001f")[2];
      const q1 = idOf((await a.call("q_alloc", { n: 1 })).vqs[0]);
      for (let i = 0; i < 5; i++) await b.call("q_alloc", { n: 1 });
      const q2 = idOf((await a.call("q_alloc", { n: 1 })).vqs[0]);
      // random 48-bit ids: far apart, not q1+6
      expect(Math.abs(Number(q2) - Number(q1))).toBeGreaterThan(1000);
      const s1 = idOf(a.sid);
      expect(s1).toMatch(/^s_[A-Za-z0-9_-]{16}$/);
      const job = idOf((await a.call("q_submit", { graph: g([{ id: "a", op: "ALLOC_LQ", args: { n: 1 }, vqs: ["q"] }, { id: "f", op: "FREE_LQ", vqs: ["q"] }], ["q"]) })).job_id);
      expect(job).toMatch(/^j_[A-Za-z0-9_-]{16}$/);
      // the allocation ids in the tenant's own audit events are random too
      const own = (await a.call("q_audit_query", { filters: { type: "qubit.alloc" } })).events;
      for (const ev of own) expect(String(ev.details.allocation)).toMatch(/^pq-[A-Za-z0-9_-]{12}$/);
      // nor do its own audit events carry their position in the kernel-wide log (the gaps
      // between them would count the others' events), and it cannot bisect for them
      const scoped = await a.call("q_audit_query", {});
      expect(scoped.tree_size).toBeUndefined();
      expect(scoped.events.length).toBeGreaterThan(0);
      for (const ev of scoped.events) expect(ev.index).toBeUndefined();
      expect((await caught(a.call("q_audit_query", { filters: { after: 10 } })))?.codeName).toBe("INSUFFICIENT_CAPS");
    });

    it("4. telemetry and refusals show a tenant its own figures only; a peer's existence does not show", async () => {
      const t = await w.tenant("nosy", { logical_qubits: 30 });
      const tel = await t.call("q_get_telemetry", {});
      expect(tel.audit_tree_size).toBeUndefined();
      expect(tel.scheduler).toBeUndefined();
      expect(tel.tenant).toBe("nosy");
      const admTel = await w.admin("q_get_telemetry", {});
      expect(admTel.audit_tree_size).toBeGreaterThan(0);
      // capacity refusal: no machine-wide usage
      const e = await caught(t.call("q_alloc", { n: 30 }));
      expect(e?.codeName).toMatch(/RESOURCE_EXHAUSTED|QUOTA_EXCEEDED/);
      expect(e.data.used).toBeUndefined();
      expect(e.message).not.toMatch(/in use|free of/);
      // an unknown peer and an existing one answer alike
      const real = await t.call("q_request_channel", { peer: "alice2", max_uses: 1 });
      const ghost = await t.call("q_request_channel", { peer: "nobody-here", max_uses: 1 });
      expect(Object.keys(ghost).sort()).toEqual(Object.keys(real).sort());
      // nor does the request's status or the requester's own audit trail tell them apart
      const [rs, gs] = [await t.call("q_chan_status", { channel: real.channel }), await t.call("q_chan_status", { channel: ghost.channel })];
      expect(Object.keys(gs).sort()).toEqual(Object.keys(rs).sort());
      expect(gs.to).toBe("nobody-here");
      expect(gs.state).toBe(rs.state);
      const reqs = (await t.call("q_audit_query", { filters: { type: "channel.request" } })).events;
      expect(JSON.stringify(reqs)).not.toMatch(/ghost/);
      expect(reqs.map((e: any) => e.details.peer).sort()).toEqual(["alice2", "nobody-here"]);
    });

    it("5. a loan dies when its qubit is measured, reset or freed", async () => {
      const alice = await w.tenant("loana");
      const bob = await w.tenant("loanb");
      const { request_id, channel } = await alice.call("q_request_channel", { peer: "loanb", max_uses: 10 });
      const { channel: bobChannel } = await bob.call("q_approve_channel", { request_id });
      for (const spoil of ["q_measure", "q_reset"] as const) {
        const [qa] = (await alice.call("q_alloc", { n: 1 })).vqs;
        const [qb] = (await bob.call("q_alloc", { n: 1 })).vqs;
        const { loan } = await bob.call("q_lend_qubit", { channel: bobChannel, vq: qb });
        await bob.call(spoil, { vq: qb });
        const e = await caught(alice.call("q_apply", { op: "CNOT", vqs: [qa, loan], channel }));
        expect(e?.codeName, spoil).toBe("CHANNEL_UNAUTHORIZED");
        await alice.call("q_release", { vqs: [qa] });
        await bob.call("q_release", { vqs: [qb] });
      }
      // lending the same qubit again replaces the earlier loan: the book stays bounded
      const [qb] = (await bob.call("q_alloc", { n: 1 })).vqs;
      for (let i = 0; i < 50; i++) await bob.call("q_lend_qubit", { channel: bobChannel, vq: qb });
      expect(w.kernel.internals.channels.loanCount).toBeLessThanOrEqual(1);
    });

    it("7. a huge or invalid COND_PAULI mask is refused before any gate runs", async () => {
      const t = await w.tenant("masker");
      const [q] = (await t.call("q_alloc", { n: 1 })).vqs;
      const big = await caught(t.call("q_apply", { op: "COND_PAULI", vqs: [q], args: { mask: "X".repeat(100_000), fire: true } }));
      expect(big?.codeName).toBe("INVALID_PARAMS");
      const bad = await caught(t.call("q_apply", { op: "COND_PAULI", vqs: [q], args: { mask: "XQ", fire: true } }));
      expect(bad?.codeName).toBe("INVALID_PARAMS");
      expect(bad.data.field).toBe("params.args.mask");
      // the refused "XQ" applied nothing: still |0⟩
      expect((await t.call("q_amplitudes", { vqs: [q] })).probabilities[0]).toBeCloseTo(1, 12);
      const unknownArg = await caught(t.call("q_apply", { op: "H", vqs: [q], args: { junk: 1 } }));
      expect(unknownArg?.codeName).toBe("INVALID_PARAMS");
    });

    it("8. a tenant's priority orders its own jobs only; it cannot raise its share", async () => {
      const t = await w.tenant("greedy");
      const graph = g([{ id: "a", op: "ALLOC_LQ", args: { n: 1 }, vqs: ["q"] }, { id: "f", op: "FREE_LQ", vqs: ["q"] }], ["q"]);
      await t.call("q_submit", { graph, policy: { priority: 100 } });
      expect((w.kernel.internals.scheduler as any).weights.get("greedy")).toBeUndefined();
      expect(w.kernel.internals.tenants.quotaOf("greedy")!.scheduler_weight).toBe(1);
    });

    it("9. finished jobs and graph metadata are bounded per tenant", async () => {
      const t = await w.tenant("hoarder", { retained_jobs: 3 });
      const graph = g([{ id: "a", op: "ALLOC_LQ", args: { n: 1 }, vqs: ["q"] }, { id: "f", op: "FREE_LQ", vqs: ["q"] }], ["q"]);
      const big = { ...graph, metadata: { blob: "x".repeat(200_000) } };
      expect((await caught(t.call("q_submit", { graph: big })))?.codeName).toBe("RESOURCE_EXHAUSTED");
      const ids: string[] = [];
      for (let i = 0; i < 6; i++) {
        const { job_id } = await t.call("q_submit", { graph });
        await t.call("q_wait", { job_id });
        ids.push(job_id);
      }
      const held = [...w.kernel.internals.jobs.values()].filter((j) => j.tenant === "hoarder");
      expect(held.length).toBeLessThanOrEqual(3);
      expect((await caught(t.call("q_status", { job_id: ids[0] })))?.codeName).toBe("JOB_NOT_FOUND");
      expect((await t.call("q_status", { job_id: ids[5] })).state).toBe("completed");
      // a finished job keeps no graph
      for (const j of held) expect(j.graph.program.nodes.length).toBe(0);
    });

    it("10. two tenants filling the machine cannot starve a third within its reserve", async () => {
      const k = await createKernel({ inMemory: true, fsync: false, maxEagerQubits: 8 });
      const a = (await k.call("q_negotiate_caps", { token: k.adminToken })).session_id;
      const mk = async (name: string, reserved: number) => {
        const { token } = await k.call("q_create_tenant", { session_id: a, name, rights: ["CAP_ALLOC"], quota: { ...ROOMY, logical_qubits: 8, reserved_qubits: reserved } });
        const sid = (await k.call("q_negotiate_caps", { token })).session_id;
        return ((m: string, p: Record<string, unknown> = {}) => k.call(m, { session_id: sid, ...p })) as Call;
      };
      const x = await mk("fillx", 0);
      const y = await mk("filly", 0);
      const z = await mk("smallz", 2);
      await x("q_alloc", { n: 4 });
      await y("q_alloc", { n: 2 });
      expect((await caught(y("q_alloc", { n: 1 })))?.codeName).toBe("RESOURCE_EXHAUSTED");
      expect((await z("q_alloc", { n: 2 })).vqs).toHaveLength(2);
      // reserves cannot promise more than the machine holds
      expect((await caught(k.call("q_set_quota", { session_id: a, tenant_id: "fillx", quota: { reserved_qubits: 7 } })))?.codeName).toBe("INVALID_PARAMS");
      await k.close();
    });

    it("11. a rate-limited tenant's submissions are refused before any graph work", async () => {
      const t = await w.tenant("spammer", { api_calls_per_minute: 2 }, []);
      const graph = g([{ id: "a", op: "ALLOC_LQ", args: { n: 1 }, vqs: ["q"] }, { id: "f", op: "FREE_LQ", vqs: ["q"] }], ["q"]);
      const codes: string[] = [];
      for (let i = 0; i < 8; i++) codes.push((await caught(t.call("q_submit", { graph })))?.codeName);
      // no rights: refused for rights while the bucket lasts, then RATE_LIMITED
      expect(codes.filter((c) => c === "RATE_LIMITED").length).toBeGreaterThanOrEqual(5);
      // oversized graphs are refused in the limits stage, without parsing
      const t2 = await w.tenant("bigsub", { gates_per_job: 10 });
      const many = g(Array.from({ length: 50 }, (_, i) => ({ id: `n${i}`, op: "FENCE_EPOCH" })), []);
      expect((await caught(t2.call("q_submit", { graph: many })))?.codeName).toBe("QUOTA_EXCEEDED");
    });

    it("12. repeated refusals before authentication add a bounded number of audit events", async () => {
      const before = (await allEvents(w)).length;
      for (let i = 0; i < 300; i++) await caught(w.raw("q_negotiate_caps", { token: "qmk1_" + "A".repeat(40 + (i % 7)) }));
      for (let i = 0; i < 300; i++) await caught(w.raw("q_apply", { session_id: "nonsense", op: "H", vqs: [] }));
      const mid = (await allEvents(w)).length;
      expect(mid - before).toBeLessThanOrEqual(4 + 2); // one per kind (+ the admin's own queries)
      w.clock.now += PREAUTH_WINDOW_MS + 1;
      await w.admin("q_get_telemetry", {}); // the window closes on the next call
      const after = await allEvents(w);
      const summaries = after.filter((e) => e.details?.aggregated === true);
      const counted = summaries.reduce((s, e) => s + e.details.count, 0);
      expect(counted).toBeGreaterThanOrEqual(598 - 4);
    });

    if (transport === "serve")
      it("12b. the server limits calls without a session per connection, before the kernel", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "qmk-iso-"));
        const kernel = await createKernel({ dataDir: dir, fsync: false });
        const server = await serveKernel(kernel, { socketPath: path.join(dir, "qmk.sock") });
        const client = await JsonRpcTransport.connect(server.socketPath!);
        try {
          const codes: string[] = [];
          for (let i = 0; i < 100; i++) codes.push((await caught(client.call("q_negotiate_caps", { token: "qmk1_" + "B".repeat(43) })))?.codeName);
          expect(codes.filter((c) => c === "RATE_LIMITED").length).toBeGreaterThanOrEqual(60);
          // and the kernel logged at most one event per refusal kind for them
          const a = (await kernel.call("q_negotiate_caps", { token: kernel.adminToken })).session_id;
          const evs = (await kernel.call("q_audit_query", { session_id: a, filters: { limit: 100_000 } })).events as any[];
          expect(evs.filter((e) => e.op === "q_negotiate_caps" && e.decision !== "allow").length).toBeLessThanOrEqual(2);
        } finally {
          await client.close();
          await server.close();
          await kernel.close();
          fs.rmSync(dir, { recursive: true, force: true });
        }
      });

    it("13. refusals of authentic tokens name the tenant and token id", async () => {
      const t = await w.tenant("revokee");
      const { token, token_id } = await t.call("q_delegate", { rights: ["CAP_ALLOC"] });
      await t.call("q_revoke", { token });
      w.clock.now += PREAUTH_WINDOW_MS + 1;
      const e = await caught(w.raw("q_negotiate_caps", { token }));
      expect(e?.codeName).toBe("TOKEN_REVOKED");
      const ev = (await allEvents(w)).reverse().find((x) => x.op === "q_negotiate_caps" && x.reason === "TOKEN_REVOKED");
      expect(ev.tenant).toBe("revokee");
      expect(ev.details.token_id).toBe(token_id);
      // suspended tenant: same
      await w.admin("q_suspend_tenant", { tenant_id: "revokee" });
      w.clock.now += PREAUTH_WINDOW_MS + 1;
      expect((await caught(t.call("q_alloc", { n: 1 })))?.codeName).toBe("TENANT_SUSPENDED");
      const sev = (await allEvents(w)).reverse().find((x) => x.reason === "TENANT_SUSPENDED");
      expect(sev.tenant).toBe("revokee");
      expect(sev.details.token_id).toBeTruthy();
    });

    it("14. a token pasted into the wrong field is echoed nowhere", async () => {
      const t = await w.tenant("paster");
      const e = await caught(t.call("q_apply", { op: t.token, vqs: [] }));
      expect(e).toBeTruthy();
      expect(JSON.stringify({ m: e.message, d: e.data })).not.toContain(t.token.slice(5, 40));
      const e2 = await caught(w.raw("q_negotiate_caps", { token: "x", requested: [t.token] }));
      expect(JSON.stringify({ m: e2.message, d: e2.data })).not.toContain(t.token.slice(5, 40));
      const auditDir = path.join(w.kernel.dataDir!, "audit");
      for (const f of fs.readdirSync(auditDir)) {
        const file = path.join(auditDir, f);
        if (fs.statSync(file).isFile()) expect(fs.readFileSync(file, "latin1"), f).not.toContain(t.token.slice(5, 40));
      }
    });
  });
}

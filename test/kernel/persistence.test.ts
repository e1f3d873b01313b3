// Persistence across a kernel restart (same data directory): tenants and
// their status and quotas, revocations (with their cascade), token use
// counters, channel state and the audit log survive; sessions and live
// qubits do not (and their charges are given back).
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createKernel, type Kernel } from "../../kernel/index.js";
import { ROOMY, caught } from "./helpers.js";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "qmk-persist-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const on = (k: Kernel, sid: string) => (m: string, p: Record<string, unknown> = {}) => k.call(m, { session_id: sid, ...p });

describe("kernel restart with the same dataDir", () => {
  const saved: Record<string, any> = {};

  it("first life: tenants, quotas, delegations, uses, revocations, channels", async () => {
    const k = await createKernel({ dataDir: dir, fsync: false });
    const A = on(k, (await k.call("q_negotiate_caps", { token: k.adminToken })).session_id);
    const mk = async (name: string, quota: Record<string, number> = {}) => {
      const t = await A("q_create_tenant", { name, rights: ["CAP_ALLOC", "CAP_MEASURE", "CAP_LINK"], quota: { ...ROOMY, ...quota } });
      return { token: t.token as string, call: on(k, (await k.call("q_negotiate_caps", { token: t.token })).session_id) };
    };
    const alice = await mk("alice", { logical_qubits: 7 });
    const bob = await mk("bob");
    saved.carol = (await mk("carol")).token;
    saved.dave = (await mk("dave")).token;
    await A("q_suspend_tenant", { tenant_id: "carol" });
    await A("q_delete_tenant", { tenant_id: "dave" });
    saved.carolToken = (await A("q_create_tenant", { name: "carol2" })).token; // unrelated, keeps ids moving

    // a 5-use delegated token, 3 uses spent
    const d1 = await alice.call("q_delegate", { rights: ["CAP_ALLOC"], max_uses: 5 });
    const s1 = (await k.call("q_negotiate_caps", { token: d1.token })).session_id; // use 1
    await on(k, s1)("q_get_telemetry"); // use 2
    await on(k, s1)("q_get_telemetry"); // use 3
    saved.d1 = d1.token;
    saved.oldSession = s1;
    // a revoked lineage
    const d2 = await alice.call("q_delegate", { rights: ["CAP_ALLOC", "CAP_MEASURE"] });
    const s2 = (await k.call("q_negotiate_caps", { token: d2.token })).session_id;
    const d3 = await on(k, s2)("q_delegate", { rights: ["CAP_ALLOC"] });
    await alice.call("q_revoke", { token: d2.token });
    saved.d2 = d2.token;
    saved.d3 = d3.token;
    // tokens of tenants
    saved.alice = alice.token;
    saved.bob = bob.token;
    // channels: one active with 1 of 3 uses spent, one revoked
    const req = await alice.call("q_request_channel", { peer: "bob", max_uses: 3 });
    const appr = await bob.call("q_approve_channel", { request_id: req.request_id });
    const [a] = (await alice.call("q_alloc", { n: 1 })).vqs;
    const [b] = (await bob.call("q_alloc", { n: 1 })).vqs;
    const { loan } = await bob.call("q_lend_qubit", { channel: appr.channel, vq: b });
    await alice.call("q_apply", { op: "CNOT", vqs: [a, loan], channel: req.channel });
    saved.aCh = req.channel;
    const req2 = await alice.call("q_request_channel", { peer: "bob", max_uses: 3 });
    await bob.call("q_approve_channel", { request_id: req2.request_id });
    await alice.call("q_revoke_channel", { channel: req2.channel });
    saved.aCh2 = req2.channel;
    // a denial to find again after the restart
    expect((await caught(alice.call("q_create_tenant", { name: "x" })))?.codeName).toBe("INSUFFICIENT_CAPS");
    // alice holds 1 live qubit (+1 logical charged) when the kernel stops
    saved.size = (await A("q_audit_tree_head", { sign: false })).size;
    saved.adminToken = k.adminToken;
    await k.close();
  });

  it("second life: everything that must survive did", async () => {
    const k = await createKernel({ dataDir: dir, fsync: false });
    try {
      expect(k.adminToken).toBe(saved.adminToken);
      const A = on(k, (await k.call("q_negotiate_caps", { token: k.adminToken })).session_id);
      const tenants = (await A("q_list_tenants")).tenants;
      const byId = (id: string) => tenants.find((t: any) => t.tenant_id === id);
      expect(byId("alice").quota.logical_qubits).toBe(7);
      expect(byId("carol").status).toBe("suspended");
      expect(byId("dave")?.status ?? "deleted").toBe("deleted");
      // live qubits did not survive: their charges were given back
      expect(byId("alice").usage.logical_qubits).toBe(0);

      // sessions do not survive
      expect((await caught(k.call("q_get_telemetry", { session_id: saved.oldSession })))?.codeName).toBe("AUTH_FAILED");
      // tenants' tokens do
      const alice = on(k, (await k.call("q_negotiate_caps", { token: saved.alice })).session_id);
      expect((await alice("q_get_telemetry")).quota.logical_qubits).toBe(7);
      // suspended and deleted stay so
      expect((await caught(k.call("q_negotiate_caps", { token: saved.carolToken })))).toBeNull(); // carol2 is active
      expect((await caught(k.call("q_negotiate_caps", { token: saved.carol })))?.codeName).toBe("TENANT_SUSPENDED");
      expect((await caught(k.call("q_negotiate_caps", { token: saved.dave })))?.codeName).toBe("AUTH_FAILED");
      // revocations (and the cascade) survive
      expect((await caught(k.call("q_negotiate_caps", { token: saved.d2 })))?.codeName).toBe("TOKEN_REVOKED");
      expect((await caught(k.call("q_negotiate_caps", { token: saved.d3 })))?.codeName).toBe("TOKEN_REVOKED");
      // use counters survive: 3 of 5 were spent
      const s = (await k.call("q_negotiate_caps", { token: saved.d1 })).session_id; // use 4
      await k.call("q_get_telemetry", { session_id: s }); // use 5
      expect((await caught(k.call("q_get_telemetry", { session_id: s })))?.codeName).toBe("USES_EXHAUSTED");
      expect((await caught(k.call("q_negotiate_caps", { token: saved.d1 })))?.codeName).toBe("USES_EXHAUSTED");
      // channel state survives, and the old channel handles still verify
      const st = await alice("q_chan_status", { channel: saved.aCh });
      expect(st.state).toBe("active");
      expect(st.used).toBe(1);
      expect((await alice("q_chan_status", { channel: saved.aCh2 })).state).toBe("revoked");
      // the audit log continues the same tree, and the old denial is still there
      const head = await A("q_audit_tree_head", { sign: false });
      expect(head.size).toBeGreaterThan(saved.size);
      const ev = await A("q_audit_query", { filters: { tenant: "alice", decision: "deny", limit: 10_000 } });
      expect(ev.events.some((e: any) => e.op === "q_create_tenant" && e.reason === "INSUFFICIENT_CAPS")).toBe(true);
      const proof = await A("q_audit_consistency", { first: saved.size });
      expect(proof).toBeTruthy();
    } finally {
      await k.close();
    }
  });

  it("suspended / deleted tenants stay refused after the restart", async () => {
    const k = await createKernel({ dataDir: dir, fsync: false });
    try {
      const A = on(k, (await k.call("q_negotiate_caps", { token: k.adminToken })).session_id);
      const t = (await A("q_list_tenants")).tenants;
      expect(t.find((x: any) => x.tenant_id === "carol").status).toBe("suspended");
      // and a third restart still counts the uses spent in the second life
      expect((await caught(k.call("q_negotiate_caps", { token: saved.d1 })))?.codeName).toBe("USES_EXHAUSTED");
      expect((await caught(k.call("q_negotiate_caps", { token: saved.d2 })))?.codeName).toBe("TOKEN_REVOKED");
    } finally {
      await k.close();
    }
  });
});

// Attack class 5: privilege escalation — widening an offline-attenuated
// token, stripping or forging caveats, delegating beyond one's rights,
// using a child after its parent was revoked, and CAP_ADMIN / CAP_AUDIT
// calls from a tenant.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attenuate, mintToken } from "../../kernel/security/tokens.js";
import { decodeToken, encodeToken } from "../../kernel/security/tokens/codec.js";
import { chainStep } from "../../kernel/security/tokens/chain.js";
import {
  MODES, alloc, denied, expectVictimStatistics, expectVictimUntouched, flipChar, makeWorld, openChannel, prepareVictim, printTally,
  type Principal, type Victim, type World,
} from "./harness.js";

afterAll(() => printTally("privilege"));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(MODES)("privilege escalation (%s)", (mode) => {
  let w: World;
  let v: Victim;
  let eve: Principal;
  const neg = (token: string, requested?: string[]) => eve.c.call("q_negotiate_caps", { token, ...(requested ? { requested } : {}) });
  const as = (sid: string) => (m: string, p: Record<string, unknown> = {}) => eve.c.call(m, { session_id: sid, ...p });
  beforeAll(async () => {
    w = await makeWorld(mode);
    v = await prepareVictim(w.p.bob);
    eve = await w.tenant("eve", ["CAP_ALLOC", "CAP_MEASURE", "CAP_LINK"]);
  });
  afterAll(async () => {
    await w?.close();
  });

  it("an offline-attenuated token cannot be widened", async () => {
    const narrow = attenuate(eve.token, { rights: ["CAP_ALLOC"] });
    const s = await neg(narrow, ["CAP_ALLOC", "CAP_MEASURE", "CAP_LINK", "CAP_ADMIN"]);
    expect(s.granted).toEqual(["CAP_ALLOC"]);
    expect(s.denied.sort()).toEqual(["CAP_ADMIN", "CAP_LINK", "CAP_MEASURE"]);
    const call = as(s.session_id);
    const [q] = (await call("q_alloc", { n: 1 })).vqs;
    let d = await denied(w, "measure with an ALLOC-only token", "INSUFFICIENT_CAPS", "cap.deny", () => call("q_measure", { vq: q }), { tenant: "eve" });
    expect(d.data.missing).toEqual(["CAP_MEASURE"]);
    d = await denied(w, "request a channel with an ALLOC-only token", "INSUFFICIENT_CAPS", "cap.deny", () => call("q_request_channel", { peer: "bob", max_uses: 1 }));
    expect(d.data.missing).toEqual(["CAP_LINK"]);
    // re-attenuating with *more* rights only intersects
    const rewiden = attenuate(narrow, { rights: ["CAP_ALLOC", "CAP_MEASURE", "CAP_ADMIN", "CAP_AUDIT"] });
    const s2 = await neg(rewiden);
    expect(s2.granted).toEqual(["CAP_ALLOC"]);
    d = await denied(w, "measure after re-attenuating wider", "INSUFFICIENT_CAPS", "cap.deny", () => as(s2.session_id)("q_measure", { vq: q }));
    expect(d.data.missing).toEqual(["CAP_MEASURE"]);
    // delegating from the narrow session cannot widen either
    d = await denied(w, "delegate beyond the session's rights", "INSUFFICIENT_CAPS", "cap.deny", () => call("q_delegate", { rights: ["CAP_MEASURE"] }));
    expect(d.data.missing).toEqual(["CAP_MEASURE"]);
    // stripping the narrowing caveat breaks the MAC chain
    const raw = decodeToken(narrow);
    const stripped = encodeToken({ id: raw.id, caveats: raw.caveats.slice(0, -1), tag: raw.tag });
    await denied(w, "strip the attenuating caveat", "INVALID_TOKEN", "session.deny", () => neg(stripped));
    // replacing it (same tag) too
    const swapped = encodeToken({ id: raw.id, caveats: [...raw.caveats.slice(0, -1), "rights = CAP_ADMIN,CAP_ALLOC"], tag: raw.tag });
    await denied(w, "swap the attenuating caveat", "INVALID_TOKEN", "session.deny", () => neg(swapped));
    // an unknown caveat fails closed even with a correct chain
    const unk = encodeToken({ id: raw.id, caveats: [...raw.caveats, "frobnicate = 1"], tag: chainStep(raw.tag, "frobnicate = 1") });
    await denied(w, "unknown caveat", "INVALID_TOKEN", "session.deny", () => neg(unk));
    // claiming another tenant
    await denied(w, "tenant caveat naming admin", "AUTH_FAILED", "session.deny", () => neg(attenuate(eve.token, { tenant: "admin" })));
    await denied(w, "audience of another kernel", "AUTH_FAILED", "session.deny", () => neg(attenuate(eve.token, { audience: "some-other-kernel" })));
    await denied(w, "not valid yet", "AUTH_FAILED", "session.deny", () => neg(attenuate(eve.token, { notBefore: Date.now() + 3_600_000 })));
    await denied(w, "expired attenuation", "TOKEN_EXPIRED", "session.deny", () => neg(attenuate(eve.token, { expiresAt: Date.now() - 1 })));
    // a minted token with a guessed key
    await denied(w, "token minted with a guessed key", "INVALID_TOKEN", "session.deny", () =>
      neg(mintToken(new Uint8Array(randomBytes(32)), { rights: ["CAP_ADMIN", "CAP_AUDIT"], tenant: "admin" })));
    for (const i of [5, 20, eve.token.length - 3]) {
      await denied(w, `bit-flipped token @${i}`, "INVALID_TOKEN", "session.deny", () => neg(flipChar(eve.token, i)));
    }
    await denied(w, "truncated token", "INVALID_TOKEN", "session.deny", () => neg(eve.token.slice(0, -5)));
    await expectVictimUntouched(v);
  });

  it("a session expires with its attenuated token; max_uses is counted per call", async () => {
    const short = attenuate(eve.token, { expiresAt: Date.now() + 300 });
    const s = await neg(short);
    await as(s.session_id)("q_get_telemetry");
    await sleep(400);
    // the session handle itself expires with the token (HANDLE_EXPIRED) or the token check fires (TOKEN_EXPIRED)
    const err = await as(s.session_id)("q_get_telemetry").then(() => null, (e: any) => e);
    expect(err, "expired session accepted").not.toBeNull();
    expect(["HANDLE_EXPIRED", "TOKEN_EXPIRED"]).toContain(err.codeName);
    const limited = attenuate(eve.token, { maxUses: 3 });
    const s2 = await neg(limited); // use 1
    await as(s2.session_id)("q_get_telemetry"); // use 2
    await as(s2.session_id)("q_get_telemetry"); // use 3
    await denied(w, "4th use of a 3-use token", "USES_EXHAUSTED", "session.deny", () => as(s2.session_id)("q_get_telemetry"));
    await denied(w, "new session from an exhausted token", "USES_EXHAUSTED", "session.deny", () => neg(limited));
    await expectVictimUntouched(v);
  });

  it("a delegated child dies with its revoked parent (and cannot revoke upward)", async () => {
    const parentTok = (await eve.q("q_delegate", { rights: ["CAP_ALLOC", "CAP_MEASURE"] })).token;
    const parentS = (await neg(parentTok)).session_id;
    const child = await as(parentS)("q_delegate", { rights: ["CAP_ALLOC"] });
    const grandchild = await as((await neg(child.token)).session_id)("q_delegate", { rights: ["CAP_ALLOC"] });
    const childS = (await neg(child.token)).session_id;
    const gcS = (await neg(grandchild.token)).session_id;
    const [q] = (await as(childS)("q_alloc", { n: 1 })).vqs;
    // the child cannot revoke its parent
    await denied(w, "child revokes its parent", "ACCESS_DENIED", "op.deny", () => as(childS)("q_revoke", { token: parentTok }));
    // another tenant cannot revoke eve's tokens
    await denied(w, "bob revokes eve's token", "ACCESS_DENIED", "op.deny", () => w.p.bob.q("q_revoke", { token: parentTok }));
    // the parent's holder revokes the parent: cascade
    const r = await as(parentS)("q_revoke", { token: parentTok }).catch(async () => eve.q("q_revoke", { token: parentTok }));
    expect(r.revoked.length).toBeGreaterThanOrEqual(3);
    await denied(w, "child session after parent revoked", "TOKEN_REVOKED", "session.deny", () => as(childS)("q_apply", { op: "H", vqs: [q] }));
    await denied(w, "grandchild session after ancestor revoked", "TOKEN_REVOKED", "session.deny", () => as(gcS)("q_alloc", { n: 1 }));
    await denied(w, "new session from a revoked child token", "TOKEN_REVOKED", "session.deny", () => neg(child.token));
    await denied(w, "new session from a revoked grandchild token", "TOKEN_REVOKED", "session.deny", () => neg(grandchild.token));
    // depth limits
    const d0 = await eve.q("q_delegate", { rights: ["CAP_ALLOC"], max_depth: 0 });
    const d0s = (await neg(d0.token)).session_id;
    await denied(w, "delegate below max_depth 0", "INSUFFICIENT_CAPS", "cap.deny", () => as(d0s)("q_delegate", { rights: ["CAP_ALLOC"] }));
    // eve's own root session still works
    await eve.q("q_get_telemetry");
    await expectVictimUntouched(v);
  });

  it("CAP_ADMIN and CAP_AUDIT calls from a tenant are refused", async () => {
    const adminCalls: Array<[string, Record<string, unknown>]> = [
      ["q_create_tenant", { name: "mallory", rights: ["CAP_ADMIN"] }],
      ["q_suspend_tenant", { tenant_id: "bob" }],
      ["q_resume_tenant", { tenant_id: "bob" }],
      ["q_delete_tenant", { tenant_id: "bob" }],
      ["q_list_tenants", {}],
      ["q_set_quota", { tenant_id: "eve", quota: { logical_qubits: 24, api_calls_per_minute: 1_000_000 } }],
      ["q_set_policy", { rules: [] }],
      ["q_get_policy", {}],
      ["q_audit_tree_head", {}],
      ["q_audit_inclusion", { index: 0 }],
      ["q_audit_consistency", { first: 1 }],
    ];
    for (const [m, p] of adminCalls) {
      const d = await denied(w, `tenant calls ${m}`, "INSUFFICIENT_CAPS", "cap.deny", () => eve.q(m, p), { op: m, tenant: "eve" });
      expect(d.data.missing?.length).toBeGreaterThan(0);
    }
    // asking for CAP_ADMIN at negotiation grants nothing
    const s = await neg(eve.token, ["CAP_ADMIN", "CAP_AUDIT"]);
    expect(s.granted).toEqual([]);
    await denied(w, "create tenant after requesting CAP_ADMIN", "INSUFFICIENT_CAPS", "cap.deny", () => as(s.session_id)("q_create_tenant", { name: "mallory2" }));
    await denied(w, "read another tenant's audit events", "INSUFFICIENT_CAPS", "cap.deny", () => eve.q("q_audit_query", { filters: { tenant: "bob" } }));
    await denied(w, "tenant revokes the admin token", "ACCESS_DENIED", "op.deny", () => eve.q("q_revoke", { token: w.kernel.adminToken }));
    await denied(w, "tenant revokes a channel by raw id (admin path)", "INVALID_HANDLE", "handle.refuse", () => eve.q("q_revoke_channel", { channel_id: "ch_0" }));
    // own audit events only: nothing of bob's leaks through the unscoped query
    const own = await eve.q("q_audit_query", { filters: {} });
    expect(own.events.every((e: any) => e.tenant === "eve")).toBe(true);
    // bob is still alive and unsuspended
    await w.p.bob.q("q_get_telemetry");
    const list = await w.admin.q("q_list_tenants", {});
    expect(list.tenants.find((t: any) => t.tenant_id === "bob").status).toBe("active");
    expect(list.tenants.some((t: any) => String(t.tenant_id).startsWith("mallory"))).toBe(false);
    await expectVictimUntouched(v);
  });

  it("suspended and deleted tenants' sessions are refused", async () => {
    const zed = await w.tenant("zed");
    const [q] = await alloc(zed, 1);
    await w.admin.q("q_suspend_tenant", { tenant_id: zed.name });
    await denied(w, "suspended tenant's session", "TENANT_SUSPENDED", "session.deny", () => zed.q("q_apply", { op: "H", vqs: [q] }));
    await denied(w, "suspended tenant negotiates", "TENANT_SUSPENDED", "session.deny", () => zed.c.call("q_negotiate_caps", { token: zed.token }));
    await w.admin.q("q_resume_tenant", { tenant_id: zed.name });
    await zed.q("q_apply", { op: "H", vqs: [q] });
    await w.admin.q("q_delete_tenant", { tenant_id: zed.name });
    await denied(w, "deleted tenant's session", "AUTH_FAILED", "session.deny", () => zed.q("q_get_telemetry"));
    await denied(w, "deleted tenant's token", "AUTH_FAILED", "session.deny", () => zed.c.call("q_negotiate_caps", { token: zed.token }));
    await expectVictimUntouched(v);
  });

  it("the victim's statistics are unchanged (5σ)", async () => {
    await expectVictimStatistics(v, 40);
  });
});

// KERNEL BUG (see report): execution-time re-checks (kernel/jobs/jobs.ts,
// MediatedPort.requireRights) look only at the session's granted rights, not
// at the token's revocation or the tenant's status: a job submitted by a
// token that is then revoked (or whose tenant is then suspended) keeps
// running all its shots.
describe("KERNEL BUG: a running job stops when its token is revoked or its tenant suspended", () => {
  const longGraph = () => {
    const vq = Array.from({ length: 14 }, (_, i) => `q${i}`);
    const nodes: any[] = [{ id: "a", op: "ALLOC_LQ", args: { n: 14 }, vqs: vq }];
    vq.forEach((q, i) => nodes.push({ id: `h${i}`, op: "APPLY_H", vqs: [q] }));
    vq.forEach((q, i) => {
      nodes.push({ id: `m${i}`, op: "MEASURE_Z", vqs: [q], produces: [`e${i}`] });
      if (i + 1 < vq.length) nodes.push({ id: `c${i}`, op: "COND_PAULI", vqs: [vq[i + 1]], inputs: [`e${i}`], args: { mask: "X" } });
    });
    return { version: "0.1", program: { nodes }, resources: { vqs: vq, events: vq.map((_, i) => `e${i}`) } };
  };
  it.each(["revoke", "suspend"] as const)("%s", async (how) => {
    const w = await makeWorld("inproc", []);
    try {
      const t = await w.tenant(`job${how}`, ["CAP_ALLOC", "CAP_MEASURE"]);
      const child = await t.q("q_delegate", { rights: ["CAP_ALLOC", "CAP_MEASURE"] });
      const cs = (await t.c.call("q_negotiate_caps", { token: child.token })).session_id;
      const job = await t.c.call("q_submit", { session_id: cs, graph: longGraph(), policy: { shots: 200_000, seed: 1 } });
      await new Promise((r) => setTimeout(r, 50));
      if (how === "revoke") await t.q("q_revoke", { token: child.token });
      else await w.admin.q("q_suspend_tenant", { tenant_id: t.name });
      await new Promise((r) => setTimeout(r, 1500));
      const rec = [...w.kernel.internals.jobs.values()].find((j) => j.handle === job.job_id)!;
      const state = rec.state;
      const done = rec.shotsDone;
      rec.cancel("test cleanup");
      expect(state, `job still ${state} after ${how} (${done} shots done)`).toBe("failed");
      expect(rec.error?.name).toBe(how === "revoke" ? "TOKEN_REVOKED" : "TENANT_SUSPENDED");
    } finally {
      await w.close();
    }
  });
});

// KERNEL BUG (see report): policy rules are evaluated only for syscalls
// (mediator.checkPolicy); graph nodes run in jobs never reach the policy
// engine (kernel/jobs/jobs.ts MediatedPort never calls policy.evaluate with
// GRAPH_NODE_METHOD), so an opcode the admin denied eagerly runs unhindered
// when the tenant submits it in a graph.
describe("KERNEL BUG: an admin's opcode deny rule also holds for graph nodes", () => {
  it.each(MODES)("%s", async (mode) => {
    const w = await makeWorld(mode, []);
    try {
      const t = await w.tenant("pol", ["CAP_ALLOC", "CAP_MEASURE"]);
      const before = (await w.admin.q("q_get_policy")).rules;
      await w.admin.q("q_set_policy", { rules: [...before, { id: "no-h-for-pol", effect: "deny", match: { tenant: t.name, opcode: "APPLY_H" }, reason: "H banned" }] });
      const [q] = await alloc(t, 1);
      const d = await denied(w, "eager H under a deny rule", "POLICY_DENIED", "policy.deny", () => t.q("q_apply", { op: "H", vqs: [q] }));
      expect(d.data.rule).toBe("no-h-for-pol");
      const g = { version: "0.1", program: { nodes: [{ id: "a", op: "ALLOC_LQ", args: { n: 1 }, vqs: ["x"] }, { id: "h", op: "APPLY_H", vqs: ["x"] }, { id: "m", op: "MEASURE_Z", vqs: ["x"], produces: ["e"] }] }, resources: { vqs: ["x"], events: ["e"] } };
      const sub = await t.q("q_submit", { graph: g, policy: { shots: 50, seed: 1 } }).then((x: any) => x, (e: any) => e);
      let code: string | undefined = sub.codeName;
      if (!code) {
        const r = await t.q("q_wait", { job_id: sub.job_id, timeout_ms: 20_000 });
        code = r.state === "completed" ? `completed ${JSON.stringify(r.counts)}` : r.error?.name;
      }
      expect(code, "the denied opcode ran inside a job").toBe("POLICY_DENIED");
    } finally {
      await w.close();
    }
  });
});

// KERNEL BUG (see report): channel handles are tenant-scoped and using a
// channel needs no right: q_apply with `channel` derives its rights from the
// opcode only (APPLY_CNOT: none) and q_revoke_channel needs none, so a
// delegate attenuated to exclude CAP_LINK still spends the tenant's channel
// uses to entangle with the peer, and can revoke the tenant's channels.
describe("KERNEL BUG: using or revoking a channel needs CAP_LINK", () => {
  it.each(MODES)("%s", async (mode) => {
    const w = await makeWorld(mode);
    try {
      const { alice, bob } = w.p;
      const ch = await openChannel(alice, bob, 4);
      const child = await alice.q("q_delegate", { rights: ["CAP_ALLOC"] });
      const cs = (await alice.c.call("q_negotiate_caps", { token: child.token })).session_id;
      const C = (m: string, p: Record<string, unknown>) => alice.c.call(m, { session_id: cs, ...p }).then(() => "OK", (e: any) => e.codeName);
      const [a] = (await alice.c.call("q_alloc", { session_id: cs, n: 1 })).vqs;
      const [b] = await alloc(bob, 1);
      const { loan } = await bob.q("q_lend_qubit", { channel: ch.bCh, vq: b });
      expect(await C("q_apply", { op: "CNOT", vqs: [a, loan], channel: ch.aCh }), "a CAP_LINK-less delegate entangled across tenants").toBe("INSUFFICIENT_CAPS");
      expect(await C("q_revoke_channel", { channel: ch.aCh }), "a CAP_LINK-less delegate revoked the tenant's channel").toBe("INSUFFICIENT_CAPS");
      expect((await alice.q("q_chan_status", { channel: ch.aCh })).state).toBe("active");
    } finally {
      await w.close();
    }
  });
});

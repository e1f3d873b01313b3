// The mediator: the one ordered pipeline every q_* call passes (SPEC §2.6,
// ARCHITECTURE "one path through the kernel").
//
//   token → tenant → limits → rights → policy → handler
//
//   token    the session handle's MAC, its session, and the session's token
//            re-checked: not revoked (nor an ancestor), not expired, uses left
//            (q_negotiate_caps: the presented token itself)
//   tenant   exists and is not suspended
//   limits   admission before any work: the tenant's call-rate bucket (and
//            jobs/minute for q_submit) is charged for every call that gets
//            this far, then the method's cheap size check (graph nodes,
//            text length) — nothing expensive has run yet
//   rights   the method's rights plus those derived from its params, by a
//            cheap scan (q_apply's opcode, q_submit's graph opcodes)
//   policy   rules, limits and quotas (deny-overrides)
//   handler  resolves resource handles (MAC, kind, tenant, session), then the
//            machine runs firewall → linearity → execute → commit
//
// Cheap checks first: an unauthenticated or over-limit caller never reaches
// the verifier or the simulator. Each stage fails closed. Every allow and
// every deny is audited; refusals in the first three stages (where an
// attacker controls the rate) are aggregated per window (preauth.ts).
// Jobs re-run the token and tenant stages before every slice (jobs.ts) and
// the rights and policy stages for every node (MediatedPort).
import { QmkError, isQmkError, type ErrorName } from "../errors.js";
import type { Right } from "./rights.js";
import type { KernelCore } from "../syscall/core.js";
import type { CallContext, MethodSpec, SessionRecord } from "../syscall/context.js";
import type { Params } from "../syscall/params.js";
import type { TokenAuthority } from "./tokens.js";
import { decisionError } from "./policy/index.js";
import type { EventType } from "./audit/index.js";

export const STAGES = ["token", "tenant", "limits", "rights", "policy", "handler"] as const;
export type Stage = (typeof STAGES)[number];
/** Stages whose refusals are aggregated: the caller is not (yet) known to be within its limits. */
const AGGREGATED: ReadonlySet<Stage> = new Set(["token", "tenant"]);

/** Which audit event records a refusal with this code. */
const DENY_EVENT: Partial<Record<ErrorName, EventType>> = {
  INSUFFICIENT_CAPS: "cap.deny",
  AUTH_FAILED: "session.deny",
  INVALID_TOKEN: "session.deny",
  TOKEN_EXPIRED: "session.deny",
  TOKEN_REVOKED: "session.deny",
  USES_EXHAUSTED: "session.deny",
  TENANT_SUSPENDED: "session.deny",
  INVALID_HANDLE: "handle.refuse",
  HANDLE_EXPIRED: "handle.refuse",
  FIREWALL_VIOLATION: "firewall.violation",
  LINEARITY_VIOLATION: "linearity.violation",
  QUOTA_EXCEEDED: "quota.exceeded",
  RESOURCE_EXHAUSTED: "quota.exceeded",
  RATE_LIMITED: "rate.limited",
  POLICY_DENIED: "policy.deny",
  CHANNEL_UNAUTHORIZED: "op.deny",
  CHANNEL_EXHAUSTED: "op.deny",
  CHANNEL_REVOKED_OR_EXPIRED: "op.deny",
};

export function denyEventFor(code: ErrorName): EventType {
  return DENY_EVENT[code] ?? "op.deny";
}

/** A refusal of an authentic token or session names its tenant and token id (for the audit log). */
function refusal(name: ErrorName, message: string, s: SessionRecord, extra: Record<string, unknown> = {}): QmkError {
  return new QmkError(name, message, { field: "session_id", tenant: s.tenant, token_id: s.authority.tokenId, ...extra });
}

// ---- the stages ------------------------------------------------------

/** token: the caller's session, with its token re-checked on every call. */
export function tokenStage(k: KernelCore, p: Params, now: number): SessionRecord {
  const claims = k.handles.verify(p.session_id, { kind: "sess" }, "session_id");
  const s = k.sessions.get(claims.id);
  if (!s || s.tenant !== claims.tenant) {
    const why = k.closedSessions.get(claims.id);
    const data = { field: "session_id", tenant: claims.tenant };
    if (why === "TOKEN_REVOKED") throw new QmkError("TOKEN_REVOKED", "the session's token (or one it was derived from) was revoked", data);
    if (why === "TOKEN_EXPIRED" || why === "HANDLE_EXPIRED") throw new QmkError(why, "the session has expired", data);
    throw new QmkError("AUTH_FAILED", "unknown or closed session", data);
  }
  recheckToken(k, s, now, true);
  const a = s.authority;
  if (a.maxUses !== undefined) {
    // Counted (durably) before the call runs, so a crash can never hand out a free use.
    if (k.tokens.usesConsumed(a.tokenId) >= a.maxUses) throw refusal("USES_EXHAUSTED", "the session's token has no uses left", s, { max_uses: a.maxUses });
    k.tokens.consumeUse(a.tokenId, a.maxUses);
  }
  return s;
}

/** The part of the token stage a job repeats before every slice: revocation and expiry. */
export function recheckToken(k: KernelCore, s: SessionRecord, now: number, closeOnFailure: boolean): void {
  const a = s.authority;
  if (k.tokens.isRevoked(a.tokenId)) {
    if (closeOnFailure) k.closeSession(s.id, "TOKEN_REVOKED");
    throw refusal("TOKEN_REVOKED", "the session's token (or one it was derived from) was revoked", s);
  }
  if (a.expiresAt !== undefined && now >= a.expiresAt) {
    if (closeOnFailure) k.closeSession(s.id, "TOKEN_EXPIRED");
    throw refusal("TOKEN_EXPIRED", "the session's token has expired", s);
  }
}

/** tenant: exists and is active. */
export function tenantStage(k: KernelCore, tenant: string, s?: SessionRecord): void {
  const status = k.tenants.statusOf(tenant);
  if (status === undefined || status === "deleted") {
    if (s) k.closeSession(s.id);
    throw new QmkError("AUTH_FAILED", "tenant no longer exists", { field: s ? "session_id" : "token", tenant, ...(s ? { token_id: s.authority.tokenId } : {}) });
  }
  if (status === "suspended") {
    throw new QmkError("TENANT_SUSPENDED", `tenant ${tenant} is suspended`, { field: s ? "session_id" : "token", tenant, ...(s ? { token_id: s.authority.tokenId } : {}) });
  }
}

/** limits: charge the call-rate buckets, then the method's own cheap size check. */
export function limitsStage(k: KernelCore, spec: MethodSpec, tenant: string, p: Params, now: number): void {
  const d = k.policy.admit(tenant, spec.name, now);
  if (d) throw decisionError(d);
  spec.size?.(k, tenant, p);
}

/** rights: every right the call needs must have been granted to the session. */
export function rightsStage(spec: MethodSpec, k: KernelCore, s: SessionRecord, p: Params): Right[] {
  // Plain loops: this runs on every call.
  const need: Right[] = [...spec.rights];
  if (spec.derive) for (const r of spec.derive(k, p)) if (!need.includes(r)) need.push(r);
  const missing: Right[] = [];
  for (const r of need) if (!s.rights.has(r)) missing.push(r);
  if (missing.length > 0) {
    throw new QmkError("INSUFFICIENT_CAPS", `${spec.name} needs ${missing.join(", ")}`, { missing, field: "session_id" });
  }
  return need;
}

/** policy: rules, limits and quotas; the call-rate buckets were charged at admission. */
export function policyStage(k: KernelCore, spec: MethodSpec, tenant: string, p: Params, now: number): void {
  const opcode = spec.opcode?.(p);
  const d = k.policy.evaluate({ tenant, method: spec.name, ...(opcode ? { opcode } : {}), now, admitted: true });
  if (!d.allow) throw decisionError(d);
}

// ---- the pipeline ----------------------------------------------------

/** Run one call through the stages in order and audit the decision. */
export function mediate(k: KernelCore, spec: MethodSpec, p: Params): unknown {
  if (spec.publicHandler) return mediatePublic(k, spec, p);
  if (spec.opensSession) return mediateNegotiation(k, spec, p);
  const now = k.clock();
  let stage: Stage = "token";
  let session: SessionRecord | undefined;
  try {
    k.onStage?.("token", spec.name);
    session = tokenStage(k, p, now);
    stage = "tenant";
    k.onStage?.(stage, spec.name);
    tenantStage(k, session.tenant, session);
    stage = "limits";
    k.onStage?.(stage, spec.name);
    limitsStage(k, spec, session.tenant, p, now);
    stage = "rights";
    k.onStage?.(stage, spec.name);
    const rights = rightsStage(spec, k, session, p);
    stage = "policy";
    k.onStage?.(stage, spec.name);
    policyStage(k, spec, session.tenant, p, now);
    stage = "handler";
    k.onStage?.(stage, spec.name);
    const ctx: CallContext = { method: spec.name, session, tenant: session.tenant, now, audit: { details: {} } };
    const result = spec.handler!(k, ctx, p);
    // q_wait returns a promise: the decision to serve is made now; the outcome is not a security decision.
    k.auditAllow(spec, ctx, rights);
    return result;
  } catch (e) {
    // A rate-limit refusal is aggregated like a pre-auth one (a limited tenant could otherwise
    // write one event per call as fast as it can send); a size refusal was charged to the call
    // bucket first, so it is bounded by the rate and logged in full.
    if (AGGREGATED.has(stage) || (stage === "limits" && isQmkError(e) && e.codeName === "RATE_LIMITED")) k.auditPreAuth(spec.name, e, session);
    else k.auditDeny(spec.name, session, e);
    throw e;
  }
}

/**
 * q_negotiate_caps: the same stages, with the presented token in place of a
 * session. Every refusal here comes before a session exists, so all of them
 * are aggregated (an authentic token's refusals still name tenant and id).
 */
function mediateNegotiation(k: KernelCore, spec: MethodSpec, p: Params): unknown {
  const now = k.clock();
  try {
    k.onStage?.("token", spec.name);
    const auth: TokenAuthority = k.tokens.verify(p.token, { now, audience: KERNEL_AUDIENCE });
    const data = { field: "token", token_id: auth.tokenId, ...(auth.tenant !== undefined ? { tenant: auth.tenant } : {}) };
    if (auth.tenant === undefined) throw new QmkError("AUTH_FAILED", "token names no tenant", data);
    if (auth.maxUses !== undefined && k.tokens.usesConsumed(auth.tokenId) >= auth.maxUses) {
      throw new QmkError("USES_EXHAUSTED", "token has no uses left", { ...data, max_uses: auth.maxUses });
    }
    k.onStage?.("tenant", spec.name);
    const t = k.tenants.get(auth.tenant);
    if (!t || t.status === "deleted") throw new QmkError("AUTH_FAILED", "token's tenant does not exist", data);
    if (t.status === "suspended") throw new QmkError("TENANT_SUSPENDED", `tenant ${t.id} is suspended`, data);
    k.onStage?.("limits", spec.name);
    limitsStage(k, spec, t.id, p, now);
    k.onStage?.("rights", spec.name);
    const { granted, denied } = spec.grant!(auth, p);
    k.onStage?.("policy", spec.name);
    const d = k.policy.evaluate({ tenant: t.id, method: spec.name, now, admitted: true });
    if (!d.allow) throw decisionError(d);
    k.onStage?.("handler", spec.name);
    if (auth.maxUses !== undefined) k.tokens.consumeUse(auth.tokenId, auth.maxUses);
    return k.openSession(auth, t.id, granted, denied, now);
  } catch (e) {
    k.auditPreAuth(spec.name, e);
    throw e;
  }
}

/** q_inspect_token: no session, no effect; refusals aggregated like every pre-auth one. */
function mediatePublic(k: KernelCore, spec: MethodSpec, p: Params): unknown {
  try {
    k.onStage?.("handler", spec.name);
    return spec.publicHandler!(k, p);
  } catch (e) {
    k.auditPreAuth(spec.name, e);
    throw e;
  }
}

/** The names this kernel answers to when a token carries audience caveats. */
export const KERNEL_AUDIENCE = ["qmk"];

// The mediator: the single place every q_* call passes through (SPEC §2.6).
//
// Fixed order of checks, each one failing closed and each decision —
// allow and deny — written to the audit log:
//   1. token    session handle → session → its token is not revoked (or any
//               ancestor), not expired, has uses left (counted per call)
//   2. tenant   the tenant exists and is not suspended
//   3. rights   the method's rights plus the rights derived from its params
//               (q_apply's opcode, q_submit's graph opcodes)
//   4. policy   rules, rate limits and quotas (deny-overrides)
//   5. handler  resolves resource handles (signature, tenant, session),
//               then the machine runs firewall → linearity → execute.
import { QmkError, isQmkError, type ErrorName } from "../errors.js";
import type { Right } from "./rights.js";
import type { KernelCore } from "../syscall/core.js";
import type { CallContext, MethodSpec, SessionRecord } from "../syscall/context.js";
import type { Params } from "../syscall/params.js";
import { decisionError } from "./policy/index.js";
import type { EventType } from "./audit/index.js";

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

/** Step 1–2: the caller's session, with its token and tenant re-checked on every call. */
export function authenticate(k: KernelCore, p: Params, now: number): SessionRecord {
  const claims = k.handles.verify(p.session_id, { kind: "sess" }, "session_id");
  const s = k.sessions.get(claims.id);
  if (!s || s.tenant !== claims.tenant) {
    const why = k.closedSessions.get(claims.id);
    if (why === "TOKEN_REVOKED") throw new QmkError("TOKEN_REVOKED", "the session's token (or one it was derived from) was revoked", { field: "session_id" });
    if (why === "TOKEN_EXPIRED" || why === "HANDLE_EXPIRED") throw new QmkError(why, "the session has expired", { field: "session_id" });
    throw new QmkError("AUTH_FAILED", "unknown or closed session", { field: "session_id" });
  }
  const a = s.authority;
  if (k.tokens.isRevoked(a.tokenId)) {
    k.closeSession(s.id, "TOKEN_REVOKED");
    throw new QmkError("TOKEN_REVOKED", "the session's token (or one it was derived from) was revoked", { field: "session_id" });
  }
  if (a.expiresAt !== undefined && now >= a.expiresAt) {
    k.closeSession(s.id, "TOKEN_EXPIRED");
    throw new QmkError("TOKEN_EXPIRED", "the session's token has expired", { field: "session_id" });
  }
  const status = k.tenants.statusOf(s.tenant);
  if (status === undefined || status === "deleted") {
    k.closeSession(s.id);
    throw new QmkError("AUTH_FAILED", "tenant no longer exists", { field: "session_id" });
  }
  if (status === "suspended") throw new QmkError("TENANT_SUSPENDED", `tenant ${s.tenant} is suspended`, { field: "session_id" });
  if (a.maxUses !== undefined) {
    // Counted (durably) before the call runs, so a crash can never hand out a free use.
    if (k.tokens.usesConsumed(a.tokenId) >= a.maxUses) {
      throw new QmkError("USES_EXHAUSTED", "the session's token has no uses left", { field: "session_id", max_uses: a.maxUses });
    }
    k.tokens.consumeUse(a.tokenId, a.maxUses);
  }
  return s;
}

/** Step 3: every right the call needs must have been granted to the session. */
export function authorizeRights(spec: MethodSpec, k: KernelCore, s: SessionRecord, p: Params): Right[] {
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

/** Step 4: policy rules, rate limits and quotas. */
export function checkPolicy(k: KernelCore, spec: MethodSpec, tenant: string, p: Params, now: number): void {
  const opcode = spec.opcode?.(p);
  const d = k.policy.evaluate({ tenant, method: spec.name, ...(opcode ? { opcode } : {}), now });
  if (!d.allow) throw decisionError(d);
}

/** Run an authenticated method through steps 1–5 and audit the decision. */
export function mediate(k: KernelCore, spec: MethodSpec, p: Params): unknown {
  const now = k.clock();
  let ctx: CallContext | undefined;
  let session: SessionRecord | undefined;
  try {
    session = authenticate(k, p, now);
    const rights = authorizeRights(spec, k, session, p);
    checkPolicy(k, spec, session.tenant, p, now);
    ctx = { method: spec.name, session, tenant: session.tenant, now, audit: { details: {} } };
    const result = spec.handler!(k, ctx, p);
    if (result instanceof Promise) {
      // q_wait: the decision to serve is made now; the outcome is not a security decision.
      k.auditAllow(spec, ctx, rights);
      return result;
    }
    k.auditAllow(spec, ctx, rights);
    return result;
  } catch (e) {
    k.auditDeny(spec.name, session, e);
    throw e;
  }
}

export function isDenial(e: unknown): e is QmkError {
  return isQmkError(e);
}

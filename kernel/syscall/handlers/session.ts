// q_negotiate_caps and q_inspect_token: the two methods reached without a
// session (they are how a session starts, or inspect a token offline).
import { QmkError } from "../../errors.js";
import { inspectToken } from "../../security/tokens.js";
import { isRight, type Right } from "../../security/rights.js";
import type { KernelCore } from "../core.js";
import type { CallContext } from "../context.js";
import { str, type Params } from "../params.js";

/** The names this kernel answers to when a token carries audience caveats. */
export const KERNEL_AUDIENCE = ["qmk"];

export function negotiateCaps(k: KernelCore, p: Params): unknown {
  const now = k.clock();
  const auth = k.tokens.verify(p.token, { now, audience: KERNEL_AUDIENCE });
  if (auth.tenant === undefined) throw new QmkError("AUTH_FAILED", "token names no tenant", { field: "token" });
  const t = k.tenants.get(auth.tenant);
  if (!t || t.status === "deleted") throw new QmkError("AUTH_FAILED", "token's tenant does not exist", { field: "token" });
  if (t.status === "suspended") throw new QmkError("TENANT_SUSPENDED", `tenant ${t.id} is suspended`, { field: "token" });

  let requested: Right[] = auth.rights;
  if (p.requested !== undefined) {
    if (!Array.isArray(p.requested)) throw new QmkError("INVALID_PARAMS", "requested must be a list of rights", { field: "params.requested" });
    p.requested.forEach((r, i) => {
      if (!isRight(r)) throw new QmkError("INVALID_PARAMS", `unknown right ${String(r)}`, { field: `params.requested[${i}]` });
    });
    requested = p.requested as Right[];
  }
  const granted = requested.filter((r) => auth.rights.includes(r));
  const denied = requested.filter((r) => !auth.rights.includes(r));
  if (auth.maxUses !== undefined) {
    if (k.tokens.usesConsumed(auth.tokenId) >= auth.maxUses) {
      throw new QmkError("USES_EXHAUSTED", "token has no uses left", { field: "token", max_uses: auth.maxUses });
    }
    k.tokens.consumeUse(auth.tokenId, auth.maxUses);
  }
  k.tenants.charge(t.id, "sessions");
  const id = k.nextId("s");
  const ttl = Math.min(k.sessionTtlMs, auth.expiresAt !== undefined ? Math.max(1, auth.expiresAt - now) : Infinity);
  const handle = k.handles.issue("sess", id, t.id, id, ttl);
  k.sessions.set(id, { id, handle, tenant: t.id, authority: auth, rights: new Set(granted), openedAt: now, expiresAt: now + ttl });
  k.audit.append({
    type: "session.open",
    tenant: t.id,
    session: id,
    op: "q_negotiate_caps",
    decision: "allow",
    details: { token_id: auth.tokenId, granted, denied },
  });
  return { session_id: handle, tenant: t.id, granted, denied, quota: k.tenants.quotaOf(t.id), expires_at: now + ttl };
}

export function inspect(_k: KernelCore, p: Params): unknown {
  const token = str(p, "token", 64 * 1024);
  try {
    return inspectToken(token);
  } catch (e) {
    if (e instanceof QmkError) throw e;
    throw new QmkError("INVALID_TOKEN", "not a QMK token", { field: "params.token" });
  }
}

/** End the caller's own session: its quota slot and the qubits bound to it are released. */
export function closeSession(k: KernelCore, ctx: CallContext): unknown {
  k.closeSession(ctx.session.id);
  ctx.audit.details = { closed: ctx.session.id };
  return { closed: true };
}

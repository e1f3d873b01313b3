// q_negotiate_caps and q_inspect_token: the two methods reached without a
// session (they are how a session starts, or inspect a token offline).
import { QmkError } from "../../errors.js";
import { inspectToken, type TokenAuthority } from "../../security/tokens.js";
import { isRight, type Right } from "../../security/rights.js";
import type { KernelCore } from "../core.js";
import type { CallContext } from "../context.js";
import { str, type Params } from "../params.js";

/** Rights stage of q_negotiate_caps: the session gets the token's rights ∩ the requested ones. */
export function grant(auth: TokenAuthority, p: Params): { granted: Right[]; denied: Right[] } {
  let requested: Right[] = auth.rights;
  if (p.requested !== undefined) {
    if (!Array.isArray(p.requested)) throw new QmkError("INVALID_PARAMS", "requested must be a list of rights", { field: "params.requested" });
    if (p.requested.length > 64) throw new QmkError("INVALID_PARAMS", "requested lists at most 64 rights", { field: "params.requested" });
    p.requested.forEach((r, i) => {
      if (!isRight(r)) throw new QmkError("INVALID_PARAMS", `unknown right ${String(r).slice(0, 32)}`, { field: `params.requested[${i}]` });
    });
    requested = p.requested as Right[];
  }
  return { granted: requested.filter((r) => auth.rights.includes(r)), denied: requested.filter((r) => !auth.rights.includes(r)) };
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

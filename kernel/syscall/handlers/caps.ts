// Delegation and revocation of capability tokens (SPEC §2.4, §2.5).
import { QmkError } from "../../errors.js";
import { isRight, type Right } from "../../security/rights.js";
import { inspectToken } from "../../security/tokens.js";
import type { KernelCore } from "../core.js";
import type { CallContext } from "../context.js";
import { optInt, str, type Params } from "../params.js";

export function delegate(k: KernelCore, ctx: CallContext, p: Params): unknown {
  const rights = p.rights;
  if (!Array.isArray(rights) || rights.length === 0) throw new QmkError("INVALID_PARAMS", "rights must be a non-empty list", { field: "params.rights" });
  rights.forEach((r, i) => {
    if (!isRight(r)) throw new QmkError("INVALID_PARAMS", `unknown right ${String(r)}`, { field: `params.rights[${i}]` });
  });
  // A session may only pass on what it was granted, not everything its token could do.
  const notGranted = (rights as Right[]).filter((r) => !ctx.session.rights.has(r));
  if (notGranted.length) throw new QmkError("INSUFFICIENT_CAPS", "cannot delegate rights the session was not granted", { field: "params.rights", missing: notGranted });
  const audience = p.audience;
  if (audience !== undefined && typeof audience !== "string" && !(Array.isArray(audience) && audience.every((a) => typeof a === "string"))) {
    throw new QmkError("INVALID_PARAMS", "audience must be a string or a list of strings", { field: "params.audience" });
  }
  const expiresAt = optInt(p, "expires_at", 0, Number.MAX_SAFE_INTEGER);
  const maxUses = optInt(p, "max_uses", 1, 1_000_000_000);
  const maxDepth = optInt(p, "max_depth", 0, 64);
  const token = k.tokens.delegate(ctx.session.authority, {
    rights: rights as Right[],
    ...(expiresAt !== undefined ? { expiresAt } : {}),
    ...(maxUses !== undefined ? { maxUses } : {}),
    ...(maxDepth !== undefined ? { maxDepth } : {}),
    ...(audience !== undefined ? { audience: audience as string | string[] } : {}),
  });
  const childId = inspectToken(token).id;
  ctx.audit.type = "cap.delegate";
  ctx.audit.details = { parent: ctx.session.authority.tokenId, child: childId, rights, depth: k.tokens.depthOf(childId) };
  return { token, token_id: childId };
}

/**
 * Revoke a token and, with it, every token derived from it. The caller must
 * present the token itself, and it must lie in the caller's own lineage
 * (its session token or a descendant), unless the caller holds CAP_ADMIN.
 */
export function revoke(k: KernelCore, ctx: CallContext, p: Params): unknown {
  const token = str(p, "token", 64 * 1024);
  // The MAC is checked before anything else, so any refusal other than
  // INVALID_TOKEN means the token is authentic (revoking twice is harmless).
  let tokenId: string;
  try {
    tokenId = k.tokens.verify(token, { audience: ["qmk"] }).tokenId;
  } catch (e) {
    if (!(e instanceof QmkError) || e.codeName === "INVALID_TOKEN") throw e;
    tokenId = inspectToken(token).id;
  }
  const own = ctx.session.authority.tokenId;
  const inLineage = tokenId === own || k.tokens.lineage(tokenId).includes(own);
  if (!inLineage && !ctx.session.rights.has("CAP_ADMIN")) {
    throw new QmkError("ACCESS_DENIED", "you can only revoke your own token or tokens derived from it", { field: "params.token" });
  }
  const revoked = k.tokens.revoke(tokenId);
  // Sessions opened with any revoked token end now (their quota slots and qubits come back).
  const gone = new Set(revoked);
  for (const s of [...k.sessions.values()]) if (gone.has(s.authority.tokenId)) k.closeSession(s.id, "TOKEN_REVOKED");
  ctx.audit.type = "cap.revoke";
  ctx.audit.details = { token_id: tokenId, cascade: revoked.length };
  return { revoked };
}

// Capability tokens (SPEC §2.4, §2.5): macaroon-style bearer tokens.
//   mintToken     — kernel side, needs the "tokens" key
//   attenuate     — anyone, offline, no key: append caveats (only restricts)
//   inspectToken  — anyone: id, caveats, short tag fingerprint (never the tag)
//   verifyToken   — kernel side: MAC chain, caveats, then revocation/uses via
//                   an optional state view (the TokenRegistry)
//
// Refusal codes (SPEC §4), checked in this order:
//   malformed / forged / bit-flipped / truncated / unknown caveat → INVALID_TOKEN
//   token or an ancestor revoked                                  → TOKEN_REVOKED
//   now ≥ expires                                                 → TOKEN_EXPIRED
//   now < not_before (authentic but not valid yet)                → AUTH_FAILED
//   tenant or audience caveat not satisfied by the context        → AUTH_FAILED
//   uses consumed ≥ max uses                                      → USES_EXHAUSTED
// Not-yet-valid is AUTH_FAILED, not INVALID_TOKEN: the token is genuine, it
// is this *request* (its time) that does not satisfy it.
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, randomBytes } from "@noble/hashes/utils.js";
import { QmkError } from "../errors.js";
import { isRight, type Right } from "./rights.js";
import {
  foldCaveats,
  formatCaveat,
  parseCaveat,
  sortRights,
  validateCaveatText,
  type Caveat,
  type Restrictions,
} from "./tokens/caveats.js";
import { chainStep, macaroonTag, tagsEqual } from "./tokens/chain.js";
import { decodeToken, encodeToken, TOKEN_PREFIX } from "./tokens/codec.js";

export { chainStart, chainStep, macaroonTag, tagsEqual } from "./tokens/chain.js";
export { parseCaveat, formatCaveat, foldCaveats, type Caveat, type Restrictions } from "./tokens/caveats.js";
export { TOKEN_PREFIX, MAX_CAVEATS } from "./tokens/codec.js";

/** What a token may say; every field only restricts. Used by mint, attenuate and delegate. */
export interface TokenSpec {
  rights?: readonly Right[];
  /** ms since epoch; the token is valid while now < expiresAt */
  expiresAt?: number;
  /** ms since epoch; the token is valid once now >= notBefore */
  notBefore?: number;
  maxUses?: number;
  /** further server-side delegations allowed below this token */
  maxDepth?: number;
  tenant?: string;
  audience?: string | readonly string[];
}

/** The effective authority of a verified token. */
export interface TokenAuthority {
  tokenId: string;
  rights: Right[];
  expiresAt?: number;
  notBefore?: number;
  maxUses?: number;
  /** maxUses minus uses already counted (only when verified with state) */
  usesRemaining?: number;
  /** from `depth` caveats; the registry also applies its global limit */
  maxDepth?: number;
  /** lineage depth: 0 for a minted token, parent + 1 for a delegated one */
  depth: number;
  tenant?: string;
  /** every audience the verifier had to answer to */
  audience: string[];
  /** caveat texts, in chain order (not secret) */
  caveats: string[];
}

/** Server-side state consulted by verifyToken (implemented by TokenRegistry). */
export interface TokenStateView {
  /** true if the id or any ancestor of it is revoked */
  isRevoked(tokenId: string): boolean;
  usesConsumed(tokenId: string): number;
  depthOf(tokenId: string): number;
}

export interface TokenVerifyContext {
  /** the "tokens" key: keyRing.derive("tokens") */
  key: Uint8Array;
  now?: number;
  /** when given, the token must carry no tenant caveat other than this one */
  tenant?: string;
  /** names the verifier answers to; every audience caveat must be among them */
  audience?: string | readonly string[];
  state?: TokenStateView;
}

export interface TokenInfo {
  version: string;
  id: string;
  caveats: string[];
  /** first 16 hex of SHA-256(tag): tells tokens apart without revealing the tag */
  fingerprint: string;
}

/** A fresh random token id (128 bits, base64url). */
export function newTokenId(): string {
  return Buffer.from(randomBytes(16)).toString("base64url");
}

/** Caveat texts for a spec, in a fixed order. */
export function caveatsFor(spec: TokenSpec): string[] {
  const out: Caveat[] = [];
  if (spec.rights !== undefined && (!Array.isArray(spec.rights) || !spec.rights.every(isRight))) {
    // sortRights would silently drop an unknown name; say so instead
    throw new QmkError("INVALID_PARAMS", "rights must be a list of known rights", { field: "rights" });
  }
  if (spec.rights !== undefined) out.push({ key: "rights", rights: sortRights(spec.rights) });
  if (spec.expiresAt !== undefined) out.push({ key: "expires", at: spec.expiresAt });
  if (spec.notBefore !== undefined) out.push({ key: "not_before", at: spec.notBefore });
  if (spec.maxUses !== undefined) out.push({ key: "uses", max: spec.maxUses });
  if (spec.maxDepth !== undefined) out.push({ key: "depth", max: spec.maxDepth });
  if (spec.tenant !== undefined) out.push({ key: "tenant", name: spec.tenant });
  const aud = spec.audience === undefined ? [] : typeof spec.audience === "string" ? [spec.audience] : spec.audience;
  for (const a of aud) out.push({ key: "audience", name: a });
  // Round-trip through the parser so a bad value (NaN, -1, "a b") is refused here, not at verify.
  const texts = out.map(formatCaveat);
  for (const t of texts) validateCaveatText(t);
  return texts;
}

/** Mint a root token. It always carries a rights caveat (a token without one is refused). */
export function mintToken(key: Uint8Array, spec: TokenSpec & { rights: readonly Right[] }, id: string = newTokenId()): string {
  const caveats = caveatsFor(spec);
  return encodeToken({ id, caveats, tag: macaroonTag(key, id, caveats) });
}

/**
 * Offline attenuation: append caveats and re-key the chain. Needs no key, and
 * cannot widen anything — caveats only ever add restrictions. Throws
 * INVALID_TOKEN for an undecodable token, INVALID_PARAMS for a bad caveat.
 */
export function attenuate(token: string, caveats: string | readonly string[] | TokenSpec): string {
  const raw = decodeToken(token);
  const extra =
    typeof caveats === "string" ? [caveats] : Array.isArray(caveats) ? [...(caveats as readonly string[])] : caveatsFor(caveats as TokenSpec);
  for (const c of extra) validateCaveatText(c);
  let tag = raw.tag;
  for (const c of extra) tag = chainStep(tag, c);
  return encodeToken({ id: raw.id, caveats: [...raw.caveats, ...extra], tag });
}

export function inspectToken(token: string): TokenInfo {
  const raw = decodeToken(token);
  return { version: TOKEN_PREFIX.slice(0, -1), id: raw.id, caveats: raw.caveats, fingerprint: tagFingerprint(raw.tag) };
}

export function tagFingerprint(tag: Uint8Array): string {
  return bytesToHex(sha256(tag)).slice(0, 16);
}

/** Verify a token and compute its effective authority, or throw a QmkError (see header). */
export function verifyToken(token: unknown, ctx: TokenVerifyContext): TokenAuthority {
  return authorize(authenticateToken(token, ctx.key), ctx);
}

/** A token whose MAC chain and caveat grammar have been checked (context-free, cacheable). */
export interface AuthenticToken {
  id: string;
  caveats: string[];
  restrictions: Restrictions & { rights: Right[] };
}

/** Step 1 of verifyToken: decode, check the MAC chain in constant time, parse caveats. Throws INVALID_TOKEN. */
export function authenticateToken(token: unknown, key: Uint8Array): AuthenticToken {
  const raw = decodeToken(token);
  if (!tagsEqual(macaroonTag(key, raw.id, raw.caveats), raw.tag)) {
    throw new QmkError("INVALID_TOKEN", "invalid token (signature mismatch)", { field: "token" });
  }
  const r = foldCaveats(raw.caveats.map(parseCaveat));
  if (r.rights === undefined) {
    throw new QmkError("INVALID_TOKEN", "invalid token (no rights caveat)", { field: "token", rule: "caveat" });
  }
  const t: AuthenticToken = { id: raw.id, caveats: raw.caveats, restrictions: { ...r, rights: r.rights } };
  authentic.add(t);
  return t;
}

// authorize() accepts only objects made by authenticateToken: a hand-built
// AuthenticToken would skip the MAC check.
const authentic = new WeakSet<AuthenticToken>();

/** Step 2 of verifyToken: revocation, time, tenant, audience and uses against the context. */
export function authorize(t: AuthenticToken, ctx: Omit<TokenVerifyContext, "key">): TokenAuthority {
  if (!authentic.has(t)) throw new Error("authorize() needs a value from authenticateToken()");
  const raw = t;
  const r = t.restrictions;
  // The MAC verified: a refusal from here on names the token's id and tenant (the audit log keeps them).
  const data = { field: "token", token_id: raw.id, ...(r.tenants.length === 1 ? { tenant: r.tenants[0] } : {}) };
  if (ctx.state?.isRevoked(raw.id)) throw new QmkError("TOKEN_REVOKED", "token revoked", data);

  const now = ctx.now ?? Date.now();
  if (r.expiresAt !== undefined && now >= r.expiresAt) throw new QmkError("TOKEN_EXPIRED", "token expired", data);
  if (r.notBefore !== undefined && now < r.notBefore) {
    throw new QmkError("AUTH_FAILED", "token not valid yet", { ...data, rule: "not_before" });
  }
  if (r.tenants.length > 1) throw new QmkError("AUTH_FAILED", "token names conflicting tenants", { ...data, rule: "tenant" });
  const tenant = r.tenants[0];
  if (ctx.tenant !== undefined && tenant !== undefined && tenant !== ctx.tenant) {
    throw new QmkError("AUTH_FAILED", "token is for another tenant", { ...data, rule: "tenant" });
  }
  const accepted = ctx.audience === undefined ? [] : typeof ctx.audience === "string" ? [ctx.audience] : ctx.audience;
  if (!r.audiences.every((a) => accepted.includes(a))) {
    throw new QmkError("AUTH_FAILED", "token is for another audience", { ...data, rule: "audience" });
  }

  let usesRemaining: number | undefined;
  if (r.maxUses !== undefined && ctx.state) {
    usesRemaining = Math.max(0, r.maxUses - ctx.state.usesConsumed(raw.id));
    if (usesRemaining === 0) throw new QmkError("USES_EXHAUSTED", "token uses exhausted", data);
  } else if (r.maxUses === 0) {
    throw new QmkError("USES_EXHAUSTED", "token uses exhausted", data);
  }

  const auth: TokenAuthority = {
    tokenId: raw.id,
    rights: [...r.rights],
    depth: ctx.state?.depthOf(raw.id) ?? 0,
    audience: [...r.audiences],
    caveats: [...raw.caveats],
  };
  if (r.expiresAt !== undefined) auth.expiresAt = r.expiresAt;
  if (r.notBefore !== undefined) auth.notBefore = r.notBefore;
  if (r.maxUses !== undefined) auth.maxUses = r.maxUses;
  if (usesRemaining !== undefined) auth.usesRemaining = usesRemaining;
  if (r.maxDepth !== undefined) auth.maxDepth = r.maxDepth;
  if (tenant !== undefined) auth.tenant = tenant;
  return auth;
}

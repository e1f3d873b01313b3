// Server-side token state (SPEC §2.4, §2.5), persisted through the Journal:
//   issuance + lineage  — every token the kernel mints, with its parent
//   revocations         — permanent; a token is revoked if it or ANY ancestor
//                         is, so revocation covers the whole subtree, later
//                         offline attenuations (same id) and survives restarts
//   use counters        — keyed by token id, written before the use is granted
//
// Fail closed: a token whose id this registry never issued is refused
// (INVALID_TOKEN), so a lost lineage record can never turn a revocable child
// into an unrevocable root. Lineage is on disk before a child token is returned.
import { createHash } from "node:crypto";
import * as path from "node:path";
import { QmkError } from "../errors.js";
import { Journal, type JournalOptions } from "../persist/journal.js";
import type { Right } from "./rights.js";
import {
  authenticateToken,
  authorize,
  caveatsFor,
  mintToken,
  newTokenId,
  type AuthenticToken,
  type TokenAuthority,
  type TokenSpec,
  type TokenStateView,
} from "./tokens.js";
import { MAX_TOKEN_LENGTH } from "./tokens/codec.js";

export type TokenRecord =
  | { t: "issue"; id: string; parent: string | null; depth: number; at: number }
  | { t: "revoke"; id: string; at: number }
  /** absolute count after the use, so replay is idempotent */
  | { t: "use"; id: string; used: number };

export interface DelegationRequest {
  rights: readonly Right[];
  expiresAt?: number;
  /** required when the parent's uses are limited: they are reserved from the parent */
  maxUses?: number;
  maxDepth?: number;
  audience?: string | readonly string[];
  tenant?: string;
}

export interface TokenRegistryOptions {
  /** the "tokens" key: keyRing.derive("tokens") */
  key: Uint8Array;
  /** default: in-memory (nothing survives) */
  journal?: Journal<TokenRecord>;
  clock?: () => number;
  /** global limit on lineage depth (root = 0). Default 8. */
  maxDepth?: number;
}

export const TOKENS_JOURNAL = "tokens.jsonl";
const COMPACT_AFTER = 10_000;
const AUTH_CACHE_SIZE = 4096;

interface Node {
  parent: string | null;
  depth: number;
  at: number;
  children: string[];
}

export class TokenRegistry implements TokenStateView {
  private readonly key: Uint8Array;
  private readonly journal: Journal<TokenRecord>;
  private readonly clock: () => number;
  readonly maxDepth: number;
  private readonly nodes = new Map<string, Node>();
  private readonly revoked = new Map<string, number>();
  private readonly used = new Map<string, number>();
  private readonly authCache = new Map<string, AuthenticToken>();

  constructor(opts: TokenRegistryOptions) {
    this.key = Uint8Array.from(opts.key);
    this.journal = opts.journal ?? Journal.memory<TokenRecord>();
    this.clock = opts.clock ?? Date.now;
    this.maxDepth = opts.maxDepth ?? 8;
    const records = this.journal.replay();
    for (const r of records) this.apply(r);
    if (records.length > COMPACT_AFTER) this.journal.compact(this.snapshot());
  }

  /** A registry persisted at DIR/tokens.jsonl. */
  static open(dir: string, opts: Omit<TokenRegistryOptions, "journal"> & { journalOptions?: JournalOptions }): TokenRegistry {
    const journal = Journal.open<TokenRecord>(path.join(dir, TOKENS_JOURNAL), opts.journalOptions);
    return new TokenRegistry({ ...opts, journal });
  }

  /** Mint a root token (admin token, a new tenant's token) and record it as issued. */
  mint(spec: TokenSpec & { rights: readonly Right[] }): string {
    const id = newTokenId();
    const token = mintToken(this.key, spec, id);
    this.persist({ t: "issue", id, parent: null, depth: 0, at: this.clock() });
    return token;
  }

  /** verifyToken with this registry's key, clock and state; unknown ids are refused. */
  verify(token: unknown, ctx: { tenant?: string; audience?: string | readonly string[]; now?: number } = {}): TokenAuthority {
    const t = this.authenticate(token);
    if (!this.nodes.has(t.id)) {
      throw new QmkError("INVALID_TOKEN", "invalid token (not issued by this kernel)", { field: "token" });
    }
    return authorize(t, { now: ctx.now ?? this.clock(), tenant: ctx.tenant, audience: ctx.audience, state: this });
  }

  /**
   * MAC check + caveat parse, cached by SHA-256 of the exact token string.
   * Only context-free results are cached (and only successes); revocation,
   * time, tenant, audience and uses are re-checked on every verify. The
   * cache is keyed by a digest, never by the token, so lookups cannot leak
   * tag bytes through string-comparison timing.
   */
  private authenticate(token: unknown): AuthenticToken {
    if (typeof token !== "string" || token.length > MAX_TOKEN_LENGTH) return authenticateToken(token, this.key);
    const digest = createHash("sha256").update(token).digest("base64");
    const hit = this.authCache.get(digest);
    if (hit) return hit;
    const t = authenticateToken(token, this.key);
    if (this.authCache.size >= AUTH_CACHE_SIZE) this.authCache.delete(this.authCache.keys().next().value!);
    this.authCache.set(digest, t);
    return t;
  }

  /**
   * Mint a child of `parent` (an authority from verify) for another principal.
   * The child carries all of the parent's restrictions plus the requested
   * ones, and any request wider than the parent is refused (INSUFFICIENT_CAPS
   * with the offending field) rather than silently clamped.
   */
  delegate(parent: TokenAuthority, req: DelegationRequest): string {
    const node = this.nodes.get(parent.tokenId);
    if (!node) throw new QmkError("INVALID_TOKEN", "invalid token (not issued by this kernel)", { field: "token" });
    if (this.isRevoked(parent.tokenId)) throw new QmkError("TOKEN_REVOKED", "token revoked", { token_id: parent.tokenId });
    const now = this.clock();
    if (parent.expiresAt !== undefined && now >= parent.expiresAt) {
      throw new QmkError("TOKEN_EXPIRED", "token expired", { token_id: parent.tokenId });
    }
    const widen = (field: string, message: string, extra: Record<string, unknown> = {}) =>
      new QmkError("INSUFFICIENT_CAPS", `delegation cannot widen authority: ${message}`, { field, rule: "attenuation", ...extra });

    if (!Array.isArray(req.rights)) throw new QmkError("INVALID_PARAMS", "rights must be a list", { field: "rights" });
    const missing = req.rights.filter((r) => !parent.rights.includes(r));
    if (missing.length > 0) throw widen("rights", "rights not held", { missing });

    let expiresAt = parent.expiresAt;
    if (req.expiresAt !== undefined) {
      if (parent.expiresAt !== undefined && req.expiresAt > parent.expiresAt) throw widen("expires_at", "expiry later than parent's");
      expiresAt = req.expiresAt;
    }

    // Depth: the lineage limit and the parent's own depth caveat, whichever is tighter.
    const hopsLeft = Math.min(this.maxDepth - node.depth, parent.maxDepth ?? Infinity);
    if (hopsLeft < 1) throw widen("max_depth", "delegation depth exhausted");
    const childHops = req.maxDepth ?? hopsLeft - 1;
    if (!Number.isSafeInteger(childHops) || childHops < 0) throw new QmkError("INVALID_PARAMS", "bad max_depth", { field: "max_depth" });
    if (childHops > hopsLeft - 1) throw widen("max_depth", "depth beyond parent's");

    let tenant = parent.tenant;
    if (req.tenant !== undefined) {
      if (parent.tenant !== undefined && req.tenant !== parent.tenant) throw widen("tenant", "other tenant than parent's");
      tenant = req.tenant;
    }

    const audience = [...parent.audience];
    const reqAud = req.audience === undefined ? [] : typeof req.audience === "string" ? [req.audience] : req.audience;
    for (const a of reqAud) if (!audience.includes(a)) audience.push(a);

    const spec: TokenSpec = { rights: req.rights, expiresAt, notBefore: parent.notBefore, maxDepth: childHops, tenant, audience };
    // Uses: reserved from the parent's counter, so a subtree never spends more than its root allowed.
    if (parent.maxUses !== undefined) {
      if (req.maxUses === undefined) throw new QmkError("INVALID_PARAMS", "max_uses is required: the parent's uses are limited", { field: "max_uses" });
      spec.maxUses = req.maxUses;
    } else if (req.maxUses !== undefined) {
      spec.maxUses = req.maxUses;
    }
    if (spec.maxUses !== undefined && (!Number.isSafeInteger(spec.maxUses) || spec.maxUses < 1)) {
      throw new QmkError("INVALID_PARAMS", "max_uses must be a positive integer", { field: "max_uses" });
    }
    caveatsFor(spec); // validates every value before anything is reserved or written
    if (parent.maxUses !== undefined) {
      const remaining = parent.maxUses - this.usesConsumed(parent.tokenId);
      if (spec.maxUses! > remaining) throw widen("max_uses", "more uses than the parent has left");
      this.consumeUse(parent.tokenId, parent.maxUses, spec.maxUses!);
    }

    const id = newTokenId();
    const token = mintToken(this.key, { ...spec, rights: req.rights }, id);
    this.persist({ t: "issue", id, parent: parent.tokenId, depth: node.depth + 1, at: now });
    return token;
  }

  /**
   * Revoke a token id permanently. Every descendant (existing or future, and
   * every offline attenuation) is revoked with it. Returns the ids revoked:
   * the id and all its known descendants (for the audit log / session kill).
   */
  revoke(tokenId: string): string[] {
    if (typeof tokenId !== "string" || tokenId.length === 0) throw new QmkError("INVALID_PARAMS", "token id required", { field: "token" });
    if (!this.revoked.has(tokenId)) {
      // Memory first: if the disk write fails we still refuse the token (fail closed).
      const rec: TokenRecord = { t: "revoke", id: tokenId, at: this.clock() };
      this.apply(rec);
      this.journal.append(rec);
    }
    return this.descendants(tokenId, true);
  }

  isRevoked(tokenId: string): boolean {
    // Walk up the lineage; bounded by the depth limit (and a guard against a corrupt journal).
    let id: string | null = tokenId;
    for (let hops = 0; id !== null && hops <= this.maxDepth + 1; hops++) {
      if (this.revoked.has(id)) return true;
      id = this.nodes.get(id)?.parent ?? null;
    }
    return id !== null; // lineage deeper than allowed: treat as revoked
  }

  usesConsumed(tokenId: string): number {
    return this.used.get(tokenId) ?? 0;
  }

  /**
   * Count `n` uses of a token id against `maxUses` (undefined = unlimited,
   * only counted). Throws USES_EXHAUSTED without counting if it would exceed
   * the limit. Returns the uses left (Infinity when unlimited).
   */
  consumeUse(tokenId: string, maxUses?: number, n = 1): number {
    const used = this.usesConsumed(tokenId);
    if (maxUses !== undefined && used + n > maxUses) {
      throw new QmkError("USES_EXHAUSTED", "token uses exhausted", { token_id: tokenId });
    }
    const rec: TokenRecord = { t: "use", id: tokenId, used: used + n };
    this.apply(rec); // counted even if the write fails: the caller is refused either way
    this.journal.append(rec);
    return maxUses === undefined ? Infinity : maxUses - used - n;
  }

  isKnown(tokenId: string): boolean {
    return this.nodes.has(tokenId);
  }

  depthOf(tokenId: string): number {
    return this.nodes.get(tokenId)?.depth ?? 0;
  }

  parentOf(tokenId: string): string | null {
    return this.nodes.get(tokenId)?.parent ?? null;
  }

  /** [id, parent, grandparent, …, root] */
  lineage(tokenId: string): string[] {
    const out: string[] = [];
    let id: string | null = tokenId;
    while (id !== null && out.length <= this.maxDepth + 1) {
      out.push(id);
      id = this.nodes.get(id)?.parent ?? null;
    }
    return out;
  }

  /** Known descendants of a token id (breadth-first). */
  descendants(tokenId: string, includeSelf = false): string[] {
    const out = includeSelf ? [tokenId] : [];
    const queue = [...(this.nodes.get(tokenId)?.children ?? [])];
    while (queue.length > 0) {
      const id = queue.shift()!;
      out.push(id);
      queue.push(...(this.nodes.get(id)?.children ?? []));
    }
    return out;
  }

  close(): void {
    this.journal.close();
  }

  /** Append then apply: used where losing the record would fail open (issuance/lineage). */
  private persist(rec: TokenRecord): void {
    this.journal.append(rec);
    this.apply(rec);
  }

  private apply(r: TokenRecord): void {
    switch (r.t) {
      case "issue": {
        if (this.nodes.has(r.id)) return;
        this.nodes.set(r.id, { parent: r.parent, depth: r.depth, at: r.at, children: [] });
        if (r.parent !== null) this.nodes.get(r.parent)?.children.push(r.id);
        return;
      }
      case "revoke":
        if (!this.revoked.has(r.id)) this.revoked.set(r.id, r.at);
        return;
      case "use":
        this.used.set(r.id, Math.max(this.used.get(r.id) ?? 0, r.used));
        return;
    }
  }

  private snapshot(): TokenRecord[] {
    const out: TokenRecord[] = [];
    // Parents before children, so replay rebuilds the children lists.
    const roots = [...this.nodes].filter(([, n]) => n.parent === null || !this.nodes.has(n.parent)).map(([id]) => id);
    for (const root of roots) {
      for (const id of this.descendants(root, true)) {
        const n = this.nodes.get(id)!;
        out.push({ t: "issue", id, parent: n.parent, depth: n.depth, at: n.at });
      }
    }
    for (const [id, at] of this.revoked) out.push({ t: "revoke", id, at });
    for (const [id, used] of this.used) out.push({ t: "use", id, used });
    return out;
  }
}

// Cross-tenant channels (SPEC §2.10): request → approve/reject → use → revoke/expire.
//
// Pair binding: the record is directional (from = requester, to = peer who
// approved) but it authorizes entangling operations between exactly the
// unordered pair {from, to}: entanglement is symmetric, and either side may
// issue the operation once the other has lent its qubit.
//
// Persistence: every state change is one journal line, written before memory
// changes, so a failed write leaves the manager as it was. Signatures are
// re-verified on every authorization, so an edited journal line (pair,
// max_uses, expiry) makes the channel unusable after reload.
import { randomBytes } from "node:crypto";
import { QmkError } from "../../errors.js";
import type { Journal } from "../../persist/journal.js";
import { samePair } from "../firewall/rule.js";
import { chainMac, chainMacOk } from "./chain.js";
import { LoanBook, type Loan } from "./loans.js";
import { signTerms, verifyTerms, type ChannelTerms } from "./record.js";

/** Journal records (snake_case: this is the on-disk format). `mac`: see chain.ts. */
export type ChannelEvent = ChannelFact & { mac?: string };

type ChannelFact =
  | { t: "request"; id: string; from: string; to: string; max_uses: number; expires_at: number | null; created_at: number; sig_from: string }
  | { t: "approve"; id: string; by: string; sig_to: string; at: number }
  | { t: "reject"; id: string; by: string; at: number }
  /** `used` is the total after this use, so replay is idempotent and compaction is one line */
  | { t: "use"; id: string; used: number }
  | { t: "revoke"; id: string; by: string; admin: boolean; at: number };

export type ChannelState = "pending" | "active" | "rejected" | "revoked" | "expired" | "exhausted" | "invalid";

export interface ChannelStatus {
  id: string;
  from: string;
  to: string;
  state: ChannelState;
  maxUses: number;
  used: number;
  remaining: number;
  expiresAt: number | null;
  createdAt: number;
  approvedAt: number | null;
  revokedBy: string | null;
  /** both signatures present and valid */
  signed: boolean;
}

export interface ChannelManagerOptions {
  journal: Journal<ChannelEvent>;
  /** each tenant's own signing key (the kernel derives it with HKDF) */
  keyFor: (tenant: string) => Uint8Array;
  /** max active channels (plus own pending requests) per tenant; default unlimited */
  quota?: number | ((tenant: string) => number);
  clock?: () => number;
  /**
   * Kernel key for the journal's integrity chain (chain.ts). With it, a
   * journal whose chain is broken fails closed: no channel authorizes anything.
   */
  integrityKey?: Uint8Array;
}

export interface RequestOptions {
  maxUses: number;
  /** ms since epoch; omitted/null = no expiry */
  expiresAt?: number | null;
}

/** Who acts: a tenant name, or an administrator (CAP_ADMIN, checked by the mediator). */
export interface ActorOptions {
  admin?: boolean;
}

interface Channel {
  terms: ChannelTerms;
  sigFrom: string;
  sigTo: string | null;
  decision: "pending" | "approved" | "rejected";
  /** time of the approve/reject decision */
  decidedAt: number | null;
  used: number;
  revokedBy: string | null;
  revokedByAdmin: boolean;
  revokedAt: number | null;
}

const MAX_USES_LIMIT = 1_000_000_000;

export class ChannelManager {
  private readonly channels = new Map<string, Channel>();
  private readonly byTenant = new Map<string, Set<string>>();
  private readonly loans = new LoanBook();
  private readonly journal: Journal<ChannelEvent>;
  private readonly keyFor: (tenant: string) => Uint8Array;
  private readonly quotaOf: (tenant: string) => number;
  private readonly clock: () => number;
  private readonly integrityKey: Uint8Array | null;
  private lastMac = "";
  /** index of the first journal line whose chain mac failed, or null */
  private brokenAt: number | null = null;

  constructor(opts: ChannelManagerOptions) {
    this.journal = opts.journal;
    this.keyFor = opts.keyFor;
    const q = opts.quota;
    this.quotaOf = typeof q === "function" ? q : () => q ?? Infinity;
    this.clock = opts.clock ?? Date.now;
    this.integrityKey = opts.integrityKey ?? null;
    const events = this.journal.replay();
    for (let i = 0; i < events.length; i++) {
      const ev = events[i];
      if (this.integrityKey && this.brokenAt === null) {
        const { mac, ...fact } = ev ?? {};
        // After a break nothing can be trusted, and a missing line (a revoke?) cannot be
        // known: fail closed. Lines are still loaded, for status/diagnostics only.
        if (chainMacOk(this.integrityKey, this.lastMac, fact, mac)) this.lastMac = mac!;
        else this.brokenAt = i;
      }
      this.replayOne(ev);
    }
    // Use lines dominate the journal; fold them once they outnumber the channels.
    // A broken journal is left as it is: it is the evidence.
    if (this.brokenAt === null && events.length > 4 * this.channels.size + 64) this.compact();
  }

  /** Integrity of the journal chain (always ok without an integrity key). */
  integrity(): { ok: boolean; brokenAt: number | null } {
    return { ok: this.brokenAt === null, brokenAt: this.brokenAt };
  }

  /** Tenant `from` proposes a channel to `to`; returns the request id (also the channel id once approved). */
  request(from: string, to: string, opts: RequestOptions): string {
    requireName(from, "from");
    requireName(to, "to");
    if (from === to) throw new QmkError("INVALID_PARAMS", "a channel joins two different tenants", { field: "peer" });
    const { maxUses } = opts;
    if (!Number.isSafeInteger(maxUses) || maxUses < 1 || maxUses > MAX_USES_LIMIT) {
      throw new QmkError("INVALID_PARAMS", `max_uses must be an integer in 1..${MAX_USES_LIMIT}`, { field: "max_uses" });
    }
    const now = this.clock();
    const expiresAt = opts.expiresAt ?? null;
    if (expiresAt !== null && (!Number.isFinite(expiresAt) || expiresAt <= now)) {
      throw new QmkError("INVALID_PARAMS", "expires_at must be a future time (ms since epoch)", { field: "expires_at" });
    }
    this.checkQuota(from, now);
    const terms: ChannelTerms = { id: "ch_" + randomBytes(16).toString("hex"), from, to, maxUses, expiresAt, createdAt: now };
    const sigFrom = signTerms(this.keyFor(from), terms, "request");
    this.write({ t: "request", id: terms.id, from, to, max_uses: maxUses, expires_at: expiresAt, created_at: now, sig_from: sigFrom });
    return terms.id;
  }

  /** Only the named peer approves, and signs with its own key. Returns the channel id. */
  approve(by: string, requestId: string): string {
    const ch = this.pendingFor(by, requestId, "approve");
    const now = this.clock();
    if (!this.verifyFrom(ch)) throw unauthorized("the request's signature does not verify", "bad_signature");
    if (isExpired(ch, now)) throw new QmkError("CHANNEL_REVOKED_OR_EXPIRED", "the request has expired", { field: "request_id" });
    this.checkQuota(by, now);
    const sigTo = signTerms(this.keyFor(by), ch.terms, "approve");
    this.write({ t: "approve", id: requestId, by, sig_to: sigTo, at: now });
    return requestId;
  }

  /** Only the named peer rejects a pending request. */
  reject(by: string, requestId: string): void {
    this.pendingFor(by, requestId, "reject");
    this.write({ t: "reject", id: requestId, by, at: this.clock() });
  }

  /** Either tenant of the pair, or an admin, revokes; afterwards the channel authorizes nothing. */
  revoke(by: string, channelId: string, opts: ActorOptions = {}): void {
    const ch = this.visible(channelId, by, opts);
    if (ch.revokedBy !== null || ch.decision === "rejected") {
      throw new QmkError("ALREADY_COMPLETED", "channel already closed", { field: "channel" });
    }
    this.write({ t: "revoke", id: channelId, by, admin: opts.admin === true, at: this.clock() });
    this.loans.dropWhere((l) => l.channelId === channelId);
  }

  /** Tenant deletion: close every open channel or pending request of `tenant`. Returns the ids closed. */
  revokeAllOf(tenant: string, by = "admin"): string[] {
    const closed: string[] = [];
    for (const id of this.byTenant.get(tenant) ?? []) {
      const ch = this.channels.get(id)!;
      if (ch.revokedBy !== null || ch.decision === "rejected") continue;
      this.revoke(by, id, { admin: true });
      closed.push(id);
    }
    return closed;
  }

  status(channelId: string, viewer: string, opts: ActorOptions = {}): ChannelStatus {
    return this.describe(this.visible(channelId, viewer, opts), this.clock());
  }

  /** Every channel (and request) the tenant is a party to, oldest first. */
  list(tenant: string): ChannelStatus[] {
    const now = this.clock();
    return [...(this.byTenant.get(tenant) ?? [])]
      .map((id) => this.describe(this.channels.get(id)!, now))
      .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
  }

  /**
   * Pure check that `channelId` may carry one entangling operation between
   * tenantA and tenantB at `now`. Throws CHANNEL_UNAUTHORIZED (unknown, not
   * approved, bad signature, wrong pair), CHANNEL_REVOKED_OR_EXPIRED or CHANNEL_EXHAUSTED.
   */
  authorize(channelId: string, tenantA: string, tenantB: string, now: number): void {
    this.requireIntegrity();
    const ch = this.channels.get(channelId);
    if (!ch) throw unauthorized("unknown channel", "unknown_channel");
    if (ch.decision !== "approved") throw unauthorized(`channel is ${ch.decision}`, "not_approved");
    if (!this.verifyFrom(ch) || !this.verifyTo(ch)) throw unauthorized("channel signatures do not verify", "bad_signature");
    if (!samePair(ch.terms.from, ch.terms.to, tenantA, tenantB)) {
      throw unauthorized(`channel joins ${ch.terms.from} and ${ch.terms.to}, not ${tenantA} and ${tenantB}`, "wrong_pair");
    }
    if (ch.revokedBy !== null) throw new QmkError("CHANNEL_REVOKED_OR_EXPIRED", "channel revoked", { field: "channel", rule: "revoked" });
    if (isExpired(ch, now)) throw new QmkError("CHANNEL_REVOKED_OR_EXPIRED", "channel expired", { field: "channel", rule: "expired" });
    if (ch.used >= ch.terms.maxUses) {
      throw new QmkError("CHANNEL_EXHAUSTED", `channel used ${ch.used} of ${ch.terms.maxUses} times`, { field: "channel" });
    }
  }

  /** Spend one use (durably). Re-authorizes first, so a use can never exceed the signed limit. */
  consume(channelId: string): void {
    const ch = this.channels.get(channelId);
    if (!ch) throw unauthorized("unknown channel", "unknown_channel");
    this.authorize(channelId, ch.terms.from, ch.terms.to, this.clock());
    this.write({ t: "use", id: channelId, used: ch.used + 1 });
  }

  /**
   * Raise a channel's use count to `used` (never lower it). The kernel calls
   * this at start-up with the uses its audit log recorded, so cutting use
   * records off the end of this journal cannot hand out uses again.
   * Returns true when the journal was behind.
   */
  reconcileUses(channelId: string, used: number): boolean {
    const ch = this.channels.get(channelId);
    if (!ch || !Number.isSafeInteger(used) || used <= ch.used) return false;
    this.write({ t: "use", id: channelId, used: Math.min(used, ch.terms.maxUses) });
    return true;
  }

  /** Ids of every channel this manager knows. */
  ids(): string[] {
    return [...this.channels.keys()];
  }

  /** The peer's one-use consent: `tenant` lends its qubit to the channel for exactly one operation. */
  lend(channelId: string, tenant: string, qubitId: number): Loan {
    const ch = this.channels.get(channelId);
    if (!ch || (ch.terms.from !== tenant && ch.terms.to !== tenant)) throw unauthorized("unknown channel", "unknown_channel");
    this.authorize(channelId, ch.terms.from, ch.terms.to, this.clock());
    return { ...this.loans.create(channelId, tenant, qubitId) };
  }

  peekLoan(loanId: string): Loan | undefined {
    const l = this.loans.get(loanId);
    return l && { ...l };
  }

  redeemLoan(loanId: string): void {
    this.loans.redeem(loanId);
  }

  /** A freed or measured qubit can no longer be lent: drop its outstanding loans. */
  forgetQubit(qubitId: number): void {
    this.loans.dropQubit(qubitId);
  }

  /** Outstanding loans (telemetry, memory bounds in tests). */
  get loanCount(): number {
    return this.loans.size;
  }

  /** Ids of channels whose stored signatures do not verify (integrity report after reload). */
  invalidRecords(): string[] {
    return [...this.channels.values()]
      .filter((c) => !this.verifyFrom(c) || (c.decision === "approved" && !this.verifyTo(c)))
      .map((c) => c.terms.id);
  }

  /** Active channels plus own pending requests: what the channel quota counts. */
  activeCount(tenant: string, now = this.clock()): number {
    let n = 0;
    for (const id of this.byTenant.get(tenant) ?? []) {
      const s = this.stateOf(this.channels.get(id)!, now);
      if (s === "active" || (s === "pending" && this.channels.get(id)!.terms.from === tenant)) n++;
    }
    return n;
  }

  /** Rewrite the journal as one snapshot (uses folded into one line per channel). */
  compact(): void {
    this.requireIntegrity();
    const out: ChannelFact[] = [];
    for (const ch of this.channels.values()) {
      const t = ch.terms;
      out.push({ t: "request", id: t.id, from: t.from, to: t.to, max_uses: t.maxUses, expires_at: t.expiresAt, created_at: t.createdAt, sig_from: ch.sigFrom });
      if (ch.decision === "approved") out.push({ t: "approve", id: t.id, by: t.to, sig_to: ch.sigTo!, at: ch.decidedAt! });
      if (ch.decision === "rejected") out.push({ t: "reject", id: t.id, by: t.to, at: ch.decidedAt! });
      if (ch.used > 0) out.push({ t: "use", id: t.id, used: ch.used });
      if (ch.revokedBy !== null) out.push({ t: "revoke", id: t.id, by: ch.revokedBy, admin: ch.revokedByAdmin, at: ch.revokedAt! });
    }
    let prev = "";
    const lines = out.map((f) => this.seal(f, prev, (m) => (prev = m)));
    this.journal.compact(lines);
    this.lastMac = prev;
  }

  close(): void {
    this.journal.close();
  }

  // ---- internals ----

  /** Journal first, then memory: a failed write changes nothing. */
  private write(fact: ChannelFact): void {
    this.requireIntegrity();
    let mac = this.lastMac;
    const line = this.seal(fact, this.lastMac, (m) => (mac = m));
    this.journal.append(line);
    this.lastMac = mac;
    this.replayOne(line);
  }

  /** Attach the chain mac (when an integrity key is set). */
  private seal(fact: ChannelFact, prev: string, next: (mac: string) => void): ChannelEvent {
    if (!this.integrityKey) return fact;
    const mac = chainMac(this.integrityKey, prev, fact);
    next(mac);
    return { ...fact, mac };
  }

  private requireIntegrity(): void {
    if (this.brokenAt !== null) {
      throw new QmkError("CHANNEL_UNAUTHORIZED", `channel journal integrity check failed at line ${this.brokenAt + 1}`, {
        field: "channel",
        rule: "journal_integrity",
      });
    }
  }

  private replayOne(ev: ChannelEvent): void {
    if (!ev || typeof ev !== "object" || typeof ev.id !== "string") return;
    if (ev.t === "request") {
      // A repeated request line must not reset a channel's counters.
      if (this.channels.has(ev.id)) return;
      const terms: ChannelTerms = { id: ev.id, from: ev.from, to: ev.to, maxUses: ev.max_uses, expiresAt: ev.expires_at, createdAt: ev.created_at };
      this.channels.set(ev.id, { terms, sigFrom: ev.sig_from, sigTo: null, decision: "pending", decidedAt: null, used: 0, revokedBy: null, revokedByAdmin: false, revokedAt: null });
      for (const t of [ev.from, ev.to]) {
        let s = this.byTenant.get(t);
        if (!s) this.byTenant.set(t, (s = new Set()));
        s.add(ev.id);
      }
      return;
    }
    const ch = this.channels.get(ev.id);
    if (!ch) return; // orphan line (e.g. tampered id): nothing it could authorize
    switch (ev.t) {
      case "approve":
        if (ch.decision !== "pending") return;
        ch.decision = "approved";
        ch.sigTo = ev.sig_to;
        ch.decidedAt = ev.at;
        return;
      case "reject":
        if (ch.decision !== "pending") return;
        ch.decision = "rejected";
        ch.decidedAt = ev.at;
        return;
      case "use":
        // Counters only grow; a malformed value must not turn into NaN (which compares as "not exhausted").
        if (Number.isSafeInteger(ev.used)) ch.used = Math.max(ch.used, ev.used);
        return;
      case "revoke":
        if (ch.revokedBy !== null) return;
        ch.revokedBy = ev.by;
        ch.revokedByAdmin = ev.admin === true;
        ch.revokedAt = ev.at;
        return;
    }
  }

  private verifyFrom(ch: Channel): boolean {
    return this.verifySig(ch.terms.from, ch, "request", ch.sigFrom);
  }

  private verifyTo(ch: Channel): boolean {
    return this.verifySig(ch.terms.to, ch, "approve", ch.sigTo);
  }

  private verifySig(tenant: string, ch: Channel, role: "request" | "approve", sig: string | null): boolean {
    let key: Uint8Array;
    try {
      key = this.keyFor(tenant);
    } catch {
      return false; // no key (e.g. tenant deleted): nothing can verify
    }
    return verifyTerms(key, ch.terms, role, sig);
  }

  /** The pending request `requestId`, if `by` is its named peer; otherwise the same opaque refusal. */
  private pendingFor(by: string, requestId: string, verb: string): Channel {
    const ch = this.channels.get(requestId);
    if (!ch || (ch.terms.from !== by && ch.terms.to !== by)) throw unauthorized("unknown channel request", "unknown_channel");
    if (ch.terms.to !== by) throw unauthorized(`only ${ch.terms.to} may ${verb} this request`, "only_peer");
    if (ch.decision !== "pending" || ch.revokedBy !== null) {
      throw new QmkError("ALREADY_COMPLETED", `request already ${ch.revokedBy !== null ? "revoked" : ch.decision}`, { field: "request_id" });
    }
    return ch;
  }

  /** Parties and admins see a channel; anyone else gets the same answer as for an unknown id. */
  private visible(channelId: string, viewer: string, opts: ActorOptions): Channel {
    const ch = this.channels.get(channelId);
    if (!ch || (!opts.admin && ch.terms.from !== viewer && ch.terms.to !== viewer)) throw unauthorized("unknown channel", "unknown_channel");
    return ch;
  }

  private checkQuota(tenant: string, now: number): void {
    const limit = this.quotaOf(tenant);
    const n = this.activeCount(tenant, now);
    if (n >= limit) throw new QmkError("QUOTA_EXCEEDED", `${tenant} already holds ${n} of ${limit} channels`, { field: "channels", limit, used: n });
  }

  private stateOf(ch: Channel, now: number): ChannelState {
    if (this.brokenAt !== null) return "invalid";
    if (ch.decision === "rejected") return "rejected";
    if (ch.revokedBy !== null) return "revoked";
    if (!this.verifyFrom(ch) || (ch.decision === "approved" && !this.verifyTo(ch))) return "invalid";
    if (isExpired(ch, now)) return "expired";
    if (ch.decision === "pending") return "pending";
    if (ch.used >= ch.terms.maxUses) return "exhausted";
    return "active";
  }

  private describe(ch: Channel, now: number): ChannelStatus {
    const t = ch.terms;
    const state = this.stateOf(ch, now);
    return {
      id: t.id,
      from: t.from,
      // a request to an unknown peer shows the peer as it was asked for (see UNKNOWN_PEER)
      to: peerAsAsked(t.to),
      state,
      maxUses: t.maxUses,
      used: ch.used,
      remaining: Math.max(0, t.maxUses - ch.used),
      expiresAt: t.expiresAt,
      createdAt: t.createdAt,
      approvedAt: ch.decision === "approved" ? ch.decidedAt : null,
      revokedBy: ch.revokedBy,
      signed: ch.decision === "approved" && state !== "invalid",
    };
  }
}

function isExpired(ch: Channel, now: number): boolean {
  return ch.terms.expiresAt !== null && now >= ch.terms.expiresAt;
}

function unauthorized(message: string, rule: string): QmkError {
  return new QmkError("CHANNEL_UNAUTHORIZED", message, { field: "channel", rule });
}

/**
 * Suffix of the peer id a request to an unknown (or deleted) tenant is
 * addressed to: no tenant id has it, so nobody can approve the request, and
 * views strip it, so the requester cannot tell the request from one to a
 * real tenant (issue 12 §4).
 */
export const UNKNOWN_PEER = "#ghost";

/** A peer id as its requester sees it: an unknown peer without UNKNOWN_PEER. */
export function peerAsAsked(to: string): string {
  return to.endsWith(UNKNOWN_PEER) ? to.slice(0, -UNKNOWN_PEER.length) : to;
}

function requireName(t: unknown, field: string): void {
  if (typeof t !== "string" || t.length === 0) throw new QmkError("INVALID_PARAMS", `${field} must be a tenant name`, { field });
}

// Refusals before a caller is known, aggregated.
//
// A client without a credential (or with a dead one) can send refusals as
// fast as it can write. Logging each one would let it choose the audit log's
// size; logging none would lose what happened. So the first refusal of each
// kind in a window is logged in full, later ones are counted, and when the
// window closes one summary event carries the counts — the log stays
// complete and an attacker adds at most (kinds seen + summaries) events per
// window.
//
// A kind is (method, reason, tenant, token id): the tenant and token id are
// known when a token's MAC verified but it was refused (revoked, expired,
// exhausted, wrong audience, suspended tenant), and are kept in the event.

/** One window: 60 s. */
export const PREAUTH_WINDOW_MS = 60_000;
/** Distinct kinds tracked per window; more fold into one overflow kind. */
export const PREAUTH_MAX_KINDS = 256;

export interface PreAuthKind {
  method: string;
  reason: string;
  tenant: string | null;
  tokenId: string | null;
}

export interface PreAuthSummary extends PreAuthKind {
  /** refusals of this kind in the window that were not logged one by one */
  suppressed: number;
  windowStart: number;
  windowEnd: number;
}

export class PreAuthLedger {
  private windowStart = -Infinity;
  private readonly kinds = new Map<string, { kind: PreAuthKind; suppressed: number }>();

  constructor(private readonly windowMs = PREAUTH_WINDOW_MS) {}

  /**
   * Count a refusal. Returns true when it should be logged in full (the first
   * of its kind in the window). `flush` receives the summaries of a window
   * that has just closed.
   */
  note(kind: PreAuthKind, now: number, flush: (s: PreAuthSummary[]) => void): boolean {
    this.roll(now, flush);
    let key = `${kind.method}\u0000${kind.reason}\u0000${kind.tenant ?? ""}\u0000${kind.tokenId ?? ""}`;
    let k = this.kinds.get(key);
    if (!k && this.kinds.size >= PREAUTH_MAX_KINDS) {
      key = "\u0000overflow";
      kind = { method: "*", reason: "*", tenant: null, tokenId: null };
      k = this.kinds.get(key);
    }
    if (!k) {
      this.kinds.set(key, { kind, suppressed: 0 });
      return true;
    }
    k.suppressed++;
    return false;
  }

  /** Close the window if it has run out (or `force`, at shutdown) and hand over its summaries. */
  roll(now: number, flush: (s: PreAuthSummary[]) => void, force = false): void {
    if (!force && now < this.windowStart + this.windowMs) return;
    const out: PreAuthSummary[] = [];
    for (const { kind, suppressed } of this.kinds.values()) {
      if (suppressed > 0) out.push({ ...kind, suppressed, windowStart: this.windowStart, windowEnd: now });
    }
    this.kinds.clear();
    this.windowStart = now;
    if (out.length) flush(out);
  }
}

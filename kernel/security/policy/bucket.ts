// Token bucket: capacity `burst`, refilled continuously at `ratePerMs`.
// Refill is computed lazily from the caller's clock, so a fake clock drives
// it exactly and idle buckets cost nothing.

export class TokenBucket {
  tokens: number;
  last: number;

  constructor(
    readonly ratePerMs: number,
    readonly burst: number,
    now: number,
  ) {
    this.tokens = burst;
    this.last = now;
  }

  static of(rate: number, per: "second" | "minute", burst: number | undefined, now: number): TokenBucket {
    return new TokenBucket(rate / (per === "second" ? 1000 : 60_000), burst ?? rate, now);
  }

  /** Bring the bucket up to `now`; a clock that went backwards adds nothing. */
  refill(now: number): number {
    if (now > this.last) {
      this.tokens = Math.min(this.burst, this.tokens + (now - this.last) * this.ratePerMs);
      this.last = now;
    }
    return this.tokens;
  }

  /** ms until `cost` tokens are available (Infinity if cost exceeds the burst). */
  waitFor(cost: number): number {
    if (cost > this.burst) return Infinity;
    const missing = cost - this.tokens;
    return missing <= 0 ? 0 : Math.ceil(missing / this.ratePerMs);
  }

  take(cost: number): void {
    this.tokens -= cost;
  }
}

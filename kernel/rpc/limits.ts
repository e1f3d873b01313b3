// Bounds for `qmk serve` connections: what one client (authenticated or not)
// can make the server hold. Every number here is a ceiling on memory or on
// work that reaches the kernel before a credential is checked.
export interface ServeLimits {
  /** largest request (NDJSON line or HTTP body) from a connection that holds a session */
  maxRequestBytes: number;
  /** largest request line before the connection has shown a live session or negotiated one */
  maxPreAuthRequestBytes: number;
  /** bytes held in partial lines and HTTP bodies by all connections together */
  maxBufferedBytes: number;
  /** answers queued for a client that does not read them; above this its socket is paused */
  maxWriteBufferBytes: number;
  /** requests of one connection being answered at once; above this its socket is paused */
  maxInFlightPerConnection: number;
  /** entries of one JSON-RPC batch */
  maxBatch: number;
  maxConnections: number;
  maxConnectionsPerPeer: number;
  /** a connection with no traffic for this long is closed */
  idleTimeoutMs: number;
  /** a started line (or HTTP request) must be complete within this (slowloris) */
  partialRequestTimeoutMs: number;
  /** calls without a live session (failed or successful negotiation, bad session ids) */
  preAuthPerConnection: RateSpec;
  preAuthPerPeer: RateSpec;
}

export interface RateSpec {
  burst: number;
  perSecond: number;
}

const MiB = 1024 * 1024;

export const DEFAULT_LIMITS: ServeLimits = Object.freeze({
  maxRequestBytes: 16 * MiB,
  maxPreAuthRequestBytes: 1 * MiB,
  maxBufferedBytes: 96 * MiB,
  maxWriteBufferBytes: 16 * MiB,
  maxInFlightPerConnection: 64,
  maxBatch: 256,
  maxConnections: 512,
  // Every local client is one peer ("unix", or 127.0.0.1: only loopback is
  // served), so the per-peer figures are sized for a whole machine's clients.
  maxConnectionsPerPeer: 256,
  idleTimeoutMs: 10 * 60_000,
  partialRequestTimeoutMs: 60_000,
  // Calls without a live session that the kernel refuses (a successful
  // q_negotiate_caps gives its token back, so a script opening hundreds of
  // sessions is never slowed): 20 at once, then 5/s per connection; the
  // per-peer bucket is wider because every local client shares one peer.
  preAuthPerConnection: { burst: 20, perSecond: 5 },
  preAuthPerPeer: { burst: 2000, perSecond: 500 },
});

/** A token bucket on an injectable clock: `take()` is false once the burst is spent faster than the refill. */
export class TokenBucket {
  private tokens: number;
  private last: number;
  constructor(
    private readonly spec: RateSpec,
    private readonly clock: () => number = Date.now,
  ) {
    this.tokens = spec.burst;
    this.last = clock();
  }
  take(): boolean {
    const now = this.clock();
    this.tokens = Math.min(this.spec.burst, this.tokens + ((now - this.last) / 1000) * this.spec.perSecond);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
  /** give back a token taken for a call that turned out to be legitimate */
  refund(): void {
    this.tokens = Math.min(this.spec.burst, this.tokens + 1);
  }
  /** true when the bucket is back at its full burst (so a peer's entry can be forgotten) */
  full(): boolean {
    return this.tokens + ((this.clock() - this.last) / 1000) * this.spec.perSecond >= this.spec.burst;
  }
}

/** One shared budget of buffered request bytes: a connection reserves before it keeps a chunk. */
export class ByteBudget {
  used = 0;
  constructor(readonly limit: number) {}
  reserve(n: number): boolean {
    if (this.used + n > this.limit) return false;
    this.used += n;
    return true;
  }
  release(n: number): void {
    this.used = Math.max(0, this.used - n);
  }
}

/** Per-peer bookkeeping: live connections and the pre-auth rate bucket. */
export class PeerTable {
  private readonly peers = new Map<string, { conns: number; bucket: TokenBucket }>();
  total = 0;
  constructor(
    private readonly limits: ServeLimits,
    private readonly clock: () => number = Date.now,
  ) {}
  private entry(peer: string) {
    let e = this.peers.get(peer);
    if (!e) {
      e = { conns: 0, bucket: new TokenBucket(this.limits.preAuthPerPeer, this.clock) };
      this.peers.set(peer, e);
    }
    return e;
  }
  /** Admit a new connection, or say which cap it hit. */
  admit(peer: string): "ok" | "total" | "peer" {
    if (this.total >= this.limits.maxConnections) return "total";
    const e = this.entry(peer);
    if (e.conns >= this.limits.maxConnectionsPerPeer) return "peer";
    e.conns++;
    this.total++;
    return "ok";
  }
  leave(peer: string): void {
    const e = this.peers.get(peer);
    if (!e) return;
    e.conns--;
    this.total--;
    if (e.conns <= 0 && e.bucket.full()) this.peers.delete(peer);
  }
  takePreAuth(peer: string): boolean {
    return this.entry(peer).bucket.take();
  }
  refundPreAuth(peer: string): void {
    this.peers.get(peer)?.bucket.refund();
  }
}

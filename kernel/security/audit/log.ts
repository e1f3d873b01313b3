// AuditLog: the kernel-facing append-only, tamper-evident log.
//   append()   sync: sanitize, encode, hash, O(log n) compact-range update, buffer.
//   durable()  group commit: one write + fdatasync covers every append so far.
// Files in `dir`: events.log, heads.log (framed records, see store.ts) and
// nodes/<level>.bin (derived Merkle nodes, rebuilt on open).
import * as fs from "node:fs";
import * as path from "node:path";
import { QmkError } from "../../errors.js";
import { decodeEvent, encodeEventPrefixed } from "./encoding.js";
import {
  EVENT_TYPES, guardString, isEventType, sanitizeDetails, severityRank,
  type AuditEvent, type AuditEventInput, type Severity,
} from "./events.js";
import { CompactRange, leafHashPrefixed, toHex } from "./merkle.js";
import {
  consistencyPath, consistencyToJson, inclusionPath, inclusionToJson, ProofError, treeRoot,
  type ConsistencyProofJson, type InclusionProofJson,
} from "./proofs.js";
import { compileQuery, type AuditQuery } from "./query.js";
import { EVENTS_FILE, FileNodeStore, HEADS_FILE, iterateFile, MemoryNodeStore, NODES_DIR, RecordFile, type NodeStore } from "./store.js";
import { acquireLock, recover, releaseLock } from "./recover.js";
import {
  signTreeHead,
  type SignedTreeHead, type TreeHead,
} from "./sth.js";

export { EVENTS_FILE, HEADS_FILE, NODES_DIR, LOCK_FILE } from "./store.js";

export interface AuditLogOptions {
  /** data directory; null keeps everything in memory (tests, --in-memory) */
  dir: string | null;
  /** HMAC key for tree heads (≥ 16 bytes; the kernel derives it with HKDF) */
  signingKey: Uint8Array;
  /** earlier signing keys, accepted for heads already on disk (key rotation); new heads use signingKey */
  previousKeys?: Uint8Array[];
  /** sign a head every N events (default 1000; 0 disables) */
  epochEvents?: number;
  /** sign a head every T ms when there are new events (default 0 = off) */
  epochMs?: number;
  clock?: () => number;
}

export interface AppendResult {
  index: number;
}

interface Waiter {
  seq: number;
  resolve: () => void;
  reject: (e: unknown) => void;
}

function str(v: unknown, field: string): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v !== "string") throw new QmkError("INVALID_PARAMS", `${field} must be a string`, { field });
  return guardString(v);
}


export class AuditLog {
  private readonly range: CompactRange;
  private readonly putNode = (l: number, i: number, h: Uint8Array): void => this.nodes.put(l, i, h);
  private readonly counts = new Map<string, number>();
  private lastTime = 0;
  private lastHead: SignedTreeHead | null;
  private sinceEpoch = 0;
  private seq = 0; // records (events + heads) added
  private durableSeq = 0;
  private waiters: Waiter[] = [];
  private flushing = false;
  private flushScheduled = false;
  private failed: unknown = null;
  private closed = false;
  private timer: NodeJS.Timeout | null = null;
  private readonly openedAt: number;
  /** memory mode only: encoded events and signed heads */
  private memEvents: Buffer[] | null;
  private memHeads: SignedTreeHead[] | null;

  private constructor(
    private readonly dir: string | null,
    private readonly key: Uint8Array,
    private readonly epochEvents: number,
    private readonly epochMs: number,
    private readonly clock: () => number,
    private readonly nodes: NodeStore,
    private readonly events: RecordFile,
    private readonly heads: RecordFile,
    recovered: { range: CompactRange; counts: Map<string, number>; lastTime: number; lastHead: SignedTreeHead | null },
  ) {
    this.range = recovered.range;
    this.counts = recovered.counts;
    this.lastTime = recovered.lastTime;
    this.lastHead = recovered.lastHead;
    this.sinceEpoch = this.range.size - (this.lastHead?.size ?? 0);
    this.openedAt = this.now();
    this.memEvents = dir === null ? [] : null;
    this.memHeads = dir === null ? [] : null;
    if (epochMs > 0) {
      this.timer = setInterval(() => this.timedEpoch(), epochMs);
      this.timer.unref();
    }
  }

  /**
   * Open (or create) a log. With a directory, the existing files are re-read,
   * every record checked (CRC, canonical encoding, index sequence), every
   * signed head re-derived and its MAC checked; a torn final record left by a
   * crash is cut off (it was never acknowledged). Any other damage throws.
   */
  static open(opts: AuditLogOptions): AuditLog {
    const key = opts.signingKey;
    if (!(key instanceof Uint8Array) || key.length < 16) {
      throw new QmkError("INVALID_PARAMS", "audit signingKey must be a Uint8Array of ≥ 16 bytes", { field: "signingKey" });
    }
    const epochEvents = opts.epochEvents ?? 1000;
    const epochMs = opts.epochMs ?? 0;
    if (!Number.isSafeInteger(epochEvents) || epochEvents < 0) throw new QmkError("INVALID_PARAMS", "epochEvents must be an integer ≥ 0", { field: "epochEvents" });
    if (!(epochMs >= 0)) throw new QmkError("INVALID_PARAMS", "epochMs must be ≥ 0", { field: "epochMs" });
    const clock = opts.clock ?? Date.now;
    const keyCopy = new Uint8Array(key);
    if (opts.dir === null) {
      return new AuditLog(null, keyCopy, epochEvents, epochMs, clock, new MemoryNodeStore(), RecordFile.memory(), RecordFile.memory(), {
        range: new CompactRange(), counts: new Map(), lastTime: 0, lastHead: null,
      });
    }
    const dir = opts.dir;
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    acquireLock(dir);
    let nodes: FileNodeStore | null = null;
    try {
      nodes = new FileNodeStore(path.join(dir, NODES_DIR));
      const prev = opts.previousKeys ?? [];
      if (!Array.isArray(prev) || prev.some((k) => !(k instanceof Uint8Array))) {
        throw new QmkError("INVALID_PARAMS", "previousKeys must be an array of Uint8Array", { field: "previousKeys" });
      }
      const rec = recover(dir, [keyCopy, ...prev], nodes);
      const events = RecordFile.open(path.join(dir, EVENTS_FILE), rec.eventsEnd);
      const heads = RecordFile.open(path.join(dir, HEADS_FILE), rec.headsEnd);
      return new AuditLog(dir, keyCopy, epochEvents, epochMs, clock, nodes, events, heads, rec);
    } catch (e) {
      nodes?.close();
      releaseLock(dir);
      throw e;
    }
  }

  get size(): number {
    return this.range.size;
  }

  /** Append one event. Synchronous and cheap; durable only once `durable()` resolves. */
  append(input: AuditEventInput): AppendResult {
    this.checkWritable();
    if (!input || typeof input !== "object") throw new QmkError("INVALID_PARAMS", "audit event must be an object", { field: "event" });
    if (!isEventType(input.type)) throw new QmkError("INVALID_PARAMS", `unknown audit event type "${String(input.type)}"`, { field: "type" });
    const severity: Severity = input.severity ?? EVENT_TYPES[input.type];
    severityRank(severity);
    const decision = input.decision ?? null;
    if (decision !== null && decision !== "allow" && decision !== "deny") throw new QmkError("INVALID_PARAMS", "decision must be allow|deny", { field: "decision" });
    // Time never goes backwards inside one log, so time-range queries stay consistent with index order.
    const time = Math.max(this.now(), this.lastTime);
    const ev: AuditEvent = {
      index: this.range.size,
      time,
      type: input.type,
      severity,
      tenant: str(input.tenant, "tenant"),
      session: str(input.session, "session"),
      op: str(input.op, "op"),
      decision,
      reason: str(input.reason, "reason"),
      details: sanitizeDetails(input.details),
    };
    const prefixed = encodeEventPrefixed(ev); // throws on oversize before any state changes
    const bytes = prefixed.subarray(1);
    this.lastTime = time;
    this.range.append(leafHashPrefixed(prefixed), this.putNode);
    this.events.add(bytes);
    this.memEvents?.push(bytes);
    const t = ev.tenant ?? "";
    this.counts.set(t, (this.counts.get(t) ?? 0) + 1);
    this.seq++;
    this.scheduleFlush();
    if (ev.type !== "audit.epoch") {
      this.sinceEpoch++;
      if (this.epochEvents > 0 && this.sinceEpoch >= this.epochEvents) this.epoch();
      else if (this.epochMs > 0 && time - (this.lastHead?.timestamp ?? this.openedAt) >= this.epochMs) this.epoch();
    }
    return { index: ev.index };
  }

  /** Resolves when every record appended before the call is on stable storage. */
  durable(): Promise<void> {
    if (this.failed) return Promise.reject(this.failed);
    if (this.durableSeq >= this.seq) return Promise.resolve();
    const target = this.seq;
    return new Promise<void>((resolve, reject) => {
      this.waiters.push({ seq: target, resolve, reject });
      this.kick();
    });
  }

  /** Current (unsigned) head. */
  treeHead(): TreeHead {
    return { size: this.range.size, root: toHex(this.range.root()) };
  }

  /** The last signed head (from this run or recovered), if any. */
  lastSignedHead(): SignedTreeHead | null {
    return this.lastHead;
  }

  /** Sign a head over the current tree now (also used at every epoch). Durable after `durable()`. */
  signTreeHead(): SignedTreeHead {
    this.checkWritable();
    // Strictly increasing even if the clock stalls or steps back.
    const timestamp = Math.max(this.now(), (this.lastHead?.timestamp ?? -1) + 1);
    const sth = signTreeHead(this.key, {
      v: 1,
      size: this.range.size,
      root: toHex(this.range.root()),
      timestamp,
      tenantCounts: Object.fromEntries([...this.counts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    });
    this.heads.add(Buffer.from(JSON.stringify(sth), "utf8"));
    this.memHeads?.push(sth);
    this.lastHead = sth;
    this.seq++;
    this.scheduleFlush();
    return sth;
  }

  /** Every signed head, oldest first. */
  signedHeads(): SignedTreeHead[] {
    if (this.memHeads) return this.memHeads.slice();
    const out: SignedTreeHead[] = [];
    const file = path.join(this.dir!, HEADS_FILE);
    for (const p of iterateFile(file, this.heads.writtenBytes)) out.push(JSON.parse(p.toString("utf8")));
    for (const f of this.heads.unwritten()) out.push(JSON.parse(f.toString("utf8")));
    return out;
  }

  /** RFC 6962 root of the first `size` leaves (size ≤ current size). */
  rootAt(size: number): string {
    this.checkSize(size, "tree_size");
    return size === 0 ? toHex(new CompactRange().root()) : toHex(treeRoot(this.nodes, size));
  }

  leafHash(index: number): string {
    this.checkIndex(index, this.range.size);
    return toHex(this.nodes.node(0, index));
  }

  /** Inclusion proof for leaf `index` in the tree of `treeSize` (default: current) leaves, in conformance-vector JSON. */
  inclusionProof(index: number, treeSize: number = this.range.size): InclusionProofJson {
    this.checkSize(treeSize, "tree_size");
    this.checkIndex(index, treeSize);
    const path_ = inclusionPath(this.nodes, index, treeSize);
    return inclusionToJson(index, treeSize, this.nodes.node(0, index), path_, treeRoot(this.nodes, treeSize));
  }

  /** Consistency proof between two sizes (0 < first ≤ second ≤ current). */
  consistencyProof(first: number, second: number = this.range.size): ConsistencyProofJson {
    this.checkSize(second, "second");
    if (!Number.isSafeInteger(first) || first < 1 || first > second) {
      throw new QmkError("INVALID_PARAMS", `consistency needs 0 < first ≤ second (got ${first}, ${second})`, { field: "first" });
    }
    try {
      const p = consistencyPath(this.nodes, first, second);
      return consistencyToJson(first, second, treeRoot(this.nodes, first), treeRoot(this.nodes, second), p);
    } catch (e) {
      if (e instanceof ProofError) throw new QmkError("INVALID_PARAMS", e.message, { field: "first" });
      throw e;
    }
  }

  /** Events matching `filters`, in index order. Scans the log (bounded memory). */
  query(filters: AuditQuery = {}): AuditEvent[] {
    const { match, limit, after, until, needles } = compileQuery(filters);
    const out: AuditEvent[] = [];
    if (limit === 0) return out;
    let i = -1;
    outer: for (const bytes of this.iterateEvents()) {
      // The record ordinal is the index: skip without parsing before the cursor.
      if (++i <= after) continue;
      for (const n of needles) if (bytes.indexOf(n) < 0) continue outer;
      const e = JSON.parse(bytes.toString("utf8")) as AuditEvent; // stored bytes were produced by encodeEvent
      if (until !== undefined && e.time >= until) break; // time never decreases along the log
      if (match(e)) {
        out.push(strip(e));
        if (out.length >= limit) break;
      }
    }
    return out;
  }

  /** The event at `index` (linear scan in file mode). */
  event(index: number): AuditEvent {
    this.checkIndex(index, this.range.size);
    let i = 0;
    for (const bytes of this.iterateEvents()) if (i++ === index) return strip(decodeEvent(bytes));
    throw new QmkError("INTERNAL_ERROR", `event ${index} missing`, { field: "index" });
  }

  /** Per-tenant event counts so far ("" = no tenant). */
  tenantCounts(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }

  /** Sign a final head if anything changed, make everything durable, release files. */
  async close(): Promise<void> {
    if (this.closed) return;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (!this.failed && (this.lastHead?.size ?? 0) !== this.range.size) this.signTreeHead();
    this.closed = true;
    try {
      if (!this.failed) await this.durableAll();
    } finally {
      this.events.close();
      this.heads.close();
      this.nodes.close();
      if (this.dir) releaseLock(this.dir);
    }
  }

  // ---- internals -----------------------------------------------------------

  private *iterateEvents(): Generator<Buffer, void, undefined> {
    if (this.memEvents) {
      for (const b of this.memEvents) yield b;
      return;
    }
    const written = this.events.writtenBytes;
    const pending = this.events.unwritten(); // snapshot before yielding
    for (const b of iterateFile(path.join(this.dir!, EVENTS_FILE), written)) yield b;
    for (const b of pending) yield b;
  }

  private durableAll(): Promise<void> {
    if (this.durableSeq >= this.seq) return Promise.resolve();
    const target = this.seq;
    return new Promise<void>((resolve, reject) => {
      this.waiters.push({ seq: target, resolve, reject });
      this.kick();
    });
  }

  private epoch(): void {
    const sth = this.signTreeHead();
    this.sinceEpoch = 0;
    // The summary is also a leaf, so the next head commits to it.
    this.append({
      type: "audit.epoch",
      details: {
        tree_size: sth.size,
        root: sth.root,
        timestamp: sth.timestamp,
        tenant_counts: Object.entries(sth.tenantCounts),
      },
    });
  }

  private timedEpoch(): void {
    if (this.closed || this.failed) return;
    if (this.range.size > (this.lastHead?.size ?? 0) && this.sinceEpoch > 0) this.epoch();
  }

  private scheduleFlush(): void {
    // Group commit even without a caller waiting: appends made in the same tick share one fdatasync.
    if (this.flushScheduled || this.flushing) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      this.kick();
    });
  }

  private kick(): void {
    if (this.flushing || this.failed) return;
    this.flushing = true;
    void this.flushLoop();
  }

  private async flushLoop(): Promise<void> {
    try {
      while (this.durableSeq < this.seq) {
        const upTo = this.seq;
        // Events before heads: a head must never be on disk without the events it covers.
        await this.events.flush();
        await this.heads.flush();
        this.durableSeq = upTo;
        const ready = this.waiters.filter((w) => w.seq <= upTo);
        this.waiters = this.waiters.filter((w) => w.seq > upTo);
        for (const w of ready) w.resolve();
      }
    } catch (e) {
      // A failed write/fsync leaves the file state unknown: refuse further appends (fail closed).
      this.failed = new QmkError("INTERNAL_ERROR", `audit log write failed: ${(e as Error).message}`, { field: "audit" });
      for (const w of this.waiters) w.reject(this.failed);
      this.waiters = [];
    } finally {
      this.flushing = false;
    }
  }

  /** Integer ms from the injected clock; a broken clock must not produce unencodable events. */
  private now(): number {
    const t = Math.floor(this.clock());
    return Number.isSafeInteger(t) ? t : Date.now();
  }

  private checkWritable(): void {
    if (this.closed) throw new QmkError("INTERNAL_ERROR", "audit log is closed", { field: "audit" });
    if (this.failed) throw this.failed;
  }

  private checkSize(size: number, field: string): void {
    if (!Number.isSafeInteger(size) || size < 0 || size > this.range.size) {
      throw new QmkError("INVALID_PARAMS", `tree size ${size} not in [0, ${this.range.size}]`, { field });
    }
  }

  private checkIndex(index: number, size: number): void {
    if (!Number.isSafeInteger(index) || index < 0 || index >= size) {
      throw new QmkError("INVALID_PARAMS", `leaf index ${index} not in [0, ${size})`, { field: "index" });
    }
  }
}

/** Drop the encoding version from query results (it is a property of the bytes, not the event). */
function strip(e: AuditEvent): AuditEvent {
  delete (e as unknown as Record<string, unknown>).v;
  return e;
}

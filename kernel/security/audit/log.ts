// AuditLog: the kernel-facing append-only, tamper-evident log.
//   append()   sync: sanitize, encode, hash, O(log n) compact-range update, buffer.
//   durable()  group commit: the batch's events and ONE Ed25519-signed C2SP
//              checkpoint over them go out in one write + one fdatasync; a
//              caller is answered only after that, so no acknowledged event
//              is ever without a signature (no unsigned tail).
// Files in `dir`: events.log (events and checkpoints, see store.ts),
// audit.pub (the verifier key) and nodes/<level>.bin (derived Merkle nodes,
// rebuilt on open).
import * as fs from "node:fs";
import * as path from "node:path";
import { QmkError } from "../../errors.js";
import { AuditSigner } from "./checkpoint.js";
import { decodeEvent, encodeEventPrefixed } from "./encoding.js";
import {
  EVENT_TYPES, guardString, isEventType, sanitizeDetails, severityRank,
  type AuditEvent, type AuditEventInput, type Severity,
} from "./events.js";
import { CompactRange, leafHashPrefixed, toHex } from "./merkle.js";
import { parseNote, type NoteVerifier } from "./note.js";
import {
  consistencyPath, consistencyToJson, inclusionPath, inclusionToJson, ProofError, treeRoot,
  type ConsistencyProofJson, type InclusionProofJson,
} from "./proofs.js";
import { compileQuery, type AuditQuery } from "./query.js";
import { EVENTS_FILE, FileNodeStore, isEventRecord, iterateFile, MemoryNodeStore, NODES_DIR, PUBKEY_FILE, RecordFile, type NodeStore } from "./store.js";
import { acquireLock, originOf, recover, releaseLock } from "./recover.js";
import { signatureOf, type SignedTreeHead, type TreeHead } from "./sth.js";
import { signAttestation, type JobAttestationBody, type SignedAttestation } from "./attestation.js";

export { EVENTS_FILE, HEADS_FILE, NODES_DIR, LOCK_FILE, PUBKEY_FILE } from "./store.js";

export interface AuditLogOptions {
  /** data directory; null keeps everything in memory (tests, --in-memory) */
  dir: string | null;
  /** the kernel's audit key (≥ 16 bytes, HKDF'd from root.key); the Ed25519 checkpoint key is derived from it */
  signingKey: Uint8Array;
  /** earlier audit keys, whose checkpoints on disk still verify (key rotation); new checkpoints use signingKey */
  previousKeys?: Uint8Array[];
  /** append an `audit.epoch` summary leaf (time, per-tenant counts) every N events (default 1000; 0 disables) */
  epochEvents?: number;
  /** …or every T ms when there are new events (default 0 = off) */
  epochMs?: number;
  /** the log's origin (checkpoint line 1 and key name); default: the existing log's, else derived from the key */
  origin?: string;
  /**
   * Called with every new checkpoint once it is durable, before the callers
   * it covers are answered (a witness / mirror hook). It must not throw.
   */
  onCheckpoint?: (note: string) => void;
  clock?: () => number;
}

export interface AppendResult {
  index: number;
}

interface Waiter {
  size: number;
  resolve: () => void;
  reject: (e: unknown) => void;
}

interface Cp {
  size: number;
  root: Uint8Array;
  note: string;
  timestamp: number;
  tenantCounts: Record<string, number>;
}

function str(v: unknown, field: string): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v !== "string") throw new QmkError("INVALID_PARAMS", `${field} must be a string`, { field });
  return guardString(v);
}

const sortedCounts = (m: Map<string, number>): Record<string, number> =>
  Object.fromEntries([...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

export class AuditLog {
  private readonly range: CompactRange;
  private readonly putNode = (l: number, i: number, h: Uint8Array): void => this.nodes.put(l, i, h);
  private readonly counts = new Map<string, number>();
  private lastTime = 0;
  /** the newest checkpoint (maybe not yet durable) */
  private lastCp: Cp | null;
  /** tree size covered by a durable checkpoint */
  private durableSize: number;
  private sinceEpoch = 0;
  private waiters: Waiter[] = [];
  private flushing = false;
  private flushScheduled = false;
  private failed: unknown = null;
  private closed = false;
  private timer: NodeJS.Timeout | null = null;
  private readonly openedAt: number;
  private lastEpochAt: number;
  /** witnesses / mirrors told of every durable checkpoint (see onCheckpoint, mirrorCheckpoints) */
  private readonly listeners: ((note: string) => void)[] = [];
  /** memory mode only: encoded events and checkpoint notes, in log order */
  private memRecords: Buffer[] | null;

  private constructor(
    private readonly dir: string | null,
    /** the log's Ed25519 key (checkpoints and job attestations) */
    readonly signer: AuditSigner,
    /** every key whose checkpoints this log accepts (current first) */
    readonly verifiers: NoteVerifier[],
    private readonly epochEvents: number,
    private readonly epochMs: number,
    private readonly clock: () => number,
    private readonly nodes: NodeStore,
    private readonly events: RecordFile,
    private readonly onCheckpoint: ((note: string) => void) | null,
    recovered: { range: CompactRange; counts: Map<string, number>; lastTime: number; lastCheckpoint: { size: number; root: Uint8Array; note: string } | null },
  ) {
    this.range = recovered.range;
    this.counts = recovered.counts;
    this.lastTime = recovered.lastTime;
    const rc = recovered.lastCheckpoint;
    this.lastCp = rc ? { ...rc, timestamp: recovered.lastTime, tenantCounts: sortedCounts(this.counts) } : null;
    this.durableSize = rc ? rc.size : -1;
    this.openedAt = this.now();
    this.lastEpochAt = this.openedAt;
    this.memRecords = dir === null ? [] : null;
    if (onCheckpoint) this.listeners.push(onCheckpoint);
    // A new log signs its empty tree at once: a log always has a checkpoint, so an empty or replaced file is evidence.
    if (!rc) this.addCheckpoint();
    if (epochMs > 0) {
      this.timer = setInterval(() => this.timedEpoch(), epochMs);
      this.timer.unref();
    }
  }

  /**
   * Open (or create) a log. With a directory, the existing file is re-read,
   * every record checked (CRC), every checkpoint's signature verified and its
   * root re-derived; events after the last checkpoint (never acknowledged)
   * and a torn final write are cut off and the cut is logged
   * (`audit.recover`). Any other damage throws.
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
    const prev = opts.previousKeys ?? [];
    if (!Array.isArray(prev) || prev.some((k) => !(k instanceof Uint8Array) || k.length < 16)) {
      throw new QmkError("INVALID_PARAMS", "previousKeys must be an array of Uint8Array (≥ 16 bytes)", { field: "previousKeys" });
    }
    if (opts.onCheckpoint !== undefined && typeof opts.onCheckpoint !== "function") throw new QmkError("INVALID_PARAMS", "onCheckpoint must be a function", { field: "onCheckpoint" });
    const clock = opts.clock ?? Date.now;
    const hook = opts.onCheckpoint ?? null;
    const keysFor = (origin: string | undefined): { signer: AuditSigner; verifiers: NoteVerifier[] } => {
      let signer: AuditSigner;
      try {
        signer = new AuditSigner(key, origin);
      } catch (e) {
        throw new QmkError("INVALID_PARAMS", `audit origin: ${(e as Error).message}`, { field: "origin" });
      }
      return { signer, verifiers: [signer.verifier, ...prev.map((k) => new AuditSigner(k, signer.name).verifier)] };
    };
    if (opts.dir === null) {
      const { signer, verifiers } = keysFor(opts.origin);
      return new AuditLog(null, signer, verifiers, epochEvents, epochMs, clock, new MemoryNodeStore(), RecordFile.memory(), hook, {
        range: new CompactRange(), counts: new Map(), lastTime: 0, lastCheckpoint: null,
      });
    }
    const dir = opts.dir;
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    acquireLock(dir);
    let nodes: FileNodeStore | null = null;
    try {
      // The origin is the log's identity, fixed by its first checkpoint (it survives key rotation).
      const { signer, verifiers } = keysFor(opts.origin ?? originOf(dir) ?? undefined);
      nodes = new FileNodeStore(path.join(dir, NODES_DIR));
      const rec = recover(dir, verifiers, nodes);
      const events = RecordFile.open(path.join(dir, EVENTS_FILE), rec.eventsEnd);
      publishKeys(dir, [signer.vkey, ...verifiers.slice(1).map((_, i) => new AuditSigner(prev[i], signer.name).vkey)]);
      const log = new AuditLog(dir, signer, verifiers, epochEvents, epochMs, clock, nodes, events, hook, rec);
      if (rec.dropped > 0 || rec.droppedBytes > 0) {
        log.append({ type: "audit.recover", details: { dropped_events: rec.dropped, dropped_bytes: rec.droppedBytes, tree_size: rec.lastCheckpoint?.size ?? 0 } });
      }
      return log;
    } catch (e) {
      nodes?.close();
      releaseLock(dir);
      throw e;
    }
  }

  get size(): number {
    return this.range.size;
  }

  /** The log's origin (checkpoint line 1, key name). */
  get origin(): string {
    return this.signer.name;
  }

  /** The verifier key in signed-note form (what DIR/audit.pub holds). */
  get verifierKey(): string {
    return this.signer.vkey;
  }

  /** Append one event. Synchronous and cheap; durable (and signed) only once `durable()` resolves. */
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
    this.memRecords?.push(bytes);
    const t = ev.tenant ?? "";
    this.counts.set(t, (this.counts.get(t) ?? 0) + 1);
    this.scheduleFlush();
    if (ev.type !== "audit.epoch") {
      this.sinceEpoch++;
      if (this.epochEvents > 0 && this.sinceEpoch >= this.epochEvents) this.epoch();
      else if (this.epochMs > 0 && time - this.lastEpochAt >= this.epochMs) this.epoch();
    }
    return { index: ev.index };
  }

  /**
   * Resolves when every event appended before the call is on stable storage
   * together with a signed checkpoint that covers it.
   */
  durable(): Promise<void> {
    if (this.failed) return Promise.reject(this.failed);
    const target = this.range.size;
    if (this.durableSize >= target && !this.events.hasPending) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.waiters.push({ size: target, resolve, reject });
      // Flushed on the next turn of the event loop: callers of this same turn share the commit,
      // and a lone caller waits for nothing else (no timer, no batch size).
      this.scheduleFlush();
    });
  }

  /** Current (unsigned) head. */
  treeHead(): TreeHead {
    return { size: this.range.size, root: toHex(this.range.root()) };
  }

  /** The newest checkpoint (from this run or recovered). Durable once `durable()` resolves. */
  lastSignedHead(): SignedTreeHead | null {
    return this.lastCp ? this.headOf(this.lastCp) : null;
  }

  /** Tree size covered by a checkpoint that is already on stable storage (-1 before the first). */
  get durableTreeSize(): number {
    return this.durableSize;
  }

  /**
   * A checkpoint over the current tree: the newest one if it already covers
   * every event, else one signed now (durable after `durable()`).
   */
  signTreeHead(): SignedTreeHead {
    this.checkWritable();
    if (!this.lastCp || this.lastCp.size !== this.range.size) this.addCheckpoint();
    return this.headOf(this.lastCp!);
  }

  /** Every checkpoint note in the log, oldest first. */
  checkpoints(): string[] {
    const out: string[] = [];
    for (const b of this.iterateRecords()) if (!isEventRecord(b)) out.push(b.toString("utf8"));
    return out;
  }

  /**
   * Tell `fn` of every checkpoint once it is durable, before the callers it
   * covers are answered (a witness hook). Returns a function that detaches it.
   */
  addCheckpointListener(fn: (note: string) => void): () => void {
    if (typeof fn !== "function") throw new QmkError("INVALID_PARAMS", "checkpoint listener must be a function", { field: "listener" });
    this.listeners.push(fn);
    return () => {
      const i = this.listeners.indexOf(fn);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  /**
   * Append every new checkpoint to `file` (outside the data directory: a
   * stand-in for a witness). The newest durable checkpoint is written at
   * once, so the mirror is never behind the log it watches. Each note is
   * written synchronously (and fsync'd) before the callers it covers are
   * answered; `qmk audit verify DIR --checkpoint FILE` reads the file back.
   */
  mirrorCheckpoints(file: string): () => void {
    if (typeof file !== "string" || file === "") throw new QmkError("INVALID_PARAMS", "checkpoint mirror must be a file path", { field: "checkpointMirror" });
    const abs = path.resolve(file);
    if (this.dir && (abs + path.sep).startsWith(path.resolve(this.dir) + path.sep)) {
      throw new QmkError("INVALID_PARAMS", "the checkpoint mirror must be outside the audit directory (whoever can rewrite the log could rewrite it too)", { field: "checkpointMirror" });
    }
    let fd: number;
    try {
      fs.mkdirSync(path.dirname(abs), { recursive: true });
      fd = fs.openSync(abs, "a", 0o644);
    } catch (e) {
      throw new QmkError("INVALID_PARAMS", `cannot open checkpoint mirror ${abs}: ${(e as Error).message}`, { field: "checkpointMirror" });
    }
    const write = (note: string): void => {
      fs.writeSync(fd, note);
      fs.fdatasyncSync(fd);
    };
    const cp = this.lastDurableNote();
    if (cp) write(cp);
    const detach = this.addCheckpointListener(write);
    return () => {
      detach();
      fs.closeSync(fd);
    };
  }

  /** Sign a job attestation with the log's key (see attestation.ts). */
  signAttestation(body: JobAttestationBody): SignedAttestation {
    return signAttestation(this.signer, body);
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
      // The event ordinal is the index: skip without parsing before the cursor.
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

  /** Make everything durable and signed, release files. */
  async close(): Promise<void> {
    if (this.closed) return;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.closed = true;
    try {
      if (!this.failed) await this.durableAll();
    } finally {
      this.events.close();
      this.nodes.close();
      if (this.dir) releaseLock(this.dir);
    }
  }

  // ---- internals -----------------------------------------------------------

  private lastDurableNote(): string | null {
    if (this.lastCp && this.lastCp.size <= this.durableSize && !this.events.hasPending) return this.lastCp.note;
    let last: string | null = null;
    if (this.memRecords) {
      for (const b of this.memRecords) if (!isEventRecord(b)) last = b.toString("utf8");
      return last;
    }
    const file = path.join(this.dir!, EVENTS_FILE);
    for (const b of iterateFile(file, this.events.writtenBytes)) if (!isEventRecord(b)) last = b.toString("utf8");
    return last;
  }

  private headOf(c: Cp): SignedTreeHead {
    return {
      v: 2,
      size: c.size,
      root: toHex(c.root),
      timestamp: c.timestamp,
      tenantCounts: c.tenantCounts,
      checkpoint: c.note,
      signature: signatureOf(c.note),
      key: this.signer.vkey,
    };
  }

  /** Sign the current tree and queue the checkpoint record right after the events it covers. */
  private addCheckpoint(): void {
    const size = this.range.size;
    const root = this.range.root();
    const note = this.signer.signCheckpoint(size, root);
    const bytes = Buffer.from(note, "utf8");
    this.events.add(bytes);
    this.memRecords?.push(bytes);
    this.lastCp = { size, root, note, timestamp: size === 0 ? 0 : this.lastTime, tenantCounts: sortedCounts(this.counts) };
  }

  private *iterateRecords(): Generator<Buffer, void, undefined> {
    if (this.memRecords) {
      for (const b of this.memRecords) yield b;
      return;
    }
    const written = this.events.writtenBytes;
    const pending = this.events.unwritten(); // snapshot before yielding
    for (const b of iterateFile(path.join(this.dir!, EVENTS_FILE), written)) yield b;
    for (const b of pending) yield b;
  }

  private *iterateEvents(): Generator<Buffer, void, undefined> {
    for (const b of this.iterateRecords()) if (isEventRecord(b)) yield b;
  }

  private durableAll(): Promise<void> {
    const target = this.range.size;
    if (this.durableSize >= target && !this.events.hasPending) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.waiters.push({ size: target, resolve, reject });
      this.kick();
    });
  }

  private epoch(): void {
    this.sinceEpoch = 0;
    this.lastEpochAt = this.lastTime;
    // A summary leaf: time and per-tenant counts, signed by the next checkpoint like any leaf.
    this.append({
      type: "audit.epoch",
      details: {
        tree_size: this.range.size,
        root: toHex(this.range.root()),
        timestamp: this.lastTime,
        tenant_counts: Object.entries(sortedCounts(this.counts)),
      },
    });
  }

  private timedEpoch(): void {
    if (this.closed || this.failed) return;
    if (this.sinceEpoch > 0) this.epoch();
  }

  private scheduleFlush(): void {
    // Appends without a waiting caller (callSync) still get signed and written on the next turn.
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
      while (this.durableSize < this.range.size || this.events.hasPending) {
        const size = this.range.size;
        // One signature per batch, written after the batch's events in the same write + fdatasync.
        if (!this.lastCp || this.lastCp.size !== size) this.addCheckpoint();
        const note = this.lastCp!.note;
        // A lone caller on an otherwise idle log: write + fdatasync in place (what fsync-per-event does),
        // not through the thread pool. With company, group commit as usual.
        if (this.waiters.length === 1) this.events.flushSync();
        else await this.events.flush();
        const fresh = size > this.durableSize;
        this.durableSize = size;
        if (fresh) {
          for (const fn of this.listeners) {
            try {
              fn(note);
            } catch {
              /* a mirror is best effort; the log itself is durable */
            }
          }
        }
        const ready = this.waiters.filter((w) => w.size <= size);
        this.waiters = this.waiters.filter((w) => w.size > size);
        for (const w of ready) w.resolve();
      }
      const ready = this.waiters;
      this.waiters = [];
      for (const w of ready) w.resolve();
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

/**
 * Write DIR/audit.pub (verifier keys, current first) if it differs: atomic
 * (temp file + rename) and synced, so a reader never sees half a key.
 */
function publishKeys(dir: string, vkeys: string[]): void {
  const file = path.join(dir, PUBKEY_FILE);
  let old = "";
  try {
    old = fs.readFileSync(file, "utf8");
  } catch {
    /* absent */
  }
  // Keys already published stay (after the current ones): the log still holds checkpoints they
  // signed, even when the kernel was opened without them in previousKeys.
  const kept = old.split("\n").map((l) => l.trim()).filter((l) => l !== "" && !l.startsWith("#") && !vkeys.includes(l));
  const text = [...vkeys, ...kept].join("\n") + "\n";
  if (old === text) return;
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(tmp, "w", 0o644);
  try {
    fs.writeSync(fd, text);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}

/** The note's text part (for tests and tools). */
export function checkpointText(note: string): string {
  return parseNote(note).text;
}

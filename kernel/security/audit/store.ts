// Append-only files and the stored Merkle nodes.
//
// RECORD FRAMING (events.log):
//   u32 LE payload length ‖ u32 LE CRC-32 of payload ‖ payload
// Two kinds of record share the file, told apart by the payload's first byte:
// an event is canonical JSON (starts with "{"); anything else is a C2SP
// checkpoint note (starts with the log's origin). Each group commit writes its
// events followed by the checkpoint that covers them in ONE write + ONE
// fdatasync, so a checkpoint is never on disk without its events and an
// acknowledged event is never on disk without its checkpoint.
// The CRC only detects torn/garbled writes; integrity against an adversary
// comes from the Merkle tree and the signed heads.
//
// nodes/<level>.bin hold 32-byte hashes of completed perfect subtrees (level
// 0 = leaf hashes). They are a derived cache (rebuilt on every open from the
// verified events), so they are written without fsync.
import * as fs from "node:fs";
import * as path from "node:path";
import { crc32 } from "node:zlib";
import { promisify } from "node:util";
import type { Hash } from "./merkle.js";
import type { NodeSource } from "./proofs.js";

export const EVENTS_FILE = "events.log";
/** the v1 (HMAC tree heads) file; a log that still has one is refused with a clear message */
export const HEADS_FILE = "heads.log";
/** the log's verifier key(s), one per line, current first */
export const PUBKEY_FILE = "audit.pub";
export const NODES_DIR = "nodes";
export const LOCK_FILE = "writer.pid";

const HEADER = 8;
/** Records larger than this are never written, so a bigger length field is damage. */
export const MAX_RECORD = 1 << 20;

function writeAsync(fd: number, buf: Uint8Array, off: number, len: number, pos: number): Promise<number> {
  return new Promise((res, rej) => fs.write(fd, buf, off, len, pos, (err, n) => (err ? rej(err) : res(n))));
}
const fdatasyncAsync = promisify(fs.fdatasync);
const SYNC_WRITE_BYTES = 256 * 1024;

function writeAllSync(fd: number, buf: Buffer, pos: number): number {
  let off = 0;
  while (off < buf.length) off += fs.writeSync(fd, buf, off, buf.length - off, pos + off);
  return off;
}

/** True for an event record, false for a checkpoint record. */
export function isEventRecord(payload: Uint8Array): boolean {
  return payload[0] === 0x7b; // "{"
}

export function frame(payload: Uint8Array): Buffer {
  const b = Buffer.allocUnsafe(HEADER + payload.length);
  b.writeUInt32LE(payload.length, 0);
  b.writeUInt32LE(crc32(payload), 4);
  b.set(payload, HEADER);
  return b;
}

export interface ScanResult {
  /** payloads of the valid records, in order */
  records: Buffer[];
  /** byte offset where each record starts */
  offsets: number[];
  /** end of the last valid record */
  goodEnd: number;
  /** "clean": nothing after goodEnd; "torn": an incomplete/garbled final write; "corrupt": damage followed by more records */
  tail: "clean" | "torn" | "corrupt";
}

function validAt(buf: Buffer, p: number): number {
  if (p + HEADER > buf.length) return -1;
  const len = buf.readUInt32LE(p);
  if (len === 0 || len > MAX_RECORD || p + HEADER + len > buf.length) return -1;
  if (crc32(buf.subarray(p + HEADER, p + HEADER + len)) !== buf.readUInt32LE(p + 4)) return -1;
  return len;
}

/**
 * Split a file image into records. A bad record is a torn tail only if no
 * valid record follows it anywhere: a crash can only damage the last write,
 * whereas a flipped byte in the middle leaves intact records behind it —
 * which must be reported, never silently truncated.
 */
export function scanRecords(buf: Buffer): ScanResult {
  const records: Buffer[] = [];
  const offsets: number[] = [];
  let p = 0;
  while (p < buf.length) {
    const len = validAt(buf, p);
    if (len < 0) break;
    records.push(buf.subarray(p + HEADER, p + HEADER + len));
    offsets.push(p);
    p += HEADER + len;
  }
  if (p === buf.length) return { records, offsets, goodEnd: p, tail: "clean" };
  for (let q = p + 1; q + HEADER < buf.length; q++) {
    if (validAt(buf, q) >= 0) return { records, offsets, goodEnd: p, tail: "corrupt" };
  }
  return { records, offsets, goodEnd: p, tail: "torn" };
}

export function readFileOrEmpty(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return Buffer.alloc(0);
    throw e;
  }
}

/**
 * An append-only record file with group commit: `add` only buffers; `flush`
 * issues ONE write + fdatasync for everything buffered so far.
 */
export class RecordFile {
  private pending: Buffer[] = [];
  private inflight: Buffer[] = [];
  /** bytes known to be written (not necessarily synced) */
  private written: number;

  constructor(
    private fd: number | null,
    size: number,
  ) {
    this.written = size;
  }

  static open(file: string, size: number): RecordFile {
    const created = !fs.existsSync(file);
    const fd = fs.openSync(file, fs.constants.O_WRONLY | fs.constants.O_CREAT, 0o600);
    if (fs.fstatSync(fd).size !== size) {
      fs.ftruncateSync(fd, size); // drop a torn tail found by the scan
      fs.fdatasyncSync(fd);
    }
    if (created) {
      // The new directory entry must be durable too, or a power loss could lose the whole file.
      const dfd = fs.openSync(path.dirname(file), "r");
      try {
        fs.fsyncSync(dfd);
      } finally {
        fs.closeSync(dfd);
      }
    }
    return new RecordFile(fd, size);
  }

  static memory(): RecordFile {
    return new RecordFile(null, 0);
  }

  get hasPending(): boolean {
    return this.pending.length > 0;
  }

  add(payload: Uint8Array): void {
    // Header and payload stay separate buffers until the flush concatenates them: one copy, not two.
    const h = Buffer.allocUnsafe(HEADER);
    h.writeUInt32LE(payload.length, 0);
    h.writeUInt32LE(crc32(payload), 4);
    this.pending.push(h, payload as Buffer);
  }

  /** Write and fdatasync everything added before this call. Must not run concurrently with itself. */
  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.inflight = batch;
    if (this.fd === null) {
      this.inflight = [];
      return;
    }
    const buf = batch.length === 1 ? batch[0] : Buffer.concat(batch);
    let off = 0;
    // A small write only copies into the page cache: do it here and save a thread-pool round trip.
    if (buf.length <= SYNC_WRITE_BYTES) off = writeAllSync(this.fd, buf, this.written);
    while (off < buf.length) {
      off += await writeAsync(this.fd, buf, off, buf.length - off, this.written + off);
    }
    this.written += buf.length;
    this.inflight = [];
    await fdatasyncAsync(this.fd);
  }

  /**
   * The same as flush(), blocking: for a lone caller on an idle log the
   * thread-pool hops cost more than the event loop loses by waiting.
   */
  flushSync(): void {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    if (this.fd === null) return;
    const buf = batch.length === 1 ? batch[0] : Buffer.concat(batch);
    this.inflight = batch;
    writeAllSync(this.fd, buf, this.written);
    this.written += buf.length;
    this.inflight = [];
    fs.fdatasyncSync(this.fd);
  }

  /** Payloads not yet on disk (in flight first), for readers that must see every appended event. */
  unwritten(): Buffer[] {
    const all = this.inflight.concat(this.pending);
    const out: Buffer[] = [];
    for (let i = 1; i < all.length; i += 2) out.push(all[i]);
    return out;
  }

  get writtenBytes(): number {
    return this.written;
  }

  close(): void {
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
  }
}

/**
 * Scan a record file in 1 MiB chunks (memory bounded by the largest record),
 * calling `onRecord` for each valid record; classify what follows the last one.
 */
export function scanFile(file: string, onRecord: (payload: Buffer, offset: number) => void): { goodEnd: number; tail: ScanResult["tail"]; size: number } {
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return { goodEnd: 0, tail: "clean", size: 0 };
    throw e;
  }
  const fd = fs.openSync(file, "r");
  try {
    let pos = 0; // file offset of buf[0]
    let buf = Buffer.alloc(0);
    let p = 0; // read offset in buf
    for (;;) {
      const avail = buf.length - p;
      const need = avail < HEADER ? HEADER : HEADER + Math.min(buf.readUInt32LE(p), MAX_RECORD);
      if (avail < need) {
        if (pos + buf.length >= size) break; // file exhausted: whatever is left is a partial record
        const next = Buffer.allocUnsafe(Math.min(Math.max(1 << 20, need), size - pos - p));
        buf.copy(next, 0, p);
        const n = fs.readSync(fd, next, avail, next.length - avail, pos + buf.length);
        if (n <= 0) break;
        pos += p;
        p = 0;
        buf = next.subarray(0, avail + n);
        continue;
      }
      const len = validAt(buf, p);
      if (len < 0) break;
      onRecord(buf.subarray(p + HEADER, p + HEADER + len), pos + p);
      p += HEADER + len;
    }
    const goodEnd = pos + p;
    if (goodEnd === size) return { goodEnd, tail: "clean", size };
    const rest = Buffer.allocUnsafe(size - goodEnd);
    fs.readSync(fd, rest, 0, rest.length, goodEnd);
    const r = scanRecords(rest);
    // rest starts with a bad record, so r.records is empty unless damage was only at a chunk boundary (impossible: validAt is exact)
    return { goodEnd, tail: r.records.length > 0 ? "corrupt" : r.tail, size };
  } finally {
    fs.closeSync(fd);
  }
}

/** Iterate the payloads of a record file up to `limit` bytes, reading in chunks (bounded memory). */
export function* iterateFile(file: string, limit: number): Generator<Buffer> {
  if (limit === 0) return;
  const fd = fs.openSync(file, "r");
  try {
    let carry = Buffer.alloc(0);
    let pos = 0;
    const chunk = Buffer.allocUnsafe(1 << 20);
    while (pos < limit) {
      const n = fs.readSync(fd, chunk, 0, Math.min(chunk.length, limit - pos), pos);
      if (n <= 0) break;
      pos += n;
      let buf = carry.length ? Buffer.concat([carry, chunk.subarray(0, n)]) : chunk.subarray(0, n);
      let p = 0;
      while (p + HEADER <= buf.length) {
        const len = buf.readUInt32LE(p);
        if (p + HEADER + len > buf.length) break;
        yield Buffer.from(buf.subarray(p + HEADER, p + HEADER + len));
        p += HEADER + len;
      }
      carry = Buffer.from(buf.subarray(p));
      buf = carry;
    }
  } finally {
    fs.closeSync(fd);
  }
}

export function payloadOf(framed: Buffer): Buffer {
  return framed.subarray(HEADER);
}

// ---------------------------------------------------------------------------
// Stored nodes
// ---------------------------------------------------------------------------

export interface NodeStore extends NodeSource {
  put(level: number, index: number, hash: Hash): void;
  /** number of nodes stored at `level` */
  count(level: number): number;
  close(): void;
}

/** In-memory levels (dir = null): one growable byte array per level. */
export class MemoryNodeStore implements NodeStore {
  private levels: { buf: Buffer; n: number }[] = [];

  put(level: number, index: number, hash: Hash): void {
    let l = this.levels[level];
    if (!l) l = this.levels[level] = { buf: Buffer.allocUnsafe(32 * 64), n: 0 };
    if (index !== l.n) throw new Error(`node ${level}/${index} out of order (have ${l.n})`);
    if ((l.n + 1) * 32 > l.buf.length) {
      const b = Buffer.allocUnsafe(l.buf.length * 2);
      l.buf.copy(b, 0, 0, l.n * 32);
      l.buf = b;
    }
    l.buf.set(hash, l.n * 32);
    l.n++;
  }

  node(level: number, index: number): Hash {
    const l = this.levels[level];
    if (!l || index >= l.n) throw new Error(`node ${level}/${index} not stored`);
    return l.buf.subarray(index * 32, index * 32 + 32);
  }

  count(level: number): number {
    return this.levels[level]?.n ?? 0;
  }

  close(): void {}
}

/**
 * Per-level files nodes/<level>.bin. New nodes are buffered and written in
 * chunks (pwrite, no fsync: the files are rebuilt on open), so memory stays
 * bounded and a proof reads ≤ 2·log n hashes with pread.
 */
export class FileNodeStore implements NodeStore {
  private fds: number[] = [];
  private onDisk: number[] = [];
  private pend: Buffer[][] = [];
  private pendingTotal = 0;
  /** Bounded read cache: nodes never change once written, and the upper levels are shared by every proof. */
  private cache = new Map<number, Hash>();
  private static readonly CACHE_MAX = 1 << 16;

  constructor(
    private readonly dir: string,
    private readonly flushEvery = 4096,
  ) {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    // Rebuilt from the events on every open: start empty.
    for (const f of fs.readdirSync(dir)) if (/^\d+\.bin$/.test(f)) fs.rmSync(path.join(dir, f));
  }

  private level(level: number): void {
    while (this.fds.length <= level) {
      const l = this.fds.length;
      this.fds.push(fs.openSync(path.join(this.dir, `${l}.bin`), "w+", 0o600));
      this.onDisk.push(0);
      this.pend.push([]);
    }
  }

  put(level: number, index: number, hash: Hash): void {
    this.level(level);
    if (index !== this.onDisk[level] + this.pend[level].length) throw new Error(`node ${level}/${index} out of order`);
    this.pend[level].push(hash as Buffer);
    if (++this.pendingTotal >= this.flushEvery) this.flush();
  }

  flush(): void {
    for (let l = 0; l < this.fds.length; l++) {
      const p = this.pend[l];
      if (p.length === 0) continue;
      const buf = Buffer.concat(p);
      let off = 0;
      while (off < buf.length) off += fs.writeSync(this.fds[l], buf, off, buf.length - off, this.onDisk[l] * 32 + off);
      this.onDisk[l] += p.length;
      this.pend[l] = [];
    }
    this.pendingTotal = 0;
  }

  node(level: number, index: number): Hash {
    if (level >= this.fds.length) throw new Error(`node ${level}/${index} not stored`);
    const d = this.onDisk[level];
    if (index >= d) {
      const h = this.pend[level][index - d];
      if (!h) throw new Error(`node ${level}/${index} not stored`);
      return h;
    }
    const key = level * 2 ** 44 + index;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const out = Buffer.allocUnsafe(32);
    if (fs.readSync(this.fds[level], out, 0, 32, index * 32) !== 32) throw new Error(`node file ${level} is short`);
    if (this.cache.size >= FileNodeStore.CACHE_MAX) this.cache.clear(); // crude but bounded; refills with the hot top levels
    this.cache.set(key, out);
    return out;
  }

  count(level: number): number {
    return level < this.fds.length ? this.onDisk[level] + this.pend[level].length : 0;
  }

  close(): void {
    this.flush();
    for (const fd of this.fds) fs.closeSync(fd);
    this.fds = [];
  }
}

// Pure RFC 6962 §2.1 Merkle tree hashing (no I/O):
//   MTH({})  = SHA-256()
//   leaf     = SHA-256(0x00 ‖ d)
//   node     = SHA-256(0x01 ‖ L ‖ R), splitting n leaves at k = the largest
//              power of two strictly below n.
// SHA-256 comes from node:crypto's one-shot hash() here: it is on the
// per-append hot path and the native call is ~2× faster than a JS
// implementation for short inputs.
import { createHash, hash as oneShot } from "node:crypto";

export type Hash = Uint8Array; // always 32 bytes

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

export const EMPTY_ROOT: Hash = createHash("sha256").digest();

const leafScratch = Buffer.alloc(4097);

export function leafHash(data: Uint8Array): Hash {
  if (data.length < leafScratch.length) {
    // one native call on a reused buffer instead of a Hash object per leaf
    leafScratch[0] = 0x00;
    leafScratch.set(data, 1);
    return oneShot("sha256", leafScratch.subarray(0, data.length + 1), "buffer");
  }
  return createHash("sha256").update(LEAF_PREFIX).update(data).digest();
}

/** Leaf hash of a buffer that already starts with the 0x00 leaf prefix (saves a copy on the append path). */
export function leafHashPrefixed(prefixed: Buffer): Hash {
  if (prefixed[0] !== 0x00) throw new Error("leafHashPrefixed: missing 0x00 prefix");
  return oneShot("sha256", prefixed, "buffer");
}

const scratch = Buffer.alloc(65);

export function nodeHash(left: Uint8Array, right: Uint8Array): Hash {
  if (left.length !== 32 || right.length !== 32) {
    return createHash("sha256").update(NODE_PREFIX).update(left).update(right).digest();
  }
  scratch[0] = 0x01;
  scratch.set(left, 1);
  scratch.set(right, 33);
  return oneShot("sha256", scratch, "buffer");
}

/** Largest power of two strictly smaller than n (n ≥ 2). */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** Reference MTH over leaf hashes (O(n) time; for tests and small trees). */
export function rootFromLeafHashes(leaves: readonly Hash[], start = 0, end = leaves.length): Hash {
  const n = end - start;
  if (n === 0) return EMPTY_ROOT;
  if (n === 1) return leaves[start];
  const k = splitPoint(n);
  return nodeHash(rootFromLeafHashes(leaves, start, start + k), rootFromLeafHashes(leaves, start + k, end));
}

export function rootOfData(data: readonly Uint8Array[]): Hash {
  return rootFromLeafHashes(data.map(leafHash));
}

/** A completed perfect subtree: level L covers leaves [index·2^L, (index+1)·2^L). */
export interface CompletedNode {
  level: number;
  index: number;
  hash: Hash;
}

/**
 * Compact range [0, size): one hash per set bit of `size` (the perfect
 * subtrees the RFC tree is made of), so memory is O(log n). Appending a leaf
 * merges equal-height subtrees like a binary counter increment.
 */
export class CompactRange {
  /** peaks[i] is the hash of the i-th perfect subtree from the left, heights descending. */
  private peaks: Hash[] = [];
  private n = 0;

  static fromPeaks(size: number, peaks: Hash[]): CompactRange {
    const c = new CompactRange();
    let bits = 0;
    for (let s = size; s > 0; s = Math.floor(s / 2)) bits += s % 2;
    if (bits !== peaks.length) throw new Error(`compact range of size ${size} needs ${bits} peaks, got ${peaks.length}`);
    c.n = size;
    c.peaks = peaks.slice();
    return c;
  }

  get size(): number {
    return this.n;
  }

  /** Peaks left to right (copies not needed: hashes are never mutated). */
  getPeaks(): Hash[] {
    return this.peaks.slice();
  }

  /**
   * Append a leaf hash. Calls `onNode` for the leaf (level 0) and for every
   * perfect subtree it completes, so callers can persist internal nodes.
   */
  append(leaf: Hash, onNode?: (level: number, index: number, hash: Hash) => void): void {
    let h = leaf;
    let idx = this.n;
    let level = 0;
    onNode?.(0, idx, h);
    // Each trailing 1-bit of the old size is a peak of equal height: merge it.
    let s = this.n;
    while (s % 2 === 1) {
      const left = this.peaks.pop()!;
      h = nodeHash(left, h);
      level++;
      idx = Math.floor(idx / 2);
      onNode?.(level, idx, h);
      s = Math.floor(s / 2);
    }
    this.peaks.push(h);
    this.n++;
  }

  /** MTH of the whole range: fold peaks right to left. */
  root(): Hash {
    if (this.peaks.length === 0) return EMPTY_ROOT;
    let h = this.peaks[this.peaks.length - 1];
    for (let i = this.peaks.length - 2; i >= 0; i--) h = nodeHash(this.peaks[i], h);
    return h;
  }
}

export function toHex(h: Uint8Array): string {
  return Buffer.from(h.buffer, h.byteOffset, h.byteLength).toString("hex");
}

export function fromHex(s: string): Hash {
  if (!/^[0-9a-f]{64}$/i.test(s)) throw new Error("expected 64 hex digits");
  return new Uint8Array(Buffer.from(s, "hex"));
}

/** Constant-time equality for MACs and hashes (length leak only). */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let d = 0;
  for (let i = 0; i < a.length; i++) d |= a[i] ^ b[i];
  return d === 0;
}

// Inclusion and consistency proofs: generation (RFC 6962 §2.1.1–2.1.2, over
// stored perfect-subtree hashes, so a proof touches O(log n) nodes instead
// of rehashing the log) and verification (RFC 9162 §2.1.3.2 and §2.1.4.2).
import { constantTimeEqual, nodeHash, splitPoint, type Hash } from "./merkle.js";

/** Where proof generation reads perfect subtree hashes: level L, index i covers leaves [i·2^L, (i+1)·2^L). */
export interface NodeSource {
  node(level: number, index: number): Hash;
}

export class ProofError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ProofError";
  }
}

const isPow2 = (n: number): boolean => n > 0 && Number.isInteger(Math.log2(n));

function log2(n: number): number {
  return Math.round(Math.log2(n));
}

/** MTH(D[start:end]). In RFC trees every non-perfect range starts at a multiple of its split size, so this recursion is O(log n) lookups. */
export function subtreeHash(src: NodeSource, start: number, end: number): Hash {
  const n = end - start;
  if (n <= 0) throw new ProofError(`empty subtree [${start}, ${end})`);
  if (isPow2(n) && start % n === 0) return src.node(log2(n), start / n);
  const k = splitPoint(n);
  return nodeHash(subtreeHash(src, start, start + k), subtreeHash(src, start + k, end));
}

export function treeRoot(src: NodeSource, size: number): Hash {
  if (size === 0) throw new ProofError("the empty tree has no stored root");
  return subtreeHash(src, 0, size);
}

/** PATH(m, D[0:n]) of RFC 6962 §2.1.1, leaf-to-root order. */
export function inclusionPath(src: NodeSource, index: number, size: number): Hash[] {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) {
    throw new ProofError(`leaf index ${index} is not in a tree of size ${size}`);
  }
  const out: Hash[] = [];
  let start = 0;
  let end = size;
  let m = index;
  // Walk down from the root, remembering siblings; reverse at the end.
  while (end - start > 1) {
    const k = splitPoint(end - start);
    if (m < k) {
      out.push(subtreeHash(src, start + k, end));
      end = start + k;
    } else {
      out.push(subtreeHash(src, start, start + k));
      start += k;
      m -= k;
    }
  }
  return out.reverse();
}

/** PROOF(m, D[n]) of RFC 6962 §2.1.2 for 0 < m ≤ n (m = n gives []). */
export function consistencyPath(src: NodeSource, first: number, second: number): Hash[] {
  if (!Number.isSafeInteger(first) || !Number.isSafeInteger(second) || first < 1 || first > second) {
    throw new ProofError(`no consistency proof from size ${first} to size ${second} (need 0 < first ≤ second)`);
  }
  const out: Hash[] = [];
  let start = 0;
  let end = second;
  let m = first;
  let b = true;
  // SUBPROOF(m, D[start:end], b), unrolled; siblings collected top-down then reversed.
  for (;;) {
    const n = end - start;
    if (m === n) {
      if (!b) out.push(subtreeHash(src, start, end));
      break;
    }
    const k = splitPoint(n);
    if (m <= k) {
      out.push(subtreeHash(src, start + k, end));
      end = start + k;
    } else {
      out.push(subtreeHash(src, start, start + k));
      start += k;
      m -= k;
      b = false;
    }
  }
  return out.reverse();
}

function checkHashes(proof: readonly Uint8Array[]): void {
  for (const p of proof) if (p.length !== 32) throw new ProofError(`proof element of ${p.length} bytes (want 32)`);
}

/** RFC 9162 §2.1.3.2. Throws ProofError unless `leaf` is at `index` in the tree of `size` with `root`. */
export function verifyInclusion(index: number, size: number, leaf: Uint8Array, proof: readonly Uint8Array[], root: Uint8Array): void {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) {
    throw new ProofError(`leaf index ${index} out of range for tree size ${size}`);
  }
  checkHashes(proof);
  if (leaf.length !== 32) throw new ProofError("leaf hash must be 32 bytes");
  let fn = index;
  let sn = size - 1;
  let r: Uint8Array = leaf;
  for (const p of proof) {
    if (sn === 0) throw new ProofError("proof is longer than the tree is deep");
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  if (sn !== 0) throw new ProofError("proof is shorter than the tree is deep");
  if (!constantTimeEqual(r, root)) throw new ProofError("computed root does not match");
}

/**
 * RFC 9162 §2.1.4.2. Size 0 is rejected outright: a "proof" from the empty
 * tree proves nothing, and accepting it lets any root pass.
 */
export function verifyConsistency(first: number, second: number, firstRoot: Uint8Array, secondRoot: Uint8Array, proof: readonly Uint8Array[]): void {
  if (!Number.isSafeInteger(first) || !Number.isSafeInteger(second)) throw new ProofError("tree sizes must be integers");
  if (first < 1) throw new ProofError("consistency from the empty tree is not accepted");
  if (second < first) throw new ProofError(`second size ${second} < first size ${first}`);
  if (first === second) {
    if (proof.length !== 0) throw new ProofError("equal sizes need an empty proof");
    if (!constantTimeEqual(firstRoot, secondRoot)) throw new ProofError("equal sizes but different roots");
    return;
  }
  if (proof.length === 0) throw new ProofError("empty consistency proof");
  checkHashes(proof);
  const path: Uint8Array[] = isPow2(first) ? [firstRoot, ...proof] : [...proof];
  let fn = first - 1;
  let sn = second - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr: Uint8Array = path[0];
  let sr: Uint8Array = path[0];
  for (let i = 1; i < path.length; i++) {
    const c = path[i];
    if (sn === 0) throw new ProofError("consistency proof is too long");
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  if (sn !== 0) throw new ProofError("consistency proof is too short");
  if (!constantTimeEqual(fr, firstRoot)) throw new ProofError("first root does not match");
  if (!constantTimeEqual(sr, secondRoot)) throw new ProofError("second root does not match");
}

// ---- JSON forms (same field names and base64 encoding as the RFC 6962 conformance vectors) ----

export interface InclusionProofJson {
  leafIdx: number;
  treeSize: number;
  root: string;
  leafHash: string;
  proof: string[];
}

export interface ConsistencyProofJson {
  size1: number;
  size2: number;
  root1: string;
  root2: string;
  proof: string[];
}

const b64 = (h: Uint8Array): string => Buffer.from(h).toString("base64");
const unb64 = (s: unknown, what: string): Uint8Array => {
  if (typeof s !== "string") throw new ProofError(`${what} must be a base64 string`);
  return new Uint8Array(Buffer.from(s, "base64"));
};
const unb64List = (v: unknown): Uint8Array[] => {
  if (v === null || v === undefined) return [];
  if (!Array.isArray(v)) throw new ProofError("proof must be an array");
  return v.map((x, i) => unb64(x, `proof[${i}]`));
};

export function inclusionToJson(index: number, size: number, leaf: Hash, proof: Hash[], root: Hash): InclusionProofJson {
  return { leafIdx: index, treeSize: size, root: b64(root), leafHash: b64(leaf), proof: proof.map(b64) };
}

export function consistencyToJson(first: number, second: number, root1: Hash, root2: Hash, proof: Hash[]): ConsistencyProofJson {
  return { size1: first, size2: second, root1: b64(root1), root2: b64(root2), proof: proof.map(b64) };
}

/** Verify an inclusion proof in JSON form (ours or a conformance vector). Throws ProofError. */
export function verifyInclusionJson(j: InclusionProofJson | Record<string, unknown>): void {
  const o = j as Record<string, unknown>;
  verifyInclusion(o.leafIdx as number, o.treeSize as number, unb64(o.leafHash, "leafHash"), unb64List(o.proof), unb64(o.root, "root"));
}

export function verifyConsistencyJson(j: ConsistencyProofJson | Record<string, unknown>): void {
  const o = j as Record<string, unknown>;
  verifyConsistency(o.size1 as number, o.size2 as number, unb64(o.root1, "root1"), unb64(o.root2, "root2"), unb64List(o.proof));
}

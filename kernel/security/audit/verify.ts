// Independent verification of a log directory (what `qmk audit verify`
// runs). It trusts nothing written by the kernel except what it can
// re-derive: every leaf is re-hashed, every signed head's root recomputed
// and (with the key) its MAC checked.
import * as fs from "node:fs";
import * as path from "node:path";
import { QmkError } from "../../errors.js";
import { decodeEvent } from "./encoding.js";
import { CompactRange, EMPTY_ROOT, leafHash, toHex } from "./merkle.js";
import { consistencyPath, consistencyToJson, inclusionPath, inclusionToJson, treeRoot, type ConsistencyProofJson, type InclusionProofJson } from "./proofs.js";
import { EVENTS_FILE, HEADS_FILE, MemoryNodeStore, scanFile } from "./store.js";
import { isSignedTreeHead, verifyTreeHeadSignature, type SignedTreeHead } from "./sth.js";

export interface VerifyOptions {
  /** the audit signing key (or all keys used over the log's life, after rotations); without it, head MACs are not checked (reported in the result) */
  signingKey?: Uint8Array | Uint8Array[];
}

export interface VerifyReport {
  ok: boolean;
  /** entries read (valid framing) */
  size: number;
  /** root over those entries, hex */
  root: string;
  heads: number;
  headsVerified: number;
  signaturesChecked: boolean;
  /** an incomplete final write (crash before it was acknowledged); not an error by itself */
  tornTail: boolean;
  /** index of the first bad entry (or of the first missing one) */
  firstBad?: number;
  /** false when a root mismatch only bounds the bad entry to [firstBad, badBefore) */
  exact?: boolean;
  badBefore?: number;
  /** index (in heads.log) of a bad signed head */
  badHead?: number;
  error?: string;
}

export function verifyLogDir(dir: string, opts: VerifyOptions = {}): VerifyReport {
  const keys = opts.signingKey === undefined ? null : Array.isArray(opts.signingKey) ? opts.signingKey : [opts.signingKey];
  const r: VerifyReport = { ok: true, size: 0, root: toHex(EMPTY_ROOT), heads: 0, headsVerified: 0, signaturesChecked: !!keys, tornTail: false };
  const fail = (msg: string, extra: Partial<VerifyReport>): void => {
    if (!r.ok) return; // keep the first problem
    r.ok = false;
    r.error = msg;
    Object.assign(r, extra);
  };
  // A missing log must not "verify": that is exactly what deleting it would look like.
  if (!fs.existsSync(path.join(dir, EVENTS_FILE))) {
    fail(`no audit log (${EVENTS_FILE}) in ${dir}`, { firstBad: 0, exact: true });
    return r;
  }

  // 1. Signed heads: well-formed, MAC-valid, time strictly increasing, sizes non-decreasing.
  const heads: SignedTreeHead[] = [];
  const hscan = scanFile(path.join(dir, HEADS_FILE), (payload) => {
    const k = r.heads++;
    let h: unknown;
    try {
      h = JSON.parse(payload.toString("utf8"));
    } catch {
      return fail(`signed head #${k} is not JSON`, { badHead: k });
    }
    if (!isSignedTreeHead(h)) return fail(`signed head #${k} is malformed`, { badHead: k });
    const head = h;
    if (keys && !keys.some((k) => verifyTreeHeadSignature(k, head))) return fail(`signed head #${k} (size ${h.size}) has a bad signature`, { badHead: k });
    const prev = heads[heads.length - 1];
    if (prev && h.timestamp <= prev.timestamp) return fail(`signed head #${k}: timestamp not strictly increasing`, { badHead: k });
    if (prev && h.size < prev.size) return fail(`signed head #${k}: tree size shrinks ${prev.size} → ${h.size}`, { badHead: k });
    heads.push(h);
  });
  if (hscan.tail === "corrupt") fail("heads.log is damaged in the middle", { badHead: heads.length });

  // 2. Entries: framing, canonical encoding, index = position, time order; roots at every head.
  const nodes = { range: new CompactRange() };
  const counts = new Map<string, number>();
  let hp = 0;
  let lastGood = 0; // entries [0, lastGood) are covered by a verified root
  let lastTime = 0;
  const checkHeadsAt = (size: number): void => {
    while (hp < heads.length && heads[hp].size === size) {
      const h = heads[hp++];
      const root = toHex(nodes.range.root());
      if (root !== h.root) {
        fail(`root mismatch at signed head of size ${size}: an entry in [${lastGood}, ${size}) was altered`, { firstBad: lastGood, exact: false, badBefore: size });
        return;
      }
      for (const [t, c] of Object.entries(h.tenantCounts)) {
        if ((counts.get(t) ?? 0) !== c) {
          fail(`tenant counts differ at signed head of size ${size}`, { firstBad: lastGood, exact: false, badBefore: size });
          return;
        }
      }
      r.headsVerified++;
      lastGood = size;
    }
  };
  checkHeadsAt(0);
  let stopped = false;
  const escan = scanFile(path.join(dir, EVENTS_FILE), (payload) => {
    if (stopped) return;
    const i = nodes.range.size;
    let e;
    try {
      e = decodeEvent(payload);
    } catch (err) {
      stopped = true;
      return fail(`entry ${i}: ${(err as Error).message}`, { firstBad: i, exact: true });
    }
    if (e.index !== i) {
      stopped = true;
      const what = e.index > i ? `entries ${i}..${e.index - 1} deleted or reordered` : "inserted, duplicated or reordered";
      return fail(`entry ${i} holds index ${e.index} (${what})`, { firstBad: i, exact: true });
    }
    if (e.time < lastTime) {
      stopped = true;
      return fail(`entry ${i} is older than its predecessor (reordered)`, { firstBad: i, exact: true });
    }
    lastTime = e.time;
    nodes.range.append(leafHash(payload));
    const t = e.tenant ?? "";
    counts.set(t, (counts.get(t) ?? 0) + 1);
    checkHeadsAt(nodes.range.size);
  });
  r.size = nodes.range.size;
  r.root = toHex(nodes.range.root());
  if (escan.tail === "corrupt") fail(`entry ${r.size} is damaged (bad length or checksum)`, { firstBad: r.size, exact: true });
  if (escan.tail === "torn") r.tornTail = true;
  if (!stopped && hp < heads.length) {
    const h = heads[hp];
    if (h.size > r.size) {
      fail(`signed head covers ${h.size} entries but the log has ${r.size}: entry ${r.size} onwards deleted or damaged`, { firstBad: r.size, exact: true });
    }
  }
  return r;
}

/** Leaf hashes of a directory's log, for the CLI proof commands (no kernel needed). */
function loadNodes(dir: string): { nodes: MemoryNodeStore; size: number } {
  const nodes = new MemoryNodeStore();
  const range = new CompactRange();
  const scan = scanFile(path.join(dir, EVENTS_FILE), (payload) => range.append(leafHash(payload), (l, i, h) => nodes.put(l, i, h)));
  if (scan.tail === "corrupt") throw new QmkError("INTERNAL_ERROR", `audit log corrupt at entry ${range.size}; run verify`, { field: "audit", index: range.size });
  return { nodes, size: range.size };
}

export function inclusionProofFromDir(dir: string, index: number, treeSize?: number): InclusionProofJson {
  const { nodes, size } = loadNodes(dir);
  const n = treeSize ?? size;
  if (!Number.isSafeInteger(n) || n < 1 || n > size) throw new QmkError("INVALID_PARAMS", `tree size ${n} not in [1, ${size}]`, { field: "tree_size" });
  if (!Number.isSafeInteger(index) || index < 0 || index >= n) throw new QmkError("INVALID_PARAMS", `leaf index ${index} not in [0, ${n})`, { field: "index" });
  return inclusionToJson(index, n, nodes.node(0, index), inclusionPath(nodes, index, n), treeRoot(nodes, n));
}

export function consistencyProofFromDir(dir: string, first: number, second?: number): ConsistencyProofJson {
  const { nodes, size } = loadNodes(dir);
  const m = second ?? size;
  if (!Number.isSafeInteger(m) || m > size) throw new QmkError("INVALID_PARAMS", `second size ${m} exceeds log size ${size}`, { field: "second" });
  if (!Number.isSafeInteger(first) || first < 1 || first > m) throw new QmkError("INVALID_PARAMS", `consistency needs 0 < first ≤ second`, { field: "first" });
  return consistencyToJson(first, m, treeRoot(nodes, first), treeRoot(nodes, m), consistencyPath(nodes, first, m));
}

// Independent verification of a log directory (what `qmk audit verify`
// runs). It needs only the verifier key (DIR/audit.pub or one given), never
// root.key, and trusts nothing written by the kernel that it cannot
// re-derive: every event is decoded and re-hashed, every checkpoint's
// Ed25519 signature checked and its root recomputed, every event must be
// covered by a checkpoint, and each checkpoint held outside the directory
// must be a prefix of the log (RFC 9162 consistency proof).
import * as fs from "node:fs";
import * as path from "node:path";
import { QmkError } from "../../errors.js";
import { parseCheckpointText, parseKeyFile, verifyCheckpoint } from "./checkpoint.js";
import { decodeEvent } from "./encoding.js";
import { CompactRange, constantTimeEqual, EMPTY_ROOT, leafHash, toHex, type Hash } from "./merkle.js";
import { parseNote, parseVerifierKey, type NoteVerifier } from "./note.js";
import { consistencyPath, consistencyToJson, inclusionPath, inclusionToJson, treeRoot, verifyConsistency, type ConsistencyProofJson, type InclusionProofJson } from "./proofs.js";
import { EVENTS_FILE, HEADS_FILE, isEventRecord, MemoryNodeStore, PUBKEY_FILE, scanFile } from "./store.js";

export interface VerifyOptions {
  /** verifier key(s) in signed-note form; default: the lines of DIR/audit.pub */
  keys?: string | readonly string[];
  /** signed checkpoints held outside the directory (a monitor's, a witness's): the log must extend each one */
  checkpoints?: readonly string[];
}

export interface ExternalResult {
  size: number;
  ok: boolean;
  error?: string;
}

export interface VerifyReport {
  ok: boolean;
  /** "log": no events.log; "key": no verifier key (neither given nor in audit.pub) — not a verdict on the log */
  missing?: "log" | "key";
  /** where the verifier key came from */
  keySource?: "given" | "audit.pub";
  origin?: string;
  /** entries read (valid framing) */
  size: number;
  /** root over those entries, hex */
  root: string;
  /** checkpoint records in the log / of them verified (signature, position, root) */
  checkpoints: number;
  checkpointsVerified: number;
  /** the newest valid checkpoint of the log */
  latest?: { size: number; root: string };
  /** that checkpoint as a signed note (what `qmk audit checkpoint` prints for a monitor to keep) */
  latestNote?: string;
  /** events after the newest valid checkpoint: covered by no signature */
  uncovered: number;
  /** an incomplete final write (crash before it was acknowledged); not an error by itself */
  tornTail: boolean;
  /** index of the first bad entry (or of the first missing one) */
  firstBad?: number;
  /** false when a root mismatch only bounds the bad entry to [firstBad, badBefore) (one group commit) */
  exact?: boolean;
  badBefore?: number;
  /** ordinal of a bad checkpoint record */
  badCheckpoint?: number;
  /** one result per checkpoint given in `checkpoints` */
  external: ExternalResult[];
  error?: string;
}

function loadKeys(dir: string, given: VerifyOptions["keys"]): { keys: NoteVerifier[] | null; source?: VerifyReport["keySource"]; error?: string } {
  try {
    if (given !== undefined) {
      const list = typeof given === "string" ? [given] : [...given];
      if (list.length === 0) return { keys: null, error: "no verifier key given" };
      return { keys: list.map((k) => parseVerifierKey(k)), source: "given" };
    }
    const file = path.join(dir, PUBKEY_FILE);
    if (!fs.existsSync(file)) return { keys: null, error: `no verifier key: ${file} is missing (give one with --key)` };
    return { keys: parseKeyFile(fs.readFileSync(file, "utf8")), source: "audit.pub" };
  } catch (e) {
    throw new QmkError("INVALID_PARAMS", `bad verifier key: ${(e as Error).message}`, { field: "key" });
  }
}

export function verifyLogDir(dir: string, opts: VerifyOptions = {}): VerifyReport {
  const r: VerifyReport = { ok: true, size: 0, root: toHex(EMPTY_ROOT), checkpoints: 0, checkpointsVerified: 0, uncovered: 0, tornTail: false, external: [] };
  const fail = (msg: string, extra: Partial<VerifyReport>): void => {
    if (!r.ok) return; // keep the first problem
    r.ok = false;
    r.error = msg;
    Object.assign(r, extra);
  };
  // A missing log must not "verify": that is exactly what deleting it would look like. But it is not a verdict either.
  if (!fs.existsSync(path.join(dir, EVENTS_FILE))) {
    fail(`no audit log (${EVENTS_FILE}) in ${dir}`, { missing: "log", firstBad: 0, exact: true });
    return r;
  }
  const k = loadKeys(dir, opts.keys);
  if (!k.keys) {
    fail(k.error!, { missing: "key" });
    return r;
  }
  const keys = k.keys;
  r.keySource = k.source;
  if (fs.existsSync(path.join(dir, HEADS_FILE))) {
    fail(`${HEADS_FILE} present: a v1 log (HMAC heads) that cannot be verified with a public key`, { firstBad: 0, exact: false });
    return r;
  }

  // Consistency proofs for outside checkpoints need every node; otherwise the compact range is enough.
  const nodes = opts.checkpoints?.length ? new MemoryNodeStore() : null;
  const range = new CompactRange();
  const put = nodes ? (l: number, i: number, h: Hash): void => nodes.put(l, i, h) : undefined;
  let lastCovered = 0;
  let latestRoot: Uint8Array | null = null;
  let lastTime = 0;
  let stopped = false;
  const escan = scanFile(path.join(dir, EVENTS_FILE), (payload) => {
    if (stopped) return;
    if (!isEventRecord(payload)) {
      const c = r.checkpoints++;
      let cp;
      try {
        cp = verifyCheckpoint(payload.toString("utf8"), keys);
      } catch (e) {
        stopped = true;
        return fail(`checkpoint #${c} (after entry ${range.size - 1}): ${(e as Error).message}`, { badCheckpoint: c, firstBad: lastCovered, exact: false, badBefore: range.size });
      }
      if (r.origin === undefined) r.origin = cp.origin;
      if (cp.origin !== r.origin) {
        stopped = true;
        return fail(`checkpoint #${c} names another log (${cp.origin}, not ${r.origin})`, { badCheckpoint: c });
      }
      if (cp.size !== range.size) {
        stopped = true;
        const first = Math.min(cp.size, range.size);
        return fail(`checkpoint #${c} covers ${cp.size} entries but follows entry ${range.size - 1}: entries deleted or inserted before it`, { badCheckpoint: c, firstBad: Math.max(lastCovered, Math.min(first, range.size)), exact: false, badBefore: Math.max(cp.size, range.size) });
      }
      if (!constantTimeEqual(cp.root, range.root())) {
        stopped = true;
        return fail(`root mismatch at checkpoint of size ${cp.size}: an entry in [${lastCovered}, ${cp.size}) was altered`, { badCheckpoint: c, firstBad: lastCovered, exact: false, badBefore: cp.size });
      }
      r.checkpointsVerified++;
      lastCovered = cp.size;
      latestRoot = cp.root;
      r.latestNote = cp.note;
      return;
    }
    const i = range.size;
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
    range.append(leafHash(payload), put);
  });
  r.size = range.size;
  r.root = toHex(range.root());
  if (latestRoot) r.latest = { size: lastCovered, root: toHex(latestRoot) };
  if (escan.tail === "corrupt") fail(`entry ${r.size} is damaged (bad length or checksum)`, { firstBad: r.size, exact: true });
  if (escan.tail === "torn") r.tornTail = true;
  if (stopped) return r;
  if (r.checkpointsVerified === 0) {
    fail("the log has no checkpoint: nothing in it is signed (checkpoints removed, or the file replaced)", { firstBad: 0, exact: false });
    return r;
  }
  r.uncovered = r.size - lastCovered;
  if (r.uncovered > 0) {
    fail(`${r.uncovered} entries after the last checkpoint (${lastCovered}..${r.size - 1}) are covered by no signature: appended after the fact, or a crash before they were acknowledged (a restart cuts them)`, { firstBad: lastCovered, exact: false, badBefore: r.size });
  }

  // Outside checkpoints: signed by this log's key, and the log is a consistent extension of each.
  for (const [n, note] of (opts.checkpoints ?? []).entries()) {
    const res: ExternalResult = { size: -1, ok: false };
    r.external.push(res);
    let cp;
    try {
      res.size = parseCheckpointText(parseNote(note).text).size;
      cp = verifyCheckpoint(note, keys);
    } catch (e) {
      res.error = `not a checkpoint signed by this log's key: ${(e as Error).message}`;
      fail(`outside checkpoint #${n}: ${res.error}`, {});
      continue;
    }
    if (cp.origin !== r.origin) {
      res.error = `is for another log (${cp.origin})`;
      fail(`outside checkpoint #${n} ${res.error}`, {});
      continue;
    }
    if (cp.size > lastCovered) {
      res.error = `covers ${cp.size} entries but the log's newest checkpoint covers ${lastCovered}: the log was truncated or rolled back`;
      fail(`outside checkpoint #${n} ${res.error}`, { firstBad: lastCovered, exact: false });
      continue;
    }
    try {
      if (cp.size === 0) {
        if (!constantTimeEqual(cp.root, EMPTY_ROOT)) throw new Error("empty-tree root is wrong");
      } else {
        const proof = consistencyPath(nodes!, cp.size, lastCovered);
        verifyConsistency(cp.size, lastCovered, cp.root, latestRoot!, proof);
      }
      res.ok = true;
    } catch (e) {
      res.error = `the log is not an extension of it (history before entry ${cp.size} rewritten): ${(e as Error).message}`;
      fail(`outside checkpoint #${n} (size ${cp.size}): ${res.error}`, { firstBad: 0, exact: false, badBefore: cp.size });
    }
  }
  return r;
}

/** Leaf hashes of a directory's log, for the CLI proof commands (no kernel needed). */
function loadNodes(dir: string): { nodes: MemoryNodeStore; size: number } {
  const nodes = new MemoryNodeStore();
  const range = new CompactRange();
  const scan = scanFile(path.join(dir, EVENTS_FILE), (payload) => {
    if (isEventRecord(payload)) range.append(leafHash(payload), (l, i, h) => nodes.put(l, i, h));
  });
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

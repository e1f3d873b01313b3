// Restart path: re-read and check everything a previous run left on disk,
// and keep a second process from writing the same log.
import * as fs from "node:fs";
import * as path from "node:path";
import { QmkError } from "../../errors.js";
import { decodeEvent } from "./encoding.js";
import type { AuditEvent } from "./events.js";
import { CompactRange, leafHash, toHex } from "./merkle.js";
import { treeRoot } from "./proofs.js";
import { EVENTS_FILE, HEADS_FILE, LOCK_FILE, scanFile, type NodeStore } from "./store.js";
import { isSignedTreeHead, verifyTreeHeadSignature, type SignedTreeHead } from "./sth.js";

function corrupt(message: string, data: Record<string, unknown>): QmkError {
  return new QmkError("INTERNAL_ERROR", `audit log corrupt: ${message}`, { field: "audit", ...data });
}

/**
 * One writer per directory: two processes appending to the same files would
 * interleave records. A lock left by a dead process (crash) is taken over;
 * the same process may reopen (in-process restart simulations).
 */
export function acquireLock(dir: string): void {
  const file = path.join(dir, LOCK_FILE);
  try {
    const pid = Number(fs.readFileSync(file, "utf8"));
    if (Number.isSafeInteger(pid) && pid > 0 && pid !== process.pid) {
      let alive = true;
      try {
        process.kill(pid, 0);
      } catch (e) {
        alive = (e as NodeJS.ErrnoException).code === "EPERM";
      }
      if (alive) throw new QmkError("INTERNAL_ERROR", `audit log ${dir} is open in process ${pid}`, { field: "audit" });
    }
  } catch (e) {
    if (e instanceof QmkError) throw e;
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
  }
  fs.writeFileSync(file, String(process.pid), { mode: 0o600 });
}

export function releaseLock(dir: string): void {
  const file = path.join(dir, LOCK_FILE);
  try {
    if (fs.readFileSync(file, "utf8") === String(process.pid)) fs.rmSync(file);
  } catch {
    /* already gone */
  }
}

/** Re-read and check everything on disk; rebuild the node files. */
export function recover(dir: string, key: Uint8Array, nodes: NodeStore) {
  const range = new CompactRange();
  const counts = new Map<string, number>();
  let lastTime = 0;
  const eventsFile = path.join(dir, EVENTS_FILE);
  const scan = scanFile(eventsFile, (payload) => {
    const i = range.size;
    let e: AuditEvent;
    try {
      e = decodeEvent(payload);
    } catch (err) {
      throw corrupt(`entry ${i}: ${(err as Error).message}`, { index: i });
    }
    if (e.index !== i) throw corrupt(`entry ${i} holds index ${e.index} (deleted, inserted or reordered)`, { index: i });
    if (e.time < lastTime) throw corrupt(`entry ${i} goes back in time`, { index: i });
    lastTime = e.time;
    range.append(leafHash(payload), (l, idx, h) => nodes.put(l, idx, h));
    const t = e.tenant ?? "";
    counts.set(t, (counts.get(t) ?? 0) + 1);
  });
  if (scan.tail === "corrupt") throw corrupt(`entry ${range.size} is damaged and followed by more records`, { index: range.size });

  // Heads: each must verify, cover only existing events, match the re-derived root, and move time forward.
  let lastHead: SignedTreeHead | null = null;
  let headErr: QmkError | null = null;
  const hscan = scanFile(path.join(dir, HEADS_FILE), (payload) => {
    if (headErr) return;
    let h: unknown;
    try {
      h = JSON.parse(payload.toString("utf8"));
    } catch {
      headErr = corrupt("unreadable signed head", {});
      return;
    }
    if (!isSignedTreeHead(h)) headErr = corrupt("malformed signed head", {});
    else if (!verifyTreeHeadSignature(key, h)) headErr = corrupt(`bad signature on head of size ${h.size}`, { index: h.size });
    else if (h.size > range.size) headErr = corrupt(`signed head covers ${h.size} entries but only ${range.size} are present`, { index: range.size });
    else if (lastHead && (h.timestamp <= lastHead.timestamp || h.size < lastHead.size)) headErr = corrupt(`head of size ${h.size} goes backwards`, { index: h.size });
    else if (toHex(h.size === 0 ? new CompactRange().root() : treeRoot(nodes, h.size)) !== h.root) {
      headErr = corrupt(`root mismatch for signed head of size ${h.size}`, { index: h.size });
    } else lastHead = h;
  });
  if (headErr) throw headErr;
  if (hscan.tail === "corrupt") throw corrupt("signed-head file damaged in the middle", {});
  return { range, counts, lastTime, lastHead: lastHead as SignedTreeHead | null, eventsEnd: scan.goodEnd, headsEnd: hscan.goodEnd };
}

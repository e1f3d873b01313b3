// Restart path: re-read and check everything a previous run left on disk,
// and keep a second process from writing the same log.
import * as fs from "node:fs";
import * as path from "node:path";
import { QmkError } from "../../errors.js";
import { decodeEvent } from "./encoding.js";
import type { AuditEvent } from "./events.js";
import { CompactRange, leafHash, toHex } from "./merkle.js";
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

/**
 * Re-read everything on disk and rebuild the node files. Entries covered by
 * the last signed head are checked through that head (MAC-verified root over
 * their re-hashed bytes: any change, deletion, insertion or reordering
 * changes it), so only the entries after it need decoding — restart cost is
 * dominated by hashing, not JSON.
 */
export function recover(dir: string, keys: Uint8Array[], nodes: NodeStore) {
  // 1. Heads first (small): MAC-valid, time strictly increasing, sizes non-decreasing.
  const heads: SignedTreeHead[] = [];
  const hscan = scanFile(path.join(dir, HEADS_FILE), (payload) => {
    let h: unknown;
    try {
      h = JSON.parse(payload.toString("utf8"));
    } catch {
      throw corrupt(`signed head #${heads.length} is unreadable`, {});
    }
    if (!isSignedTreeHead(h)) throw corrupt(`signed head #${heads.length} is malformed`, {});
    const head = h;
    if (!keys.some((k) => verifyTreeHeadSignature(k, head))) throw corrupt(`bad signature on head of size ${h.size} (wrong key or forged)`, { index: h.size });
    const prev = heads[heads.length - 1];
    if (prev && (h.timestamp <= prev.timestamp || h.size < prev.size)) throw corrupt(`head of size ${h.size} goes backwards`, { index: h.size });
    heads.push(h);
  });
  if (hscan.tail === "corrupt") throw corrupt("signed-head file damaged in the middle", {});
  const lastHead = heads.length ? heads[heads.length - 1] : null;
  const trusted = lastHead?.size ?? 0;

  // 2. Entries: re-hash all; decode those after the last head (and the one before, for its time).
  const range = new CompactRange();
  const counts = new Map<string, number>(Object.entries(lastHead?.tenantCounts ?? {}));
  let lastTime = 0;
  let hp = 0;
  const checkHeads = (): void => {
    while (hp < heads.length && heads[hp].size === range.size) {
      const h = heads[hp++];
      const root = toHex(range.size === 0 ? new CompactRange().root() : range.root());
      if (root !== h.root) {
        throw corrupt(`root mismatch at signed head of size ${h.size}: an entry before it was altered, deleted, inserted or reordered (run verifyLogDir for the first bad entry)`, { index: h.size });
      }
    }
  };
  checkHeads();
  const scan = scanFile(path.join(dir, EVENTS_FILE), (payload) => {
    const i = range.size;
    if (i + 1 >= trusted) {
      let e: AuditEvent;
      try {
        e = decodeEvent(payload);
      } catch (err) {
        throw corrupt(`entry ${i}: ${(err as Error).message}`, { index: i });
      }
      if (e.index !== i) throw corrupt(`entry ${i} holds index ${e.index} (deleted, inserted or reordered)`, { index: i });
      if (e.time < lastTime) throw corrupt(`entry ${i} goes back in time`, { index: i });
      lastTime = e.time;
      if (i >= trusted) {
        const t = e.tenant ?? "";
        counts.set(t, (counts.get(t) ?? 0) + 1);
      }
    }
    range.append(leafHash(payload), (l, idx, h) => nodes.put(l, idx, h));
    checkHeads();
  });
  if (scan.tail === "corrupt") throw corrupt(`entry ${range.size} is damaged and followed by more records`, { index: range.size });
  if (hp < heads.length) {
    throw corrupt(`signed head covers ${heads[hp].size} entries but only ${range.size} are present`, { index: range.size });
  }
  return { range, counts, lastTime, lastHead, eventsEnd: scan.goodEnd, headsEnd: hscan.goodEnd };
}

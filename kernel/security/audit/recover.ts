// Restart path: re-read and check everything a previous run left on disk,
// and keep a second process from writing the same log.
import * as fs from "node:fs";
import * as path from "node:path";
import { QmkError } from "../../errors.js";
import { decodeEvent } from "./encoding.js";
import { parseCheckpointText, verifyCheckpoint } from "./checkpoint.js";
import { CompactRange, constantTimeEqual, leafHash, type Hash } from "./merkle.js";
import { parseNote, type NoteVerifier } from "./note.js";
import { EVENTS_FILE, HEADS_FILE, isEventRecord, LOCK_FILE, scanFile, type NodeStore } from "./store.js";

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
      if (alive) throw new QmkError("INTERNAL_ERROR", `audit log ${dir} is open in process ${pid}`, { field: "audit", rule: "log_locked", pid });
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

export interface RecoveredCheckpoint {
  size: number;
  root: Uint8Array;
  note: string;
}

export interface Recovered {
  range: CompactRange;
  counts: Map<string, number>;
  lastTime: number;
  lastCheckpoint: RecoveredCheckpoint | null;
  /** byte length of events.log to keep: the end of the last checkpoint record */
  eventsEnd: number;
  /** complete events after the last checkpoint (never acknowledged), cut off */
  dropped: number;
  /** bytes cut off in total (dropped events + a torn final write) */
  droppedBytes: number;
}

const TENANT_KEY = Buffer.from(',"tenant":');
const TIME_KEY = Buffer.from(',"time":');

/**
 * The tenant of a canonical event without a full decode. Top-level keys are
 * sorted, so the top-level "tenant" comes after "details" (the last
 * occurrence), and its value ends where ',"time":' starts (a JSON string
 * cannot contain a raw '"').
 */
export function tenantOfRecord(payload: Buffer): string {
  const a = payload.lastIndexOf(TENANT_KEY);
  const b = a < 0 ? -1 : payload.indexOf(TIME_KEY, a);
  if (a < 0 || b < 0) throw corrupt("event without tenant/time fields", {});
  const v = payload.toString("utf8", a + TENANT_KEY.length, b);
  return v === "null" ? "" : (JSON.parse(v) as string);
}

/** The origin line of the first checkpoint record (unverified): the log's identity, fixed at creation. */
export function originOf(dir: string): string | null {
  let origin: string | null = null;
  try {
    scanFile(path.join(dir, EVENTS_FILE), (payload) => {
      if (origin === null && !isEventRecord(payload)) origin = payload.toString("utf8", 0, Math.min(payload.length, 300)).split("\n")[0];
    });
  } catch {
    return null;
  }
  return origin;
}

/**
 * Re-read everything on disk and rebuild the node files. Every checkpoint
 * record must verify under one of `keys`, sit exactly after the events it
 * counts, and carry the root of the re-hashed events before it. Events are
 * authenticated through the checkpoint after them, so they are not decoded
 * (restart cost is hashing). Complete events after the last checkpoint were
 * never acknowledged (the ack waits for the checkpoint's fdatasync): they are
 * cut off and counted in `dropped`, as is a torn final write.
 */
export function recover(dir: string, keys: NoteVerifier[], nodes: NodeStore): Recovered {
  if (fs.existsSync(path.join(dir, HEADS_FILE))) {
    throw corrupt(`${HEADS_FILE} is the v1 format (HMAC tree heads), which a third party cannot verify; this version signs C2SP checkpoints into ${EVENTS_FILE}. Verify the old log with the previous version, then move the directory aside`, { field: "audit" });
  }
  const range = new CompactRange();
  const counts = new Map<string, number>();
  let pending: { leaf: Hash; tenant: string }[] = [];
  let lastCheckpoint: RecoveredCheckpoint | null = null;
  let lastCovered: Buffer | null = null;
  let pendingLast: Buffer | null = null;
  let eventsEnd = 0;
  let origin: string | null = null;
  const scan = scanFile(path.join(dir, EVENTS_FILE), (payload, offset) => {
    if (isEventRecord(payload)) {
      pending.push({ leaf: leafHash(payload), tenant: tenantOfRecord(payload) });
      pendingLast = payload;
      return;
    }
    // Only the newest checkpoint's signature is checked here (after the scan): it signs the root of
    // every event before it, and each earlier checkpoint's root is re-derived below. One Ed25519
    // verify per restart instead of one per group commit (a lone caller makes one per event).
    // verifyLogDir, the third party's check, verifies every signature.
    let cp: { size: number; root: Uint8Array; note: string; origin: string };
    try {
      const note = payload.toString("utf8");
      cp = { ...parseCheckpointText(parseNote(note).text), note };
      if (origin === null) origin = cp.origin;
      else if (cp.origin !== origin) throw new Error(`checkpoint names another log (${cp.origin}, not ${origin})`);
    } catch (e) {
      throw corrupt(`checkpoint record at byte ${offset} after entry ${range.size + pending.length}: ${(e as Error).message}`, { index: range.size + pending.length });
    }
    for (const p of pending) {
      range.append(p.leaf, (l, i, h) => nodes.put(l, i, h));
      counts.set(p.tenant, (counts.get(p.tenant) ?? 0) + 1);
    }
    pending = [];
    if (pendingLast) lastCovered = Buffer.from(pendingLast);
    pendingLast = null;
    if (cp.size !== range.size) throw corrupt(`checkpoint for ${cp.size} entries follows entry ${range.size - 1}: entries deleted, inserted or reordered`, { index: Math.min(cp.size, range.size) });
    if (!constantTimeEqual(cp.root, range.root())) {
      throw corrupt(`root mismatch at checkpoint of size ${cp.size}: an entry before it was altered (run \`qmk audit verify\` for the first bad entry)`, { index: cp.size });
    }
    lastCheckpoint = { size: cp.size, root: cp.root, note: cp.note };
    eventsEnd = offset + 8 + payload.length;
  });
  if (lastCheckpoint) {
    try {
      verifyCheckpoint((lastCheckpoint as RecoveredCheckpoint).note, keys);
    } catch (e) {
      throw corrupt(`newest checkpoint (size ${(lastCheckpoint as RecoveredCheckpoint).size}): ${(e as Error).message}`, { index: (lastCheckpoint as RecoveredCheckpoint).size });
    }
  }
  if (scan.tail === "corrupt") throw corrupt(`entry ${range.size + pending.length} is damaged and followed by more records`, { index: range.size + pending.length });
  if (!lastCheckpoint && pending.length > 0) {
    throw corrupt(`${pending.length} events but no checkpoint: the log's signatures were removed`, { index: 0 });
  }
  const lastTime = lastCovered ? decodeEvent(lastCovered).time : 0;
  return { range, counts, lastTime, lastCheckpoint, eventsEnd, dropped: pending.length, droppedBytes: scan.size - eventsEnd };
}

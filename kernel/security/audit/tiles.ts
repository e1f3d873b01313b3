// C2SP tlog-tiles export (c2sp.org/tlog-tiles): the log as static files a
// standard client can mirror and verify against the checkpoint.
//
//   OUT/checkpoint                         the newest verified checkpoint (signed note)
//   OUT/tile/<L>/<N>[.p/<W>]               hashes: tile N of level L holds the 32-byte
//                                          RFC 6962 hashes of the subtrees of height 8·L
//                                          numbered N·256 … N·256+255 (W < 256 in a partial tile)
//   OUT/tile/entries/<N>[.p/<W>]           entry bundle: events N·256 …, each as
//                                          big-endian uint16 length ‖ the stored event bytes
// <N> is written in groups of three digits, all but the last prefixed "x":
// 1234067 → x001/x234/067.
//
// Only what the newest valid checkpoint covers is exported, after the log
// verified with the public key: the tiles always match the checkpoint.
import * as fs from "node:fs";
import * as path from "node:path";
import { QmkError } from "../../errors.js";
import { CompactRange, leafHash } from "./merkle.js";
import { EVENTS_FILE, isEventRecord, MemoryNodeStore, scanFile } from "./store.js";
import { verifyLogDir, type VerifyOptions } from "./verify.js";

export const TILE_WIDTH = 256;
const TILE_HEIGHT = 8;

/** The tile path element for index N (c2sp.org/tlog-tiles). */
export function tileIndexPath(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new Error("tile index must be a non-negative integer");
  const groups: string[] = [];
  let x = n;
  do {
    groups.unshift(String(x % 1000).padStart(3, "0"));
    x = Math.floor(x / 1000);
  } while (x > 0);
  return groups.map((g, i) => (i < groups.length - 1 ? `x${g}` : g)).join("/");
}

/** Relative path of a tile (level as a number, or "entries"), full or partial (width < 256). */
export function tilePath(level: number | "entries", n: number, width = TILE_WIDTH): string {
  const base = `tile/${level}/${tileIndexPath(n)}`;
  return width === TILE_WIDTH ? base : `${base}.p/${width}`;
}

export interface TilesReport {
  size: number;
  tiles: number;
  bundles: number;
}

function write(out: string, rel: string, data: Buffer): void {
  const f = path.join(out, rel);
  fs.mkdirSync(path.dirname(f), { recursive: true });
  fs.writeFileSync(f, data);
}

export function exportTiles(dir: string, out: string, opts: Pick<VerifyOptions, "keys"> = {}): TilesReport {
  const rep = verifyLogDir(dir, opts);
  if (rep.missing) throw new QmkError("INVALID_PARAMS", rep.error ?? "missing", { field: rep.missing === "log" ? "dir" : "key" });
  if (!rep.latest || !rep.latestNote) throw new QmkError("INVALID_PARAMS", `the log has no valid checkpoint: ${rep.error}`, { field: "dir" });
  if (!rep.ok && rep.uncovered === 0) throw new QmkError("INVALID_PARAMS", `the log does not verify: ${rep.error}`, { field: "dir" });
  const size = rep.latest.size; // events after it (a crash not yet recovered) are not exported: no checkpoint covers them

  const nodes = new MemoryNodeStore();
  const range = new CompactRange();
  let bundle: Buffer[] = [];
  let bundles = 0;
  const flushBundle = (n: number, width: number): void => {
    write(out, tilePath("entries", n, width), Buffer.concat(bundle));
    bundle = [];
    bundles++;
  };
  scanFile(path.join(dir, EVENTS_FILE), (payload) => {
    if (!isEventRecord(payload) || range.size >= size) return;
    if (payload.length > 0xffff) throw new QmkError("INVALID_PARAMS", `event ${range.size} is ${payload.length} bytes: more than an entry bundle's uint16 length holds`, { field: "dir", index: range.size });
    const len = Buffer.alloc(2);
    len.writeUInt16BE(payload.length, 0);
    bundle.push(len, Buffer.from(payload));
    range.append(leafHash(payload), (l, i, h) => nodes.put(l, i, h));
    if (range.size % TILE_WIDTH === 0) flushBundle(range.size / TILE_WIDTH - 1, TILE_WIDTH);
  });
  if (range.size !== size) throw new QmkError("INTERNAL_ERROR", "the log changed while it was exported", { field: "dir" });
  if (size % TILE_WIDTH) flushBundle(Math.floor(size / TILE_WIDTH), size % TILE_WIDTH);

  let tiles = 0;
  for (let level = 0; ; level++) {
    const height = level * TILE_HEIGHT;
    const count = Math.floor(size / 2 ** height); // complete subtrees of that height
    if (count === 0) break;
    for (let n = 0; n * TILE_WIDTH < count; n++) {
      const width = Math.min(TILE_WIDTH, count - n * TILE_WIDTH);
      const hashes: Buffer[] = [];
      for (let i = 0; i < width; i++) hashes.push(Buffer.from(nodes.node(height, n * TILE_WIDTH + i)));
      write(out, tilePath(level, n, width), Buffer.concat(hashes));
      tiles++;
    }
  }
  write(out, "checkpoint", Buffer.from(rep.latestNote, "utf8"));
  return { size, tiles, bundles };
}

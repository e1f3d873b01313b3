import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export const KEY = new Uint8Array(32).map((_, i) => i + 1);

export function tmpDir(tag: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `qmk-audit-${tag}-`));
}

/** A controllable clock. */
export function manualClock(start = 1_700_000_000_000): { now: () => number; set: (t: number) => void; advance: (d: number) => void } {
  let t = start;
  return { now: () => t, set: (v) => (t = v), advance: (d) => (t += d) };
}

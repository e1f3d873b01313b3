// A tiny durable journal for kernel state that must survive a restart
// (tenants, revocations, use counters, channels). One JSON record per line,
// appended with a synchronous write + fdatasync, so a call that changed
// state is only answered after the change is on disk. A torn last line
// (crash mid-write) is dropped on replay: it was never acknowledged.
import * as fs from "node:fs";
import * as path from "node:path";

export interface JournalOptions {
  /** fsync each append (default true). Tests may turn it off for speed. */
  fsync?: boolean;
}

export class Journal<T> {
  private fd: number | null;

  private constructor(
    readonly file: string | null,
    private readonly fsyncEach: boolean,
  ) {
    this.fd = file ? fs.openSync(file, "a", 0o600) : null;
  }

  /** A journal on disk at `file` (created if missing). */
  static open<T>(file: string, opts: JournalOptions = {}): Journal<T> {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    dropTornTail(file);
    return new Journal<T>(file, opts.fsync ?? true);
  }

  /** A journal that keeps nothing (embedders that asked for in-memory state). */
  static memory<T>(): Journal<T> {
    return new Journal<T>(null, false);
  }

  /** Every complete record, in append order. */
  replay(): T[] {
    if (!this.file || !fs.existsSync(this.file)) return [];
    const text = fs.readFileSync(this.file, "utf8");
    const out: T[] = [];
    const lines = text.split("\n");
    // The last element is "" after a final newline; anything else there is a torn write.
    for (let i = 0; i < lines.length - 1; i++) {
      if (lines[i].length === 0) continue;
      out.push(JSON.parse(lines[i]) as T);
    }
    return out;
  }

  /**
   * Append one record. `durable: false` skips the fsync for records whose loss
   * in a crash is harmless (state the kernel rebuilds or releases on restart).
   */
  append(record: T, opts: { durable?: boolean } = {}): void {
    if (this.fd === null) return;
    const line = JSON.stringify(record) + "\n";
    fs.writeSync(this.fd, line);
    if (this.fsyncEach && opts.durable !== false) fs.fdatasyncSync(this.fd);
  }

  /** Replace the journal by a snapshot (atomic: write temp file, fsync, rename). */
  compact(records: T[]): void {
    if (!this.file) return;
    const tmp = this.file + ".tmp";
    const fd = fs.openSync(tmp, "w", 0o600);
    try {
      fs.writeSync(fd, records.map((r) => JSON.stringify(r) + "\n").join(""));
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    if (this.fd !== null) fs.closeSync(this.fd);
    fs.renameSync(tmp, this.file);
    this.fd = fs.openSync(this.file, "a", 0o600);
  }

  close(): void {
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
  }
}

/** Cut an unterminated last line left by a crash, so later appends start clean. */
function dropTornTail(file: string): void {
  if (!fs.existsSync(file)) return;
  const buf = fs.readFileSync(file);
  if (buf.length === 0 || buf[buf.length - 1] === 0x0a) return;
  const lastNewline = buf.lastIndexOf(0x0a);
  fs.truncateSync(file, lastNewline + 1);
}

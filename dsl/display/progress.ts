// A progress indicator for long runs (shots, sweeps): an updating HTML bar
// in a notebook, a \r-redrawn bar on stderr in a terminal (a single final
// line when stderr is not a TTY).
import { liveArea, type LiveArea } from "./show.js";
import { esc } from "./svg.js";

export interface ProgressOptions {
  label?: string;
  /** minimum ms between redraws (the last one is always drawn) */
  intervalMs?: number;
  /** where terminal output goes (default process.stderr) */
  stream?: { write(s: string): unknown; isTTY?: boolean };
  /** force a route (tests) */
  mode?: "notebook" | "terminal" | "silent";
}

export class Progress {
  readonly total: number;
  readonly label: string;
  done = 0;
  private readonly t0 = Date.now();
  private last = 0;
  private finished = false;
  private finalDrawn = false;
  /** the latest in-flight notebook update (Deno sends them asynchronously) */
  private pending: Promise<void> = Promise.resolve();
  private readonly area: LiveArea | null;
  private readonly stream: { write(s: string): unknown; isTTY?: boolean };
  /** number of redraws so far (tests) */
  draws = 0;

  constructor(total: number, private readonly opts: ProgressOptions = {}) {
    this.total = Math.max(0, total);
    this.label = opts.label ?? "";
    this.stream = opts.stream ?? process.stderr;
    this.area = opts.mode === "terminal" || opts.mode === "silent" ? null : liveArea();
    this.draw(true);
  }

  /** Fraction done, 0..1. */
  get fraction(): number {
    return this.total ? Math.min(1, this.done / this.total) : 1;
  }

  /** Advance by n steps. */
  tick(n = 1, note?: string): void {
    this.set(this.done + n, note);
  }

  /** Set the number of steps done. */
  set(done: number, note?: string): void {
    this.done = Math.min(this.total, done);
    this.draw(this.done >= this.total, note);
  }

  /** Mark complete (draws the final state once). Await it under Deno so the last update is sent before the cell ends. */
  finish(note?: string): Promise<void> {
    if (this.finished) return this.pending;
    this.done = this.total;
    this.draw(true, note);
    this.finished = true;
    if (!this.area && this.opts.mode !== "silent" && this.stream.isTTY) this.stream.write("\n");
    return this.pending;
  }

  /** The line shown in a terminal. */
  text(note?: string): string {
    const width = 24;
    const filled = Math.round(this.fraction * width);
    const pct = Math.round(this.fraction * 100);
    const secs = (Date.now() - this.t0) / 1000;
    const eta = this.done > 0 && this.done < this.total ? ` eta ${((secs / this.done) * (this.total - this.done)).toFixed(1)}s` : "";
    return `${this.label ? this.label + " " : ""}[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${this.done}/${this.total} ${pct}% ${secs.toFixed(1)}s${eta}${note ? " " + note : ""}`;
  }

  /** The HTML shown in a notebook. */
  html(note?: string): string {
    const pct = Math.round(this.fraction * 100);
    return `<div class="qmk-progress" data-done="${this.done}" data-total="${this.total}" style="font-family:ui-sans-serif,system-ui,sans-serif;font-size:13px">` +
      `<progress value="${this.done}" max="${this.total}" style="width:240px;vertical-align:middle"></progress> ` +
      `<span>${esc(this.label)} ${this.done}/${this.total} (${pct}%) ${((Date.now() - this.t0) / 1000).toFixed(1)}s${note ? " — " + esc(note) : ""}</span></div>`;
  }

  private draw(force: boolean, note?: string): void {
    if (this.finished || this.opts.mode === "silent") return;
    if (this.done >= this.total) {
      if (this.finalDrawn && note === undefined) return;
      this.finalDrawn = true;
    }
    const now = Date.now();
    if (!force && now - this.last < (this.opts.intervalMs ?? 100)) return;
    this.last = now;
    this.draws++;
    if (this.area) {
      const sent = this.area.update(this.html(note), this.text(note));
      if (sent) this.pending = this.pending.then(() => sent).catch(() => undefined);
    }
    else if (this.stream.isTTY) this.stream.write(`\r${this.text(note)}\x1b[K`);
    else if (this.done >= this.total && this.total > 0) this.stream.write(this.text(note) + "\n");
  }
}

export function progress(total: number, opts: ProgressOptions | string = {}): Progress {
  return new Progress(total, typeof opts === "string" ? { label: opts } : opts);
}

/** Maps over items (sequentially, awaiting each) with a progress bar. */
export async function withProgress<T, R>(items: readonly T[], fn: (item: T, i: number) => R | Promise<R>, opts: ProgressOptions | string = {}): Promise<R[]> {
  const p = progress(items.length, opts);
  const out: R[] = [];
  for (let i = 0; i < items.length; i++) {
    out.push(await fn(items[i], i));
    p.tick();
  }
  await p.finish();
  return out;
}

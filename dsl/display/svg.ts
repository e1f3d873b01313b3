// Pure SVG renderers for notebooks: counts histograms, line plots, the
// entanglement components of a tenant, and circuit drawings of captured
// QVM graphs. No DOM, no dependencies: each returns a self-contained
// `<svg>` string whose parts carry classes (`bar`, `point`, `x-axis`, …)
// and data-* attributes, so tests can check structure, not just existence.
//
// Must compile under tslab's TS 5.0 (non-strict) as well as the project's
// strict TS 7: plain ES2022, no newer lib methods.

export interface Size {
  width?: number;
  height?: number;
}

const PALETTE = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"];
const FONT = 'font-family="ui-sans-serif, system-ui, sans-serif"';

/** Escapes text for SVG/HTML content and attribute values. */
export function esc(s: unknown): string {
  return String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Compact number formatting for ticks and labels. */
export function fmt(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e5 || a < 1e-3)) return v.toExponential(1).replace("e+", "e");
  if (Number.isInteger(v)) return String(v);
  return String(Number(v.toPrecision(3)));
}

/** "Nice" tick values inside [lo, hi] (with `cover`, extended to the first tick ≥ hi). */
export function niceTicks(lo: number, hi: number, count = 5, cover = false): number[] {
  if (!(hi > lo)) hi = lo + 1;
  const raw = (hi - lo) / Math.max(1, count);
  const mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const norm = raw / mag;
  const step = (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10) * mag;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step - 1e-9) * step; v <= hi + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  if (cover && (out.length === 0 || out[out.length - 1] < hi)) out.push(Number(((out.length ? out[out.length - 1] : lo) + step).toPrecision(12)));
  return out;
}

function open(kind: string, w: number, h: number, extra = ""): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" class="qmk-${kind}" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" ${FONT} font-size="12"${extra}>` +
    `<rect class="background" x="0" y="0" width="${w}" height="${h}" fill="white"/>`;
}

function title(t: string | undefined, w: number): string {
  return t ? `<text class="title" x="${w / 2}" y="18" text-anchor="middle" font-size="14" font-weight="600">${esc(t)}</text>` : "";
}

interface Frame {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

function axes(f: Frame, xLabel: string | undefined, yLabel: string | undefined, w: number, h: number): string {
  let s = `<g class="axes" stroke="#333" stroke-width="1">` +
    `<line class="x-axis" x1="${f.left}" y1="${f.bottom}" x2="${f.right}" y2="${f.bottom}"/>` +
    `<line class="y-axis" x1="${f.left}" y1="${f.top}" x2="${f.left}" y2="${f.bottom}"/></g>`;
  if (xLabel) s += `<text class="x-label" x="${(f.left + f.right) / 2}" y="${h - 6}" text-anchor="middle">${esc(xLabel)}</text>`;
  if (yLabel) s += `<text class="y-label" x="14" y="${(f.top + f.bottom) / 2}" text-anchor="middle" transform="rotate(-90 14 ${(f.top + f.bottom) / 2})">${esc(yLabel)}</text>`;
  void w;
  return s;
}

/* ---------------------------------------------------------------- histogram */

export interface HistogramOptions extends Size {
  title?: string;
  xLabel?: string;
  yLabel?: string;
  /** plot relative frequencies instead of counts */
  normalize?: boolean;
  /** bar order: by bitstring (default) or by count, descending */
  sort?: "key" | "count";
  /** also draw a bar (height 0) for every bitstring of this many bits that did not occur */
  bits?: number;
}

/** Anything with counts: a plain record or the DSL's `Counts`. */
export type CountsLike = Readonly<Record<string, number>> | { readonly counts: Readonly<Record<string, number>> };

export function countsOf(c: CountsLike): Record<string, number> {
  const rec = (c as { counts?: unknown }).counts;
  return { ...((rec && typeof rec === "object" ? rec : c) as Record<string, number>) };
}

/** The bars a histogram shows, in display order. */
export function histogramBars(counts: CountsLike, opts: HistogramOptions = {}): { key: string; value: number }[] {
  const c = countsOf(counts);
  if (opts.bits !== undefined && opts.bits <= 10) {
    for (let i = 0; i < 1 << opts.bits; i++) {
      const k = i.toString(2).padStart(opts.bits, "0");
      if (!(k in c)) c[k] = 0;
    }
  }
  const total = Object.values(c).reduce((a, b) => a + b, 0) || 1;
  const bars = Object.entries(c).map(([key, n]) => ({ key, value: opts.normalize ? n / total : n }));
  bars.sort(opts.sort === "count" ? (a, b) => b.value - a.value || (a.key < b.key ? -1 : 1) : (a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return bars;
}

/** A bar chart of measurement counts (bitstring → count). */
export function histogramSvg(counts: CountsLike, opts: HistogramOptions = {}): string {
  const bars = histogramBars(counts, opts);
  const w = opts.width ?? Math.max(260, Math.min(720, 90 + bars.length * 48));
  const h = opts.height ?? 260;
  const f: Frame = { left: 56, top: opts.title ? 32 : 14, right: w - 14, bottom: h - (opts.xLabel === "" ? 30 : 44) };
  const max = Math.max(opts.normalize ? 0 : 1, ...bars.map((b) => b.value));
  const ticks = niceTicks(0, max, 4, true);
  const top = Math.max(max, ticks[ticks.length - 1]);
  const y = (v: number) => f.bottom - (v / top) * (f.bottom - f.top);
  const slot = (f.right - f.left) / Math.max(1, bars.length);
  const bw = Math.max(2, Math.min(48, slot * 0.7));
  let s = open("histogram", w, h, ` data-bars="${bars.length}"`) + title(opts.title, w);
  s += `<g class="y-ticks" fill="#555" text-anchor="end">`;
  for (const t of ticks) s += `<line class="grid" x1="${f.left}" x2="${f.right}" y1="${y(t)}" y2="${y(t)}" stroke="#eee"/><text class="tick" x="${f.left - 6}" y="${y(t) + 4}">${fmt(t)}</text>`;
  s += `</g><g class="bars">`;
  bars.forEach((b, i) => {
    const x = f.left + slot * i + (slot - bw) / 2;
    const yy = y(b.value);
    s += `<rect class="bar" data-key="${esc(b.key)}" data-value="${b.value}" x="${x.toFixed(1)}" y="${yy.toFixed(1)}" width="${bw.toFixed(1)}" height="${(f.bottom - yy).toFixed(1)}" fill="${PALETTE[0]}"><title>${esc(b.key)}: ${fmt(b.value)}</title></rect>`;
    s += `<text class="bar-label" x="${(x + bw / 2).toFixed(1)}" y="${f.bottom + 16}" text-anchor="middle" font-family="ui-monospace, monospace">${esc(b.key)}</text>`;
    s += `<text class="bar-value" x="${(x + bw / 2).toFixed(1)}" y="${(yy - 4).toFixed(1)}" text-anchor="middle" fill="#333" font-size="10">${fmt(b.value)}</text>`;
  });
  s += `</g>` + axes(f, opts.xLabel ?? "outcome", opts.yLabel ?? (opts.normalize ? "frequency" : "counts"), w, h);
  return s + `</svg>`;
}

/** Terminal fallback: one text bar per bitstring. */
export function histogramText(counts: CountsLike, opts: HistogramOptions = {}): string {
  const bars = histogramBars(counts, opts);
  const max = Math.max(1e-12, ...bars.map((b) => b.value));
  const kw = Math.max(...bars.map((b) => b.key.length), 1);
  const lines = bars.map((b) => `${b.key.padStart(kw)} | ${"█".repeat(Math.round((b.value / max) * 40))} ${fmt(b.value)}`);
  return (opts.title ? opts.title + "\n" : "") + lines.join("\n");
}

/* ---------------------------------------------------------------- line plot */

/** Ticks (as log10 values) of a log axis spanning [lo, hi] in log10 units: decades, plus 2× and 5× when it spans few decades. */
export function logTicks(lo: number, hi: number): number[] {
  const out: number[] = [];
  const mults = hi - lo < 2.5 ? [1, 2, 5] : [1];
  for (let k = Math.floor(lo); k <= Math.ceil(hi); k++) {
    for (const m of mults) {
      const t = k + Math.log10(m);
      if (t >= lo - 1e-9 && t <= hi + 1e-9) out.push(t);
    }
  }
  return out;
}

export interface Series {
  name: string;
  points: readonly (readonly [number, number])[];
  /** draw markers only (no line) */
  markersOnly?: boolean;
  /** draw the line only (no markers) */
  lineOnly?: boolean;
  dashed?: boolean;
  color?: string;
  /**
   * Per-point uncertainty (e.g. ±1 standard error), in the order of `points`:
   * drawn as a vertical bar from y − err to y + err. A missing, negative or
   * non-finite entry draws no bar for that point.
   */
  yerr?: readonly (number | null | undefined)[];
}

/** The error of point `i` of a series, when it has a drawable one. */
function errorOf(s: Series, i: number): number | undefined {
  const e = s.yerr ? s.yerr[i] : undefined;
  return typeof e === "number" && Number.isFinite(e) && e >= 0 ? e : undefined;
}

export interface LinePlotOptions extends Size {
  title?: string;
  xLabel?: string;
  yLabel?: string;
  /** logarithmic y axis (values must be > 0) */
  logY?: boolean;
  yMin?: number;
  yMax?: number;
}

/**
 * A line plot of one or more series; every data point is a `<circle class="point">` unless `lineOnly`.
 * A series with `yerr` also gets one `<g class="errorbar" data-x data-y data-err>` per point that has an
 * error: a vertical `errorbar-line` from y − err to y + err (clipped to the frame) and two `errorbar-cap`s.
 */
export function linePlotSvg(series: Series | readonly Series[], opts: LinePlotOptions = {}): string {
  const list: readonly Series[] = Array.isArray(series) ? series : [series as Series];
  const w = opts.width ?? 560;
  const h = opts.height ?? 320;
  const legendW = list.length > 1 || list[0]?.name ? 130 : 0;
  const f: Frame = { left: 60, top: opts.title ? 32 : 14, right: w - 16 - legendW, bottom: h - 44 };
  const all = list.flatMap((s) => s.points);
  const xs = all.map((p) => p[0]);
  const tf = (v: number) => (opts.logY ? Math.log10(v) : v);
  const ys = all.map((p) => tf(p[1]));
  // the axis range covers the error bars too (on a log axis, only the ends that are > 0)
  for (const ser of list) {
    ser.points.forEach((p, i) => {
      const e = errorOf(ser, i);
      if (e === undefined) return;
      ys.push(tf(p[1] + e));
      if (!opts.logY || p[1] - e > 0) ys.push(tf(p[1] - e));
    });
  }
  let xlo = Math.min(...xs), xhi = Math.max(...xs);
  if (!(xhi > xlo)) { xlo -= 1; xhi += 1; }
  let ylo = opts.yMin !== undefined ? tf(opts.yMin) : Math.min(...ys);
  let yhi = opts.yMax !== undefined ? tf(opts.yMax) : Math.max(...ys);
  if (!(yhi > ylo)) { ylo -= 1; yhi += 1; }
  const pad = (yhi - ylo) * 0.04; // keep markers at the extremes inside the frame
  if (opts.yMin === undefined) ylo -= pad;
  if (opts.yMax === undefined) yhi += pad;
  const yTicks = opts.logY ? logTicks(ylo, yhi) : niceTicks(ylo, yhi, 5).filter((t) => t >= ylo - 1e-9 && t <= yhi + 1e-9);
  const xTicks = niceTicks(xlo, xhi, 6).filter((t) => t >= xlo - 1e-9 && t <= xhi + 1e-9);
  const X = (v: number) => f.left + ((v - xlo) / (xhi - xlo)) * (f.right - f.left);
  const Y = (v: number) => f.bottom - ((tf(v) - ylo) / (yhi - ylo)) * (f.bottom - f.top);
  const Yt = (t: number) => f.bottom - ((t - ylo) / (yhi - ylo)) * (f.bottom - f.top);
  let s = open("lineplot", w, h, ` data-series="${list.length}" data-points="${all.length}"`) + title(opts.title, w);
  s += `<g class="y-ticks" fill="#555" text-anchor="end">`;
  for (const t of yTicks) s += `<line class="grid" x1="${f.left}" x2="${f.right}" y1="${Yt(t)}" y2="${Yt(t)}" stroke="#eee"/><text class="tick" x="${f.left - 6}" y="${Yt(t) + 4}">${opts.logY ? fmt(Math.pow(10, t)) : fmt(t)}</text>`;
  s += `</g><g class="x-ticks" fill="#555" text-anchor="middle">`;
  for (const t of xTicks) s += `<line x1="${X(t)}" x2="${X(t)}" y1="${f.bottom}" y2="${f.bottom + 4}" stroke="#333"/><text class="tick" x="${X(t)}" y="${f.bottom + 16}">${fmt(t)}</text>`;
  s += `</g>`;
  list.forEach((ser, i) => {
    const color = ser.color ?? PALETTE[i % PALETTE.length];
    s += `<g class="series" data-name="${esc(ser.name)}" data-points="${ser.points.length}">`;
    if (!ser.markersOnly && ser.points.length > 1) {
      s += `<polyline class="line" fill="none" stroke="${color}" stroke-width="2"${ser.dashed ? ' stroke-dasharray="5 4"' : ""} points="${ser.points.map((p) => `${X(p[0]).toFixed(1)},${Y(p[1]).toFixed(1)}`).join(" ")}"/>`;
    }
    // error bars first, so the markers sit on top; an end outside the frame (or ≤ 0 on a log axis) is clipped to its edge
    const clip = (py: number) => Math.min(f.bottom, Math.max(f.top, py));
    ser.points.forEach((p, i) => {
      const e = errorOf(ser, i);
      if (e === undefined) return;
      const x = X(p[0]);
      const hi = clip(Y(p[1] + e)).toFixed(1);
      const lo = (opts.logY && !(p[1] - e > 0) ? f.bottom : clip(Y(p[1] - e))).toFixed(1);
      const cap = (y: string) => `<line class="errorbar-cap" x1="${(x - 3).toFixed(1)}" x2="${(x + 3).toFixed(1)}" y1="${y}" y2="${y}"/>`;
      s += `<g class="errorbar" data-x="${p[0]}" data-y="${p[1]}" data-err="${e}" stroke="${color}" stroke-width="1.3">` +
        `<line class="errorbar-line" x1="${x.toFixed(1)}" x2="${x.toFixed(1)}" y1="${hi}" y2="${lo}"/>${cap(hi)}${cap(lo)}</g>`;
    });
    if (!ser.lineOnly) {
      ser.points.forEach((p, i) => {
        const e = errorOf(ser, i);
        s += `<circle class="point" cx="${X(p[0]).toFixed(1)}" cy="${Y(p[1]).toFixed(1)}" r="3.5" fill="${color}" data-x="${p[0]}" data-y="${p[1]}"${e === undefined ? "" : ` data-err="${e}"`}>` +
          `<title>${esc(ser.name)} ${pointText(p, e)}</title></circle>`;
      });
    }
    s += `</g>`;
  });
  if (legendW) {
    s += `<g class="legend">`;
    list.forEach((ser, i) => {
      const y = f.top + 8 + i * 18;
      const color = ser.color ?? PALETTE[i % PALETTE.length];
      s += ser.markersOnly
        ? `<circle cx="${f.right + 24}" cy="${y}" r="3.5" fill="${color}"/>`
        : `<line x1="${f.right + 14}" x2="${f.right + 34}" y1="${y}" y2="${y}" stroke="${color}" stroke-width="2"${ser.dashed ? ' stroke-dasharray="5 4"' : ""}/>`;
      if (ser.yerr) s += `<line x1="${f.right + 24}" x2="${f.right + 24}" y1="${y - 6}" y2="${y + 6}" stroke="${color}" stroke-width="1.3"/>`;
      s += `<text class="legend-label" x="${f.right + 40}" y="${y + 4}">${esc(ser.name)}</text>`;
    });
    s += `</g>`;
  }
  s += axes(f, opts.xLabel, opts.yLabel, w, h);
  return s + `</svg>`;
}

/** "(x, y)" or "(x, y ± err)". */
function pointText(p: readonly [number, number], e: number | undefined): string {
  return e === undefined ? `(${fmt(p[0])}, ${fmt(p[1])})` : `(${fmt(p[0])}, ${fmt(p[1])} ± ${fmt(e)})`;
}

/** Terminal fallback: the points as a small table. */
export function linePlotText(series: Series | readonly Series[], opts: LinePlotOptions = {}): string {
  const list: readonly Series[] = Array.isArray(series) ? series : [series as Series];
  const out: string[] = opts.title ? [opts.title] : [];
  for (const s of list) out.push(`${s.name}: ` + s.points.map((p, i) => pointText(p, errorOf(s, i))).join(" "));
  return out.join("\n");
}

/* ---------------------------------------------------------------- components */

/** One entry of `q_components` (`session.components()`). */
export interface ComponentInfo {
  size: number;
  tenants: readonly string[];
  /** the caller's qubit handles in this component */
  own: readonly string[];
  /** how many qubits of other tenants it holds */
  foreign: number;
}

/** Accepts the raw q_components result or its `components` array. */
export function componentsOf(c: unknown): ComponentInfo[] {
  const arr = Array.isArray(c) ? c : (c as { components?: unknown })?.components;
  return Array.isArray(arr) ? (arr as ComponentInfo[]) : [];
}

export interface ComponentsOptions extends Size {
  title?: string;
  /** the tenant whose view this is (its qubits are drawn filled) */
  self?: string;
  /** display labels for the caller's qubit handles (handle → "q0") */
  labels?: Record<string, string>;
}

/**
 * The entanglement components touching a tenant: one box per component,
 * one circle per qubit (filled = the caller's, hollow = another tenant's),
 * the tenants the component spans, and a red frame when it spans more
 * than one tenant (what the firewall polices).
 */
export function componentsSvg(components: unknown, opts: ComponentsOptions = {}): string {
  const comps = componentsOf(components);
  const w = opts.width ?? 560;
  const boxW = 150, boxH = 92, gap = 14;
  const perRow = Math.max(1, Math.floor((w - gap) / (boxW + gap)));
  const rows = Math.max(1, Math.ceil(comps.length / perRow));
  const top = opts.title ? 30 : 8;
  const h = opts.height ?? top + rows * (boxH + gap) + 8;
  let s = open("components", w, h, ` data-components="${comps.length}"`) + title(opts.title, w);
  if (comps.length === 0) s += `<text class="empty" x="${w / 2}" y="${top + 30}" text-anchor="middle" fill="#777">no live qubits</text>`;
  comps.forEach((c, i) => {
    const x = gap + (i % perRow) * (boxW + gap);
    const y = top + Math.floor(i / perRow) * (boxH + gap);
    const cross = c.tenants.length > 1;
    s += `<g class="component${cross ? " cross-tenant" : ""}" data-size="${c.size}" data-tenants="${esc(c.tenants.join(","))}" data-own="${c.own.length}" data-foreign="${c.foreign}">`;
    s += `<rect x="${x}" y="${y}" width="${boxW}" height="${boxH}" rx="8" fill="${cross ? "#fff5f5" : "#f7f9fc"}" stroke="${cross ? "#e15759" : "#9aa7b8"}" stroke-width="${cross ? 2 : 1}"/>`;
    const n = c.own.length + c.foreign;
    const shown = Math.min(n, 8);
    const step = Math.min(22, (boxW - 20) / Math.max(1, shown));
    for (let k = 0; k < shown; k++) {
      const own = k < c.own.length;
      const cx = x + 10 + step / 2 + k * step;
      const cy = y + 34;
      if (k > 0) s += `<line class="bond" x1="${cx - step + 7}" y1="${cy}" x2="${cx - 7}" y2="${cy}" stroke="#666" stroke-dasharray="2 2"/>`;
      const label = own ? (opts.labels?.[c.own[k]] ?? "") : "";
      s += `<circle class="qubit ${own ? "own" : "foreign"}" cx="${cx}" cy="${cy}" r="7" fill="${own ? PALETTE[0] : "white"}" stroke="${own ? PALETTE[0] : "#e15759"}" stroke-width="2"><title>${own ? esc(label || "own qubit") : "another tenant's qubit"}</title></circle>`;
      if (label) s += `<text class="qubit-label" x="${cx}" y="${cy - 11}" text-anchor="middle" font-size="9">${esc(label)}</text>`;
    }
    if (n > shown) s += `<text x="${x + boxW - 8}" y="${y + 38}" text-anchor="end" font-size="10">+${n - shown}</text>`;
    s += `<text class="component-size" x="${x + 10}" y="${y + 62}" font-size="11">${c.size} qubit${c.size === 1 ? "" : "s"}${c.foreign ? ` (${c.foreign} not yours)` : ""}</text>`;
    s += `<text class="component-tenants" x="${x + 10}" y="${y + 80}" font-size="11" fill="${cross ? "#c0392b" : "#333"}">${esc(c.tenants.join(" + "))}</text>`;
    s += `</g>`;
  });
  return s + `</svg>`;
}

export function componentsText(components: unknown): string {
  const comps = componentsOf(components);
  if (!comps.length) return "no live qubits";
  return comps.map((c, i) => `component ${i}: ${c.size} qubit(s), tenants ${c.tenants.join(" + ")}${c.tenants.length > 1 ? "  ← cross-tenant" : ""}`).join("\n");
}

/* ---------------------------------------------------------------- circuits */

/** The parts of a QVM graph a drawing needs (kernel/qvm/graph.ts). */
export interface GraphLike {
  program: { nodes: readonly NodeLike[] };
  resources?: { vqs?: readonly string[]; events?: readonly string[] };
}
export interface NodeLike {
  id: string;
  op: string;
  args?: Record<string, unknown>;
  vqs?: readonly string[];
  produces?: readonly string[];
  guard?: unknown;
  metadata?: unknown;
}

/** A short label for a gate box. */
export function opLabel(n: NodeLike): string {
  const op = n.op;
  const a = n.args ?? {};
  const angle = (v: unknown) => (typeof v === "number" ? fmt(Number(v.toFixed(3))) : String(v));
  if (op === "ALLOC_LQ") return "|0⟩";
  if (op === "FREE_LQ") return "free";
  if (op === "RESET") return "reset";
  if (op.startsWith("MEASURE_")) {
    const b = op.slice(8);
    return b === "Z" ? "M" : b === "ANGLE" ? `M(${angle(a.angle ?? a.theta)})` : b === "BELL" ? "Bell" : `M${b.toLowerCase()}`;
  }
  if (op === "COND_PAULI") return `Pauli ${String(a.mask ?? a.pauli ?? "")}`.trim();
  let name = op.replace(/^APPLY_/, "");
  const params = ["theta", "phi", "lambda", "angle"].filter((k) => a[k] !== undefined).map((k) => angle(a[k]));
  if (name === "INJECT_T_STATE") name = "T*";
  return params.length ? `${name}(${params.join(",")})` : name;
}

function guardEvents(g: unknown): string[] {
  if (!g || typeof g !== "object") return [];
  const ev = (g as Record<string, unknown>).event ?? (g as Record<string, unknown>).events;
  return Array.isArray(ev) ? ev.map(String) : ev === undefined ? [] : [String(ev)];
}

function guardText(g: unknown): string {
  if (!g || typeof g !== "object") return "";
  const o = g as Record<string, unknown>;
  const ev = o.event ?? o.events;
  return `if ${Array.isArray(ev) ? ev.join("⊕") : String(ev)}=${String(o.equals ?? 1)}`;
}

export interface CircuitOptions {
  title?: string;
  /** hide ALLOC_LQ / FREE_LQ markers */
  hideAllocFree?: boolean;
}

/** Columns assigned by an as-soon-as-possible layering (multi-qubit gates block the wires between their operands). */
export function circuitLayout(graph: GraphLike, opts: CircuitOptions = {}): { wires: string[]; cols: { node: NodeLike; col: number }[]; depth: number } {
  const wires: string[] = [];
  const seen = new Set<string>();
  for (const v of graph.resources?.vqs ?? []) if (!seen.has(v)) (seen.add(v), wires.push(v));
  for (const n of graph.program.nodes) for (const v of n.vqs ?? []) if (!seen.has(v)) (seen.add(v), wires.push(v));
  const idx = new Map(wires.map((v, i) => [v, i]));
  const next = wires.map(() => 0);
  const eventCol = new Map<string, number>();
  const cols: { node: NodeLike; col: number }[] = [];
  for (const node of graph.program.nodes) {
    if (opts.hideAllocFree && (node.op === "ALLOC_LQ" || node.op === "FREE_LQ")) continue;
    const ws = (node.vqs ?? []).map((v) => idx.get(v)!).filter((i) => i !== undefined);
    if (!ws.length) continue;
    const lo = Math.min(...ws), hi = Math.max(...ws);
    let col = 0;
    for (let i = lo; i <= hi; i++) col = Math.max(col, next[i]);
    // classical dependency: a guarded op comes after the measurement that produced its event
    for (const ev of guardEvents(node.guard)) col = Math.max(col, (eventCol.get(ev) ?? -1) + 1);
    for (let i = lo; i <= hi; i++) next[i] = col + 1;
    for (const ev of node.produces ?? []) eventCol.set(ev, col);
    cols.push({ node, col });
  }
  return { wires, cols, depth: Math.max(0, ...next) };
}

const CONTROLLED: Record<string, string> = { APPLY_CNOT: "X", APPLY_CZ: "Z", APPLY_CPHASE: "P", TELEPORT_CNOT: "X" };

/** A circuit drawing of a captured program (a QVM graph: `circuit.toGraph()`). */
export function circuitSvg(graph: GraphLike, opts: CircuitOptions = {}): string {
  const { wires, cols, depth } = circuitLayout(graph, opts);
  const colW = 64, rowH = 46, left = 56;
  const top = opts.title ? 40 : 22;
  const w = left + Math.max(1, depth) * colW + 20;
  const h = top + wires.length * rowH + 8;
  const Y = (i: number) => top + i * rowH + rowH / 2;
  const X = (c: number) => left + c * colW + colW / 2;
  const idx = new Map(wires.map((v, i) => [v, i]));
  let s = open("circuit", w, h, ` data-wires="${wires.length}" data-gates="${cols.length}" data-depth="${depth}"`) + title(opts.title, w);
  s += `<g class="wires">`;
  wires.forEach((v, i) => {
    s += `<line class="wire" data-vq="${esc(v)}" x1="${left - 6}" x2="${w - 12}" y1="${Y(i)}" y2="${Y(i)}" stroke="#444"/><text class="wire-label" x="${left - 10}" y="${Y(i) + 4}" text-anchor="end" font-family="ui-monospace, monospace">${esc(v)}</text>`;
  });
  s += `</g>`;
  for (const { node, col } of cols) {
    const ws = (node.vqs ?? []).map((v) => idx.get(v)!);
    const x = X(col);
    const g = guardText(node.guard);
    s += `<g class="gate" data-op="${esc(node.op)}" data-id="${esc(node.id)}" data-col="${col}"${g ? ` data-guard="${esc(g)}"` : ""}>`;
    const ctl = CONTROLLED[node.op];
    if (ctl && ws.length === 2) {
      const [c, t] = ws;
      s += `<line x1="${x}" x2="${x}" y1="${Y(c)}" y2="${Y(t)}" stroke="#222" stroke-width="1.5"/>`;
      s += `<circle class="control" cx="${x}" cy="${Y(c)}" r="5" fill="#222"/>`;
      if (ctl === "X") s += `<circle class="target" cx="${x}" cy="${Y(t)}" r="11" fill="white" stroke="#222" stroke-width="1.5"/><line x1="${x - 11}" x2="${x + 11}" y1="${Y(t)}" y2="${Y(t)}" stroke="#222" stroke-width="1.5"/><line x1="${x}" x2="${x}" y1="${Y(t) - 11}" y2="${Y(t) + 11}" stroke="#222" stroke-width="1.5"/>`;
      else if (ctl === "Z") s += `<circle class="control" cx="${x}" cy="${Y(t)}" r="5" fill="#222"/>`;
      else s += `<rect x="${x - 24}" y="${Y(t) - 13}" width="48" height="26" rx="4" fill="white" stroke="#222"/><text x="${x}" y="${Y(t) + 4}" text-anchor="middle" font-size="10">${esc(opLabel(node))}</text>`;
    } else if ((node.op === "APPLY_CCX" || node.op === "APPLY_CSWAP") && ws.length === 3) {
      // Toffoli: two control dots and ⊕; Fredkin: one control dot and two ×
      const lo = Math.min(...ws), hi = Math.max(...ws);
      s += `<line x1="${x}" x2="${x}" y1="${Y(lo)}" y2="${Y(hi)}" stroke="#222" stroke-width="1.5"/>`;
      const controls = node.op === "APPLY_CCX" ? ws.slice(0, 2) : ws.slice(0, 1);
      for (const c of controls) s += `<circle class="control" cx="${x}" cy="${Y(c)}" r="5" fill="#222"/>`;
      if (node.op === "APPLY_CCX") {
        const t = ws[2];
        s += `<circle class="target" cx="${x}" cy="${Y(t)}" r="11" fill="white" stroke="#222" stroke-width="1.5"/><line x1="${x - 11}" x2="${x + 11}" y1="${Y(t)}" y2="${Y(t)}" stroke="#222" stroke-width="1.5"/><line x1="${x}" x2="${x}" y1="${Y(t) - 11}" y2="${Y(t) + 11}" stroke="#222" stroke-width="1.5"/>`;
      } else {
        for (const i of ws.slice(1)) s += `<text class="swap" x="${x}" y="${Y(i) + 5}" text-anchor="middle" font-size="16">×</text>`;
      }
    } else if (node.op === "APPLY_SWAP" && ws.length === 2) {
      s += `<line x1="${x}" x2="${x}" y1="${Y(ws[0])}" y2="${Y(ws[1])}" stroke="#222" stroke-width="1.5"/>`;
      for (const i of ws) s += `<text x="${x}" y="${Y(i) + 5}" text-anchor="middle" font-size="16">×</text>`;
    } else {
      const label = opLabel(node);
      const measure = node.op.startsWith("MEASURE_");
      const alloc = node.op === "ALLOC_LQ" || node.op === "FREE_LQ";
      if (ws.length > 1) {
        const lo = Math.min(...ws), hi = Math.max(...ws);
        if (alloc) {
          for (const i of ws) s += `<text class="marker" x="${x}" y="${Y(i) + 4}" text-anchor="middle" font-size="11" fill="#666" stroke="white" stroke-width="3" paint-order="stroke">${esc(label)}</text>`;
        } else {
          s += `<rect class="box${measure ? " measure" : ""}" x="${x - 26}" y="${Y(lo) - 14}" width="52" height="${Y(hi) - Y(lo) + 28}" rx="4" fill="${measure ? "#fdf2e9" : "#eef3fb"}" stroke="#222"/><text class="gate-label" x="${x}" y="${(Y(lo) + Y(hi)) / 2 + 4}" text-anchor="middle">${esc(label)}</text>`;
        }
      } else if (alloc) {
        s += `<text class="marker" x="${x}" y="${Y(ws[0]) + 4}" text-anchor="middle" font-size="11" fill="#666" stroke="white" stroke-width="3" paint-order="stroke">${esc(label)}</text>`;
      } else {
        const bw = Math.max(30, Math.min(58, 9 + label.length * 7));
        s += `<rect class="box${measure ? " measure" : ""}" x="${x - bw / 2}" y="${Y(ws[0]) - 14}" width="${bw}" height="28" rx="4" fill="${measure ? "#fdf2e9" : "#eef3fb"}" stroke="#222"/><text class="gate-label" x="${x}" y="${Y(ws[0]) + 4}" text-anchor="middle" font-size="${label.length > 6 ? 9 : 12}">${esc(label)}</text>`;
      }
      if (measure && node.produces?.length) s += `<text class="event" x="${x}" y="${Y(Math.max(...ws)) + 25}" text-anchor="middle" font-size="9" fill="#a0522d">→ ${esc(node.produces.join(","))}</text>`;
    }
    if (g) s += `<text class="guard" x="${x}" y="${Y(Math.min(...ws)) - 17}" text-anchor="middle" font-size="9" fill="#2e7d32">${esc(g)}</text>`;
    s += `</g>`;
  }
  return s + `</svg>`;
}

/** Terminal fallback: one line per operation. */
export function circuitText(graph: GraphLike, opts: CircuitOptions = {}): string {
  const { cols } = circuitLayout(graph, opts);
  return cols.map(({ node, col }) => `${String(col).padStart(3)}  ${opLabel(node).padEnd(12)} ${(node.vqs ?? []).join(", ")}${node.guard ? "   " + guardText(node.guard) : ""}`).join("\n");
}

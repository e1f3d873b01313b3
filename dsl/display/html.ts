// HTML tables for notebooks: amplitudes/probabilities of a few qubits and
// plain row tables (QEC costs, audit events, sweeps).
import { esc, fmt } from "./svg.js";

/** What `session.amplitudes(qs)` returns (dsl/session.ts): bit k of an index is `qubits[k]`. */
export interface AmplitudesLike {
  readonly qubits: readonly string[];
  readonly re: readonly number[];
  readonly im: readonly number[];
  readonly probabilities?: readonly number[];
}

export interface AmplitudeRow {
  /** basis state as a ket, most significant qubit (last in `qubits`) first */
  ket: string;
  re: number;
  im: number;
  probability: number;
}

/** Rows of an amplitude table; `all` keeps zero-amplitude basis states too. */
export function amplitudeRows(a: AmplitudesLike, opts: { all?: boolean; epsilon?: number } = {}): AmplitudeRow[] {
  const eps = opts.epsilon ?? 1e-12;
  const n = a.qubits.length;
  const rows: AmplitudeRow[] = [];
  for (let i = 0; i < a.re.length; i++) {
    const p = a.probabilities?.[i] ?? a.re[i] * a.re[i] + a.im[i] * a.im[i];
    if (!opts.all && p < eps) continue;
    rows.push({ ket: `|${i.toString(2).padStart(n, "0")}⟩`, re: a.re[i], im: a.im[i], probability: p });
  }
  return rows;
}

function complex(re: number, im: number): string {
  const r = Math.abs(re) < 5e-5 ? 0 : re;
  const i = Math.abs(im) < 5e-5 ? 0 : im;
  if (i === 0) return r.toFixed(4);
  if (r === 0) return `${i.toFixed(4)}i`;
  return `${r.toFixed(4)} ${i < 0 ? "−" : "+"} ${Math.abs(i).toFixed(4)}i`;
}

const TABLE = 'style="border-collapse:collapse;font-family:ui-sans-serif,system-ui,sans-serif;font-size:13px"';
const TH = 'style="text-align:left;padding:3px 10px;border-bottom:2px solid #999"';
const TD = 'style="padding:3px 10px;border-bottom:1px solid #eee"';

/** Amplitudes and probabilities as an HTML table, with a probability bar per row. */
export function amplitudeTableHtml(a: AmplitudesLike, opts: { all?: boolean; title?: string } = {}): string {
  const rows = amplitudeRows(a, opts);
  const order = [...a.qubits].reverse().join(" ");
  let s = `<table class="qmk-amplitudes" data-rows="${rows.length}" ${TABLE}>`;
  if (opts.title) s += `<caption style="font-weight:600;text-align:left">${esc(opts.title)}</caption>`;
  s += `<thead><tr><th ${TH}>basis |${esc(order)}⟩</th><th ${TH}>amplitude</th><th ${TH}>probability</th><th ${TH}></th></tr></thead><tbody>`;
  for (const r of rows) {
    s += `<tr class="amp-row"><td ${TD}><code>${esc(r.ket)}</code></td><td ${TD}>${complex(r.re, r.im)}</td><td ${TD}>${r.probability.toFixed(4)}</td>` +
      `<td ${TD}><div style="background:#4e79a7;height:10px;width:${Math.round(r.probability * 160)}px"></div></td></tr>`;
  }
  return s + `</tbody></table>`;
}

export function amplitudeTableText(a: AmplitudesLike, opts: { all?: boolean } = {}): string {
  return amplitudeRows(a, opts).map((r) => `${r.ket}  ${complex(r.re, r.im).padStart(18)}  p=${r.probability.toFixed(4)}`).join("\n");
}

/** A plain table of records; columns default to the keys of the first row. */
export function tableHtml(rows: readonly Record<string, unknown>[], opts: { columns?: readonly string[]; title?: string } = {}): string {
  const cols = opts.columns ?? (rows[0] ? Object.keys(rows[0]) : []);
  const cell = (v: unknown) => (typeof v === "number" ? fmt(v) : typeof v === "string" ? v : JSON.stringify(v));
  let s = `<table class="qmk-table" data-rows="${rows.length}" data-cols="${cols.length}" ${TABLE}>`;
  if (opts.title) s += `<caption style="font-weight:600;text-align:left">${esc(opts.title)}</caption>`;
  s += `<thead><tr>${cols.map((c) => `<th ${TH}>${esc(c)}</th>`).join("")}</tr></thead><tbody>`;
  for (const r of rows) s += `<tr>${cols.map((c) => `<td ${TD}${typeof r[c] === "number" ? ' align="right"' : ""}>${esc(cell(r[c]))}</td>`).join("")}</tr>`;
  return s + `</tbody></table>`;
}

export function tableText(rows: readonly Record<string, unknown>[], opts: { columns?: readonly string[] } = {}): string {
  const cols = opts.columns ?? (rows[0] ? Object.keys(rows[0]) : []);
  const cell = (v: unknown) => (typeof v === "number" ? fmt(v) : typeof v === "string" ? v : JSON.stringify(v));
  const data = rows.map((r) => cols.map((c) => cell(r[c])));
  const wd = cols.map((c, i) => Math.max(c.length, ...data.map((d) => d[i].length)));
  const line = (cells: string[]) => cells.map((x, i) => x.padEnd(wd[i])).join("  ");
  return [line([...cols]), line(wd.map((n) => "-".repeat(n))), ...data.map(line)].join("\n");
}

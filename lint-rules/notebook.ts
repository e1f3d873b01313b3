// Notebooks: the code cells, in order, are one program (the compiler's narrowing
// stops at a cell boundary; the lint must not). Diagnostics map back to cell + line.
import type { Diagnostic } from "./diagnostics.js";
import type { LintOptions } from "./index.js";
import { lintText } from "./index.js";

interface Cell {
  index: number;
  startLine: number;
  lines: number;
  /** 1-based line in the raw .ipynb text of this cell's first source line, when the JSON lists one source line per line. */
  rawLine?: number;
}

export interface NotebookProgram { text: string; cells: Cell[] }

/** Joins the code cells; magics / shell lines (`%`, `!`) become comments of the same length so columns stay right. */
export function notebookProgram(json: string): NotebookProgram {
  const nb = JSON.parse(json) as { cells?: Array<{ cell_type: string; source: string | string[] }> };
  const parts: string[] = []; const cells: Cell[] = [];
  const raw = rawSourceLines(json);
  let line = 0;
  (nb.cells ?? []).forEach((c, i) => {
    if (c.cell_type !== "code") return;
    const src = Array.isArray(c.source) ? c.source.join("") : c.source;
    const lines = src.split("\n").map((l) => (/^\s*[%!]/.test(l) ? "//" + l.slice(2) : l));
    cells.push({ index: i + 1, startLine: line + 1, lines: lines.length, rawLine: raw[i] });
    parts.push(lines.join("\n"));
    line += lines.length;
  });
  return { text: parts.join("\n"), cells };
}

export function lintNotebookText(path: string, json: string, opts: LintOptions = {}): Diagnostic[] {
  const prog = notebookProgram(json);
  const cellOf = (line: number) => [...prog.cells].reverse().find((c) => c.startLine <= line);
  const lineLabel = (line: number) => { const c = cellOf(line); return c ? `cell ${c.index}, line ${line - c.startLine + 1}` : `line ${line}`; };
  // Offsets of the joined cells mean nothing to a project's checker: no typeText here.
  const diags = lintText(path + ".ts", prog.text, { scopeLabel: "the notebook (last cell)", lineLabel, ...opts, typeText: undefined });
  for (const d of diags) {
    d.file = path;
    const cell = cellOf(d.line!);
    if (cell) {
      d.cell = cell.index;
      d.line = d.line! - cell.startLine + 1;
      d.endLine = d.endLine! - cell.startLine + 1;
      if (cell.rawLine) d.rawLine = cell.rawLine + d.line - 1;
    }
  }
  return diags;
}

/**
 * Cell index → raw line of its first source string, for tools that show the .ipynb text
 * (SARIF viewers). Works for the usual indented JSON (one source string per line).
 */
function rawSourceLines(json: string): Array<number | undefined> {
  const out: Array<number | undefined> = [];
  const re = /"source"\s*:\s*(\[\s*\n?)?/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(json))) {
    const multi = m[1]?.includes("\n");
    const before = json.slice(0, m.index + m[0].length);
    const line = before.split("\n").length; // 1-based line where the first string starts
    out.push(multi ? line : undefined);
  }
  return out;
}

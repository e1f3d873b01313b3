// Diagnostic shape shared by the library, the CLI, SARIF and the editor plugin.
import type { RuleId } from "./model.js";

export type Severity = "error" | "warning";

export interface TextEdit { start: number; end: number; newText: string }
export interface Fix { description: string; edits: TextEdit[] }

export interface Diagnostic {
  rule: RuleId;
  severity: Severity;
  message: string;
  /** Offsets into the analysed text (for notebooks: the concatenated cells). */
  start: number;
  end: number;
  fix?: Fix;
  /** Filled in by the front ends. */
  file?: string;
  line?: number;      // 1-based
  column?: number;    // 1-based
  endLine?: number;
  endColumn?: number;
  /** Notebooks: 1-based index of the cell among all cells, and the line inside it. */
  cell?: number;
  /** Notebooks: the line in the raw .ipynb text (for SARIF / code-scanning viewers). */
  rawLine?: number;
}

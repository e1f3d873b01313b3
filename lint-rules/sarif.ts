// SARIF 2.1.0 log for code-scanning tools (GitHub code scanning, VS Code SARIF viewer).
import { relative, sep } from "node:path";
import type { Diagnostic } from "./diagnostics.js";
import { RULES } from "./rules/index.js";

export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

export function toSarif(diags: Diagnostic[], opts: { cwd?: string; version?: string } = {}): object {
  const cwd = opts.cwd ?? process.cwd();
  const uri = (f: string) => relative(cwd, f).split(sep).join("/");
  const ruleIndex = new Map(RULES.map((r, i) => [r.id, i]));
  return {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [{
      tool: {
        driver: {
          name: "qmk-lint",
          version: opts.version ?? "0.1.0",
          informationUri: "https://github.com/qmk/qmk/tree/main/lint-rules",
          rules: RULES.map((r) => ({
            id: r.id,
            name: r.id.replace("qmk/", "").replace(/-(\w)/g, (_, c: string) => c.toUpperCase()),
            shortDescription: { text: r.description },
            defaultConfiguration: { level: "error" },
          })),
        },
      },
      columnKind: "utf16CodeUnits",
      results: diags.map((d) => ({
        ruleId: d.rule,
        ruleIndex: ruleIndex.get(d.rule),
        level: d.severity === "error" ? "error" : "warning",
        message: { text: d.cell ? `${d.message} (cell ${d.cell})` : d.message },
        locations: [{
          physicalLocation: {
            artifactLocation: { uri: uri(d.file ?? "") },
            // Notebooks: the region is in the raw .ipynb text (what viewers show); cell + line ride along.
            region: d.cell
              ? { startLine: d.rawLine ?? 1, properties: { cell: d.cell, cellLine: d.line, cellColumn: d.column } }
              : { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn },
          },
        }],
        ...(d.fix && !d.cell ? {
          fixes: [{
            description: { text: d.fix.description },
            artifactChanges: [{
              artifactLocation: { uri: uri(d.file ?? "") },
              // SARIF replacements use offsets when charOffset is given.
              replacements: d.fix.edits.map((e) => ({ deletedRegion: { charOffset: e.start, charLength: e.end - e.start }, insertedContent: { text: e.newText } })),
            }],
          }],
        } : {}),
      })),
    }],
  };
}

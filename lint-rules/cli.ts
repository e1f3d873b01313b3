// `qmk lint [paths…] [--format human|json|sarif] [--rule id]…` — exit 1 when any error is reported.
import { relative } from "node:path";
import type { Diagnostic } from "./diagnostics.js";
import { collectFiles, lintFile } from "./index.js";
import { RULE_IDS } from "./model.js";
import { toSarif } from "./sarif.js";
import { projectTypes } from "./types.js";

export interface CliIO {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
}

const USAGE = `usage: qmk lint [paths…] [--format human|json|sarif] [--rule <id>]… [--project tsconfig.json]
  paths     .ts files, folders (recursive) and .ipynb notebooks (default: .)
  --project type-check with this tsconfig so qubit brands declared in other files are known (slower)
  exit    0 clean or warnings only, 1 errors found, 2 usage / read error
rules: ${RULE_IDS.join(", ")}
`;

export async function runLintCli(argv: string[], io: CliIO): Promise<number> {
  const args = argv[0] === "lint" ? argv.slice(1) : argv;
  let format = "human";
  const paths: string[] = []; const rules: string[] = []; let tsconfig: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "-h" || a === "--help") { io.stdout.write(USAGE); return 0; }
    if (a === "--format" || a === "-f") format = args[++i] ?? "";
    else if (a.startsWith("--format=")) format = a.slice(9);
    else if (a === "--rule") rules.push(args[++i] ?? "");
    else if (a === "--project" || a === "-p") tsconfig = args[++i];
    else if (a.startsWith("--project=")) tsconfig = a.slice(10);
    else if (a.startsWith("--rule=")) rules.push(a.slice(7));
    else if (a.startsWith("-")) { io.stderr.write(`qmk lint: unknown option ${a}\n${USAGE}`); return 2; }
    else paths.push(a);
  }
  if (!["human", "json", "sarif"].includes(format)) { io.stderr.write(`qmk lint: --format must be human, json or sarif\n`); return 2; }
  const bad = rules.map((r) => (r.startsWith("qmk/") ? r : `qmk/${r}`)).filter((r) => !(RULE_IDS as readonly string[]).includes(r));
  if (bad.length) { io.stderr.write(`qmk lint: unknown rule ${bad.join(", ")}\n`); return 2; }

  let files: string[];
  try { files = collectFiles(paths.length ? paths : ["."]); }
  catch (e) { io.stderr.write(`qmk lint: ${(e as Error).message}\n`); return 2; }
  const diags: Diagnostic[] = [];
  const opts = rules.length ? { rules: rules.map((r) => (r.startsWith("qmk/") ? r : `qmk/${r}`)) } : {};
  let types: ReturnType<typeof projectTypes> | undefined;
  if (tsconfig) {
    try { types = projectTypes(tsconfig); }
    catch (e) { io.stderr.write(`qmk lint: --project ${tsconfig}: ${(e as Error).message}\n`); return 2; }
  }
  for (const f of files) {
    const onInternalError = (m: string) => io.stderr.write(`qmk lint: note: skipped a body in ${m}\n`);
    try { diags.push(...lintFile(f, { ...opts, typeText: types?.(f), onInternalError })); }
    catch (e) { io.stderr.write(`qmk lint: ${f}: ${(e as Error).message}\n`); return 2; }
  }
  const cwd = process.cwd();
  for (const d of diags) if (d.file) d.file = relative(cwd, d.file) || d.file;

  if (format === "json") io.stdout.write(JSON.stringify({ files: files.length, diagnostics: diags.map(publicShape) }, null, 2) + "\n");
  else if (format === "sarif") io.stdout.write(JSON.stringify(toSarif(diags, { cwd }), null, 2) + "\n");
  else io.stdout.write(human(diags, files.length));
  return diags.some((d) => d.severity === "error") ? 1 : 0;
}

function publicShape(d: Diagnostic) {
  return {
    file: d.file, ...(d.cell ? { cell: d.cell } : {}), line: d.line, column: d.column, endLine: d.endLine, endColumn: d.endColumn,
    rule: d.rule, severity: d.severity, message: d.message,
    ...(d.fix && !d.cell ? { fix: d.fix } : {}),
  };
}

function human(diags: Diagnostic[], files: number): string {
  const lines: string[] = [];
  for (const d of diags) {
    const where = d.cell ? `${d.file} [cell ${d.cell}] ${d.line}:${d.column}` : `${d.file}:${d.line}:${d.column}`;
    lines.push(`${where}  ${d.severity}  ${d.message}  ${d.rule}${d.fix && !d.cell ? "  (fix available)" : ""}`);
  }
  const errors = diags.filter((d) => d.severity === "error").length;
  const warnings = diags.length - errors;
  lines.push(diags.length
    ? `\n${diags.length} problem${diags.length === 1 ? "" : "s"} (${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}) in ${files} file${files === 1 ? "" : "s"}`
    : `No problems in ${files} file${files === 1 ? "" : "s"}.`);
  return lines.join("\n") + "\n";
}

// Library entry: lint TypeScript text, files, folders and notebooks.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { extname, join } from "node:path";
import { ts } from "ts-morph";
import { Analyzer } from "./analyzer.js";
import type { Diagnostic } from "./diagnostics.js";
import { lintNotebookText } from "./notebook.js";
import { makeContext } from "./rules/context.js";
import { RULES } from "./rules/index.js";

export type { Diagnostic, Fix, Severity, TextEdit } from "./diagnostics.js";
export { RULES } from "./rules/index.js";
export { RULE_IDS, type RuleId } from "./model.js";

export interface LintOptions {
  /** What the top-level scope is called in leak messages ("the file", "the notebook"). */
  scopeLabel?: string;
  /** Restrict to these rule ids. */
  rules?: string[];
  /** Printed type at a text range from a full program (the editor's checker); enables brands from other files. */
  typeText?: (start: number, end: number) => string | undefined;
  /** Called for each body the analysis had to skip (a construct it does not handle); the rest is still linted. */
  onInternalError?: (message: string) => void;
  /** How a 1-based line of the analysed text is named in messages (notebooks name the cell). */
  lineLabel?: (line: number) => string;
}

const COMPILER_OPTIONS: ts.CompilerOptions = {
  // Only local symbol resolution is needed: no lib, no import resolution — fast, and
  // independent of whether `dsl/` resolves.
  noLib: true, noResolve: true, types: [], target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext,
  allowJs: true, noEmit: true,
};

/** Parses and binds one file; returns the source file and a checker for symbol identity. */
export function parse(fileName: string, text: string): { sf: ts.SourceFile; checker: ts.TypeChecker } {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.ES2022, true, scriptKind(fileName));
  const host: ts.CompilerHost = {
    getSourceFile: (f) => (f === fileName ? sf : undefined),
    getDefaultLibFileName: () => "lib.d.ts",
    writeFile: () => {},
    getCurrentDirectory: () => "/",
    getCanonicalFileName: (f) => f,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => "\n",
    fileExists: (f) => f === fileName,
    readFile: (f) => (f === fileName ? text : undefined),
  };
  const program = ts.createProgram({ rootNames: [fileName], options: COMPILER_OPTIONS, host });
  return { sf, checker: program.getTypeChecker() };
}

function scriptKind(f: string): ts.ScriptKind {
  if (f.endsWith(".tsx")) return ts.ScriptKind.TSX;
  if (f.endsWith(".js") || f.endsWith(".mjs") || f.endsWith(".cjs")) return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}

/** Lints one TypeScript source text. Positions are offsets into `text`, plus 1-based line/column. */
export function lintText(fileName: string, text: string, opts: LintOptions = {}): Diagnostic[] {
  const { sf, checker } = parse(fileName, text);
  return lintSourceFile(sf, checker, opts);
}

export function lintSourceFile(sf: ts.SourceFile, checker: ts.TypeChecker | undefined, opts: LintOptions = {}): Diagnostic[] {
  const an = new Analyzer(sf, checker, opts.scopeLabel ?? "the file", opts.typeText);
  an.run();
  for (const e of an.internalErrors) opts.onInternalError?.(`${sf.fileName}: ${e}`);
  const out: Diagnostic[] = [];
  const ctx = makeContext(sf, an, out, opts.lineLabel);
  for (const r of RULES) if (!opts.rules || opts.rules.includes(r.id)) r.check(an.facts, ctx);
  const seen = new Set<string>();
  const uniq = out.filter((d) => { const k = `${d.rule}:${d.start}:${d.end}:${d.message}`; if (seen.has(k)) return false; seen.add(k); return true; });
  for (const d of uniq) {
    const a = sf.getLineAndCharacterOfPosition(d.start), b = sf.getLineAndCharacterOfPosition(d.end);
    Object.assign(d, { file: sf.fileName, line: a.line + 1, column: a.character + 1, endLine: b.line + 1, endColumn: b.character + 1 });
  }
  return uniq.sort((x, y) => x.start - y.start || x.rule.localeCompare(y.rule));
}

/** Lints a `.ts`/`.tsx`/`.js` file or a `.ipynb` notebook from disk. */
export function lintFile(path: string, opts: LintOptions = {}): Diagnostic[] {
  const text = readFileSync(path, "utf8");
  if (extname(path) === ".ipynb") return lintNotebookText(path, text, opts);
  return lintText(path, text, opts);
}

const LINTABLE = new Set([".ts", ".tsx", ".mts", ".cts", ".ipynb"]);

/** Expands files and folders (recursively; skips node_modules, dist and dot-folders). */
export function collectFiles(paths: string[]): string[] {
  const out: string[] = [];
  const walk = (p: string) => {
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const e of readdirSync(p).sort()) {
        if (e === "node_modules" || e === "dist" || e.startsWith(".")) continue;
        walk(join(p, e));
      }
    } else if (LINTABLE.has(extname(p)) && !p.endsWith(".d.ts")) out.push(p);
  };
  for (const p of paths) {
    const st = statSync(p);
    if (st.isFile()) out.push(p); else walk(p);
  }
  return out;
}

export function lintPaths(paths: string[], opts: LintOptions = {}): Diagnostic[] {
  return collectFiles(paths).flatMap((f) => lintFile(f, opts));
}

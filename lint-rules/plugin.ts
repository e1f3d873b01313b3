// TypeScript language-service plugin: adds qmk-lint diagnostics (and fix-its) to
// every tsserver editor. The host's AST is not reused — its TypeScript may be a
// different version (SyntaxKind numbers differ) — the file text is re-linted
// with ts-morph's bundled TypeScript and only offsets cross the boundary.
import type { ts as TS } from "ts-morph";
import type { Diagnostic } from "./diagnostics.js";
import { lintText, type LintOptions } from "./index.js";
import { RULE_IDS } from "./model.js";
import { typeTextFrom } from "./types.js";

type TsModule = typeof TS;

/** Diagnostic codes shown in the editor: 95001 + rule index (qmk/use-after-consume = 95001 …). */
export const CODE_BASE = 95001;
export const codeOf = (rule: string) => CODE_BASE + (RULE_IDS as readonly string[]).indexOf(rule);

export interface PluginConfig { rules?: string[] }

export function init(modules: { typescript: TsModule }) {
  const ts = modules.typescript;

  function create(info: TS.server.PluginCreateInfo): TS.LanguageService {
    const ls = info.languageService;
    const config = (info.config ?? {}) as PluginConfig;
    const cache = new Map<string, { text: string; diags: Diagnostic[] }>();
    const log = (m: string) => info.project?.projectService?.logger?.info?.(`[qmk-lint] ${m}`);

    const lint = (fileName: string): { sf: TS.SourceFile; diags: Diagnostic[] } | undefined => {
      if (!/\.(c|m)?tsx?$/.test(fileName) || fileName.endsWith(".d.ts")) return undefined;
      const sf = ls.getProgram()?.getSourceFile(fileName);
      if (!sf) return undefined;
      const hit = cache.get(fileName);
      if (hit && hit.text === sf.text) return { sf, diags: hit.diags };
      let diags: Diagnostic[] = [];
      try {
        const program = ls.getProgram();
        const checker = program?.getTypeChecker();
        const opts: LintOptions = {
          ...(config.rules ? { rules: config.rules } : {}),
          // The host program knows types from other files (aliases of Qubit<"t">): hand over printed types only.
          typeText: checker ? typeTextFrom(ts, checker, sf) : undefined,
        };
        diags = lintText(fileName, sf.text, opts);
      } catch (e) { log(`lint failed for ${fileName}: ${(e as Error).stack}`); }
      cache.set(fileName, { text: sf.text, diags });
      return { sf, diags };
    };

    // Proxy every method, then override the two we extend.
    const proxy = Object.create(null) as TS.LanguageService;
    for (const k of Object.keys(ls) as Array<keyof TS.LanguageService>) {
      const f = ls[k] as unknown;
      (proxy as unknown as Record<string, unknown>)[k] = typeof f === "function" ? (...a: unknown[]) => (f as (...x: unknown[]) => unknown).apply(ls, a) : f;
    }

    proxy.getSemanticDiagnostics = (fileName) => {
      const prior = ls.getSemanticDiagnostics(fileName);
      const r = lint(fileName);
      if (!r) return prior;
      return [...prior, ...r.diags.map((d): TS.Diagnostic => ({
        file: r.sf,
        start: d.start,
        length: d.end - d.start,
        messageText: `${d.message} [${d.rule}]`,
        category: d.severity === "error" ? ts.DiagnosticCategory.Error : ts.DiagnosticCategory.Warning,
        code: codeOf(d.rule),
        source: "qmk-lint",
      }))];
    };

    proxy.getCodeFixesAtPosition = (fileName, start, end, errorCodes, formatOptions, preferences) => {
      const prior = ls.getCodeFixesAtPosition(fileName, start, end, errorCodes, formatOptions, preferences);
      const r = lint(fileName);
      if (!r) return prior;
      const ours = r.diags.filter((d) => d.fix && errorCodes.includes(codeOf(d.rule)) && d.start <= end && d.end >= start);
      return [...prior, ...ours.map((d): TS.CodeFixAction => ({
        fixName: d.rule,
        description: d.fix!.description,
        changes: [{ fileName, textChanges: d.fix!.edits.map((e) => ({ span: { start: e.start, length: e.end - e.start }, newText: e.newText })) }],
      }))];
    };

    proxy.getSupportedCodeFixes = (fileName?: string) =>
      [...ls.getSupportedCodeFixes(fileName), ...RULE_IDS.map((r) => String(codeOf(r)))];

    log("loaded");
    return proxy;
  }

  return { create };
}

export default init;

// Drives a real TypeScript language service through the plugin decorator.
import { mkdtempSync, mkdirSync, symlinkSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ts } from "ts-morph";
import { describe, expect, it } from "vitest";
import { CODE_BASE, codeOf, init } from "../../lint-rules/plugin.js";

const FILE = "/virtual/prog.ts";
const SRC = `import { h, x, measure, free } from "./dsl/index.js";
declare const alice: any;
const q = alice.qubit();
const q2 = q;
measure(q);
x(q2);
const leaky = alice.qubit();
h(leaky);
`;

function languageService(files: Record<string, string>) {
  const versions = new Map(Object.keys(files).map((f) => [f, 1]));
  const host: ts.LanguageServiceHost = {
    getScriptFileNames: () => Object.keys(files),
    getScriptVersion: (f) => String(versions.get(f) ?? 0),
    getScriptSnapshot: (f) => (f in files ? ts.ScriptSnapshot.fromString(files[f]) : undefined),
    getCurrentDirectory: () => "/virtual",
    getCompilationSettings: () => ({ strict: true, noLib: true, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, target: ts.ScriptTarget.ES2022 }),
    getDefaultLibFileName: () => "lib.d.ts",
    fileExists: (f) => f in files,
    readFile: (f) => files[f],
  };
  const edit = (f: string, text: string) => { files[f] = text; versions.set(f, (versions.get(f) ?? 0) + 1); };
  return { ls: ts.createLanguageService(host, ts.createDocumentRegistry()), host, edit };
}

function decorate(files: Record<string, string>, config: object = {}) {
  const { ls, host, edit } = languageService(files);
  const logs: string[] = [];
  const info = {
    languageService: ls, languageServiceHost: host, config,
    project: { projectService: { logger: { info: (m: string) => logs.push(m) } } },
  } as unknown as ts.server.PluginCreateInfo;
  return { plugin: init({ typescript: ts }).create(info), ls, edit, logs };
}

describe("language-service plugin", () => {
  it("adds qmk diagnostics with the right ranges, codes and categories", () => {
    const { plugin, ls, logs } = decorate({ [FILE]: SRC });
    const base = ls.getSemanticDiagnostics(FILE).length;
    const diags = plugin.getSemanticDiagnostics(FILE);
    const ours = diags.filter((d) => d.source === "qmk-lint");
    expect(diags.length).toBe(base + ours.length);
    const use = ours.find((d) => d.code === codeOf("qmk/use-after-consume"))!;
    expect(use).toBeDefined();
    expect(use.start).toBe(SRC.indexOf("q2);"));
    expect(use.length).toBe(2);
    expect(use.category).toBe(ts.DiagnosticCategory.Error);
    expect(String(use.messageText)).toMatch(/was measured \(line 5\).*\[qmk\/use-after-consume\]/);
    const leak = ours.find((d) => d.code === codeOf("qmk/leak"))!;
    expect(leak.start).toBe(SRC.indexOf("alice.qubit();", SRC.indexOf("leaky")));
    expect(leak.length).toBe("alice.qubit()".length);
    expect(ours).toHaveLength(2);
    expect(logs.some((l) => l.includes("loaded"))).toBe(true);
  });

  it("offers the reset fix-it through getCodeFixesAtPosition", () => {
    const { plugin } = decorate({ [FILE]: SRC });
    const at = SRC.indexOf("q2);");
    const fixes = plugin.getCodeFixesAtPosition(FILE, at, at + 2, [codeOf("qmk/use-after-consume")], {}, {});
    const fix = fixes.find((f) => f.fixName === "qmk/use-after-consume")!;
    expect(fix.description).toContain("reset(q2)");
    expect(fix.changes[0].textChanges[0]).toEqual({ span: { start: SRC.indexOf("x(q2)"), length: 0 }, newText: "reset(q2);\n" });
    expect(plugin.getSupportedCodeFixes(FILE)).toContain(String(CODE_BASE));
  });

  it("re-lints after an edit and honours the rules filter", () => {
    const files = { [FILE]: SRC };
    const { plugin, edit } = decorate(files, { rules: ["qmk/leak"] });
    expect(plugin.getSemanticDiagnostics(FILE).filter((d) => d.source === "qmk-lint").map((d) => d.code)).toEqual([codeOf("qmk/leak")]);
    edit(FILE, SRC + "free(leaky);\n");
    expect(plugin.getSemanticDiagnostics(FILE).filter((d) => d.source === "qmk-lint")).toEqual([]);
  });

  it("uses the editor's type checker for brands declared in other files", () => {
    const files = {
      "/virtual/types.ts": `export interface Qubit<T extends string = string> { readonly "~tenant"?: T }\nexport type AliceQ = Qubit<"alice">;\nexport type BobQ = Qubit<"bob">;\n`,
      "/virtual/use.ts": `import { cx } from "./dsl/index.js";\nimport type { AliceQ, BobQ } from "./types.js";\nexport function entangle(p: AliceQ, q: BobQ) {\n  cx(p, q);\n}\nexport function same(p: AliceQ, q: AliceQ) {\n  cx(p, q);\n}\n`,
    };
    const { plugin } = decorate(files);
    const ours = plugin.getSemanticDiagnostics("/virtual/use.ts").filter((d) => d.source === "qmk-lint");
    expect(ours.map((d) => [d.code, d.start])).toEqual([[codeOf("qmk/cross-tenant"), files["/virtual/use.ts"].indexOf("cx(p, q)")]]);
    expect(String(ours[0].messageText)).toContain("alice's `p` with bob's `q`");
  });

  it("the CommonJS entry tsserver requires exposes the same factory", () => {
    const require = createRequire(import.meta.url);
    const cjsInit = require("../../lint-rules/plugin.cjs") as typeof init;
    expect(typeof cjsInit).toBe("function");
    const { ls, host } = languageService({ [FILE]: SRC });
    const p = cjsInit({ typescript: ts }).create({ languageService: ls, languageServiceHost: host, config: {} } as unknown as ts.server.PluginCreateInfo);
    expect(p.getSemanticDiagnostics(FILE).filter((d) => d.source === "qmk-lint")).toHaveLength(2);
  });

  it("tsserver's own plugin loader finds it by package name (tsconfig \"plugins\": [{ \"name\": \"qmk-lint\" }])", () => {
    // A project with lint-rules installed as node_modules/qmk-lint (npm i -D ./lint-rules).
    const project = mkdtempSync(join(tmpdir(), "qmk-plugin-"));
    mkdirSync(join(project, "node_modules"));
    symlinkSync(join(import.meta.dirname, "../../lint-rules"), join(project, "node_modules", "qmk-lint"), "dir");
    symlinkSync(join(import.meta.dirname, "../.."), join(project, "node_modules", "qmk"), "dir"); // an app depending on qmk
    const nodeRequire = createRequire(import.meta.url);
    // The same require() tsserver's Node host implements.
    const host = {
      resolvePath: (p: string) => ts.sys.resolvePath(p),
      require: (initialDir: string, moduleName: string) => {
        try { return { module: nodeRequire((ts as any).resolveJSModule(moduleName, initialDir, ts.sys)), error: undefined }; }
        catch (error) { return { module: undefined, error: error as Error }; }
      },
    };
    const logs: string[] = [];
    const load = (name: string) => (ts.server.Project as any).importServicePluginSync({ name }, [project], host, (s: string) => logs.push(s));
    const { resolvedModule, errorLogs } = load("qmk-lint");
    expect(errorLogs).toBeUndefined();
    expect(typeof resolvedModule).toBe("function");
    expect(load("qmk/lint-rules/plugin.cjs").resolvedModule).toBe(resolvedModule);
    expect(load("qmk-lint-missing").errorLogs).toHaveLength(1); // the loader really resolves by name
    const { ls, host: lsHost } = languageService({ [FILE]: SRC });
    const p = resolvedModule({ typescript: ts }).create({ languageService: ls, languageServiceHost: lsHost, config: { name: "qmk-lint" } });
    expect(p.getSemanticDiagnostics(FILE).filter((d: ts.Diagnostic) => d.source === "qmk-lint").map((d: ts.Diagnostic) => d.code).sort())
      .toEqual([codeOf("qmk/use-after-consume"), codeOf("qmk/leak")].sort());
  });
});

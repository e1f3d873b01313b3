// The `qmk lint` entry point: paths, formats and exit codes.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { runLintCli } from "../../lint-rules/cli.js";
import { RULE_IDS } from "../../lint-rules/model.js";

const fx = join(import.meta.dirname, "fixtures");

async function run(...argv: string[]) {
  let out = "", err = "";
  const code = await runLintCli(argv, { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) } });
  return { code, out, err };
}

describe("qmk lint CLI", () => {
  it("human output, exit 1 on errors", async () => {
    const r = await run("lint", join(fx, "use-after-consume", "bad-alias.ts"));
    expect(r.code).toBe(1);
    const rel = relative(process.cwd(), join(fx, "use-after-consume", "bad-alias.ts"));
    expect(r.out).toContain(`${rel}:9:3  error  x: \`q2\` was measured (line 8)`);
    expect(r.out).toContain("qmk/use-after-consume  (fix available)");
    expect(r.out).toMatch(/1 problem \(1 error, 0 warnings\) in 1 file/);
  });

  it("exit 0 on clean files and folders", async () => {
    const r = await run(join(fx, "leak", "ok-measured.ts"), join(fx, "leak", "ok-freed.ts"));
    expect(r.code).toBe(0);
    expect(r.out).toContain("No problems in 2 files.");
  });

  it("exit 0 when only warnings are found", async () => {
    const r = await run(join(fx, "cross-tenant", "bad-widened-param.ts"), "--format", "json");
    const j = JSON.parse(r.out);
    expect(j.diagnostics.map((d: { severity: string }) => d.severity)).toEqual(["warning"]);
    expect(r.code).toBe(0);
  });

  it("--format json over a folder with notebooks reports cells", async () => {
    const r = await run(join(fx, "notebooks"), "--format=json");
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out);
    expect(j.files).toBe(3);
    const d = j.diagnostics.find((x: { rule: string }) => x.rule === "qmk/use-after-consume");
    expect(d).toMatchObject({ cell: 5, line: 2, column: 3, severity: "error" });
    expect(d.file).toMatch(/bad-cross-cell\.ipynb$/);
  });

  it("--format sarif emits a SARIF 2.1.0 log with rules, regions and fixes", async () => {
    const json = JSON.parse((await run(join(fx, "missing-capability"), "--format", "json")).out);
    const r = await run(join(fx, "missing-capability"), "--format", "sarif");
    expect(r.code).toBe(1);
    const log = JSON.parse(r.out);
    expect(log.version).toBe("2.1.0");
    expect(log.$schema).toMatch(/sarif-2\.1\.0/);
    const run0 = log.runs[0];
    expect(run0.tool.driver.rules.map((x: { id: string }) => x.id)).toEqual([...RULE_IDS]);
    expect(run0.results).toHaveLength(json.diagnostics.length);
    const res = run0.results[0];
    expect(res.ruleId).toBe("qmk/missing-capability");
    expect(run0.tool.driver.rules[res.ruleIndex].id).toBe(res.ruleId);
    expect(res.locations[0].physicalLocation.region.startLine).toBe(json.diagnostics[0].line);
    expect(res.fixes[0].artifactChanges[0].replacements[0].insertedContent.text).toMatch(/"CAP_\w+"/);
  });

  it("SARIF for notebooks points into the raw .ipynb text and keeps cell + line", async () => {
    const path = join(fx, "notebooks", "bad-cross-cell.ipynb");
    const log = JSON.parse((await run(path, "--format", "sarif")).out);
    const region = log.runs[0].results[0].locations[0].physicalLocation.region;
    const raw = readFileSync(path, "utf8").split("\n");
    expect(raw[region.startLine - 1]).toContain("x(alias);");
    expect(region.properties).toEqual({ cell: 5, cellLine: 2, cellColumn: 3 });
  });

  it("--project lets the type checker supply brands declared in other files", async () => {
    const dir = mkdtempSync(join(tmpdir(), "qmk-lint-project-"));
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { strict: true, module: "NodeNext", moduleResolution: "NodeNext", target: "ES2022", noEmit: true }, include: ["*.ts"] }));
    writeFileSync(join(dir, "types.ts"), `export interface Qubit<T extends string = string> { readonly "~tenant"?: T }\nexport type AliceQ = Qubit<"alice">;\nexport type BobQ = Qubit<"bob">;\n`);
    writeFileSync(join(dir, "use.ts"), `import { cx } from "./dsl/index.js";\nimport type { AliceQ, BobQ } from "./types.js";\nexport function entangle(p: AliceQ, q: BobQ) {\n  cx(p, q);\n}\n`);
    const plain = await run(join(dir, "use.ts"), "--format", "json");
    expect(JSON.parse(plain.out).diagnostics).toEqual([]); // syntax alone cannot see through the imported aliases
    const typed = await run(join(dir, "use.ts"), "--project", join(dir, "tsconfig.json"), "--format", "json");
    expect(typed.code).toBe(1);
    expect(JSON.parse(typed.out).diagnostics.map((d: { rule: string; line: number }) => `${d.line} ${d.rule}`)).toEqual(["4 qmk/cross-tenant"]);
    expect((await run(join(dir, "use.ts"), "--project", join(dir, "missing.json"))).code).toBe(2);
  });

  it("--rule restricts the rules; bad options exit 2", async () => {
    const r = await run(join(fx, "use-after-consume", "bad-loop-iterations.ts"), "--rule", "double-consume", "--format", "json");
    expect(JSON.parse(r.out).diagnostics.map((d: { rule: string }) => d.rule)).toEqual(["qmk/double-consume"]);
    expect((await run("--rule", "nope")).code).toBe(2);
    expect((await run("--bogus")).code).toBe(2);
    expect((await run("--format", "xml")).code).toBe(2);
    expect((await run(join(fx, "does-not-exist"))).code).toBe(2);
  });
});

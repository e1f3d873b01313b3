// Runs the real compiler on a fixture and shows the message a user sees
// for use-after-measure.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";

const root = join(import.meta.dirname, "../..");
const tsc = join(root, "node_modules/.bin/tsc");
const TSLAB_TSC = join(root, "node_modules/@tslab/typescript-for-tslab/bin/tsc");

describe("compiler message", () => {
  test("use after measure names the measured state", () => {
    const r = spawnSync(tsc, ["--noEmit", "-p", "test/dsl/type-fixtures/tsconfig.json"], { cwd: root, encoding: "utf8" });
    const out = (r.stdout + r.stderr).trim();
    console.log("tsc says:\n" + out);
    expect(r.status).not.toBe(0);
    expect(out).toContain("use-after-measure.ts(9,5)");
    expect(out).toContain("error TS2345");
    expect(out).toMatch(/Argument of type 'Qubit<"alice"> & Measured' is not assignable to parameter of type 'Live/);
    expect(out).toContain(`Type '"measured"' is not assignable to type '"live"'`);
    // exactly one error: the rest of the program is fine
    expect(out.match(/error TS/g)?.length).toBe(1);
  }, 120_000);

  test("every marked misuse in a fixture is an error on its line, with a readable message", () => {
    const r = spawnSync(tsc, ["--noEmit", "-p", "test/dsl/type-fixtures/tsconfig.all.json"], { cwd: root, encoding: "utf8" });
    const out = r.stdout + r.stderr;
    console.log(out);
    const lines = [...out.matchAll(/all-errors\.ts\((\d+),\d+\): error (TS\d+): ([^\n]*)/g)].map((m) => [Number(m[1]), m[2], m[3]]);
    expect(lines).toEqual([
      [7, "TS2345", `Argument of type 'Qubit<"alice"> & Measured' is not assignable to parameter of type 'Live'.`],
      [10, "TS2345", `Argument of type 'Qubit<"alice"> & Freed' is not assignable to parameter of type 'Live'.`],
      [13, "TS2345", `Argument of type 'Qubit<"alice"> & Freed' is not assignable to parameter of type 'Qubit<string> & NotFreed'.`],
      [15, "TS2345", `Argument of type 'Qubit<"bob">' is not assignable to parameter of type 'Live<"alice">'.`],
      [16, "TS2345", `Argument of type 'Channel<"alice", "carol">' is not assignable to parameter of type 'Channel<"alice", "bob">'.`],
      [18, "TS2339", `Property 'outcome' does not exist on type 'Qubit<"alice">'.`],
      [21, "TS2345", `Argument of type 'string' is not assignable to parameter of type 'TenantNameMustBeAStringLiteral'.`],
      [24, "TS2684", `The 'this' context of type 'Qubit<"alice"> & Measured' is not assignable to method's 'this' of type 'Live<"alice">'.`],
    ]);
  }, 120_000);

  // The DSL must also compile with tslab's TypeScript 5.0 (non-strict, es2022).
  // Uses tslab's own compiler from node_modules (or QMK_TS50_TSC); nothing outside the repo.
  const ts50 = process.env.QMK_TS50_TSC ?? TSLAB_TSC;
  test.skipIf(!ts50 || !existsSync(ts50))("dsl/index.ts compiles under TS 5.0.4 non-strict", () => {
    const r = spawnSync(
      ts50!,
      ["--noEmit", "--target", "es2022", "--module", "nodenext", "--moduleResolution", "nodenext", "--skipLibCheck", "dsl/index.ts"],
      { cwd: root, encoding: "utf8" },
    );
    expect(r.stdout + r.stderr).toBe("");
    expect(r.status).toBe(0);
  }, 180_000);
});

describe("tslab-like options (TS 5.0, commonjs, node10 resolution, lib es2022, non-strict)", () => {
  const ts50 = process.env.QMK_TS50_TSC ?? TSLAB_TSC;
  test.skipIf(!ts50 || !existsSync(ts50))("dsl/index.ts compiles", () => {
    const r = spawnSync(
      ts50!,
      ["--noEmit", "--target", "es2022", "--lib", "es2022", "--module", "commonjs", "--moduleResolution", "node10", "--skipLibCheck", "--esModuleInterop", "--types", "node", "dsl/index.ts"],
      { cwd: root, encoding: "utf8" },
    );
    expect(r.stdout + r.stderr).toBe("");
    expect(r.status).toBe(0);
  }, 180_000);
});


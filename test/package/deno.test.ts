// Deno runs the DSL and the examples from source as documented: `deno run -A
// examples/bell.ts` (deno.json: node_modules from npm, NodeNext-style `./x.js`
// imports of `.ts` files), and `deno check` reports the linearity errors.
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const DENO = path.join(ROOT, "node_modules/.bin/deno");
const deno = (args: string[]) => spawnSync(DENO, args, { cwd: ROOT, encoding: "utf8", timeout: 180_000, env: { ...process.env, NO_COLOR: "1" } });

describe("Deno", () => {
  it("runs examples/bell.ts with no flags beyond permissions; the simulator's helper thread starts", () => {
    const r = deno(["run", "-A", "examples/bell.ts"]);
    expect(r.stderr).not.toMatch(/helper thread unavailable|already been declared|sloppy/);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(new Set(out.eager)).toEqual(new Set(["00", "11"]));
    expect(out.counts["01"] ?? 0).toBe(0);
  }, 180_000);

  it("deno check passes on every example under Deno's own libs (console, import.meta.url: deno.json compilerOptions)", () => {
    const r = deno(["check", "examples/bell.ts", "examples/teleport.ts", "examples/two-tenant.ts", "examples/sweep.ts", "examples/distributed-teleport.ts"]);
    expect(r.stdout + r.stderr).not.toMatch(/TS\d+ \[ERROR\]/);
    expect(r.status).toBe(0);
  }, 180_000);

  it("deno check reports use-after-measure in a user file", () => {
    const bad = deno(["check", "test/dsl/type-fixtures/use-after-measure.ts"]);
    expect(bad.status).not.toBe(0);
    expect(bad.stdout + bad.stderr).toMatch(/TS2345 \[ERROR\]: Argument of type 'Qubit<"alice"> & Measured' is not assignable to parameter of type 'Live'/);
    expect(bad.stdout + bad.stderr).toContain("use-after-measure.ts:9:5");
  }, 180_000);
});

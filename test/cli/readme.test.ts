// The README is the front door: every qSyscall method and every CLI command
// must be documented there, and the quick start must name the real scripts.
import { describe, it, expect } from "vitest";
import * as fs from "node:fs";
import * as path from "node:path";
import { METHOD_NAMES } from "../../kernel/syscall/methods.js";

const ROOT = path.resolve(__dirname, "../..");
const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));

describe("README", () => {
  it("documents every qSyscall method", () => {
    const missing = METHOD_NAMES.filter((m) => !readme.includes("`" + m + "`"));
    expect(missing).toEqual([]);
  });

  it("documents every qmk command", () => {
    const main = fs.readFileSync(path.join(ROOT, "kernel/cli/main.ts"), "utf8");
    const cmds = [...main.matchAll(/\.command\("([a-z][a-z-]*)/g)].map((m) => m[1]);
    expect(cmds.length).toBeGreaterThanOrEqual(10);
    const missing = cmds.filter((c) => !new RegExp("`qmk( [a-z]+)* ?" + c + "[ `]").test(readme) && !readme.includes(`qmk ${c}`));
    expect(missing).toEqual([]);
  });

  it("names scripts that exist", () => {
    for (const s of [...readme.matchAll(/npm run ([a-z:]+)/g)].map((m) => m[1])) expect(pkg.scripts, s).toHaveProperty(s);
    expect(pkg.scripts.start).toBeDefined();
    expect(pkg.scripts.test).toBeDefined();
  });
});

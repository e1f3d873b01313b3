// The fixture corpus: every `bad-*` program must produce exactly the diagnostics
// marked `// @expect qmk/<rule>` (same lines, same rules, nothing else); every
// `ok-*` near-miss must produce none at all.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lintFile } from "../../lint-rules/index.js";
import { RULE_IDS } from "../../lint-rules/model.js";

const root = join(import.meta.dirname, "fixtures");
const ruleDirs = RULE_IDS.map((r) => r.slice("qmk/".length));

function expected(text: string): string[] {
  const out: string[] = [];
  text.split("\n").forEach((l, i) => {
    for (const m of l.matchAll(/@expect (qmk\/[\w-]+)/g)) out.push(`${i + 1} ${m[1]}`);
  });
  return [...new Set(out)].sort();
}

describe("fixture corpus", () => {
  for (const dir of ruleDirs) {
    const files = readdirSync(join(root, dir)).filter((f) => f.endsWith(".ts")).sort();
    it(`${dir}: at least 5 flagged programs and 5 near-misses`, () => {
      expect(files.filter((f) => f.startsWith("bad-")).length).toBeGreaterThanOrEqual(5);
      expect(files.filter((f) => f.startsWith("ok-")).length).toBeGreaterThanOrEqual(5);
    });
    for (const f of files) {
      const path = join(root, dir, f);
      it(`${dir}/${f}`, () => {
        const text = readFileSync(path, "utf8");
        const got = [...new Set(lintFile(path).map((d) => `${d.line} ${d.rule}`))].sort();
        const want = expected(text);
        if (f.startsWith("bad-")) {
          expect(want.some((w) => w.endsWith(`qmk/${dir}`)), "bad fixture must mark its own rule").toBe(true);
          expect(got).toEqual(want);
        } else {
          expect(want).toEqual([]);
          expect(got).toEqual([]);
        }
      });
    }
  }
});

// Notebook cells are one program: narrowing, aliases and leaks cross cell boundaries.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lintFile } from "../../lint-rules/index.js";
import { notebookProgram } from "../../lint-rules/notebook.js";

const dir = join(import.meta.dirname, "fixtures", "notebooks");

/** `cell:line rule` for every `@expect` marker, cells numbered among all cells (1-based). */
function expected(json: string): string[] {
  const nb = JSON.parse(json) as { cells: Array<{ cell_type: string; source: string[] }> };
  const out: string[] = [];
  nb.cells.forEach((c, i) => {
    if (c.cell_type !== "code") return;
    c.source.join("").split("\n").forEach((l, j) => {
      for (const m of l.matchAll(/@expect (qmk\/[\w-]+)/g)) out.push(`${i + 1}:${j + 1} ${m[1]}`);
    });
  });
  return out.sort();
}

describe("notebooks", () => {
  for (const f of readdirSync(dir).filter((x) => x.endsWith(".ipynb"))) {
    it(f, () => {
      const path = join(dir, f);
      const want = expected(readFileSync(path, "utf8"));
      const got = lintFile(path).map((d) => `${d.cell}:${d.line} ${d.rule}`).sort();
      expect(got).toEqual(want);
      if (f.startsWith("bad-")) expect(want.length).toBeGreaterThan(0);
    });
  }

  it("each cell on its own would hide the cross-cell bug", () => {
    const prog = notebookProgram(readFileSync(join(dir, "bad-cross-cell.ipynb"), "utf8"));
    expect(prog.cells.map((c) => c.index)).toEqual([2, 3, 5]); // markdown cells skipped, numbering kept
    const d = lintFile(join(dir, "bad-cross-cell.ipynb"))[0];
    expect(d.message).toContain("cell 3, line 2"); // where the measure happened
    expect(d.column).toBe(3);
  });

  it("magics become comments and keep line numbers", () => {
    const prog = notebookProgram(JSON.stringify({ cells: [{ cell_type: "code", source: ["%time\n", "const a = 1;"] }] }));
    expect(prog.text).toBe("//ime\nconst a = 1;");
  });
});

// The benchmark program is also a scale test: 1 000 lines of correct DSL code plus one seeded bug.
import { describe, expect, it } from "vitest";
import { generateProgram } from "../../lint-rules/bench.js";
import { lintText } from "../../lint-rules/index.js";

describe("1 000-line program", () => {
  it("finds exactly the seeded bug and nothing else", () => {
    const text = generateProgram(1000);
    expect(text.split("\n").length - 1).toBe(1000);
    const diags = lintText("bench.ts", text);
    const line = text.split("\n").indexOf("x(alias);") + 1;
    expect(diags.map((d) => `${d.line} ${d.rule}`)).toEqual([`${line} qmk/use-after-consume`]);
  });

  it("a bug injected mid-file (inside a loop) is found too", () => {
    const text = generateProgram(1000).replace("  for (const q of reg) { measure(q); outcomes.push(k); }", "  for (const q of reg) { measure(q); outcomes.push(k); }\n  h(reg[2]);");
    const diags = lintText("bench.ts", text).filter((d) => d.message.includes("reg[2]"));
    expect(diags.length).toBeGreaterThan(0);
    expect(diags[0].rule).toBe("qmk/use-after-consume");
  });
});

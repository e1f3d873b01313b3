// Fix-its: applying the edit must remove the diagnostic it was offered for, without new findings.
import { describe, expect, it } from "vitest";
import { lintText, type Diagnostic } from "../../lint-rules/index.js";

const HEAD = `import { h, x, measure, free, injectT } from "../dsl/index.js";
const alice = await conn.tenant("alice");
`;

function apply(text: string, d: Diagnostic): string {
  const edits = [...d.fix!.edits].sort((a, b) => b.start - a.start);
  for (const e of edits) text = text.slice(0, e.start) + e.newText + text.slice(e.end);
  return text;
}

const cases: Array<[string, string, string]> = [
  ["qmk/use-after-consume", "reset", "const q = alice.qubit();\nconst r = q;\nmeasure(q);\nx(r);\nfree(q);\n"],
  ["qmk/double-consume", "free twice", "const q = alice.qubit();\nfree(q);\nfree(q);\n"],
  ["qmk/leak", "free at end", "const q = alice.qubit();\nh(q);\n"],
  ["qmk/leak", "free at end of function", "export function f() {\n  const q = alice.qubit();\n  h(q);\n}\n"],
  ["qmk/unsafe-cast", "remove cast", "const q = alice.qubit();\nh(q as any);\nmeasure(q);\n"],
  ["qmk/unsafe-cast", "remove annotation", "const q = alice.qubit();\nconst w: any = q;\nmeasure(w);\n"],
  ["qmk/missing-capability", "add right", `const carol = await conn.tenant("carol", { rights: ["CAP_ALLOC"] });\nconst q = carol.qubit();\ninjectT(q);\nfree(q);\n`],
  ["qmk/missing-capability", "add to empty list", `const carol = await conn.tenant("carol", { rights: [] });\nconst q = carol.qubit();\nfree(q);\n`],
];

describe("fix-its", () => {
  for (const [rule, what, body] of cases) {
    it(`${rule}: ${what}`, () => {
      let text = HEAD + body;
      for (let round = 0; round < 3; round++) {
        const d = lintText("f.ts", text).find((x) => x.rule === rule);
        if (!d) break;
        expect(d.fix, d.message).toBeDefined();
        text = apply(text, d);
      }
      expect(lintText("f.ts", text)).toEqual([]);
      expect(text).not.toBe(HEAD + body);
    });
  }

  it("no fix is offered when the remedy is not obvious", () => {
    const diags = lintText("f.ts", HEAD + "const q = alice.qubit();\nif (flag) measure(q);\nh(q);\nfree(q);\n");
    expect(diags.map((d) => d.rule)).toEqual(["qmk/use-after-consume"]);
    expect(diags[0].fix).toBeUndefined(); // conditional: inserting reset would be wrong on the other path
  });
});

// Control-flow shapes: CFG structure and the data-flow results they must produce.
import { ts } from "ts-morph";
import { describe, expect, it } from "vitest";
import { buildCfg } from "../../lint-rules/cfg.js";
import { FREED, LIVE, MEASURED, emptyState, join } from "../../lint-rules/dataflow.js";
import { lintText } from "../../lint-rules/index.js";

const HEAD = `import { h, x, measure, reset, free } from "../dsl/index.js";
declare const flag: boolean; declare const n: number;
const alice = await conn.tenant("alice");
`;
/** `line rule` pairs for a program body (line numbers counted inside `body`, 1-based). */
function lint(body: string): string[] {
  const off = HEAD.split("\n").length - 1;
  return lintText("t.ts", HEAD + body).map((d) => `${d.line! - off} ${d.rule}${/may|some path/.test(d.message) ? " (maybe)" : ""}`);
}
const cfgOf = (src: string) => buildCfg(ts.createSourceFile("c.ts", src, ts.ScriptTarget.ES2022, true));

describe("CFG", () => {
  it("if/else forks at the condition and joins after", () => {
    const c = cfgOf("if (a) f(); else g(); h();");
    const cond = c.nodes.find((n) => n.kind === "cond")!;
    expect(cond.succ).toHaveLength(2);
    const hNode = c.nodes.find((n) => n.ast?.getText() === "h();")!;
    expect(hNode.pred).toHaveLength(1);
    expect(c.nodes[hNode.pred[0]].pred).toHaveLength(2); // the join
  });

  it("loops have a back edge; a literal-bound for loop has no zero-iteration exit", () => {
    const w = cfgOf("while (a) { f(); }");
    const head = w.nodes.find((n) => n.kind === "loopHead")!;
    expect(head.pred.some((p) => w.nodes[p].kind === "loopNext")).toBe(true);
    const exitW = w.nodes.find((n) => n.kind === "loopExit")!;
    expect(exitW.pred.map((p) => w.nodes[p].kind)).toContain("cond");
    const f = cfgOf("for (let i = 0; i < 3; i++) { f(); }");
    const exitF = f.nodes.find((n) => n.kind === "loopExit")!;
    // Only the test after an iteration (or a break) leads out.
    for (const p of exitF.pred) expect(["cond", "loopBreak"]).toContain(f.nodes[p].kind);
    const cond = f.nodes.find((n) => n.kind === "cond" && n.ast?.getText() === "i < 3")!;
    expect(cond.pred.every((p) => f.nodes[p].ast?.getText() === "i++")).toBe(true);
  });

  it("short-circuit conditions are branches in the graph", () => {
    const c = cfgOf("if (a && measure(q)) f(); g();");
    const a = c.nodes.find((n) => n.kind === "cond" && n.ast?.getText() === "a")!;
    const m = c.nodes.find((n) => n.kind === "cond" && n.ast?.getText() === "measure(q)")!;
    expect(a.succ).toContain(m.id);
    const join = a.succ.find((s) => s !== m.id)!; // the path that skips measure(q)
    expect(m.succ).toContain(join);
    const stmtLevel = cfgOf("ok || free(q);");
    expect(stmtLevel.nodes.filter((n) => n.kind === "cond").map((n) => n.ast?.getText())).toEqual(["ok", "free(q)"]);
  });

  it("switch falls through; break leaves", () => {
    const c = cfgOf("switch (k) { case 1: a(); case 2: b(); break; default: d(); } e();");
    const a = c.nodes.find((n) => n.ast?.getText() === "a();")!;
    const b = c.nodes.find((n) => n.ast?.getText() === "b();")!;
    expect(c.nodes[a.succ[0]].succ).toContain(b.id); // a() → start of case 2 → b()
  });

  it("finally is built per entry: the exceptional copy goes to `raise`, never to the code after", () => {
    const c = cfgOf("try { a(); } finally { f(); } after();");
    const copies = c.nodes.filter((n) => n.ast?.getText() === "f();");
    expect(copies).toHaveLength(2);
    const after = c.nodes.find((n) => n.ast?.getText() === "after();")!;
    const reachesRaise = copies.filter((n) => n.succ.includes(c.raise));
    expect(reachesRaise).toHaveLength(1);
    expect(reachesRaise[0].succ).not.toContain(after.id);
  });

  it("unreachable code after return gets no node", () => {
    const c = cfgOf("function f() {} return; dead();");
    expect(c.nodes.some((n) => n.ast?.getText() === "dead();")).toBe(false);
  });
});

describe("lattice", () => {
  it("join unions typestates and points-to sets; an object missing on one side keeps the other's state", () => {
    const a = emptyState(), b = emptyState();
    a.env.set(1, new Set([10])); b.env.set(1, new Set([11]));
    a.obj.set(10, { mask: LIVE, weak: false, at: [] });
    b.obj.set(10, { mask: MEASURED, weak: false, at: [5] });
    b.obj.set(11, { mask: FREED, weak: false, at: [7] });
    const j = join(a, b);
    expect([...j.env.get(1)!]).toEqual([10, 11]);
    expect(j.obj.get(10)).toEqual({ mask: LIVE | MEASURED, weak: false, at: [5] });
    expect(j.obj.get(11)!.mask).toBe(FREED);
  });
});

describe("data-flow over control flow", () => {
  it("while(true) with break: the use after is definite, not maybe", () => {
    expect(lint("const q = alice.qubit();\nwhile (true) { measure(q); break; }\nh(q);\n")).toEqual(["3 qmk/use-after-consume"]);
  });

  it("switch fall-through measures twice on one path", () => {
    expect(lint("const q = alice.qubit();\nswitch (n) {\n  case 0: measure(q);\n  case 1: measure(q); break;\n  default: free(q);\n}\n"))
      .toEqual(["4 qmk/double-consume (maybe)"]);
  });

  it("return inside try is covered by finally: no leak", () => {
    expect(lint("export function f() {\n  const q = alice.qubit();\n  try { if (flag) return 1; h(q); } finally { free(q); }\n  return 0;\n}\n")).toEqual([]);
  });

  it("do-while runs its body at least once", () => {
    expect(lint("const q = alice.qubit();\ndo { h(q); measure(q); reset(q); } while (flag);\nfree(q);\n")).toEqual([]);
  });

  it("labeled continue skips the consume of the outer iteration", () => {
    expect(lint("const q = alice.qubit();\nouter: for (let i = 0; i < 2; i++) {\n  for (let j = 0; j < 2; j++) { if (flag) continue outer; }\n  measure(q);\n}\n"))
      .toEqual(["1 qmk/leak (maybe)", "4 qmk/double-consume (maybe)"]);
  });

  it("conditional expressions and logical assignment are branches", () => {
    expect(lint("const q = alice.qubit();\nconst r = flag ? measure(q) : 0;\nh(q);\nfree(q);\n")).toEqual(["3 qmk/use-after-consume (maybe)"]);
    expect(lint("const q = alice.qubit();\nlet ok = flag;\nok ||= (measure(q), true);\nh(q);\nfree(q);\n")).toEqual(["4 qmk/use-after-consume (maybe)"]);
  });

  it("re-binding a variable to a fresh qubit each iteration is fine", () => {
    expect(lint("let q = alice.qubit();\nfor (let i = 0; i < 3; i++) {\n  measure(q);\n  q = alice.qubit();\n}\nmeasure(q);\n")).toEqual([]);
  });

  it("a qubit escaping into unknown code is not a leak; console.log does not take it", () => {
    expect(lint("declare function keep(q: unknown): void;\nconst q = alice.qubit();\nkeep(q);\n")).toEqual([]);
    expect(lint("const q = alice.qubit();\nconsole.log(q);\n")).toEqual(["1 qmk/leak"]);
  });

  it("interprocedural: a helper that consumes only on some path", () => {
    expect(lint("function maybe(p: unknown) { if (flag) measure(p as never); }\nconst q = alice.qubit();\nmaybe(q);\nh(q);\nfree(q);\n"))
      .toEqual(["4 qmk/use-after-consume (maybe)"]);
  });

  it("nested register loops: element states are tracked per container", () => {
    expect(lint("const a = alice.alloc(2), b = alice.alloc(2);\nfor (const q of a) measure(q);\nfor (const q of b) h(q);\nfor (const q of b) free(q);\nh(a[1]);\n"))
      .toEqual(["5 qmk/use-after-consume"]);
  });
});

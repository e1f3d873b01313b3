// Arbitrary TypeScript must never crash the lint (it runs in the editor on every keystroke).
import { describe, expect, it } from "vitest";
import { lintText } from "../../lint-rules/index.js";

const WEIRD = `
import * as dsl from "../dsl/index.js";
import { h, measure, free } from "../dsl/index.js";
enum Color { Red, Green }
namespace NS { export const k = 1; }
abstract class Base<T> {
  #priv = 1;
  static count = 0;
  constructor(protected readonly s: any) {}
  get size() { return this.#priv; }
  abstract run(): void;
}
class Impl extends Base<number> {
  q = this.s.qubit();
  run() { h(this.q); measure(this.q); }
  *gen() { yield* [1, 2]; }
  async *agen() { for await (const x of [Promise.resolve(1)]) yield x; }
}
function* walk(n: number): Generator<number> { for (let i = 0; i < n; i++) yield i; }
label: { if (Math.random()) break label; }
const o = { a: { b: [1, 2, 3] } } as const;
const v = o?.a?.b?.[0] ?? 0;
const t = String.raw\`x\${v}\`;
const [x1 = 1, ...rest] = [1, 2, 3];
const { a: { b: [first] } } = o;
let w: number; w ??= 3; w **= 2;
for (const k in o) void k;
for (;;) { break; }
do { } while (false);
switch (v) { }
try { throw new Error("x"); } catch { } finally { }
const fn = function named(this: unknown, ...args: unknown[]) { return args.length; };
new Impl(null).run();
dsl.measure(undefined as never);
void (async () => { await Promise.all([1].map(async (i) => i)); })();
export default class {}
`;

describe("robustness", () => {
  it("lints unusual syntax without internal errors", () => {
    const errors: string[] = [];
    expect(() => lintText("weird.ts", WEIRD, { onInternalError: (m) => errors.push(m) })).not.toThrow();
    expect(errors).toEqual([]);
  });

  it("half-typed code in the editor (syntax errors) still lints", () => {
    const errors: string[] = [];
    const src = `import { h, measure } from "../dsl/index.js";\nconst alice = await conn.tenant("alice");\nconst q = alice.qubit();\nmeasure(q);\nh(q);\nfunction broken( {\n`;
    const d = lintText("half.ts", src, { onInternalError: (m) => errors.push(m) });
    expect(d.map((x) => `${x.line} ${x.rule}`)).toContain("5 qmk/use-after-consume");
    expect(errors).toEqual([]);
  });

  it("an empty file and a file of comments", () => {
    expect(lintText("e.ts", "")).toEqual([]);
    expect(lintText("c.ts", "// nothing\n/* here */\n")).toEqual([]);
  });
});

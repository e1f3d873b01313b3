// The README's method reference is generated from the method table; this
// fails when a schema, a right or a doc line changes without the README
// (fix: `npm run docs:methods`), and checks the generator reads the schemas
// rather than restating them.
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { Type } from "@sinclair/typebox";
import { BEGIN, END, methodReferenceTable, rightsOf, shapeOf, withMethodReference } from "../../kernel/syscall/method-reference.js";
import { METHOD_NAMES } from "../../kernel/syscall/methods.js";

const README = readFileSync(path.resolve(__dirname, "../../README.md"), "utf8");

describe("README method reference", () => {
  it("is the table generated from kernel/syscall/schema.ts and methods.ts", () => {
    expect(README.includes(BEGIN) && README.includes(END)).toBe(true);
    expect(withMethodReference(README)).toBe(README);
  });

  it("has one row per method the kernel serves", () => {
    const rows = methodReferenceTable().split("\n").slice(2);
    expect(rows.map((r) => /^\| `([a-z_]+)`/.exec(r)?.[1]).sort()).toEqual([...METHOD_NAMES].sort());
  });

  it("derives each line from the schema: optional fields marked, session_id left out, unions joined", () => {
    const p = Type.Object({ session_id: Type.String(), a: Type.String(), b: Type.Optional(Type.Integer()) });
    expect(shapeOf(JSON.parse(JSON.stringify(p)), ["session_id"])).toBe("{a, b?}");
    const u = Type.Union([Type.Object({ x: Type.String() }), Type.Object({ rejected: Type.Literal(true) })]);
    expect(shapeOf(JSON.parse(JSON.stringify(u)))).toBe("{x} | {rejected: true}");
    expect(rightsOf("q_negotiate_caps")).toBe("none (no session)");
    expect(rightsOf("q_alloc")).toBe("CAP_ALLOC");
    expect(rightsOf("q_submit")).toBe("derived from params");
  });
});

// The README's method reference, generated from the method table: rights from
// methods.ts, the `{params} → {result}` line from the TypeBox schemas in
// schema.ts (so a field added to a schema shows up here, and a field named in
// the docs exists), the doc line from schema.ts. `npm run docs:methods`
// rewrites the README block; test/rpc/method-reference.test.ts fails when the
// README and the table disagree.
import { SCHEMAS, type MethodName } from "./schema.js";
import { METHODS } from "./methods.js";

export const BEGIN = "<!-- method-reference: generated from kernel/syscall/schema.ts and methods.ts by `npm run docs:methods`; edit those, not this table -->";
export const END = "<!-- /method-reference -->";

interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
  const?: unknown;
  description?: string;
}

/** `{a, b?}`: an object's top-level fields, optional ones marked; a union as `A | B`. */
export function shapeOf(s: JsonSchema, omit: readonly string[] = []): string {
  if (s.anyOf) return s.anyOf.map((x) => shapeOf(x, omit)).join(" | ");
  if (s.allOf) return shapeOf({ type: "object", properties: Object.assign({}, ...s.allOf.map((x) => x.properties ?? {})), required: s.allOf.flatMap((x) => x.required ?? []) }, omit);
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (s.type !== "object" || !s.properties) return s.type ?? "any";
  const required = new Set(s.required ?? []);
  const fields = Object.keys(s.properties)
    .filter((f) => !omit.includes(f))
    .map((f) => {
      const v = s.properties![f];
      // a literal-valued field (`rejected: true`) says its value
      return v.const !== undefined ? `${f}: ${JSON.stringify(v.const)}` : required.has(f) ? f : `${f}?`;
    });
  if (fields.length === 0 && s.description) return s.description;
  return `{${fields.join(", ")}}`;
}

/** What a call needs: no session, the method's fixed rights, or rights derived from its params. */
export function rightsOf(name: MethodName): string {
  const m = METHODS[name];
  if (m.opensSession || m.publicHandler) return "none (no session)";
  const fixed = m.rights.join(", ");
  if (m.derive) return fixed ? `${fixed} + derived from params` : "derived from params";
  return fixed || "—";
}

const cell = (s: string) => s.replace(/\|/g, "\\|");

/** The markdown table, one row per method in table order. */
export function methodReferenceTable(): string {
  const rows = (Object.keys(SCHEMAS) as MethodName[])
    .filter((n) => Object.hasOwn(METHODS, n))
    .map((n) => {
      const s = SCHEMAS[n];
      const sig = `${shapeOf(s.params as JsonSchema, ["session_id"])} → ${shapeOf(s.result as JsonSchema)}`;
      return `| \`${n}\` | ${cell(rightsOf(n))} | \`${cell(sig)}\` | ${cell(s.summary)} |`;
    });
  return ["| method | rights | params → result | what it does |", "|---|---|---|---|", ...rows].join("\n");
}

/** `readme` with the block between BEGIN and END replaced by the generated table. */
export function withMethodReference(readme: string): string {
  const a = readme.indexOf(BEGIN);
  const b = readme.indexOf(END);
  if (a < 0 || b < a) throw new Error(`README has no method-reference block (${BEGIN} … ${END})`);
  return readme.slice(0, a) + BEGIN + "\n" + methodReferenceTable() + "\n" + readme.slice(b);
}

// JSON Schema of the QMK QVM format: upstream v0.1
// (conformance/qvm/upstream-schema-0.1.json) extended with the extra opcodes,
// per-opcode `args`, `args.tenant`/`tenant_id`, `args.channel`. Upstream
// spellings stay valid (`pauli` or `mask`, missing `caps`, missing `chs`);
// everything else is strict (no unknown fields). ajv errors are mapped to
// `{node, field}` issues.
import AjvModule, { type ErrorObject, type ValidateFunction } from "ajv";
import { RIGHTS } from "../security/rights.js";
import { OPCODES, OPCODE_NAMES, argsAreFreeForm, type ArgSpec } from "./opcodes.js";
import { MAX_EXPR_LENGTH } from "./expr.js";
import type { Issue } from "./verifier.js";

const Ajv = AjvModule as unknown as typeof AjvModule.default;

export const MAX_NODES = 100_000;
export const MAX_HANDLES = 10_000;
const NAME = { type: "string", pattern: "^[a-zA-Z_][a-zA-Z0-9_]*$", maxLength: 64 };
const NAMES = { type: "array", items: NAME, maxItems: MAX_HANDLES };
const LABEL = { type: "string", minLength: 1, maxLength: 128 };

function argSchema(a: ArgSpec): object {
  switch (a.type) {
    case "int":
      return { type: "integer", minimum: a.min ?? 0, maximum: a.max ?? 2 ** 31 - 1 };
    case "angle":
      return { anyOf: [{ type: "number" }, { type: "string", minLength: 1, maxLength: MAX_EXPR_LENGTH }] };
    case "pauli":
      return { type: "string", enum: ["I", "X", "Y", "Z"] };
    case "profile":
      return { type: "string", minLength: 1, maxLength: 100 };
    case "string":
      return LABEL;
  }
}

/** `then` clause for one opcode: the exact shape of its `args`. */
function argsFor(op: string): object {
  if (argsAreFreeForm(op)) return { type: "object", maxProperties: 64 };
  const spec = OPCODES[op]!;
  const props: Record<string, object> = {};
  for (const [k, a] of Object.entries(spec.args)) props[k] = argSchema(a);
  const required = Object.entries(spec.args).filter(([, a]) => a.required).map(([k]) => k);
  const s: Record<string, unknown> = { type: "object", properties: props, additionalProperties: false };
  if (op === "COND_PAULI") {
    props.pauli = props.mask!; // upstream alias
    s.anyOf = [{ required: ["mask"] }, { required: ["pauli"] }];
  } else if (required.length) s.required = required;
  if (props.tenant) props.tenant_id = props.tenant; // alias
  return s;
}

export const QVM_SCHEMA = {
  $id: "https://qmk.dev/schemas/qvm-0.1-qmk.json",
  title: "QVM graph (upstream v0.1 + QMK extensions)",
  type: "object",
  required: ["version", "program", "resources"],
  additionalProperties: false,
  properties: {
    $schema: { type: "string" },
    version: { type: "string", const: "0.1" },
    name: LABEL,
    description: { type: "string", maxLength: 4096 },
    metadata: { type: "object" },
    caps: { type: "array", items: { type: "string", enum: [...RIGHTS] }, uniqueItems: true },
    program: {
      type: "object",
      required: ["nodes"],
      additionalProperties: false,
      properties: {
        nodes: {
          type: "array",
          maxItems: MAX_NODES,
          items: {
            type: "object",
            required: ["id", "op"],
            additionalProperties: false,
            properties: {
              id: NAME,
              op: { type: "string", enum: [...OPCODE_NAMES] },
              args: { type: "object" },
              vqs: NAMES,
              chs: NAMES,
              inputs: NAMES,
              produces: NAMES,
              caps: { type: "array", items: { type: "string", enum: [...RIGHTS] }, uniqueItems: true },
              // {event, equals: 0|1}, or {events, equals: n} (events[k] = bit k of n);
              // which of the two, and the range of equals, the verifier checks with exact fields
              guard: {
                type: "object",
                required: ["equals"],
                additionalProperties: false,
                properties: {
                  event: NAME,
                  events: { type: "array", items: NAME, minItems: 1, maxItems: 31 },
                  equals: { type: "integer", minimum: 0, maximum: 2 ** 31 - 1 },
                },
              },
              metadata: { type: "object" },
            },
            allOf: OPCODE_NAMES.map((op) => ({
              if: { properties: { op: { const: op } }, required: ["op"] },
              then: { properties: { args: argsFor(op) } },
            })),
          },
        },
      },
    },
    resources: {
      type: "object",
      required: ["vqs", "events"],
      additionalProperties: false,
      properties: {
        vqs: { ...NAMES, uniqueItems: true },
        chs: { ...NAMES, uniqueItems: true },
        events: { ...NAMES, uniqueItems: true },
      },
    },
  },
} as const;

/** Same structure with `args` left open: per-opcode args are checked by dispatch (below), not 32 if/then per node. */
const STRUCTURE_SCHEMA = (() => {
  const s = structuredClone(QVM_SCHEMA) as unknown as { properties: { program: { properties: { nodes: { items: Record<string, unknown> } } } } };
  delete s.properties.program.properties.nodes.items.allOf;
  return s;
})();

/** The graph without its nodes' shapes (checked one node at a time, so a large graph's check can be sliced). */
const SKELETON_SCHEMA = (() => {
  const s = structuredClone(STRUCTURE_SCHEMA) as unknown as { properties: { program: { properties: { nodes: { items: unknown } } } } };
  s.properties.program.properties.nodes.items = {};
  return s;
})();
const NODE_SCHEMA = (STRUCTURE_SCHEMA as unknown as { properties: { program: { properties: { nodes: { items: object } } } } }).properties.program.properties.nodes.items;

let validators: { graph: ValidateFunction; node: ValidateFunction; args: { get(op: string): ValidateFunction | undefined } } | undefined;
function getValidators(): { graph: ValidateFunction; node: ValidateFunction; args: { get(op: string): ValidateFunction | undefined } } {
  // compiled lazily, once per process; each opcode's args schema on its first
  // use (compiling all of them cost a one-shot `qmk run` ~60 ms of start-up)
  if (!validators) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const args = new Map<string, ValidateFunction>();
    validators = {
      graph: ajv.compile(SKELETON_SCHEMA),
      node: ajv.compile(NODE_SCHEMA),
      args: {
        get(op: string): ValidateFunction | undefined {
          if (!Object.hasOwn(OPCODES, op)) return undefined;
          let v = args.get(op);
          if (!v) args.set(op, (v = ajv.compile(argsFor(op))));
          return v;
        },
      },
    };
  }
  return validators;
}

/** "/program/nodes/3/args/theta" → {node: nodes[3].id, field: "args.theta"} */
export function locate(graph: unknown, instancePath: string, extra?: string): { node?: string; field?: string } {
  const parts = instancePath.split("/").slice(1).map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
  if (extra !== undefined) parts.push(extra);
  let node: string | undefined;
  let rest = parts;
  if (parts[0] === "program" && parts[1] === "nodes" && parts.length >= 3) {
    const idx = Number(parts[2]);
    const raw = (graph as { program?: { nodes?: unknown[] } })?.program?.nodes?.[idx] as { id?: unknown } | undefined;
    node = typeof raw?.id === "string" ? raw.id : `#${idx}`;
    rest = parts.slice(3);
  }
  let field = "";
  for (const p of rest) field += /^\d+$/.test(p) ? `[${p}]` : field ? `.${p}` : p;
  // an error about the whole document still names a field
  return { ...(node !== undefined ? { node } : {}), field: field || "graph" };
}

function valueAt(root: unknown, instancePath: string): unknown {
  let cur: unknown = root;
  for (const p of instancePath.split("/").slice(1)) cur = cur && typeof cur === "object" ? (cur as Record<string, unknown>)[p] : undefined;
  return cur;
}

function toIssue(graph: unknown, e: ErrorObject): Issue & { path: string } {
  const extra =
    e.keyword === "required"
      ? (e.params as { missingProperty: string }).missingProperty
      : e.keyword === "additionalProperties"
        ? (e.params as { additionalProperty: string }).additionalProperty
        : undefined;
  const where = locate(graph, e.instancePath, extra);
  let message = e.message ?? "invalid";
  if (e.keyword === "additionalProperties") message = `unknown field '${extra}'`;
  else if (e.keyword === "required") message = `missing field '${extra}'`;
  else if (e.keyword === "enum" && where.field === "op") message = `unknown opcode ${JSON.stringify(valueAt(graph, e.instancePath) ?? null).slice(0, 40)}`;
  else if (e.keyword === "anyOf" && where.field === "args") {
    where.field = "args.mask";
    message = "missing field 'mask' (alias 'pauli')";
  }
  else if (e.keyword === "anyOf") message = "must be a number or an expression string";
  else if (e.keyword === "enum") message = `${message}: ${JSON.stringify(e.params.allowedValues).slice(0, 200)}`;
  return { code: "INVALID_GRAPH", ...where, message: `${where.field ?? "graph"}: ${message}`, path: e.instancePath + (extra ? `/${extra}` : "") };
}

export interface SchemaCheck {
  issues: Issue[];
  /** the graph's skeleton is broken: semantic checks cannot run */
  blocking: boolean;
  /** indexes of nodes whose `args` failed (semantic arg checks skip them) */
  badArgs: Set<number>;
}

const ARGS_PATH = /^\/program\/nodes\/(\d+)\/args(\/|$)/;
/** Errors that leave the skeleton usable: odd names, unknown extra fields, duplicates, labels. */
function harmless(e: ErrorObject): boolean {
  if (["additionalProperties", "pattern", "maxLength", "uniqueItems"].includes(e.keyword)) return true;
  if (e.instancePath === "/version") return true;
  return /^(\/program\/nodes\/\d+)?\/(caps|metadata|description|name)(\/|$)/.test(e.instancePath);
}

/**
 * The schema check of one graph, in steps: the skeleton (everything but the
 * nodes' shapes), then the nodes one by one, each against the node schema and
 * its opcode's args schema. A job's graph larger than the synchronous limit
 * is checked across scheduler slices (verifier.ts GraphVerification), so no
 * single step holds the kernel's thread for the whole graph.
 */
export class SchemaCheckRun {
  private readonly errs: ErrorObject[] = [];
  private readonly nodes: unknown[] | null;
  private pos = -1; // -1: the skeleton is next
  private out: SchemaCheck | undefined;

  constructor(private readonly graph: unknown) {
    const nodes = (graph as { program?: { nodes?: unknown } } | null)?.program?.nodes;
    this.nodes = Array.isArray(nodes) ? nodes : null;
  }

  /** Steps taken so far: the skeleton counts as one, then one per node. */
  get steps(): number {
    return this.pos + 1;
  }

  /** Checks up to `budget` more nodes (the skeleton counts as one); true when the result is ready. */
  advance(budget: number): boolean {
    if (this.out) return true;
    const v = getValidators();
    let left = Math.max(1, Math.floor(budget));
    if (this.pos < 0) {
      if (!v.graph(this.graph)) this.errs.push(...(v.graph.errors ?? []));
      this.pos = 0;
      left--;
    }
    const nodes = this.nodes ?? [];
    const end = Math.min(nodes.length, this.pos + left);
    for (let i = this.pos; i < end; i++) {
      const n = nodes[i];
      if (!v.node(n)) for (const e of v.node.errors ?? []) this.errs.push({ ...e, instancePath: `/program/nodes/${i}${e.instancePath}` });
      const op = (n as { op?: unknown } | null)?.op;
      const args = (n as { args?: unknown } | null)?.args;
      const check = typeof op === "string" && args !== undefined ? v.args.get(op) : undefined; // undefined for an unknown opcode
      if (check && !check(args)) for (const e of check.errors ?? []) this.errs.push({ ...e, instancePath: `/program/nodes/${i}/args${e.instancePath}` });
    }
    this.pos = end;
    if (end < nodes.length) return false;
    this.out = this.conclude();
    return true;
  }

  /** The answer, once `advance` returned true. */
  get result(): SchemaCheck {
    if (!this.out) throw new Error("SchemaCheckRun: not done");
    return this.out;
  }

  private conclude(): SchemaCheck {
    const out: Issue[] = [];
    const seen = new Set<string>();
    const badArgs = new Set<number>();
    let blocking = false;
    for (const e of this.errs) {
      // anyOf summarizes its branches: keep the summary, drop the branch errors
      if (e.keyword === "if" || /\/anyOf\/\d+\//.test(e.schemaPath)) continue;
      const am = ARGS_PATH.exec(e.instancePath);
      if (am) badArgs.add(Number(am[1]));
      else if (!harmless(e)) blocking = true;
      const { path: _p, ...issue } = toIssue(this.graph, e);
      const key = `${issue.node}\u0000${issue.field}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(issue);
    }
    return { issues: out, blocking, badArgs };
  }
}

/** Schema issues, at most one per (node, field), plus whether the walker can still run. Never throws. */
export function schemaCheck(graph: unknown): SchemaCheck {
  const run = new SchemaCheckRun(graph);
  run.advance(Infinity);
  return run.result;
}

/** Schema issues only; empty when valid. */
export function schemaIssues(graph: unknown): Issue[] {
  return schemaCheck(graph).issues;
}

// Angle expressions (SPEC §1.2): a number, or a mathjs expression string over
// named parameters ("pi/4", "theta/2"). Each distinct string is parsed and
// compiled once, then evaluated per binding. Never `eval`: the parsed tree is
// checked against a whitelist (arithmetic, a few pure functions, parameter
// names), so mathjs' own functions (import, evaluate, createUnit…) are
// unreachable.
import { createRequire } from "node:module";
import type { MathNode, EvalFunction } from "mathjs";
import { QmkError, type ErrorName } from "../errors.js";

// mathjs costs 0.7–1.5 s to import; most graphs use numeric angles only, so it
// is loaded (synchronously, through its CommonJS build) the first time an
// expression string has to be parsed. (`import.meta` is an error for tslab's
// TS 5.0 when it compiles the DSL as CommonJS; this file always runs as ESM.)
let mathParse: ((src: string) => MathNode) | undefined;
function parse(src: string): MathNode {
  // @ts-ignore TS1343 under --module commonjs (see above)
  mathParse ??= (createRequire(import.meta.url)("mathjs") as typeof import("mathjs")).parse;
  return mathParse(src);
}

export const MAX_EXPR_LENGTH = 200;
/** |angle| bound: beyond this, radians lose all meaning in double precision. */
export const MAX_ANGLE = 1e6;

const CONSTANTS: Record<string, number> = { pi: Math.PI, tau: 2 * Math.PI, e: Math.E };
const FUNCTIONS = new Set(["sin", "cos", "tan", "asin", "acos", "atan", "atan2", "sqrt", "exp", "log", "abs", "floor", "ceil", "round", "min", "max", "mod"]);
const OPERATORS = new Set(["add", "subtract", "multiply", "divide", "unaryMinus", "unaryPlus", "pow", "mod"]);
const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

interface Compiled {
  fn: EvalFunction;
  /** free parameter names (constants excluded) */
  params: string[];
}

const cache = new Map<string, Compiled | string>();
const CACHE_MAX = 4096;

export interface ExprCtx {
  node?: string;
  field?: string;
  /** error name to throw; INVALID_GRAPH by default (INVALID_PARAMS for syscalls) */
  code?: ErrorName;
}

function fail(ctx: ExprCtx, msg: string): never {
  throw new QmkError(ctx.code ?? "INVALID_GRAPH", msg, {
    ...(ctx.node !== undefined ? { node: ctx.node } : {}),
    ...(ctx.field !== undefined ? { field: ctx.field } : {}),
  });
}

/** Returns an error message if the tree uses anything outside the whitelist. */
function checkTree(root: MathNode, params: Set<string>): string | undefined {
  let problem: string | undefined;
  root.traverse((n: MathNode, _path: string, parent: MathNode | null) => {
    if (problem) return;
    switch (n.type) {
      case "ConstantNode": {
        const v = (n as unknown as { value: unknown }).value;
        if (typeof v !== "number") problem = "non-numeric constants are not allowed";
        return;
      }
      case "ParenthesisNode":
        return;
      case "OperatorNode": {
        const fn = (n as unknown as { fn: string }).fn;
        if (!OPERATORS.has(fn)) problem = `operator '${(n as unknown as { op: string }).op}' is not allowed`;
        return;
      }
      case "FunctionNode": {
        const name = (n as unknown as { fn: { name?: string } }).fn?.name;
        if (!name || !FUNCTIONS.has(name)) problem = `function '${name ?? "?"}' is not allowed`;
        return;
      }
      case "SymbolNode": {
        const name = (n as unknown as { name: string }).name;
        // the callee symbol of a FunctionNode is checked above
        if (parent?.type === "FunctionNode" && (parent as unknown as { fn: MathNode }).fn === n) return;
        if (!NAME_RE.test(name)) problem = `bad name '${name}'`;
        else if (!Object.hasOwn(CONSTANTS, name)) params.add(name);
        return;
      }
      default:
        problem = `${n.type} is not allowed in an angle expression`;
    }
  });
  return problem;
}

function compileExpr(src: string): Compiled | string {
  const hit = cache.get(src);
  if (hit !== undefined) return hit;
  let out: Compiled | string;
  try {
    const tree = parse(src);
    const params = new Set<string>();
    const problem = checkTree(tree, params);
    out = problem ?? { fn: tree.compile(), params: [...params] };
  } catch (e) {
    out = `cannot parse: ${(e as Error).message}`;
  }
  if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value as string);
  cache.set(src, out);
  return out;
}

/** Is `v` syntactically an angle (finite number or a whitelisted expression)? Returns its parameter names. */
export function angleParams(v: unknown, ctx: ExprCtx = {}): string[] {
  if (typeof v === "number") {
    if (!Number.isFinite(v) || Math.abs(v) > MAX_ANGLE) fail(ctx, `angle must be a finite number with |θ| ≤ ${MAX_ANGLE}`);
    return [];
  }
  if (typeof v !== "string") fail(ctx, `angle must be a number or an expression string, got ${v === null ? "null" : typeof v}`);
  if (v.length === 0 || v.length > MAX_EXPR_LENGTH) fail(ctx, `angle expression must have 1..${MAX_EXPR_LENGTH} characters`);
  const c = compileExpr(v);
  if (typeof c === "string") fail(ctx, `bad angle expression '${v}': ${c}`);
  return c.params;
}

/** Evaluate an angle under `params`. Throws QmkError naming ctx.node / ctx.field. */
export function evalAngle(v: unknown, params: Readonly<Record<string, number>> = {}, ctx: ExprCtx = {}): number {
  if (typeof v === "number") {
    angleParams(v, ctx);
    return v;
  }
  const names = angleParams(v, ctx);
  const c = compileExpr(v as string) as Compiled;
  // a Map scope: parameter names like "__proto__" stay plain data
  const scope = new Map<string, number>(Object.entries(CONSTANTS));
  for (const name of names) {
    const p = Object.hasOwn(params, name) ? params[name] : undefined;
    if (p === undefined) fail(ctx, `unknown parameter '${name}' in angle '${v as string}'`);
    if (typeof p !== "number" || !Number.isFinite(p)) fail(ctx, `parameter '${name}' must be a finite number`);
    scope.set(name, p);
  }
  let r: unknown;
  try {
    r = c.fn.evaluate(scope);
  } catch (e) {
    fail(ctx, `cannot evaluate angle '${v as string}': ${(e as Error).message}`);
  }
  if (typeof r !== "number" || !Number.isFinite(r)) fail(ctx, `angle '${v as string}' does not evaluate to a finite real number`);
  if (Math.abs(r) > MAX_ANGLE) fail(ctx, `angle '${v as string}' = ${r} exceeds |θ| ≤ ${MAX_ANGLE}`);
  return r;
}

// Classical expressions of an OpenQASM program (gate angles): the parse
// tree → a small tree, constant-folded to a number where it can be, else
// written as a QVM angle string (mathjs syntax, kernel/qvm/expr.ts) over the
// program's `input` parameters.
import * as P from "./generated/qasm3Parser.js";
import { qasmError } from "./parse.js";

export type Expr =
  | { k: "num"; v: number }
  | { k: "var"; name: string }
  | { k: "op"; op: "+" | "-" | "*" | "/" | "**"; a: Expr; b: Expr }
  | { k: "neg"; a: Expr }
  | { k: "fn"; fn: MathFn; a: Expr };

/** functions both dialects share with the QVM's expression whitelist (QASM name → mathjs name) */
type MathFn = "sin" | "cos" | "tan" | "asin" | "acos" | "atan" | "exp" | "log" | "sqrt";
const FUNCS_2: Record<string, MathFn> = { sin: "sin", cos: "cos", tan: "tan", exp: "exp", ln: "log", sqrt: "sqrt" };
const FUNCS_3: Record<string, MathFn> = { ...FUNCS_2, arcsin: "asin", arccos: "acos", arctan: "atan" };
const CONSTS_2: Record<string, number> = { pi: Math.PI };
const CONSTS_3: Record<string, number> = { pi: Math.PI, "π": Math.PI, tau: 2 * Math.PI, "τ": 2 * Math.PI, euler: Math.E, "ℇ": Math.E };

export interface ExprScope {
  version: 2 | 3;
  /** gate parameters, constants: name → expression */
  names: ReadonlyMap<string, Expr>;
  /** `input` parameters: free names of the graph */
  inputs: ReadonlySet<string>;
}

function at(ctx: { start: { line: number; column: number } | null }, msg: string): Error {
  return qasmError(ctx.start?.line ?? 0, (ctx.start?.column ?? 0) + 1, msg);
}

const num = (v: number): Expr => ({ k: "num", v });

/** The number an expression folds to, or undefined if it names a parameter. */
export function fold(e: Expr): number | undefined {
  switch (e.k) {
    case "num":
      return e.v;
    case "var":
      return undefined;
    case "neg": {
      const a = fold(e.a);
      return a === undefined ? undefined : -a;
    }
    case "fn": {
      const a = fold(e.a);
      return a === undefined ? undefined : Math[e.fn](a);
    }
    case "op": {
      const a = fold(e.a), b = fold(e.b);
      if (a === undefined || b === undefined) return undefined;
      switch (e.op) {
        case "+": return a + b;
        case "-": return a - b;
        case "*": return a * b;
        case "/": return a / b;
        case "**": return a ** b;
      }
    }
  }
}

/** A QVM angle: a finite number, or a mathjs string over the inputs. */
export function toAngle(e: Expr, ctx: { start: { line: number; column: number } | null }): number | string {
  const v = fold(e);
  if (v !== undefined) {
    if (!Number.isFinite(v)) throw at(ctx, "angle is not a finite number");
    return v;
  }
  return mathText(e);
}

function mathText(e: Expr): string {
  switch (e.k) {
    case "num":
      return String(e.v);
    case "var":
      return e.name;
    case "neg":
      return `(-${mathText(e.a)})`;
    case "fn":
      return `${e.fn}(${mathText(e.a)})`;
    case "op":
      return `(${mathText(e.a)} ${e.op === "**" ? "^" : e.op} ${mathText(e.b)})`;
  }
}

function literal(text: string): number | undefined {
  const t = text.replace(/_/g, "");
  if (/^0[bB][01]+$/.test(t)) return parseInt(t.slice(2), 2);
  if (/^0[oO][0-7]+$/.test(t)) return parseInt(t.slice(2), 8);
  if (/^0[xX][0-9a-fA-F]+$/.test(t)) return parseInt(t.slice(2), 16);
  const v = Number(t);
  return Number.isFinite(v) ? v : undefined;
}

/** Parse-tree expression → Expr; anything that is not real arithmetic is refused at its position. */
export function expr(ctx: P.ExpressionContext, scope: ExprScope): Expr {
  if (ctx instanceof P.ParenthesisExpressionContext) return expr(ctx.expression(), scope);
  if (ctx instanceof P.LiteralExpressionContext) {
    const id = ctx.Identifier();
    if (id) {
      const name = id.getText();
      const bound = scope.names.get(name);
      if (bound) return bound;
      if (scope.inputs.has(name)) return { k: "var", name };
      const c = (scope.version === 2 ? CONSTS_2 : CONSTS_3)[name];
      if (c !== undefined && Object.hasOwn(scope.version === 2 ? CONSTS_2 : CONSTS_3, name)) return num(c);
      throw at(ctx, `unknown name '${name}' in an expression`);
    }
    if (ctx.DecimalIntegerLiteral() || ctx.FloatLiteral() || ctx.HexIntegerLiteral() || ctx.BinaryIntegerLiteral() || ctx.OctalIntegerLiteral()) {
      const v = literal(ctx.getText());
      if (v === undefined) throw at(ctx, `bad number '${ctx.getText()}'`);
      return num(v);
    }
    throw at(ctx, `'${ctx.getText()}' is not supported in an angle expression`);
  }
  if (ctx instanceof P.UnaryExpressionContext) {
    if (ctx._op?.text !== "-") throw at(ctx, `operator '${ctx._op?.text}' is not supported in an angle expression`);
    return { k: "neg", a: expr(ctx.expression(), scope) };
  }
  if (ctx instanceof P.AdditiveExpressionContext || ctx instanceof P.MultiplicativeExpressionContext) {
    const op = ctx._op?.text;
    if (op !== "+" && op !== "-" && op !== "*" && op !== "/") throw at(ctx, `operator '${op}' is not supported in an angle expression`);
    // each branch narrows to one context class: TS 5.0 (tslab) cannot resolve an overload on the union
    const [a, b] = ctx instanceof P.AdditiveExpressionContext ? [ctx.expression(0), ctx.expression(1)] : [ctx.expression(0), ctx.expression(1)];
    return { k: "op", op, a: expr(a!, scope), b: expr(b!, scope) };
  }
  if (ctx instanceof P.PowerExpressionContext) return { k: "op", op: "**", a: expr(ctx.expression(0)!, scope), b: expr(ctx.expression(1)!, scope) };
  // OpenQASM 2.0: `^` is exponentiation (in 3 it is XOR, not an angle operation)
  if (ctx instanceof P.BitwiseXorExpressionContext && scope.version === 2)
    return { k: "op", op: "**", a: expr(ctx.expression(0)!, scope), b: expr(ctx.expression(1)!, scope) };
  if (ctx instanceof P.CallExpressionContext) {
    const name = ctx.Identifier().getText();
    const fns = scope.version === 2 ? FUNCS_2 : FUNCS_3;
    const fn = Object.hasOwn(fns, name) ? fns[name] : undefined;
    const args = ctx.expressionList()?.expression() ?? [];
    if (!fn) throw at(ctx, `function '${name}' is not supported`);
    if (args.length !== 1) throw at(ctx, `${name} takes one argument`);
    return { k: "fn", fn, a: expr(args[0]!, scope) };
  }
  throw at(ctx, `'${ctx.getText().slice(0, 40)}' is not supported in an angle expression`);
}

/** A constant non-negative integer (register sizes, indices). */
export function constInt(ctx: P.ExpressionContext, scope: ExprScope, what: string): number {
  const v = fold(expr(ctx, scope));
  if (v === undefined || !Number.isInteger(v) || v < 0) throw at(ctx, `${what} must be a constant non-negative integer`);
  return v;
}

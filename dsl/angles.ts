// Angle expressions ("pi/4", "theta/2") in the DSL: the kernel's own
// expression language (kernel/qvm/expr.ts — one mathjs parser, loaded lazily,
// one whitelist of operators and functions, one |θ| bound), so an angle the
// DSL accepts is exactly an angle an eager call or a graph accepts. (There
// used to be a second, looser evaluator here: it took "3!", which every
// kernel path then refused.)
import { angleParams as exprParams, evalAngle as exprEval } from "../kernel/qvm/expr.js";
import { QmkError } from "./errors.js";
import type { Angle } from "./types.js";

/** The angle's value under `params`; INVALID_PARAMS naming `field` otherwise. */
export function evalAngle(a: Angle, params: Readonly<Record<string, number>> = {}, field = "angle"): number {
  const ctx = { field, code: "INVALID_PARAMS" } as const;
  // a free name is the DSL user's most common slip: say where parameters are bound
  const unbound = exprParams(a, ctx).filter((n) => !Object.hasOwn(params, n));
  if (unbound.length) {
    throw new QmkError("INVALID_PARAMS", `${field}: unknown parameter '${unbound[0]}' in angle '${String(a)}'; bind named parameters with { params: { … } }`, { field });
  }
  return exprEval(a, params, ctx);
}

/** Named parameters an expression uses (for graph metadata); an invalid one names none (it is refused on evaluation). */
export function angleParams(a: Angle): string[] {
  try {
    return exprParams(a, { code: "INVALID_PARAMS" });
  } catch {
    return [];
  }
}

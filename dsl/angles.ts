// Angle expressions ("pi/4", "theta/2") evaluated with mathjs (never eval),
// parsed once per distinct text.
import { createRequire } from "node:module";
import type { EvalFunction, MathNode } from "mathjs";
import { QmkError } from "./errors.js";

// mathjs costs 0.7–1.5 s to import: it is loaded (synchronously, through its
// CommonJS build) only when an angle is an expression string, never for
// numeric angles. (`import.meta` is an error for tslab's TS 5.0 when it
// compiles this file as CommonJS; this file is always run as ESM.)
let mathParse: ((src: string) => MathNode) | undefined;
function parse(src: string): MathNode {
  // @ts-ignore TS1343 under --module commonjs (see above)
  mathParse ??= (createRequire(import.meta.url)("mathjs") as typeof import("mathjs")).parse;
  return mathParse(src);
}
import type { Angle } from "./types.js";

const cache = new Map<string, EvalFunction>();

export function evalAngle(a: Angle, params: Readonly<Record<string, number>> = {}, field = "angle"): number {
  if (typeof a === "number") {
    if (!Number.isFinite(a)) throw new QmkError("INVALID_PARAMS", `${field} must be finite`, { field });
    return a;
  }
  let f = cache.get(a);
  if (!f) {
    try {
      f = parse(a).compile();
    } catch (e) {
      throw new QmkError("INVALID_PARAMS", `${field}: cannot parse angle expression "${a}": ${(e as Error).message}`, { field });
    }
    cache.set(a, f);
  }
  let v: unknown;
  try {
    v = f.evaluate({ pi: Math.PI, e: Math.E, tau: 2 * Math.PI, ...params });
  } catch (e) {
    throw new QmkError(
      "INVALID_PARAMS",
      `${field}: cannot evaluate "${a}" (${(e as Error).message}); bind named parameters with { params: { … } }`,
      { field },
    );
  }
  if (typeof v !== "number" || !Number.isFinite(v)) {
    throw new QmkError("INVALID_PARAMS", `${field}: "${a}" does not evaluate to a finite number`, { field });
  }
  return v;
}

/** Named parameters an expression uses (for graph metadata). */
export function angleParams(a: Angle): string[] {
  if (typeof a === "number") return [];
  const out = new Set<string>();
  try {
    parse(a).traverse((node: any) => {
      if (node.isSymbolNode && !["pi", "e", "tau"].includes(node.name) && !(node.name in Math)) out.add(node.name);
    });
  } catch {
    /* reported on evaluation */
  }
  return [...out];
}

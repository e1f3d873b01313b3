// qmk/leak: a qubit left live at the end of its scope (function, file, notebook), or
// re-allocated by the next loop iteration while the previous one is still live.
import { ts } from "ts-morph";
import { LIVE } from "../dataflow.js";
import type { Rule } from "./context.js";
import { enclosingStatement } from "./fixes.js";

export const leak: Rule = {
  id: "qmk/leak",
  description: "A qubit is still live (never measured or freed) when its scope ends on some path.",
  check(facts, ctx) {
    for (const f of facts) {
      if (f.kind !== "leak") continue;
      const name = ctx.nameOf(f.obj);
      const some = f.state.mask !== LIVE ? " on some path" : "";
      if (f.where === "realloc") {
        ctx.report("qmk/leak", "error", f.node,
          `The qubit \`${name}\` allocated here by the previous iteration is still live${some} when this line allocates again — measure(${name}) or free(${name}) it before the iteration ends.`);
        continue;
      }
      const scope = describeScope(f.scope, ctx.an.scopeLabel);
      let fix;
      const body = ts.isSourceFile(f.scope) ? f.scope : (f.scope as ts.FunctionLikeDeclaration).body;
      // Offer `free(x)` only where `x` is in scope at the end of the body.
      const decl = enclosingStatement(ctx.an.meta[f.obj].site);
      if (!some && body && decl?.parent === body && /^[\w$]+$/.test(name) && ctx.an.meta[f.obj].name) {
        const at = ts.isSourceFile(body) ? body.getEnd() : ts.isBlock(body) ? body.getEnd() - 1 : -1;
        if (at >= 0) fix = { description: `Free ${name} at the end of ${scope}`, edits: [{ start: at, end: at, newText: `${ts.isSourceFile(body) ? "\n" : "  "}free(${name});\n` }] };
      }
      ctx.report("qmk/leak", "error", f.node,
        `\`${name}\` is still live at the end of ${scope}${some} — measure(${name}) or free(${name}) it on every path.`, fix);
    }
  },
};

function describeScope(n: ts.Node, label: string): string {
  if (ts.isSourceFile(n)) return label;
  const fn = n as ts.FunctionLikeDeclaration;
  if (fn.name && ts.isIdentifier(fn.name)) return `function ${fn.name.text}`;
  if (n.parent && ts.isVariableDeclaration(n.parent) && ts.isIdentifier(n.parent.name)) return `function ${n.parent.name.text}`;
  return "this function";
}

// qmk/unsafe-cast: a cast or annotation that erases (or rewrites) a qubit's brand.
import { ts } from "ts-morph";
import { brandTenant } from "../syntax.js";
import type { Rule } from "./context.js";

const ERASING = new Set([ts.SyntaxKind.AnyKeyword, ts.SyntaxKind.UnknownKeyword, ts.SyntaxKind.ObjectKeyword]);

export const unsafeCast: Rule = {
  id: "qmk/unsafe-cast",
  description: "A cast or `any` erases a qubit's tenant/state brand, hiding it from the type checker.",
  check(facts, ctx) {
    for (const f of facts) {
      if (f.kind !== "cast") continue;
      // Loose parameters (`x: unknown`) are not known to be qubits: casting them is ordinary TypeScript.
      const qs = f.objs.filter((o) => ["qubit", "loan"].includes(ctx.an.meta[o].kind) && !ctx.an.meta[o].loose);
      if (!qs.length) continue;
      const known = new Set<string>();
      for (const q of qs) for (const t of ctx.tenantsOf(q)) known.add(t);
      const name = f.expr.getText(ctx.sf);
      let problem: string | undefined;
      // Every step of `q as unknown as X` counts: the detour through unknown is the forgery idiom.
      const steps: ts.TypeNode[] = [f.type];
      for (let e: ts.Node = f.node; !f.annotation && (ts.isAsExpression(e) || ts.isTypeAssertionExpression(e) || ts.isParenthesizedExpression(e)); e = e.expression) {
        if (!ts.isParenthesizedExpression(e) && e !== f.node) steps.push(e.type);
      }
      if (steps.some((t) => ERASING.has(t.kind) || ts.isTypeLiteralNode(t))) {
        problem = `erases the qubit brand of \`${name}\` (tenant and state) — the compiler can no longer check its uses`;
      } else {
        const b = brandTenant(f.type);
        const lit = [...known].filter((t) => t !== "*");
        if (b === "*" && lit.length) problem = `widens \`${name}\` from tenant ${lit.join("/")} to any tenant, which disables the cross-tenant check`;
        else if (b !== undefined && b !== "*" && lit.length && !lit.includes(b)) problem = `relabels ${lit.join("/")}'s \`${name}\` as ${b}'s`;
      }
      if (!problem) continue;
      const fix = f.annotation
        ? { description: "Remove the type annotation", edits: [{ start: (f.node as ts.VariableDeclaration).name.getEnd(), end: f.type.getEnd(), newText: "" }] }
        : { description: `Remove the cast (use ${name})`, edits: [{ start: f.node.getStart(ctx.sf), end: f.node.getEnd(), newText: name }] };
      ctx.report("qmk/unsafe-cast", "error", f.node,
        `${f.annotation ? "This annotation" : "This cast"} ${problem}; keep the declared Qubit type (let inference carry the brand).`, fix);
    }
  },
};

// qmk/duplicate-operand: the same qubit (directly or through an alias) twice in one gate.
import type { Rule } from "./context.js";

export const duplicateOperand: Rule = {
  id: "qmk/duplicate-operand",
  description: "The same qubit is passed twice to a multi-qubit operation.",
  check(facts, ctx) {
    for (const f of facts) {
      if (f.kind !== "operands") continue;
      const resolved = f.operands.map((o) => ctx.an.qubitsOf(o.objs));
      for (let i = 0; i < resolved.length; i++) {
        for (let j = i + 1; j < resolved.length; j++) {
          const a = resolved[i], b = resolved[j];
          // Only a must-alias is reported: both operands denote exactly one, non-summary object.
          if (a.length !== 1 || b.length !== 1 || a[0] !== b[0] || ctx.an.meta[a[0]].summary) continue;
          const an = f.operands[i].expr.getText(ctx.sf), bn = f.operands[j].expr.getText(ctx.sf);
          ctx.report("qmk/duplicate-operand", "error", f.operands[j].expr,
            `${f.op}: \`${an}\` and \`${bn}\` are the same qubit${an === bn ? "" : " (alias)"} — a ${f.op} needs two distinct qubits.`);
        }
      }
    }
  },
};

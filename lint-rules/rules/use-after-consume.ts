// qmk/use-after-consume: an operation on a qubit that is measured or freed on some path.
import { FREED, LIVE, MEASURED } from "../dataflow.js";
import type { Rule } from "./context.js";
import { plural } from "./context.js";
import { insertBeforeStatement } from "./fixes.js";

export const useAfterConsume: Rule = {
  id: "qmk/use-after-consume",
  description: "A qubit is used after it was measured or freed (through aliases, containers, branches or loop iterations).",
  check(facts, ctx) {
    for (const f of facts) {
      if (f.kind !== "use") continue;
      // Which past states make this use illegal (double consumption is its own rule).
      const bad = f.opKind === "free" ? 0
        : f.opKind === "consume1" || f.opKind === "consume2" || f.opKind === "reset" ? FREED
        : MEASURED | FREED;
      for (const t of f.targets) {
        const s = t.state;
        if (!s || !(s.mask & bad)) continue;
        const maybe = (s.mask & LIVE) !== 0;
        if (maybe && s.weak) continue; // ambiguous alias: not enough evidence
        const name = ctx.nameOf(t.id, f.arg);
        const freed = (s.mask & bad & FREED) !== 0 && !(s.mask & bad & MEASURED);
        const what = freed ? "freed" : "measured";
        const lines = plural(s.at, ctx);
        const when = maybe ? `may have been ${what}${lines} on some path` : `was ${what}${lines}`;
        const advice = freed
          ? "allocate a new qubit with session.qubit() instead"
          : `call reset(${name}) first to reuse it, or allocate a new qubit`;
        const fix = !maybe && !freed && /^[\w$.]+$/.test(name)
          ? insertBeforeStatement(ctx.sf, f.call, `reset(${name});`, `Insert reset(${name}) before this operation`)
          : undefined;
        ctx.report("qmk/use-after-consume", "error", f.arg,
          `${f.op}: \`${name}\` ${when} — ${advice}.`, fix);
      }
    }
  },
};

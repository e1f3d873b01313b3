// qmk/double-consume: measuring a measured qubit, or freeing a freed one, on some path.
import { FREED, LIVE, MEASURED } from "../dataflow.js";
import type { Rule } from "./context.js";
import { plural } from "./context.js";
import { deleteStatement } from "./fixes.js";

export const doubleConsume: Rule = {
  id: "qmk/double-consume",
  description: "A qubit is measured twice or freed twice on some path.",
  check(facts, ctx) {
    for (const f of facts) {
      if (f.kind !== "use") continue;
      const isFree = f.opKind === "free";
      if (!isFree && f.opKind !== "consume1" && f.opKind !== "consume2") continue;
      const bad = isFree ? FREED : MEASURED;
      for (const t of f.targets) {
        const s = t.state;
        if (!s || !(s.mask & bad)) continue;
        const maybe = (s.mask & (isFree ? LIVE | MEASURED : LIVE)) !== 0;
        if (maybe && s.weak) continue;
        const name = ctx.nameOf(t.id, f.arg);
        const what = isFree ? "freed" : "measured";
        const fix = isFree && !maybe ? deleteStatement(ctx.sf, f.call, `Remove the second free(${name})`) : undefined;
        ctx.report("qmk/double-consume", "error", f.arg,
          `${f.op}: \`${name}\` ${maybe ? "may already be" : "is already"} ${what}${plural(s.at, ctx)} — ` +
          (isFree ? "free each qubit exactly once." : `read the first outcome, or reset(${name}) between the two measurements.`), fix);
      }
    }
  },
};

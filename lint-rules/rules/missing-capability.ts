// qmk/missing-capability: an operation on a session whose statically known rights lack what it needs.
import type { Rule } from "./context.js";

export const missingCapability: Rule = {
  id: "qmk/missing-capability",
  description: "An operation needs a right that its session was not opened with.",
  check(facts, ctx) {
    for (const f of facts) {
      if (f.kind !== "capability") continue;
      for (const s of f.sessions) {
        const m = ctx.an.meta[s];
        if (m.kind !== "session" || !m.rights || m.rights.has(f.right) || m.rights.has("CAP_ADMIN")) continue;
        const arr = m.rightsNode!;
        const last = arr.elements[arr.elements.length - 1];
        const at = last ? last.getEnd() : arr.getStart(ctx.sf) + 1;
        const fix = { description: `Add ${f.right} to the session's rights`, edits: [{ start: at, end: at, newText: `${last ? ", " : ""}"${f.right}"` }] };
        ctx.report("qmk/missing-capability", "error", f.call,
          `${f.op} needs ${f.right}, but session ${m.tenant && m.tenant !== "*" ? `"${m.tenant}"` : ""} (${ctx.lineOf(m.site.getStart(ctx.sf))}) was opened with rights [${[...m.rights].join(", ")}] — add "${f.right}" to its rights.`, fix);
      }
    }
  },
};

// The minimal shape the graph rewriters (observables, noise) rely on, checked
// before they touch a caller's graph: bad input is INVALID_GRAPH with the
// field, never a TypeError. Everything else is the verifier's job, on the
// rewritten graph, when it is submitted.
import { QmkError } from "../errors.js";
import type { QvmGraph } from "../qvm/graph.js";

export function assertGraphShape(g: unknown): asserts g is QvmGraph {
  const bad = (field: string, what: string): never => {
    throw new QmkError("INVALID_GRAPH", `not a QVM graph: ${field} ${what}`, { field });
  };
  if (g === null || typeof g !== "object" || Array.isArray(g)) bad("graph", "must be an object");
  const x = g as { program?: { nodes?: unknown }; resources?: { vqs?: unknown; events?: unknown } };
  if (!Array.isArray(x.program?.nodes)) bad("program.nodes", "must be an array");
  if (!Array.isArray(x.resources?.vqs) || !(x.resources!.vqs as unknown[]).every((h) => typeof h === "string")) bad("resources.vqs", "must be an array of handle names");
  if (!Array.isArray(x.resources?.events) || !(x.resources!.events as unknown[]).every((h) => typeof h === "string")) bad("resources.events", "must be an array of event names");
  (x.program!.nodes as unknown[]).forEach((nd, i) => {
    const n = nd as { id?: unknown; op?: unknown; vqs?: unknown; produces?: unknown; inputs?: unknown };
    if (nd === null || typeof nd !== "object" || Array.isArray(nd)) bad(`program.nodes[${i}]`, "must be an object");
    if (typeof n.op !== "string") bad(`program.nodes[${i}].op`, "must be a string");
    if (typeof n.id !== "string") bad(`program.nodes[${i}].id`, "must be a string");
    for (const k of ["vqs", "produces", "inputs"] as const) {
      const v = n[k];
      if (v !== undefined && (!Array.isArray(v) || !v.every((h) => typeof h === "string"))) bad(`program.nodes[${i}].${k}`, "must be an array of names");
    }
  });
}

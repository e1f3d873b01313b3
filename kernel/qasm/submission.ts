// q_submit with `{qasm: text}` instead of `{graph}`: the program is
// translated here and then goes through the same verifier and mediation as
// any graph. Exported for the q_submit handler (kernel/syscall/handlers/jobs.ts).
import { QmkError } from "../errors.js";
import { qasmCounts, qasmMeta, qasmToGraph } from "./import.js";
import type { QvmGraph } from "../qvm/graph.js";

/** The graph a submission names: `graph` as given, or `qasm` (OpenQASM 2.0/3 text) translated. Exactly one of them. */
export function graphFromSubmission(params: { graph?: unknown; qasm?: unknown }): unknown {
  if (params.qasm === undefined) return params.graph;
  if (params.graph !== undefined) throw new QmkError("INVALID_PARAMS", "give either graph or qasm, not both", { field: "params.qasm" });
  if (typeof params.qasm !== "string") throw new QmkError("INVALID_PARAMS", "qasm must be OpenQASM 2.0 or 3 program text", { field: "params.qasm" });
  try {
    return qasmToGraph(params.qasm);
  } catch (e) {
    // keep the code and the line/column message; point at the parameter
    if (e instanceof QmkError) throw new QmkError(e.codeName, e.message, { ...e.data, field: "params.qasm" });
    throw e;
  }
}

/**
 * For a job whose graph came from OpenQASM: its counts keyed by the
 * program's classical bits (declaration order, first declared leftmost),
 * with the bit names; undefined for other graphs.
 */
export function qasmResult(graph: QvmGraph, eventsOrder: readonly string[], counts: Record<string, number>): { bits: string[]; counts: Record<string, number> } | undefined {
  const meta = qasmMeta(graph);
  return meta ? { bits: [...meta.bits], counts: qasmCounts(meta, eventsOrder, counts) } : undefined;
}

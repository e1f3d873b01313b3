// Static verifier for QVM graphs (SPEC §1.3, §1.4, §2.9). Collects every
// issue instead of stopping at the first; never throws on any input.
import type { ErrorName } from "../errors.js";
import type { Right } from "../security/rights.js";
import type { QvmGraph } from "./graph.js";

export interface Issue {
  code: ErrorName;
  node?: string;
  field?: string;
  message: string;
}

export interface VerifyOptions {
  /** leaks (qubits still live at the end) become errors */
  strict?: boolean;
  /** bindings for angle expressions */
  params?: Record<string, number>;
  /** does `channel` authorize entangling tenants a and b? Absent ⇒ no cross-tenant op is allowed. */
  channelValid?: (a: string, b: string, channel: string) => boolean;
}

export interface VerifyResult {
  valid: boolean;
  errors: Issue[];
  warnings: Issue[];
  /** rights derived from the opcodes (union), canonical order */
  requiredCaps: Right[];
  /** tenants named by ALLOC_LQ args.tenant/tenant_id, first-seen order */
  tenants: string[];
  /** the graph, when it passed the schema */
  graph?: QvmGraph;
}

export function verifyGraph(graph: unknown, opts: VerifyOptions = {}): VerifyResult {
  void graph;
  void opts;
  return { valid: false, errors: [{ code: "INTERNAL_ERROR", message: "verifier not implemented yet" }], warnings: [], requiredCaps: [], tenants: [] };
}

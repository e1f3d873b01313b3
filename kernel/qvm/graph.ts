// QVM graph types (SPEC §1.3). The JSON form is the upstream v0.1 format plus
// the QMK extensions (extra opcodes, `args.tenant`, `args.channel`).
// Array order is program order for nodes that share a handle.

/**
 * Run the node only if a condition holds: one event equals 0|1, or (QMK
 * extension, for OpenQASM's `if (c == n)`) several events read as an
 * integer, events[k] = bit k (least significant first), equal `equals`.
 */
export type QvmGuard = { event: string; equals: 0 | 1 } | { events: string[]; equals: number };

/** The (event, bit) pairs a guard tests. */
export function guardTerms(g: QvmGuard): Array<{ event: string; bit: 0 | 1 }> {
  if ("events" in g) return g.events.map((event, k) => ({ event, bit: ((g.equals >> k) & 1) as 0 | 1 }));
  return [{ event: g.event, bit: g.equals }];
}

export interface QvmNode {
  id: string;
  op: string;
  args?: Record<string, unknown>;
  vqs?: string[];
  chs?: string[];
  inputs?: string[];
  produces?: string[];
  caps?: string[];
  guard?: QvmGuard;
  metadata?: Record<string, unknown>;
}

export interface QvmResources {
  vqs: string[];
  chs?: string[];
  events: string[];
}

export interface QvmGraph {
  version: string;
  description?: string;
  program: { nodes: QvmNode[] };
  resources: QvmResources;
  caps?: string[];
  metadata?: Record<string, unknown>;
}

/** A node with every optional array/object filled in and `pauli` folded into `mask`. */
export interface NormNode {
  id: string;
  op: string;
  args: Record<string, unknown>;
  vqs: string[];
  chs: string[];
  inputs: string[];
  produces: string[];
  caps: string[];
  guard?: QvmGuard;
}

export function normalizeNode(n: QvmNode): NormNode {
  const args = { ...(n.args ?? {}) };
  // upstream spells the COND_PAULI Pauli both `pauli` and `mask`
  if (args.mask === undefined && args.pauli !== undefined) args.mask = args.pauli;
  delete args.pauli;
  if (args.tenant === undefined && args.tenant_id !== undefined) args.tenant = args.tenant_id;
  delete args.tenant_id;
  return {
    id: n.id,
    op: n.op,
    args,
    vqs: n.vqs ?? [],
    chs: n.chs ?? [],
    inputs: n.inputs ?? [],
    produces: n.produces ?? [],
    caps: n.caps ?? [],
    ...(n.guard ? { guard: n.guard } : {}),
  };
}

// QVM graph types (SPEC §1.3). The JSON form is the upstream v0.1 format plus
// the QMK extensions (extra opcodes, `args.tenant`, `args.channel`).
// Array order is program order for nodes that share a handle.

export interface QvmGuard {
  event: string;
  equals: 0 | 1;
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

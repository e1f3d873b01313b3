// Audit reads. CAP_AUDIT sees everything; without it, q_audit_query shows a
// tenant its own events only. Proofs and heads need CAP_AUDIT.
import { QmkError } from "../../errors.js";
import type { AuditQuery } from "../../security/audit/index.js";
import type { KernelCore } from "../core.js";
import type { CallContext } from "../context.js";
import { int, optInt, type Params } from "../params.js";

export function query(k: KernelCore, ctx: CallContext, p: Params): unknown {
  const f = p.filters === undefined ? {} : p.filters;
  if (f === null || typeof f !== "object" || Array.isArray(f)) throw new QmkError("INVALID_PARAMS", "filters must be an object", { field: "params.filters" });
  const filters = { ...(f as AuditQuery) };
  if (!ctx.session.rights.has("CAP_AUDIT")) {
    if (filters.tenant !== undefined && filters.tenant !== ctx.tenant) {
      throw new QmkError("INSUFFICIENT_CAPS", "reading another tenant's events needs CAP_AUDIT", { field: "params.filters.tenant", missing: ["CAP_AUDIT"] });
    }
    filters.tenant = ctx.tenant;
    // a cursor over global positions would let a tenant bisect for them (see below)
    if (filters.after !== undefined) {
      throw new QmkError("INSUFFICIENT_CAPS", "paging by log position needs CAP_AUDIT; page by time (since/until)", { field: "params.filters.after", missing: ["CAP_AUDIT"] });
    }
  }
  const events = k.audit.query(filters);
  const scoped = !ctx.session.rights.has("CAP_AUDIT");
  ctx.audit.details = { results: events.length, scoped };
  if (!scoped) return { events, tree_size: k.audit.size };
  // Issue 12 §3/§4: an event's index is its position in the one kernel-wide log, so the gaps
  // between a tenant's own indices (and the tree size) count what other tenants do. A scoped
  // reader sees its events without them; positions and proofs need CAP_AUDIT.
  return { events: events.map(({ index: _index, ...ev }) => ev) };
}

export function treeHead(k: KernelCore, _ctx: CallContext, p: Params): unknown {
  return p.sign === false ? k.audit.treeHead() : k.audit.signTreeHead();
}

export function inclusion(k: KernelCore, _ctx: CallContext, p: Params): unknown {
  const size = optInt(p, "tree_size", 1, k.audit.size) ?? k.audit.size;
  const index = int(p, "index", 0, size - 1);
  return k.audit.inclusionProof(index, size);
}

export function consistency(k: KernelCore, _ctx: CallContext, p: Params): unknown {
  const second = optInt(p, "second", 1, k.audit.size) ?? k.audit.size;
  const first = int(p, "first", 1, second);
  return k.audit.consistencyProof(first, second);
}

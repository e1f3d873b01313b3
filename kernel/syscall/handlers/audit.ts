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
  }
  const events = k.audit.query(filters);
  ctx.audit.details = { results: events.length, scoped: !ctx.session.rights.has("CAP_AUDIT") };
  return { events, tree_size: k.audit.size };
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

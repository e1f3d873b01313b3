// Tenant administration (CAP_ADMIN): create, suspend, resume, delete, quotas, policy.
import { QmkError } from "../../errors.js";
import { isRight, RIGHTS, type Right } from "../../security/rights.js";
import type { KernelCore } from "../core.js";
import { ADMIN_TENANT } from "../core.js";
import type { CallContext } from "../context.js";
import { str, type Params } from "../params.js";

function rightsParam(p: Params, field: string): Right[] {
  const v = p[field];
  if (v === undefined) return ["CAP_ALLOC", "CAP_MEASURE"];
  if (!Array.isArray(v)) throw new QmkError("INVALID_PARAMS", `${field} must be a list of rights`, { field: `params.${field}` });
  v.forEach((r, i) => {
    if (!isRight(r)) throw new QmkError("INVALID_PARAMS", `unknown right ${String(r)}; known: ${RIGHTS.join(", ")}`, { field: `params.${field}[${i}]` });
  });
  return [...new Set(v as Right[])];
}

function tenantParam(k: KernelCore, p: Params): string {
  const id = str(p, "tenant_id", 64);
  // a name means its current generation; an id (alice#2) means exactly that tenant
  const t = k.tenants.byTenantName(id) ?? k.tenants.get(id);
  if (!t || t.status === "deleted") throw new QmkError("INVALID_PARAMS", `no tenant ${id}`, { field: "params.tenant_id" });
  if (t.id === ADMIN_TENANT) throw new QmkError("ACCESS_DENIED", "the admin tenant cannot be changed", { field: "params.tenant_id" });
  return t.id;
}

/** Fair-share reserves must fit the shared machine together, or a reserve could not be honoured. */
function checkReserve(k: KernelCore, id: string | undefined, quota: unknown): void {
  const r = (quota as { reserved_qubits?: unknown } | null | undefined)?.reserved_qubits;
  if (typeof r !== "number") return;
  const total = k.tenants.reservedTotal(id ?? "\u0000new", r);
  if (total > k.machine.maxQubits) {
    throw new QmkError("INVALID_PARAMS", `reserved_qubits over all tenants would be ${total}; the shared simulator holds ${k.machine.maxQubits}`, {
      field: "params.quota.reserved_qubits",
      limit: k.machine.maxQubits,
    });
  }
}

export function createTenant(k: KernelCore, ctx: CallContext, p: Params): unknown {
  const rights = rightsParam(p, "rights");
  checkReserve(k, undefined, p.quota);
  const t = k.tenants.create(p.name, { quota: p.quota, reuseDeletedName: p.reuse_deleted_name === true });
  let token: string;
  try {
    token = k.tokens.mint({ rights, tenant: t.id });
  } catch (e) {
    // never leave a tenant nobody can log in as
    k.tenants.delete(t.id);
    throw e;
  }
  ctx.audit.type = "tenant.create";
  ctx.audit.details = { tenant_id: t.id, rights };
  return { tenant_id: t.id, token, quota: t.quota };
}

export function suspendTenant(k: KernelCore, ctx: CallContext, p: Params): unknown {
  const id = tenantParam(k, p);
  const t = k.tenants.suspend(id);
  ctx.audit.type = "tenant.suspend";
  ctx.audit.details = { tenant_id: id };
  return { tenant_id: id, status: t.status };
}

export function resumeTenant(k: KernelCore, ctx: CallContext, p: Params): unknown {
  const id = tenantParam(k, p);
  const t = k.tenants.resume(id);
  ctx.audit.type = "tenant.resume";
  ctx.audit.details = { tenant_id: id };
  return { tenant_id: id, status: t.status };
}

/** Deleting a tenant frees everything it held: qubits, jobs, channels, sessions. */
export function deleteTenant(k: KernelCore, ctx: CallContext, p: Params): unknown {
  const id = tenantParam(k, p);
  const qubits = k.machine.qubitsOf(id).map((q) => q.id);
  k.qubitsFreed(k.machine.forceFree(qubits));
  let jobs = 0;
  for (const j of k.jobs.values()) {
    if (j.tenant === id && (j.state === "queued" || j.state === "running")) {
      j.cancel("tenant deleted");
      jobs++;
    }
  }
  // the manager's own bulk revocation, and the kernel's own session close (it frees the
  // session's bookkeeping too): nothing here re-implements either (issue 16)
  const channels = k.channels.revokeAllOf(id, ctx.tenant).length;
  for (const s of [...k.sessions.values()]) if (s.tenant === id) k.closeSession(s.id, "AUTH_FAILED");
  const released = k.tenants.delete(id);
  k.policy.forgetTenant(id);
  ctx.audit.type = "tenant.delete";
  ctx.audit.details = { tenant_id: id, qubits: qubits.length, jobs, channels };
  return { tenant_id: id, status: released.tenant.status, released: { qubits: qubits.length, jobs, channels } };
}

export function setQuota(k: KernelCore, ctx: CallContext, p: Params): unknown {
  const id = tenantParam(k, p);
  checkReserve(k, id, p.quota);
  const quota = k.tenants.setQuota(id, p.quota);
  ctx.audit.type = "policy.change";
  ctx.audit.details = { tenant_id: id, quota };
  return { tenant_id: id, quota };
}

export function setPolicy(k: KernelCore, ctx: CallContext, p: Params): unknown {
  const rules = k.policy.setRules(p.rules);
  ctx.audit.type = "policy.change";
  ctx.audit.details = { rules: rules.map((r) => r.id) };
  return { rules };
}

export function getPolicy(k: KernelCore): unknown {
  return { rules: k.policy.getRules() };
}

export function listTenants(k: KernelCore): unknown {
  return { tenants: k.tenants.list().map((t) => ({ tenant_id: t.id, status: t.status, quota: t.quota, usage: t.usage })) };
}

// Operator methods behind `qmk token mint`, `qmk jobs list` and
// `qmk channel list`: what an administrator needs that a tenant's own
// methods do not give (minting for another tenant, every tenant's jobs).
import { QmkError } from "../../errors.js";
import { isRight, RIGHTS, type Right } from "../../security/rights.js";
import type { KernelCore } from "../core.js";
import { ADMIN_TENANT } from "../core.js";
import type { CallContext } from "../context.js";
import { optInt, optStr, str, type Params } from "../params.js";
import { inspectToken } from "../../security/tokens.js";

function liveTenant(k: KernelCore, name: string, field: string): string {
  const t = k.tenants.byTenantName(name) ?? k.tenants.get(name);
  if (!t || t.status === "deleted") throw new QmkError("INVALID_PARAMS", `no tenant ${name}`, { field });
  return t.id;
}

/** q_mint_token (CAP_ADMIN): a fresh root token for a tenant, with optional expiry and use limit. */
export function mintToken(k: KernelCore, ctx: CallContext, p: Params): unknown {
  const tenant = liveTenant(k, str(p, "tenant_id", 64), "params.tenant_id");
  if (tenant === ADMIN_TENANT) throw new QmkError("ACCESS_DENIED", "admin tokens are minted at bootstrap only", { field: "params.tenant_id" });
  const v = p.rights;
  if (!Array.isArray(v) || v.length === 0) throw new QmkError("INVALID_PARAMS", "rights must be a non-empty list", { field: "params.rights" });
  v.forEach((r, i) => {
    if (!isRight(r)) throw new QmkError("INVALID_PARAMS", `unknown right ${String(r)}; known: ${RIGHTS.join(", ")}`, { field: `params.rights[${i}]` });
  });
  const expiresAt = optInt(p, "expires_at", 0, Number.MAX_SAFE_INTEGER);
  const maxUses = optInt(p, "max_uses", 1, 1_000_000_000);
  const rights = [...new Set(v as Right[])];
  const token = k.tokens.mint({ rights, tenant, ...(expiresAt !== undefined ? { expiresAt } : {}), ...(maxUses !== undefined ? { maxUses } : {}) });
  const id = inspectToken(token).id;
  ctx.audit.type = "cap.grant";
  ctx.audit.details = { tenant_id: tenant, token_id: id, rights, ...(expiresAt !== undefined ? { expires_at: expiresAt } : {}), ...(maxUses !== undefined ? { max_uses: maxUses } : {}) };
  return { tenant_id: tenant, token, token_id: id };
}

const STATES = new Set(["queued", "running", "completed", "failed", "cancelled"]);

/** q_list_jobs: the caller's jobs; with CAP_ADMIN any tenant's (tenant_id filter, "*" or absent = all). */
export function listJobs(k: KernelCore, ctx: CallContext, p: Params): unknown {
  const admin = ctx.session.rights.has("CAP_ADMIN");
  const want = optStr(p, "tenant_id", 64);
  const state = optStr(p, "state", 16);
  if (state !== undefined && !STATES.has(state)) throw new QmkError("INVALID_PARAMS", `state must be one of ${[...STATES].join(", ")}`, { field: "params.state" });
  const tenant = !admin ? ctx.tenant : want === undefined || want === "*" ? null : liveTenant(k, want, "params.tenant_id");
  const jobs = [];
  for (const j of k.jobs.values()) {
    if (tenant !== null && j.tenant !== tenant) continue;
    if (state !== undefined && j.state !== state) continue;
    jobs.push({
      // operators name jobs by id (q_status/q_cancel accept it with CAP_ADMIN); tenants get their handle
      id: admin ? j.id : j.handle,
      tenant: j.tenant,
      state: j.state,
      shots: j.shots,
      shots_done: j.shotsDone,
      submitted_at: j.submittedAt,
      ...(j.error ? { error: j.error.name } : {}),
    });
  }
  return { jobs };
}

// Per-tenant quotas (SPEC §2.1). Snake_case keys: the object travels through
// q_create_tenant / q_set_quota unchanged, and errors name `quota.<key>`.
import { QmkError } from "../../errors.js";

export const QUOTA_FIELDS = [
  "logical_qubits",
  "physical_qubits",
  "channels",
  "sessions",
  "concurrent_jobs",
  "gates_per_job",
  "jobs_per_minute",
  "api_calls_per_minute",
  "measurements_per_second",
  "allocations_per_minute",
  "reserved_qubits",
  "scheduler_weight",
  "retained_jobs",
] as const;

export type QuotaField = (typeof QUOTA_FIELDS)[number];
export type Quota = Record<QuotaField, number>;

/** Resources a tenant holds (charged on acquire, released on free). */
export const USAGE_FIELDS = ["logical_qubits", "physical_qubits", "channels", "sessions", "concurrent_jobs"] as const;
export type UsageField = (typeof USAGE_FIELDS)[number];
export type Usage = Record<UsageField, number>;

// Sized for a dense state-vector simulator shared by several tenants: 16
// logical qubits at Surface(d=7) cost 16·97 = 1552 physical qubits.
export const DEFAULT_QUOTA: Readonly<Quota> = Object.freeze({
  logical_qubits: 16,
  physical_qubits: 10_000,
  channels: 8,
  sessions: 16,
  concurrent_jobs: 4,
  gates_per_job: 100_000,
  jobs_per_minute: 600,
  // 2 000 calls/s: an eager notebook loop runs one call per gate, so this must be generous;
  // tighten per tenant with q_set_quota or a limit rule.
  api_calls_per_minute: 120_000,
  measurements_per_second: 10_000,
  allocations_per_minute: 60_000,
  // Fair share of the shared eager simulator: qubits always admitted for this
  // tenant, whatever others hold (set by the operator; the sum over tenants
  // cannot exceed the machine).
  reserved_qubits: 0,
  // The tenant's share of job time (weighted fair queuing); only an operator
  // sets it. A job's own `priority` orders only its tenant's jobs.
  scheduler_weight: 1,
  // Finished jobs kept for q_status / q_wait / q_attestation (oldest dropped
  // first; each is also dropped an hour after it ended).
  retained_jobs: 64,
});

export const QUOTA_MAX_VALUE = 1_000_000_000;

export function emptyUsage(): Usage {
  return { logical_qubits: 0, physical_qubits: 0, channels: 0, sessions: 0, concurrent_jobs: 0 };
}

export function isUsageField(x: unknown): x is UsageField {
  return typeof x === "string" && (USAGE_FIELDS as readonly string[]).includes(x);
}

/**
 * Validate a partial quota and merge it over `base`. Unknown keys and values
 * that are not integers in [0, 1e9] are refused with the field named.
 */
export function validateQuota(input: unknown, base: Readonly<Quota> = DEFAULT_QUOTA, prefix = "quota"): Quota {
  if (input === undefined) return { ...base };
  if (typeof input !== "object" || input === null || Array.isArray(input))
    throw new QmkError("INVALID_PARAMS", `${prefix}: expected an object`, { field: prefix });
  const out: Quota = { ...base };
  for (const [k, v] of Object.entries(input)) {
    const field = `${prefix}.${k}`;
    if (!(QUOTA_FIELDS as readonly string[]).includes(k))
      throw new QmkError("INVALID_PARAMS", `${field}: unknown quota field (known: ${QUOTA_FIELDS.join(", ")})`, { field });
    if (typeof v !== "number" || !Number.isInteger(v) || v < 0 || v > QUOTA_MAX_VALUE)
      throw new QmkError("INVALID_PARAMS", `${field}: expected an integer in [0, ${QUOTA_MAX_VALUE}]`, { field });
    out[k as QuotaField] = v;
  }
  return out;
}

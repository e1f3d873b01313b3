// Public types of the policy engine (SPEC §2.7). Rules are plain JSON so
// they can travel through q_set_policy unchanged.

export type Effect = "allow" | "deny" | "limit";

/** A glob (`*` any run, `?` one char) or a list of globs; matches if any does. */
export type Pattern = string | string[];

export type Weekday = "sun" | "mon" | "tue" | "wed" | "thu" | "fri" | "sat";

export interface TimeWindow {
  /** inclusive start: epoch ms or an ISO-8601 string */
  after?: number | string;
  /** exclusive end: epoch ms or an ISO-8601 string */
  before?: number | string;
  /** UTC hours [from, to): 0 ≤ from, to ≤ 24; from > to wraps midnight ([22, 6]) */
  hours?: [number, number];
  /** UTC weekdays: 0–6 (0 = Sunday) or "sun".."sat" */
  days?: Array<number | Weekday>;
}

export interface RuleMatch {
  tenant?: Pattern;
  method?: Pattern;
  opcode?: Pattern;
  resource?: Pattern;
  time?: TimeWindow;
}

export interface RateLimit {
  rate: number;
  per: "second" | "minute";
  /** bucket capacity; defaults to `rate` */
  burst?: number;
}

export interface QuotaLimit {
  quota: { resource: string; max: number };
}

export interface PolicyRule {
  id: string;
  effect: Effect;
  /** omitted = matches every request */
  match?: RuleMatch;
  /** required for (and only for) effect "limit" */
  limit?: RateLimit | QuotaLimit;
  reason?: string;
}

export interface PolicyRequest {
  tenant: string;
  /** the q_* syscall, or GRAPH_NODE_METHOD for a node executed inside a job */
  method: string;
  opcode?: string;
  resource?: string;
  /** epoch ms; defaults to the engine's clock */
  now?: number;
  /**
   * the call already passed admission (PolicyEngine.admit charged its
   * call-rate buckets): do not charge them again
   */
  admitted?: boolean;
  /** units consumed (e.g. qubits requested); default 1 */
  cost?: number;
}

export type PolicyCode = "POLICY_DENIED" | "RATE_LIMITED" | "QUOTA_EXCEEDED";

export interface PolicyDecision {
  allow: boolean;
  code?: PolicyCode;
  /** id of the rule that decided: a rule id, "builtin:<limit>" or "default" */
  rule: string;
  explain: string[];
  /** RATE_LIMITED: time until the bucket holds enough tokens */
  retryAfterMs?: number;
  /** QUOTA_EXCEEDED: the numbers behind the refusal */
  quota?: { resource: string; limit: number; used: number; requested: number };
}

/**
 * Per-tenant rate limits the engine applies without any rule, normally the
 * tenant's quota (same field names as the tenant registry's Quota, so
 * `registry.quotaOf` can be passed as is). A missing field means no limit.
 */
export interface BuiltinLimits {
  api_calls_per_minute?: number;
  jobs_per_minute?: number;
  allocations_per_minute?: number;
  measurements_per_second?: number;
}

/** Method name the mediator uses when evaluating a node inside a running job. */
export const GRAPH_NODE_METHOD = "@node";

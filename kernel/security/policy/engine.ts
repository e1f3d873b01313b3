// The policy engine (SPEC §2.7). Composition order, fixed and documented:
//
//   1. explicit deny   — first matching deny rule (rule order) → POLICY_DENIED
//   2. limits/quotas   — built-in per-tenant rate limits (from the tenant's
//                        quota), then every matching limit rule (rate → RATE_LIMITED,
//                        quota → QUOTA_EXCEEDED); all must pass
//   3. explicit allow  — first matching allow rule → allowed, that rule fired
//   4. default         — `defaultEffect` ("allow" unless configured), rule "default"
//
// Deny overrides everything: an allow rule can never lift a deny or a limit.
// Tokens are only taken when the final decision is allow (two-phase), so a
// refused request does not drain a bucket.
//
// Built-in limits (per tenant, bucket capacity = the limit, refilled evenly):
//   api_calls_per_minute     every request except GRAPH_NODE_METHOD      1 token
//   jobs_per_minute          method q_submit                              1 token
//   allocations_per_minute   method q_alloc or opcode ALLOC_LQ            1 token
//   measurements_per_second  method q_measure or opcode MEASURE_*         `cost` tokens
// Limit rules take `cost` tokens (default 1). A quota rule asks the `usage`
// source for the tenant's current holding of its resource; when the source
// does not know the resource, the engine caps the cumulative units it granted
// since the rule was loaded.
import { QmkError } from "../../errors.js";
import type { Journal } from "../../persist/journal.js";
import { TokenBucket } from "./bucket.js";
import { compileRule, ruleMatches, RuleIndex, type CompiledRule } from "./compile.js";
import { validateRules } from "./validate.js";
import {
  GRAPH_NODE_METHOD,
  type BuiltinLimits,
  type PolicyDecision,
  type PolicyRequest,
  type PolicyRule,
} from "./types.js";

export type PolicyRecord = { t: "rules"; rules: PolicyRule[]; at: number };

export interface PolicyEngineOptions {
  rules?: unknown;
  clock?: () => number;
  defaultEffect?: "allow" | "deny";
  /** the tenant's built-in rate limits, e.g. `(t) => registry.quotaOf(t)` */
  builtinLimits?: (tenant: string) => BuiltinLimits | undefined;
  /** current holding of `resource` by `tenant`, for quota rules */
  usage?: (tenant: string, resource: string) => number | undefined;
  /** persists the rule set (q_set_policy survives a restart); last record wins */
  journal?: Journal<PolicyRecord>;
}

type BuiltinName = keyof BuiltinLimits;
const BUILTIN_PER_MS: Record<BuiltinName, number> = {
  api_calls_per_minute: 1 / 60_000,
  jobs_per_minute: 1 / 60_000,
  allocations_per_minute: 1 / 60_000,
  measurements_per_second: 1 / 1000,
};

interface Pending {
  bucket?: TokenBucket;
  tokens: number;
  counter?: { map: Map<string, number>; tenant: string };
}

export class PolicyEngine {
  private rules: PolicyRule[] = [];
  private index: RuleIndex = RuleIndex.build([], []);
  private readonly clock: () => number;
  private readonly defaultAllow: boolean;
  private readonly builtinLimits?: (tenant: string) => BuiltinLimits | undefined;
  private readonly usage?: (tenant: string, resource: string) => number | undefined;
  private readonly journal?: Journal<PolicyRecord>;
  private readonly builtin = new Map<string, Partial<Record<BuiltinName, TokenBucket>>>();
  // Reused across calls (evaluate is synchronous and not re-entrant) to keep the hot path allocation-light.
  private readonly pending: Pending[] = [];

  constructor(opts: PolicyEngineOptions = {}) {
    this.clock = opts.clock ?? Date.now;
    this.defaultAllow = (opts.defaultEffect ?? "allow") === "allow";
    this.builtinLimits = opts.builtinLimits;
    this.usage = opts.usage;
    this.journal = opts.journal;
    const stored = this.journal?.replay().filter((r) => r.t === "rules").at(-1);
    if (opts.rules !== undefined) this.setRules(opts.rules);
    else if (stored) this.load(validateRules(stored.rules));
  }

  /** Replace the rule set atomically (validated first; persisted if a journal was given). */
  setRules(input: unknown): PolicyRule[] {
    const rules = validateRules(input);
    this.journal?.compact([{ t: "rules", rules, at: this.clock() }]);
    this.load(rules);
    return this.getRules();
  }

  getRules(): PolicyRule[] {
    return structuredClone(this.rules);
  }

  /** Drop the rate state of a deleted tenant. */
  forgetTenant(tenant: string): void {
    this.builtin.delete(tenant);
    for (const r of this.index.rules) {
      r.buckets.delete(tenant);
      r.consumed.delete(tenant);
    }
  }

  private load(rules: PolicyRule[]): void {
    const old = new Map(this.index.rules.map((r) => [r.id, r]));
    const compiled = rules.map((r, i) => {
      const c = compileRule(r, i);
      // Re-loading an unchanged limit keeps its buckets: q_set_policy must not hand out a fresh burst.
      const prev = old.get(c.id);
      if (prev && prev.limitKey === c.limitKey) {
        c.buckets = prev.buckets;
        c.consumed = prev.consumed;
      }
      return c;
    });
    this.rules = rules;
    this.index = RuleIndex.build(rules, compiled);
  }

  evaluate(req: PolicyRequest): PolicyDecision {
    const now = req.now ?? this.clock();
    const cost = req.cost ?? 1;
    if (typeof req.tenant !== "string") throw new QmkError("INVALID_PARAMS", "tenant must be a string", { field: "tenant" });
    if (typeof req.method !== "string") throw new QmkError("INVALID_PARAMS", "method must be a string", { field: "method" });
    if (!(cost >= 0) || cost === Infinity) throw new QmkError("INVALID_PARAMS", "cost must be a finite number ≥ 0", { field: "cost" });
    const groups = this.index.forMethod(req.method);

    // 1. explicit deny
    for (const r of groups.deny)
      if (ruleMatches(r, req, now))
        return { allow: false, code: "POLICY_DENIED", rule: r.id, explain: [`deny rule ${r.id} matched${r.reason ? `: ${r.reason}` : ""}`] };

    // 2. limits and quotas (check all, take nothing yet)
    const pending = this.pending;
    pending.length = 0;
    const refused = this.checkBuiltins(req, now, cost) ?? this.checkLimitRules(groups.limit, req, now, cost);
    if (refused) return refused;

    // 3. explicit allow, 4. default
    let decision: PolicyDecision | undefined;
    for (const r of groups.allow)
      if (ruleMatches(r, req, now)) {
        decision = { allow: true, rule: r.id, explain: [`allow rule ${r.id} matched`] };
        break;
      }
    decision ??= this.defaultAllow
      ? { allow: true, rule: "default", explain: ["no deny or allow rule matched; default allow"] }
      : { allow: false, code: "POLICY_DENIED", rule: "default", explain: ["no allow rule matched; default deny"] };
    if (pending.length) decision.explain.unshift(`${pending.length} limit(s) passed`);
    if (decision.allow)
      for (const p of pending) {
        if (p.bucket) p.bucket.take(p.tokens);
        if (p.counter) p.counter.map.set(p.counter.tenant, (p.counter.map.get(p.counter.tenant) ?? 0) + p.tokens);
      }
    return decision;
  }

  /**
   * Admission, before any work is done for the call: take one token from the
   * tenant's api_calls_per_minute bucket (and jobs_per_minute for q_submit).
   * Taken whatever the later stages decide, so a caller refused for rights or
   * a bad graph is still rate-limited. Returns the refusal, if any.
   */
  admit(tenant: string, method: string, now = this.clock()): PolicyDecision | undefined {
    const limits = this.builtinLimits?.(tenant);
    if (!limits) return undefined;
    const pending = this.pending;
    pending.length = 0;
    const refused =
      this.builtinCheck(tenant, "api_calls_per_minute", limits, now, 1) ??
      (method === "q_submit" ? this.builtinCheck(tenant, "jobs_per_minute", limits, now, 1) : undefined);
    if (!refused) for (const p of pending) p.bucket?.take(p.tokens);
    pending.length = 0;
    return refused;
  }

  private checkBuiltins(req: PolicyRequest, now: number, cost: number): PolicyDecision | undefined {
    const limits = this.builtinLimits?.(req.tenant);
    if (!limits) return undefined;
    const m = req.method;
    const op = req.opcode;
    let refused: PolicyDecision | undefined;
    if (m !== GRAPH_NODE_METHOD && !req.admitted) refused = this.builtinCheck(req.tenant, "api_calls_per_minute", limits, now, 1);
    if (!refused && m === "q_submit" && !req.admitted) refused = this.builtinCheck(req.tenant, "jobs_per_minute", limits, now, 1);
    if (!refused && (m === "q_alloc" || op === "ALLOC_LQ")) refused = this.builtinCheck(req.tenant, "allocations_per_minute", limits, now, 1);
    if (!refused && (m === "q_measure" || (op !== undefined && op.startsWith("MEASURE_"))))
      refused = this.builtinCheck(req.tenant, "measurements_per_second", limits, now, cost);
    return refused;
  }

  private builtinCheck(tenant: string, name: BuiltinName, limits: BuiltinLimits, now: number, tokens: number): PolicyDecision | undefined {
    const limit = limits[name];
    if (limit === undefined || !(limit >= 0)) return undefined;
    let state = this.builtin.get(tenant);
    if (!state) this.builtin.set(tenant, (state = {}));
    let b = state[name];
    if (!b || b.burst !== limit) {
      // A changed quota takes effect at once, without refilling a drained bucket.
      const nb = new TokenBucket(limit * BUILTIN_PER_MS[name], limit, now);
      if (b) nb.tokens = Math.min(limit, b.refill(now));
      state[name] = b = nb;
    }
    return this.bucketCheck(b, `builtin:${name}`, now, tokens);
  }

  private bucketCheck(b: TokenBucket, rule: string, now: number, tokens: number): PolicyDecision | undefined {
    b.refill(now);
    if (b.tokens >= tokens) {
      this.pending.push({ bucket: b, tokens });
      return undefined;
    }
    const wait = b.waitFor(tokens);
    return {
      allow: false,
      code: "RATE_LIMITED",
      rule,
      retryAfterMs: wait === Infinity ? undefined : wait,
      explain: [
        wait === Infinity
          ? `${rule}: request of ${tokens} exceeds the bucket capacity ${b.burst}`
          : `${rule}: ${Math.floor(b.tokens)} of ${b.burst} tokens left, ${tokens} needed; retry in ${wait} ms`,
      ],
    };
  }

  private checkLimitRules(rules: CompiledRule[], req: PolicyRequest, now: number, cost: number): PolicyDecision | undefined {
    for (const r of rules) {
      if (!ruleMatches(r, req, now)) continue;
      if (r.rate) {
        let b = r.buckets.get(req.tenant);
        if (!b) r.buckets.set(req.tenant, (b = TokenBucket.of(r.rate.rate, r.rate.per, r.rate.burst, now)));
        const refused = this.bucketCheck(b, r.id, now, cost);
        if (refused) {
          if (r.reason) refused.explain.push(r.reason);
          return refused;
        }
      } else if (r.quota) {
        const { resource, max } = r.quota;
        const external = this.usage?.(req.tenant, resource);
        const used = external ?? r.consumed.get(req.tenant) ?? 0;
        if (used + cost > max)
          return {
            allow: false,
            code: "QUOTA_EXCEEDED",
            rule: r.id,
            quota: { resource, limit: max, used, requested: cost },
            explain: [`${r.id}: quota ${resource} ${used} + ${cost} > ${max}${r.reason ? `: ${r.reason}` : ""}`],
          };
        this.pending.push({ tokens: cost, counter: external === undefined ? { map: r.consumed, tenant: req.tenant } : undefined });
      }
    }
    return undefined;
  }
}

/** The QmkError a refused decision stands for (data names the rule that fired). */
export function decisionError(d: PolicyDecision): QmkError {
  const code = d.code ?? "POLICY_DENIED";
  return new QmkError(code, d.explain.join("; "), {
    rule: d.rule,
    ...(d.retryAfterMs !== undefined ? { retry_after_ms: d.retryAfterMs } : {}),
    ...(d.quota ? { field: d.quota.resource, limit: d.quota.limit, used: d.quota.used, requested: d.quota.requested } : {}),
  });
}

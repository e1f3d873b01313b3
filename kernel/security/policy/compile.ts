// Rules compiled for evaluation: matchers built once, and an index by method
// so a request only looks at rules that can possibly match it.
import { compilePattern, literalsOf, type Matcher } from "./glob.js";
import { validateTime, isQuotaLimit, type NormalTime } from "./validate.js";
import { TokenBucket } from "./bucket.js";
import type { PolicyRule, PolicyRequest, RateLimit } from "./types.js";

export interface CompiledRule {
  readonly id: string;
  readonly effect: "allow" | "deny" | "limit";
  readonly order: number;
  readonly reason?: string;
  readonly tenant?: Matcher;
  readonly method?: Matcher;
  readonly opcode?: Matcher;
  readonly resource?: Matcher;
  readonly time?: NormalTime;
  readonly rate?: RateLimit;
  readonly quota?: { resource: string; max: number };
  /** stable identity of the limit, so state survives a re-load of an unchanged rule */
  readonly limitKey: string;
  /** rate-limit state per tenant: one tenant's burst never drains another's bucket */
  buckets: Map<string, TokenBucket>;
  /** units granted per tenant under a quota rule when no usage source knows the resource */
  consumed: Map<string, number>;
}

export interface RuleGroups {
  deny: CompiledRule[];
  limit: CompiledRule[];
  allow: CompiledRule[];
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export function inWindow(t: NormalTime, now: number): boolean {
  if (t.after !== undefined && now < t.after) return false;
  if (t.before !== undefined && now >= t.before) return false;
  if (t.hours) {
    const h = (((now % DAY_MS) + DAY_MS) % DAY_MS) / HOUR_MS;
    const [from, to] = t.hours;
    const inside = from < to ? h >= from && h < to : h >= from || h < to;
    if (!inside) return false;
  }
  if (t.days) {
    // 1970-01-01 was a Thursday (4); avoids allocating a Date per request.
    const day = (((Math.floor(now / DAY_MS) + 4) % 7) + 7) % 7;
    if (!t.days.includes(day)) return false;
  }
  return true;
}

/** Does the rule's match clause cover this request? A pattern only matches a present field. */
export function ruleMatches(r: CompiledRule, req: PolicyRequest, now: number): boolean {
  if (r.tenant && !r.tenant(req.tenant)) return false;
  if (r.method && !r.method(req.method)) return false;
  if (r.opcode && (req.opcode === undefined || !r.opcode(req.opcode))) return false;
  if (r.resource && (req.resource === undefined || !r.resource(req.resource))) return false;
  if (r.time && !inWindow(r.time, now)) return false;
  return true;
}

export function compileRule(rule: PolicyRule, order: number): CompiledRule {
  const m = rule.match ?? {};
  const lim = rule.limit;
  const rate = lim && !isQuotaLimit(lim) ? { ...lim } : undefined;
  const quota = lim && isQuotaLimit(lim) ? { ...lim.quota } : undefined;
  return {
    id: rule.id,
    effect: rule.effect,
    order,
    reason: rule.reason,
    tenant: m.tenant !== undefined ? compilePattern(m.tenant) : undefined,
    method: m.method !== undefined ? compilePattern(m.method) : undefined,
    opcode: m.opcode !== undefined ? compilePattern(m.opcode) : undefined,
    resource: m.resource !== undefined ? compilePattern(m.resource) : undefined,
    time: m.time !== undefined ? validateTime(m.time, "match.time") : undefined,
    rate,
    quota,
    limitKey: JSON.stringify({ m, lim }),
    buckets: new Map(),
    consumed: new Map(),
  };
}

const CACHE_MAX = 1024;

/** Rules grouped by effect, indexed by literal method; wildcard-method rules apply to all. */
export class RuleIndex {
  private readonly byMethod = new Map<string, CompiledRule[]>();
  private readonly anyMethod: CompiledRule[] = [];
  private readonly cache = new Map<string, RuleGroups>();

  constructor(readonly rules: CompiledRule[], methodLiterals: Array<string[] | null>) {
    rules.forEach((r, i) => {
      const lits = methodLiterals[i];
      if (!lits) this.anyMethod.push(r);
      else
        for (const meth of new Set(lits)) {
          const list = this.byMethod.get(meth) ?? [];
          list.push(r);
          this.byMethod.set(meth, list);
        }
    });
  }

  static build(rules: PolicyRule[], compiled: CompiledRule[]): RuleIndex {
    return new RuleIndex(
      compiled,
      rules.map((r) => (r.match?.method !== undefined ? literalsOf(r.match.method) : null)),
    );
  }

  forMethod(method: string): RuleGroups {
    const hit = this.cache.get(method);
    if (hit) return hit;
    const merged = [...(this.byMethod.get(method) ?? []), ...this.anyMethod].sort((a, b) => a.order - b.order);
    const groups: RuleGroups = {
      deny: merged.filter((r) => r.effect === "deny"),
      limit: merged.filter((r) => r.effect === "limit"),
      allow: merged.filter((r) => r.effect === "allow"),
    };
    // Method names come from the syscall table, but do not let odd input grow the cache without bound.
    if (this.cache.size < CACHE_MAX) this.cache.set(method, groups);
    return groups;
  }
}

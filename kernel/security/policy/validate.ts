// Validation of a rule set. Strict on purpose: an unknown key (a typo such as
// `tenat`) would otherwise silently widen a rule's scope, so every object is
// closed and every error names the exact field (`rules[3].match.time.hours`).
import { QmkError } from "../../errors.js";
import type { PolicyRule, RateLimit, QuotaLimit, RuleMatch, TimeWindow } from "./types.js";

const WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;
const ID_RE = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;
export const MAX_RULES = 1000;

/** A validated time window with instants as epoch ms and days as 0–6. */
export interface NormalTime {
  after?: number;
  before?: number;
  hours?: [number, number];
  days?: number[];
}

function bad(field: string, message: string): never {
  throw new QmkError("INVALID_PARAMS", `${field}: ${message}`, { field });
}

function isObj(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

function closed(o: Record<string, unknown>, allowed: readonly string[], field: string): void {
  for (const k of Object.keys(o)) if (!allowed.includes(k)) bad(`${field}.${k}`, "unknown field");
}

function checkPattern(p: unknown, field: string): void {
  const list = Array.isArray(p) ? p : [p];
  if (Array.isArray(p) && p.length === 0) bad(field, "empty pattern list matches nothing");
  list.forEach((s, i) => {
    const f = Array.isArray(p) ? `${field}[${i}]` : field;
    if (typeof s !== "string" || s.length === 0 || s.length > 256) bad(f, "pattern must be a non-empty string (≤ 256 chars)");
  });
}

function instant(v: unknown, field: string): number {
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "string") {
    const t = Date.parse(v);
    if (Number.isFinite(t)) return t;
  }
  return bad(field, "expected epoch ms or an ISO-8601 date");
}

export function validateTime(t: unknown, field: string): NormalTime {
  if (!isObj(t)) bad(field, "expected an object");
  closed(t, ["after", "before", "hours", "days"], field);
  const out: NormalTime = {};
  if (t.after !== undefined) out.after = instant(t.after, `${field}.after`);
  if (t.before !== undefined) out.before = instant(t.before, `${field}.before`);
  if (out.after !== undefined && out.before !== undefined && out.after >= out.before)
    bad(`${field}.before`, "must be later than after");
  if (t.hours !== undefined) {
    const h = t.hours;
    const ok = Array.isArray(h) && h.length === 2 && h.every((x) => typeof x === "number" && x >= 0 && x <= 24);
    if (!ok) bad(`${field}.hours`, "expected [from, to] with 0 ≤ from, to ≤ 24 (UTC)");
    if (h[0] === h[1]) bad(`${field}.hours`, "from = to is an empty window");
    out.hours = [h[0], h[1]];
  }
  if (t.days !== undefined) {
    if (!Array.isArray(t.days) || t.days.length === 0) bad(`${field}.days`, "expected a non-empty list of weekdays");
    out.days = t.days.map((d, i) => {
      if (typeof d === "number" && Number.isInteger(d) && d >= 0 && d <= 6) return d;
      const idx = typeof d === "string" ? WEEKDAYS.indexOf(d.toLowerCase() as (typeof WEEKDAYS)[number]) : -1;
      if (idx < 0) bad(`${field}.days[${i}]`, 'expected 0–6 (0 = Sunday) or "sun".."sat"');
      return idx;
    });
  }
  return out;
}

function validateMatch(m: unknown, field: string): void {
  if (!isObj(m)) bad(field, "expected an object");
  closed(m, ["tenant", "method", "opcode", "resource", "time"], field);
  for (const k of ["tenant", "method", "opcode", "resource"] as const)
    if (m[k] !== undefined) checkPattern(m[k], `${field}.${k}`);
  if (m.time !== undefined) validateTime(m.time, `${field}.time`);
}

function positive(v: unknown, field: string): number {
  if (typeof v !== "number" || !Number.isFinite(v) || v <= 0) bad(field, "expected a positive finite number");
  return v;
}

function validateLimit(l: unknown, field: string): void {
  if (!isObj(l)) bad(field, "expected { rate, per, burst? } or { quota: { resource, max } }");
  if ("quota" in l) {
    closed(l, ["quota"], field);
    const q = l.quota;
    if (!isObj(q)) bad(`${field}.quota`, "expected { resource, max }");
    closed(q, ["resource", "max"], `${field}.quota`);
    if (typeof q.resource !== "string" || q.resource.length === 0) bad(`${field}.quota.resource`, "expected a non-empty string");
    if (typeof q.max !== "number" || !Number.isInteger(q.max) || q.max < 0) bad(`${field}.quota.max`, "expected an integer ≥ 0");
    return;
  }
  closed(l, ["rate", "per", "burst"], field);
  positive(l.rate, `${field}.rate`);
  if (l.per !== "second" && l.per !== "minute") bad(`${field}.per`, 'expected "second" or "minute"');
  if (l.burst !== undefined && positive(l.burst, `${field}.burst`) < 1) bad(`${field}.burst`, "must be ≥ 1");
}

/** Validate a rule set; returns a deep copy safe to keep. Throws INVALID_PARAMS naming the field. */
export function validateRules(input: unknown): PolicyRule[] {
  if (!Array.isArray(input)) bad("rules", "expected an array of rules");
  if (input.length > MAX_RULES) bad("rules", `at most ${MAX_RULES} rules`);
  const ids = new Set<string>();
  input.forEach((r, i) => {
    const f = `rules[${i}]`;
    if (!isObj(r)) bad(f, "expected a rule object");
    closed(r, ["id", "effect", "match", "limit", "reason"], f);
    if (typeof r.id !== "string" || !ID_RE.test(r.id)) bad(`${f}.id`, "expected [A-Za-z0-9][A-Za-z0-9_.:-]{0,63}");
    if (r.id === "default" || r.id.startsWith("builtin:")) bad(`${f}.id`, `"${r.id}" is reserved`);
    if (ids.has(r.id)) bad(`${f}.id`, `duplicate rule id "${r.id}"`);
    ids.add(r.id);
    if (r.effect !== "allow" && r.effect !== "deny" && r.effect !== "limit") bad(`${f}.effect`, 'expected "allow", "deny" or "limit"');
    if (r.match !== undefined) validateMatch(r.match, `${f}.match`);
    if (r.effect === "limit") {
      if (r.limit === undefined) bad(`${f}.limit`, 'required for effect "limit"');
      validateLimit(r.limit, `${f}.limit`);
    } else if (r.limit !== undefined) bad(`${f}.limit`, `only allowed with effect "limit"`);
    if (r.reason !== undefined && (typeof r.reason !== "string" || r.reason.length > 500)) bad(`${f}.reason`, "expected a string (≤ 500 chars)");
  });
  return structuredClone(input) as PolicyRule[];
}

export function isQuotaLimit(l: RateLimit | QuotaLimit): l is QuotaLimit {
  return "quota" in l;
}

export type { RuleMatch, TimeWindow };

// The query fast paths (byte pre-filter, cursor skip, early stop on time)
// never change the answer: compare with a naive filter over all events.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AuditLog, SEVERITIES, type AuditEvent, type AuditQuery, type EventType } from "../../kernel/security/audit/index.js";
import { KEY, manualClock } from "./helpers.js";

const TYPES: EventType[] = ["cap.use", "cap.deny", "job.fail", "channel.use", "quota.exceeded"];
const TENANTS = ["alice", "bob", 'we"ird', "ünï", "tenant"];

function naive(all: AuditEvent[], q: AuditQuery): number[] {
  const rank = (s: string) => SEVERITIES.indexOf(s as never);
  return all
    .filter((e) =>
      (q.after === undefined || e.index > q.after) &&
      (q.type === undefined || (Array.isArray(q.type) ? q.type.includes(e.type) : e.type === q.type)) &&
      (q.tenant === undefined || e.tenant === q.tenant) &&
      (q.session === undefined || e.session === q.session) &&
      (q.decision === undefined || e.decision === q.decision) &&
      (q.minSeverity === undefined || rank(e.severity) >= rank(q.minSeverity)) &&
      (q.since === undefined || e.time >= q.since) &&
      (q.until === undefined || e.time < q.until))
    .slice(0, q.limit ?? 1000)
    .map((e) => e.index);
}

describe("query", () => {
  it("fast paths agree with a naive filter (random logs and filters)", () => {
    const eventArb = fc.record({
      type: fc.constantFrom(...TYPES),
      tenant: fc.option(fc.constantFrom(...TENANTS), { nil: undefined }),
      session: fc.option(fc.constantFrom("s1", "s2"), { nil: undefined }),
      decision: fc.option(fc.constantFrom("allow" as const, "deny" as const), { nil: undefined }),
      // details that mention other events' field values, to provoke pre-filter false positives
      details: fc.record({ tenant: fc.constantFrom(...TENANTS), type: fc.constantFrom(...TYPES) }),
      dt: fc.integer({ min: 0, max: 5 }),
    });
    const full = fc.record({
      type: fc.oneof(fc.constantFrom(...TYPES), fc.subarray(TYPES, { minLength: 1 })),
      tenant: fc.constantFrom(...TENANTS),
      session: fc.constantFrom("s1", "s2"),
      decision: fc.constantFrom("allow" as const, "deny" as const),
      minSeverity: fc.constantFrom(...SEVERITIES),
      since: fc.integer({ min: 0, max: 60 }),
      until: fc.integer({ min: 0, max: 300 }),
      after: fc.integer({ min: -1, max: 40 }),
      limit: fc.integer({ min: 1, max: 60 }),
    });
    // one or two filters at a time, so that results are usually non-empty
    const KEYS: (keyof AuditQuery)[] = ["type", "tenant", "session", "decision", "minSeverity", "since", "until", "after", "limit"];
    const queryArb = fc.tuple(full, fc.subarray(KEYS, { minLength: 1, maxLength: 2 }))
      .map(([f, keys]) => Object.fromEntries(keys.map((k) => [k, (f as AuditQuery)[k]])) as AuditQuery);
    const nonEmpty = new Map<string, number>();
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 50 }), queryArb, (evs, q) => {
        const clock = manualClock(0);
        const log = AuditLog.open({ dir: null, signingKey: KEY, clock: clock.now, epochEvents: 0 });
        for (const { dt, ...e } of evs) {
          clock.advance(dt);
          log.append(e);
        }
        const all = log.query({ limit: 100_000 });
        expect(all.length).toBe(evs.length);
        const want = naive(all, q);
        if (want.length) for (const k of Object.keys(q)) nonEmpty.set(k, (nonEmpty.get(k) ?? 0) + 1);
        expect(log.query(q).map((e) => e.index)).toEqual(want);
      }),
      { numRuns: 400 },
    );
    // the property was exercised with every filter on non-empty answers
    for (const k of ["type", "tenant", "session", "decision", "minSeverity", "since", "until", "after", "limit"]) expect(nonEmpty.get(k) ?? 0, k).toBeGreaterThan(0);
  });
});

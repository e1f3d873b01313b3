import { describe, expect, it } from "vitest";
import { PolicyEngine, TokenBucket, GRAPH_NODE_METHOD } from "../../kernel/security/policy/index.js";

function clocked(opts: ConstructorParameters<typeof PolicyEngine>[0] = {}) {
  let now = 1_000_000;
  const e = new PolicyEngine({ clock: () => now, ...opts });
  return { e, advance: (ms: number) => (now += ms) };
}

describe("TokenBucket", () => {
  it("starts full, refills linearly, caps at burst, ignores a clock going backwards", () => {
    const b = TokenBucket.of(6, "minute", 3, 0); // one token every 10 s
    expect(b.refill(0)).toBe(3);
    b.take(3);
    expect(b.refill(5_000)).toBeCloseTo(0.5);
    expect(b.waitFor(1)).toBe(5_000);
    expect(b.refill(10_000)).toBeCloseTo(1);
    expect(b.refill(1_000_000)).toBe(3);
    b.take(2);
    expect(b.refill(0)).toBe(1);
    expect(b.waitFor(4)).toBe(Infinity);
  });
});

describe("rate-limit rules", () => {
  it("refill with a fake clock: burst, then one per interval", () => {
    const { e, advance } = clocked({
      rules: [{ id: "rl", effect: "limit", match: { method: "q_submit" }, limit: { rate: 2, per: "second", burst: 4 } }],
    });
    const req = { tenant: "a", method: "q_submit" };
    for (let i = 0; i < 4; i++) expect(e.evaluate(req).allow).toBe(true);
    const d = e.evaluate(req);
    expect(d).toMatchObject({ allow: false, code: "RATE_LIMITED", rule: "rl", retryAfterMs: 500 });
    advance(499);
    expect(e.evaluate(req).allow).toBe(false);
    advance(1);
    expect(e.evaluate(req).allow).toBe(true);
    expect(e.evaluate(req).allow).toBe(false);
    advance(10_000); // long idle refills only up to the burst
    for (let i = 0; i < 4; i++) expect(e.evaluate(req).allow).toBe(true);
    expect(e.evaluate(req).allow).toBe(false);
    // other methods are not limited by the rule
    expect(e.evaluate({ tenant: "a", method: "q_status" }).allow).toBe(true);
  });

  it("a burst of 10 000 calls from one tenant leaves another tenant's bucket untouched", () => {
    const { e } = clocked({
      rules: [{ id: "api", effect: "limit", limit: { rate: 100, per: "minute" } }],
      builtinLimits: () => ({ api_calls_per_minute: 50 }),
    });
    let allowed = 0;
    for (let i = 0; i < 10_000; i++) if (e.evaluate({ tenant: "mallory", method: "q_status" }).allow) allowed++;
    expect(allowed).toBe(50); // the smaller of the two limits
    expect(e.evaluate({ tenant: "mallory", method: "q_status" }).code).toBe("RATE_LIMITED");
    for (let i = 0; i < 50; i++) expect(e.evaluate({ tenant: "alice", method: "q_status" }).allow).toBe(true);
    expect(e.evaluate({ tenant: "alice", method: "q_status" }).allow).toBe(false);
  });

  it("cost takes several tokens; cost above the burst can never pass", () => {
    const { e } = clocked({ rules: [{ id: "m", effect: "limit", match: { opcode: "MEASURE_*" }, limit: { rate: 10, per: "second" } }] });
    expect(e.evaluate({ tenant: "a", method: "q_apply", opcode: "MEASURE_BELL", cost: 8 }).allow).toBe(true);
    expect(e.evaluate({ tenant: "a", method: "q_apply", opcode: "MEASURE_Z", cost: 3 }).allow).toBe(false);
    expect(e.evaluate({ tenant: "a", method: "q_apply", opcode: "MEASURE_Z", cost: 2 }).allow).toBe(true);
    const d = e.evaluate({ tenant: "b", method: "q_apply", opcode: "MEASURE_Z", cost: 11 });
    expect(d).toMatchObject({ allow: false, code: "RATE_LIMITED", retryAfterMs: undefined });
    expect(d.explain[0]).toContain("capacity");
  });

  it("a refused request takes no tokens (two-phase)", () => {
    const { e } = clocked({
      rules: [
        { id: "wide", effect: "limit", limit: { rate: 3, per: "minute" } },
        { id: "narrow", effect: "limit", match: { method: "q_alloc" }, limit: { rate: 1, per: "minute" } },
      ],
    });
    expect(e.evaluate({ tenant: "a", method: "q_alloc" }).allow).toBe(true); // wide 2 left, narrow 0
    for (let i = 0; i < 5; i++) expect(e.evaluate({ tenant: "a", method: "q_alloc" }).rule).toBe("narrow");
    expect(e.evaluate({ tenant: "a", method: "q_status" }).allow).toBe(true);
    expect(e.evaluate({ tenant: "a", method: "q_status" }).allow).toBe(true);
    expect(e.evaluate({ tenant: "a", method: "q_status" }).rule).toBe("wide");
  });

  it("re-loading an unchanged limit keeps its state; changing it resets", () => {
    const rules = [{ id: "rl", effect: "limit", limit: { rate: 1, per: "minute" } }];
    const { e } = clocked({ rules });
    expect(e.evaluate({ tenant: "a", method: "m" }).allow).toBe(true);
    e.setRules([{ id: "other", effect: "allow" }, ...rules]);
    expect(e.evaluate({ tenant: "a", method: "m" }).rule).toBe("rl");
    e.setRules([{ id: "rl", effect: "limit", limit: { rate: 2, per: "minute" } }]);
    expect(e.evaluate({ tenant: "a", method: "m" }).allow).toBe(true);
  });
});

describe("built-in per-tenant limits from the quota", () => {
  const quota = { api_calls_per_minute: 5, jobs_per_minute: 2, allocations_per_minute: 1, measurements_per_second: 3 };

  it("apply per category and per tenant", () => {
    const { e, advance } = clocked({ builtinLimits: (t) => (t === "free" ? undefined : quota) });
    expect(e.evaluate({ tenant: "a", method: "q_submit" }).allow).toBe(true);
    expect(e.evaluate({ tenant: "a", method: "q_submit" }).allow).toBe(true);
    expect(e.evaluate({ tenant: "a", method: "q_submit" })).toMatchObject({ code: "RATE_LIMITED", rule: "builtin:jobs_per_minute" });
    expect(e.evaluate({ tenant: "a", method: "q_alloc" }).allow).toBe(true);
    expect(e.evaluate({ tenant: "a", method: "q_alloc" }).rule).toBe("builtin:allocations_per_minute");
    expect(e.evaluate({ tenant: "a", method: "q_status" }).allow).toBe(true); // api call 4
    expect(e.evaluate({ tenant: "a", method: "q_status" }).allow).toBe(true); // 5
    expect(e.evaluate({ tenant: "a", method: "q_status" }).rule).toBe("builtin:api_calls_per_minute");
    // graph nodes do not count as API calls, but their measurements do count
    expect(e.evaluate({ tenant: "a", method: GRAPH_NODE_METHOD, opcode: "MEASURE_Z", cost: 3 }).allow).toBe(true);
    expect(e.evaluate({ tenant: "a", method: GRAPH_NODE_METHOD, opcode: "MEASURE_X" }).rule).toBe("builtin:measurements_per_second");
    expect(e.evaluate({ tenant: "a", method: GRAPH_NODE_METHOD, opcode: "APPLY_H" }).allow).toBe(true);
    advance(1000);
    expect(e.evaluate({ tenant: "a", method: GRAPH_NODE_METHOD, opcode: "MEASURE_X" }).allow).toBe(true);
    expect(e.evaluate({ tenant: "free", method: "q_submit" }).allow).toBe(true);
    for (let i = 0; i < 100; i++) expect(e.evaluate({ tenant: "free", method: "q_status" }).allow).toBe(true);
  });

  it("a changed quota takes effect immediately without refilling", () => {
    let q = { api_calls_per_minute: 3 };
    const { e } = clocked({ builtinLimits: () => q });
    for (let i = 0; i < 3; i++) expect(e.evaluate({ tenant: "a", method: "m" }).allow).toBe(true);
    q = { api_calls_per_minute: 100 };
    expect(e.evaluate({ tenant: "a", method: "m" }).allow).toBe(false);
    q = { api_calls_per_minute: 0 };
    expect(e.evaluate({ tenant: "b", method: "m" }).allow).toBe(false);
  });
});

describe("quotas as policies", () => {
  it("against a usage source: QUOTA_EXCEEDED with the numbers", () => {
    const held = new Map([["a", 3]]);
    const { e } = clocked({
      rules: [{ id: "q-lq", effect: "limit", match: { method: "q_alloc" }, limit: { quota: { resource: "logical_qubits", max: 4 } } }],
      usage: (t, r) => (r === "logical_qubits" ? (held.get(t) ?? 0) : undefined),
    });
    expect(e.evaluate({ tenant: "a", method: "q_alloc", cost: 1 }).allow).toBe(true);
    const d = e.evaluate({ tenant: "a", method: "q_alloc", cost: 2 });
    expect(d).toMatchObject({ allow: false, code: "QUOTA_EXCEEDED", rule: "q-lq", quota: { resource: "logical_qubits", limit: 4, used: 3, requested: 2 } });
    held.set("a", 0);
    expect(e.evaluate({ tenant: "a", method: "q_alloc", cost: 2 }).allow).toBe(true);
    expect(e.evaluate({ tenant: "b", method: "q_alloc", cost: 4 }).allow).toBe(true);
  });

  it("without a usage source the engine caps cumulative grants per tenant", () => {
    const { e } = clocked({ rules: [{ id: "jobs", effect: "limit", match: { method: "q_submit" }, limit: { quota: { resource: "jobs_total", max: 2 } } }] });
    expect(e.evaluate({ tenant: "a", method: "q_submit" }).allow).toBe(true);
    expect(e.evaluate({ tenant: "a", method: "q_submit" }).allow).toBe(true);
    expect(e.evaluate({ tenant: "a", method: "q_submit" })).toMatchObject({ code: "QUOTA_EXCEEDED", rule: "jobs", quota: { used: 2 } });
    expect(e.evaluate({ tenant: "b", method: "q_submit" }).allow).toBe(true);
    e.forgetTenant("a");
    expect(e.evaluate({ tenant: "a", method: "q_submit" }).allow).toBe(true);
  });
});

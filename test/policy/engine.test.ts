import { describe, expect, it } from "vitest";
import { PolicyEngine, decisionError, type PolicyRule } from "../../kernel/security/policy/index.js";
import { QmkError } from "../../kernel/errors.js";

const T0 = Date.UTC(2026, 0, 5, 12, 0, 0); // Monday 12:00 UTC

function engine(rules: unknown, opts: ConstructorParameters<typeof PolicyEngine>[0] = {}) {
  let now = T0;
  const e = new PolicyEngine({ rules, clock: () => now, ...opts });
  return { e, advance: (ms: number) => (now += ms), at: (t: number) => (now = t) };
}

describe("composition: deny → limits → allow → default", () => {
  const rules: PolicyRule[] = [
    { id: "allow-alice", effect: "allow", match: { tenant: "alice" } },
    { id: "no-magic", effect: "deny", match: { opcode: "INJECT_T_STATE" }, reason: "magic states disabled" },
    { id: "alice-submit", effect: "limit", match: { tenant: "alice", method: "q_submit" }, limit: { rate: 1, per: "minute" } },
  ];

  it("deny overrides an earlier allow and names the rule and reason", () => {
    const { e } = engine(rules);
    const d = e.evaluate({ tenant: "alice", method: "q_apply", opcode: "INJECT_T_STATE" });
    expect(d).toMatchObject({ allow: false, code: "POLICY_DENIED", rule: "no-magic" });
    expect(d.explain.join(" ")).toContain("magic states disabled");
  });

  it("a limit refuses even when an allow rule matches", () => {
    const { e } = engine(rules);
    expect(e.evaluate({ tenant: "alice", method: "q_submit" })).toMatchObject({ allow: true, rule: "allow-alice" });
    expect(e.evaluate({ tenant: "alice", method: "q_submit" })).toMatchObject({ allow: false, code: "RATE_LIMITED", rule: "alice-submit" });
  });

  it("allow rule fires when nothing refuses; otherwise the default decides", () => {
    const { e } = engine(rules);
    const a = e.evaluate({ tenant: "alice", method: "q_apply", opcode: "APPLY_H" });
    expect(a).toMatchObject({ allow: true, rule: "allow-alice" });
    const b = e.evaluate({ tenant: "bob", method: "q_apply", opcode: "APPLY_H" });
    expect(b).toMatchObject({ allow: true, rule: "default" });
    const strict = engine(rules, { defaultEffect: "deny" }).e;
    expect(strict.evaluate({ tenant: "bob", method: "q_apply" })).toMatchObject({ allow: false, code: "POLICY_DENIED", rule: "default" });
    expect(strict.evaluate({ tenant: "alice", method: "q_apply" })).toMatchObject({ allow: true, rule: "allow-alice" });
  });

  it("every decision carries a rule id and a non-empty explanation", () => {
    const { e } = engine(rules);
    const reqs = [
      { tenant: "alice", method: "q_submit" },
      { tenant: "alice", method: "q_submit" },
      { tenant: "bob", method: "q_apply", opcode: "INJECT_T_STATE" },
      { tenant: "carol", method: "q_status" },
    ];
    for (const r of reqs) {
      const d = e.evaluate(r);
      expect(typeof d.rule).toBe("string");
      expect(d.rule.length).toBeGreaterThan(0);
      expect(d.explain.length).toBeGreaterThan(0);
    }
  });

  it("first matching deny in rule order is reported", () => {
    const { e } = engine([
      { id: "d1", effect: "deny", match: { tenant: "bob" } },
      { id: "d2", effect: "deny", match: { method: "q_alloc" } },
    ]);
    expect(e.evaluate({ tenant: "bob", method: "q_alloc" }).rule).toBe("d1");
    expect(e.evaluate({ tenant: "eve", method: "q_alloc" }).rule).toBe("d2");
  });

  it("decisionError maps to the stable QmkError code with the rule in data", () => {
    const { e } = engine(rules);
    const err = decisionError(e.evaluate({ tenant: "x", method: "q_apply", opcode: "INJECT_T_STATE" }));
    expect(err).toBeInstanceOf(QmkError);
    expect(err.code).toBe(-32620);
    expect(err.data.rule).toBe("no-magic");
  });
});

describe("glob matching", () => {
  it("*, ? and arrays over tenant, method, opcode and resource", () => {
    const { e } = engine([
      { id: "lab", effect: "deny", match: { tenant: "lab-*", method: ["q_alloc", "q_submit"] } },
      { id: "meas", effect: "deny", match: { opcode: "MEASURE_?" , tenant: "eve" } },
      { id: "res", effect: "deny", match: { resource: ["ch/*", "vq/secret"] } },
    ]);
    expect(e.evaluate({ tenant: "lab-7", method: "q_alloc" }).rule).toBe("lab");
    expect(e.evaluate({ tenant: "lab-7", method: "q_status" }).allow).toBe(true);
    expect(e.evaluate({ tenant: "lab", method: "q_alloc" }).allow).toBe(true); // "lab-*" needs the dash
    expect(e.evaluate({ tenant: "eve", method: "q_apply", opcode: "MEASURE_Z" }).rule).toBe("meas");
    expect(e.evaluate({ tenant: "eve", method: "q_apply", opcode: "MEASURE_BELL" }).allow).toBe(true);
    expect(e.evaluate({ tenant: "a", method: "q_open_chan", resource: "ch/42" }).rule).toBe("res");
    expect(e.evaluate({ tenant: "a", method: "q_apply", resource: "vq/secret" }).rule).toBe("res");
    expect(e.evaluate({ tenant: "a", method: "q_apply", resource: "vq/secretx" }).allow).toBe(true);
  });

  it("regex metacharacters in patterns are literal", () => {
    const { e } = engine([{ id: "dot", effect: "deny", match: { resource: "a.b*" } }]);
    expect(e.evaluate({ tenant: "t", method: "m", resource: "a.bc" }).allow).toBe(false);
    expect(e.evaluate({ tenant: "t", method: "m", resource: "axbc" }).allow).toBe(true);
  });

  it("a pattern on an absent request field does not match", () => {
    const { e } = engine([{ id: "op", effect: "deny", match: { opcode: "*" } }]);
    expect(e.evaluate({ tenant: "t", method: "q_status" }).allow).toBe(true);
    expect(e.evaluate({ tenant: "t", method: "q_apply", opcode: "APPLY_H" }).allow).toBe(false);
  });

  it("rules indexed by literal method and rules with wildcard methods are both applied in order", () => {
    const { e } = engine([
      { id: "w", effect: "deny", match: { method: "q_a*", tenant: "x" } },
      { id: "lit", effect: "deny", match: { method: "q_alloc" } },
      { id: "any", effect: "deny", match: { tenant: "y" } },
    ]);
    expect(e.evaluate({ tenant: "x", method: "q_alloc" }).rule).toBe("w");
    expect(e.evaluate({ tenant: "z", method: "q_alloc" }).rule).toBe("lit");
    expect(e.evaluate({ tenant: "y", method: "q_status" }).rule).toBe("any");
    expect(e.evaluate({ tenant: "z", method: "q_status" }).rule).toBe("default");
  });
});

describe("time windows", () => {
  it("hours (UTC, wrapping midnight), days, after/before", () => {
    const { e, at } = engine([
      { id: "night", effect: "deny", match: { time: { hours: [22, 6] } } },
      { id: "weekend", effect: "deny", match: { time: { days: ["sat", 0] } } },
      { id: "maint", effect: "deny", match: { time: { after: "2026-02-03T12:00:00Z", before: "2026-02-03T14:00:00Z" } } },
    ]);
    const req = { tenant: "t", method: "q_submit" };
    expect(e.evaluate(req).allow).toBe(true); // Monday noon
    at(Date.UTC(2026, 0, 5, 23, 30));
    expect(e.evaluate(req).rule).toBe("night");
    at(Date.UTC(2026, 0, 6, 5, 59));
    expect(e.evaluate(req).rule).toBe("night");
    at(Date.UTC(2026, 0, 6, 6, 0));
    expect(e.evaluate(req).allow).toBe(true); // `to` is exclusive
    at(Date.UTC(2026, 0, 10, 12)); // Saturday
    expect(e.evaluate(req).rule).toBe("weekend");
    at(Date.UTC(2026, 0, 11, 12)); // Sunday
    expect(e.evaluate(req).rule).toBe("weekend");
    at(Date.UTC(2026, 1, 3, 11, 59)); // Tuesday, just before the maintenance window
    expect(e.evaluate(req).allow).toBe(true);
    at(Date.UTC(2026, 1, 3, 12, 0));
    expect(e.evaluate(req).rule).toBe("maint");
    at(Date.UTC(2026, 1, 3, 14, 0));
    expect(e.evaluate(req).allow).toBe(true);
    at(Date.UTC(2026, 1, 1, 1)); // Sunday 01:00 is both night and weekend: first rule wins
    expect(e.evaluate(req).rule).toBe("night");
  });

  it("after inclusive, before exclusive; request `now` overrides the clock", () => {
    const after = Date.UTC(2026, 2, 1);
    const { e } = engine([{ id: "win", effect: "deny", match: { time: { after, before: after + 1000 } } }]);
    const r = { tenant: "t", method: "m" };
    expect(e.evaluate({ ...r, now: after - 1 }).allow).toBe(true);
    expect(e.evaluate({ ...r, now: after }).rule).toBe("win");
    expect(e.evaluate({ ...r, now: after + 999 }).rule).toBe("win");
    expect(e.evaluate({ ...r, now: after + 1000 }).allow).toBe(true);
  });

  it("business hours allow under a default deny", () => {
    const { e, at } = engine([{ id: "office", effect: "allow", match: { time: { hours: [9, 17], days: ["mon", "tue", "wed", "thu", "fri"] } } }], {
      defaultEffect: "deny",
    });
    expect(e.evaluate({ tenant: "t", method: "m" }).rule).toBe("office");
    at(Date.UTC(2026, 0, 5, 17, 0));
    expect(e.evaluate({ tenant: "t", method: "m" })).toMatchObject({ allow: false, rule: "default" });
  });
});

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { PolicyEngine, validateRules, type PolicyRecord } from "../../kernel/security/policy/index.js";
import { Journal } from "../../kernel/persist/journal.js";
import { QmkError } from "../../kernel/errors.js";

function fieldOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(QmkError);
    expect((e as QmkError).codeName).toBe("INVALID_PARAMS");
    return (e as QmkError).data.field;
  }
  throw new Error("expected INVALID_PARAMS");
}

const ok = { id: "ok", effect: "allow" };
const ok1 = { id: "ok1", effect: "allow" };
const ok2 = { id: "ok2", effect: "allow" };

describe("rule validation names the field", () => {
  const cases: Array<[unknown, string]> = [
    [{}, "rules"],
    [[ok, ok1, ok2, { id: "r", effect: "deny", match: { time: { hours: [9, 25] } } }], "rules[3].match.time.hours"],
    [[ok, ok1, ok2, { id: "r", effect: "deny", match: { time: "always" } }], "rules[3].match.time"],
    [[{ id: "r", effect: "deny", match: { time: { hours: [9, 9] } } }], "rules[0].match.time.hours"],
    [[{ id: "r", effect: "deny", match: { time: { days: ["mon", "funday"] } } }], "rules[0].match.time.days[1]"],
    [[{ id: "r", effect: "deny", match: { time: { after: "not a date" } } }], "rules[0].match.time.after"],
    [[{ id: "r", effect: "deny", match: { time: { after: 10, before: 5 } } }], "rules[0].match.time.before"],
    [[{ id: "r", effect: "deny", match: { time: { at: 1 } } }], "rules[0].match.time.at"],
    [[{ id: "r", effect: "deny", match: { tenat: "bob" } }], "rules[0].match.tenat"],
    [[{ id: "r", effect: "deny", match: { tenant: ["bob", 7] } }], "rules[0].match.tenant[1]"],
    [[{ id: "r", effect: "deny", match: { method: [] } }], "rules[0].match.method"],
    [[{ id: "r", effect: "deny", match: { opcode: "" } }], "rules[0].match.opcode"],
    [[{ id: "r", effect: "permit" }], "rules[0].effect"],
    [[{ effect: "deny" }], "rules[0].id"],
    [[{ id: "bad id!", effect: "deny" }], "rules[0].id"],
    [[{ id: "default", effect: "deny" }], "rules[0].id"],
    [[{ id: "builtin:x", effect: "deny" }], "rules[0].id"],
    [[ok, { id: "ok", effect: "deny" }], "rules[1].id"],
    [[{ id: "r", effect: "limit" }], "rules[0].limit"],
    [[{ id: "r", effect: "allow", limit: { rate: 1, per: "second" } }], "rules[0].limit"],
    [[{ id: "r", effect: "limit", limit: { rate: 0, per: "second" } }], "rules[0].limit.rate"],
    [[{ id: "r", effect: "limit", limit: { rate: 1, per: "hour" } }], "rules[0].limit.per"],
    [[{ id: "r", effect: "limit", limit: { rate: 1, per: "second", burst: 0.5 } }], "rules[0].limit.burst"],
    [[{ id: "r", effect: "limit", limit: { rate: 1, per: "second", window: 3 } }], "rules[0].limit.window"],
    [[{ id: "r", effect: "limit", limit: { quota: { resource: "x", max: -1 } } }], "rules[0].limit.quota.max"],
    [[{ id: "r", effect: "limit", limit: { quota: { resource: "", max: 1 } } }], "rules[0].limit.quota.resource"],
    [[{ id: "r", effect: "deny", reason: 5 }], "rules[0].reason"],
    [[{ id: "r", effect: "deny", extra: true }], "rules[0].extra"],
    [[null], "rules[0]"],
  ];
  it.each(cases.map(([rules, field], i) => [i, field, rules] as const))("case %i → %s", (_i, field, rules) => {
    expect(fieldOf(() => validateRules(rules))).toBe(field);
  });

  it("accepts a full, valid rule set", () => {
    const rules = [
      { id: "a", effect: "allow", match: { tenant: ["alice", "lab-*"], method: "q_*", opcode: "APPLY_?", resource: "vq/*" } },
      { id: "d", effect: "deny", match: { time: { after: "2026-01-01T00:00:00Z", before: 1.9e12, hours: [22, 6], days: [0, "sat"] } }, reason: "r" },
      { id: "l", effect: "limit", limit: { rate: 1.5, per: "second", burst: 3 } },
      { id: "q", effect: "limit", limit: { quota: { resource: "logical_qubits", max: 0 } } },
    ];
    expect(validateRules(rules)).toEqual(rules);
  });

  it("an invalid set leaves the engine's rules unchanged", () => {
    const e = new PolicyEngine({ rules: [{ id: "d", effect: "deny", match: { tenant: "eve" } }] });
    expect(() => e.setRules([{ id: "x", effect: "nope" }])).toThrow(QmkError);
    expect(e.evaluate({ tenant: "eve", method: "m" }).rule).toBe("d");
  });

  it("rejects a malformed request", () => {
    const e = new PolicyEngine();
    expect(fieldOf(() => e.evaluate({ tenant: "a", method: "m", cost: -1 }))).toBe("cost");
    expect(fieldOf(() => e.evaluate({ tenant: "a", method: "m", cost: NaN }))).toBe("cost");
    expect(fieldOf(() => e.evaluate({ tenant: undefined as never, method: "m" }))).toBe("tenant");
    expect(fieldOf(() => e.evaluate({ tenant: "a", method: 3 as never }))).toBe("method");
  });
});

describe("rule persistence", () => {
  it("the rule set survives a reopen through the journal", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "qmk-policy-"));
    try {
      const file = path.join(dir, "policy.jsonl");
      const j1 = Journal.open<PolicyRecord>(file, { fsync: false });
      const e1 = new PolicyEngine({ journal: j1 });
      e1.setRules([{ id: "one", effect: "deny", match: { tenant: "x" } }]);
      e1.setRules([{ id: "two", effect: "deny", match: { tenant: "y" } }]);
      j1.close();
      const j2 = Journal.open<PolicyRecord>(file, { fsync: false });
      const e2 = new PolicyEngine({ journal: j2 });
      expect(e2.getRules().map((r) => r.id)).toEqual(["two"]);
      expect(e2.evaluate({ tenant: "y", method: "m" }).rule).toBe("two");
      expect(e2.evaluate({ tenant: "x", method: "m" }).allow).toBe(true);
      expect(j2.replay()).toHaveLength(1); // compacted: only the current set is kept
      j2.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

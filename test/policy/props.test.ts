import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { compilePattern, PolicyEngine } from "../../kernel/security/policy/index.js";

// Reference glob matcher: plain recursion, no regex.
function naive(p: string, s: string): boolean {
  if (p.length === 0) return s.length === 0;
  if (p[0] === "*") return naive(p.slice(1), s) || (s.length > 0 && naive(p, s.slice(1)));
  if (s.length === 0) return false;
  return (p[0] === "?" || p[0] === s[0]) && naive(p.slice(1), s.slice(1));
}

const alphabet = fc.constantFrom("a", "b", ".", "-", "*", "?", "(", "[", "\\", "$");
const word = fc.string({ unit: fc.constantFrom("a", "b", ".", "-", "(", "[", "\\", "$"), maxLength: 6 });

describe("properties", () => {
  it("compiled globs agree with a reference matcher", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: alphabet, minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 3 }), word, (pats, s) => {
        const m = compilePattern(pats.length === 1 ? pats[0] : pats);
        expect(m(s)).toBe(pats.some((p) => naive(p, s)));
      }),
      { numRuns: 2000 },
    );
  });

  it("a rate-limit rule never grants more than burst + rate·elapsed, per tenant", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 30 }),
        fc.array(fc.record({ dt: fc.integer({ min: 0, max: 700 }), t: fc.nat(1), cost: fc.integer({ min: 1, max: 3 }) }), { maxLength: 200 }),
        (rate, burst, steps) => {
          let now = 0;
          const e = new PolicyEngine({ clock: () => now, rules: [{ id: "r", effect: "limit", limit: { rate, per: "second", burst } }] });
          const granted = [0, 0];
          for (const s of steps) {
            now += s.dt;
            if (e.evaluate({ tenant: `t${s.t}`, method: "m", cost: s.cost }).allow) granted[s.t] += s.cost;
            for (const g of granted) expect(g).toBeLessThanOrEqual(burst + (rate * now) / 1000 + 1e-9);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

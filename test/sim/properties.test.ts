import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Simulator, type GateName } from "../../kernel/sim/index.js";
import { configs } from "./configs.js";

type G = { name: GateName; q: number[]; p: number[] };
const angle = fc.double({ min: -7, max: 7, noNaN: true });

/** A gate on n qubits, with its inverse (as gates). */
function gateArb(n: number): fc.Arbitrary<G> {
  const one = fc.tuple(fc.constantFrom<GateName>("H", "X", "Y", "Z", "S", "SDG", "T", "TDG"), fc.nat(n - 1))
    .map(([name, a]) => ({ name, q: [a], p: [] }));
  const rot = fc.tuple(fc.constantFrom<GateName>("RX", "RY", "RZ"), fc.nat(n - 1), angle).map(([name, a, t]) => ({ name, q: [a], p: [t] }));
  const u = fc.tuple(fc.nat(n - 1), angle, angle, angle).map(([a, t, f, l]) => ({ name: "U" as GateName, q: [a], p: [t, f, l] }));
  const two = fc.tuple(fc.constantFrom<GateName>("CNOT", "CZ", "SWAP", "CPHASE"), fc.nat(n - 1), fc.nat(n - 2), angle)
    .map(([name, a, b0, t]) => ({ name, q: [a, b0 >= a ? b0 + 1 : b0], p: name === "CPHASE" ? [t] : [] }));
  return fc.oneof(one, rot, u, two);
}

function inverse(g: G): G[] {
  const inv: Record<string, GateName> = { S: "SDG", SDG: "S", T: "TDG", TDG: "T" };
  if (inv[g.name]) return [{ ...g, name: inv[g.name] }];
  if (g.name === "RX" || g.name === "RY" || g.name === "RZ" || g.name === "CPHASE") return [{ ...g, p: [-g.p[0]] }];
  // U(θ,φ,λ)† = U(−θ,−λ,−φ)
  if (g.name === "U") return [{ ...g, p: [-g.p[0], -g.p[2], -g.p[1]] }];
  return [g]; // self-inverse
}

describe.each(configs)("properties ($name)", (cfg) => {
  it("a random circuit followed by its inverse returns to |0…0⟩; norm preserved to 1e-12", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 7 }).chain((n) => fc.tuple(fc.constant(n), fc.array(gateArb(n), { maxLength: 60 }))), ([n, circ]) => {
        const sim = new Simulator(cfg.opts);
        const q = sim.allocate(n);
        for (const g of circ) sim.gate(g.name, g.q.map((i) => q[i]), g.p);
        const mid = sim.probabilities();
        expect(Math.abs(mid.reduce((s, x) => s + x, 0) - 1)).toBeLessThan(1e-12);
        for (const g of [...circ].reverse()) for (const h of inverse(g)) sim.gate(h.name, h.q.map((i) => q[i]), h.p);
        const v = sim.stateVector();
        expect(Math.hypot(v.re[0], v.im[0])).toBeGreaterThan(1 - 1e-12);
        let norm = 0;
        for (let i = 0; i < v.re.length; i++) norm += v.re[i] ** 2 + v.im[i] ** 2;
        expect(Math.abs(norm - 1)).toBeLessThan(1e-12);
      }),
      { numRuns: 60, seed: 20261128 },
    );
  });
});

describe("fused and unfused agree", () => {
  it("random circuits give the same state with and without fusion, on every kernel path", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 8 }).chain((n) => fc.tuple(fc.constant(n), fc.array(gateArb(n), { maxLength: 80 }))), ([n, circ]) => {
        const states = configs.map((c) => {
          const sim = new Simulator(c.opts);
          const q = sim.allocate(n);
          for (const g of circ) sim.gate(g.name, g.q.map((i) => q[i]), g.p);
          return sim.stateVector();
        });
        for (const s of states.slice(1))
          for (let i = 0; i < s.re.length; i++) {
            expect(Math.abs(s.re[i] - states[0].re[i])).toBeLessThan(1e-12);
            expect(Math.abs(s.im[i] - states[0].im[i])).toBeLessThan(1e-12);
          }
      }),
      { numRuns: 80, seed: 7 },
    );
  });
});

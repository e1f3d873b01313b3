// The tracker never misses real entanglement: on random circuits, every
// reported component — and every union of whole components — is in a pure
// state according to the simulator (Tr ρ² = 1 ⇔ unentangled with the rest).
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Simulator, type GateName } from "../../kernel/sim/index.js";
import { EntanglementTracker } from "../../kernel/security/firewall/tracker.js";

const TOL = 1e-9;
const TENANTS = ["a", "b", "c"];

type Step =
  | { k: "g1"; g: GateName; i: number; th: number[] }
  | { k: "g2"; g: GateName; i: number; j: number; th: number[] }
  | { k: "open_chan" | "teleport_cnot" | "bell"; i: number; j: number }
  | { k: "measure"; i: number; basis: "Z" | "X" | "Y" | number }
  | { k: "reset"; i: number }
  | { k: "free"; i: number }
  | { k: "alloc"; tenant: number };

// Grid angles: fc.double shrinks toward ~0, where a gate is the identity within tolerance.
const angle = fc.integer({ min: -64, max: 64 }).map((k) => (k * Math.PI) / 64);
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ k: fc.constant("g1" as const), g: fc.constantFrom<GateName>("H", "X", "Y", "S", "T", "SDG"), i: fc.nat(), th: fc.constant<number[]>([]) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant("g1" as const), g: fc.constantFrom<GateName>("RX", "RY", "RZ"), i: fc.nat(), th: fc.array(angle, { minLength: 1, maxLength: 1 }) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant("g1" as const), g: fc.constant<GateName>("U"), i: fc.nat(), th: fc.array(angle, { minLength: 3, maxLength: 3 }) }) },
  { weight: 4, arbitrary: fc.record({ k: fc.constant("g2" as const), g: fc.constantFrom<GateName>("CNOT", "CZ", "SWAP"), i: fc.nat(), j: fc.nat(), th: fc.constant<number[]>([]) }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant("g2" as const), g: fc.constant<GateName>("CPHASE"), i: fc.nat(), j: fc.nat(), th: fc.array(angle, { minLength: 1, maxLength: 1 }) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constantFrom("open_chan" as const, "teleport_cnot" as const, "bell" as const), i: fc.nat(), j: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant("measure" as const), i: fc.nat(), basis: fc.oneof(fc.constantFrom<"Z" | "X" | "Y">("Z", "X", "Y"), angle) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constantFrom("reset" as const, "free" as const), i: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant("alloc" as const), tenant: fc.nat({ max: 2 }) }) },
);

/** Execute one step on the simulator and mirror its structural effect in the tracker. */
function run(sim: Simulator, tr: EntanglementTracker, s: Step, maxQubits: number): void {
  const live = sim.qubitIds();
  if (s.k === "alloc") {
    if (live.length >= maxQubits) return;
    const [q] = sim.allocate(1);
    tr.add(q, TENANTS[s.tenant]);
    return;
  }
  if (live.length === 0) return;
  const a = live[s.i % live.length];
  if (s.k === "g1") {
    sim.gate(s.g, [a], s.th);
    tr.apply(s.g, [a]);
    return;
  }
  if (s.k === "measure") {
    sim.measure(a, typeof s.basis === "number" ? { angle: s.basis } : s.basis);
    tr.apply("MEASURE_Z", [a]);
    return;
  }
  if (s.k === "reset" || s.k === "free") {
    if (s.k === "reset") sim.reset(a);
    else sim.release([a]);
    tr.apply(s.k === "reset" ? "RESET" : "FREE_LQ", [a]);
    return;
  }
  if (live.length < 2) return;
  let b = live[s.j % live.length];
  if (b === a) b = live[(s.j + 1) % live.length];
  switch (s.k) {
    case "g2":
      sim.gate(s.g, [a, b], s.th);
      tr.apply(s.g, [a, b]);
      return;
    case "open_chan": // the kernel prepares a Bell pair on two fresh-or-reset qubits
      sim.reset(a);
      sim.reset(b);
      tr.apply("RESET", [a]);
      tr.apply("RESET", [b]);
      sim.gate("H", [a]);
      sim.gate("CNOT", [a, b]);
      tr.apply("OPEN_CHAN", [a, b]);
      return;
    case "teleport_cnot": // same unitary as CNOT; the tracker must treat it alike
      sim.gate("CNOT", [a, b]);
      tr.apply("TELEPORT_CNOT", [a, b]);
      return;
    case "bell":
      sim.measureBell(a, b);
      tr.apply("MEASURE_BELL", [a, b]);
      return;
  }
}

function assertSound(sim: Simulator, tr: EntanglementTracker, pick: number[]): void {
  const comps = tr.components();
  expect(tr.size).toBe(sim.numQubits);
  for (const c of comps) {
    const p = sim.reducedPurity(c.qubits);
    if (Math.abs(p - 1) > TOL) throw new Error(`component [${c.qubits}] has purity ${p}`);
  }
  // A union of whole components (chosen by the generator) must be pure too.
  if (comps.length > 1) {
    const chosen = comps.filter((_, k) => pick.includes(k % 8));
    const ids = chosen.flatMap((c) => c.qubits);
    if (ids.length > 0 && ids.length < sim.numQubits) {
      expect(tr.isClosed(ids)).toBe(true);
      const p = sim.reducedPurity(ids);
      if (Math.abs(p - 1) > TOL) throw new Error(`union [${ids}] has purity ${p}`);
    }
  }
}

describe("tracker vs simulator ground truth", () => {
  it("the ground truth does detect entanglement (so the property can fail)", () => {
    const sim = new Simulator({ seed: 1 });
    const [a, b, c] = sim.allocate(3);
    sim.gate("H", [a]);
    sim.gate("CNOT", [a, b]);
    expect(sim.reducedPurity([a])).toBeCloseTo(0.5, 12);
    expect(sim.reducedPurity([a, b])).toBeCloseTo(1, 12);
    // Entanglement swapping: a Bell measurement on (b, c') entangles a with c's partner.
    const d = sim.allocate(1)[0];
    sim.gate("H", [c]);
    sim.gate("CNOT", [c, d]);
    sim.measureBell(b, c);
    expect(sim.reducedPurity([a])).toBeCloseTo(0.5, 12);
    expect(sim.reducedPurity([a, d])).toBeCloseTo(1, 12);
    expect(sim.reducedPurity([b, c])).toBeCloseTo(1, 12);
  });

  it("a tracker that ignored SWAP or Bell measurements would be caught", () => {
    const sim = new Simulator({ seed: 2 });
    const [a, b, c] = sim.allocate(3);
    sim.gate("H", [a]);
    sim.gate("CNOT", [a, b]);
    sim.gate("SWAP", [b, c]);
    expect(sim.reducedPurity([a, b])).toBeLessThan(1 - 1e-3);
  });

  it("every reported component and every union of components is pure, on random circuits", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.nat({ max: 2 }), { minLength: 6, maxLength: 6 }),
        fc.array(step, { minLength: 1, maxLength: 60 }),
        fc.array(fc.nat({ max: 7 }), { maxLength: 4 }),
        fc.nat(),
        (n0, owners, steps, pick, seed) => {
          const sim = new Simulator({ seed, maxQubits: 12 });
          const tr = new EntanglementTracker();
          sim.allocate(n0).forEach((q, k) => tr.add(q, TENANTS[owners[k]]));
          for (const s of steps) {
            run(sim, tr, s, 9);
            assertSound(sim, tr, pick);
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});

// complex64 ("single") against complex128 ("double"): same circuits, every
// gate kind on every qubit and pair (bit 0 takes the narrow kernels), fused,
// unfused, cache-blocked and on two threads; and the option's checks.
import { describe, expect, it } from "vitest";
import { Simulator, maxQubitsFor, type GateName, type SimulatorOptions } from "../../kernel/sim/index.js";
import { randomLayers } from "../../bench/sim/circuits.js";

const GATES: { g: GateName; k: number; p: number }[] = [
  { g: "H", k: 1, p: 0 }, { g: "X", k: 1, p: 0 }, { g: "T", k: 1, p: 0 }, { g: "RZ", k: 1, p: 1 }, { g: "U", k: 1, p: 3 },
  { g: "CNOT", k: 2, p: 0 }, { g: "CZ", k: 2, p: 0 }, { g: "SWAP", k: 2, p: 0 }, { g: "CPHASE", k: 2, p: 1 },
];

/** every gate kind on every qubit / ordered pair, with angles from a fixed sequence */
function everyGate(n: number): { g: GateName; q: number[]; p: number[] }[] {
  const out: { g: GateName; q: number[]; p: number[] }[] = [];
  let t = 0.1;
  const ang = (k: number) => Array.from({ length: k }, () => (t = (t * 7.3 + 0.41) % 6.2));
  for (let a = 0; a < n; a++) out.push({ g: "H", q: [a], p: [] });
  for (const { g, k, p } of GATES) {
    if (k === 1) for (let a = 0; a < n; a++) out.push({ g, q: [a], p: ang(p) });
    else for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) if (a !== b) { out.push({ g, q: [a, b], p: ang(p) }); out.push({ g: "U", q: [b], p: ang(3) }); }
  }
  return out;
}

function run(n: number, gates: { g: GateName; q: number[]; p: number[] }[], opts: SimulatorOptions): { probs: Float64Array; sv: { re: Float64Array; im: Float64Array } } {
  const sim = new Simulator({ seed: 3, ...opts });
  const q = sim.allocate(n);
  for (const x of gates) sim.gate(x.g, x.q.map((i) => q[i]), x.p);
  return { probs: sim.probabilities(), sv: sim.stateVector() };
}

const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => { let d = 0; for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i])); return d; };

describe("precision: single (complex64) against double", () => {
  const variants: [string, SimulatorOptions][] = [
    ["wasm fused", { kernels: "wasm" }],
    ["wasm unfused", { kernels: "wasm", fusion: false }],
    ["wasm 3-qubit chunks", { kernels: "wasm", chunkQubits: 3 }],
    ["js", { kernels: "js" }],
  ];
  for (const [name, opts] of variants) {
    it(`every gate on every qubit/pair at n = 5 and n = 11 (${name}): amplitudes within 1e-5`, () => {
      for (const n of [5, 11]) {
        const gates = everyGate(n);
        const d = run(n, gates, { ...opts, precision: "double" }), s = run(n, gates, { ...opts, precision: "single" });
        expect(maxDiff(s.sv.re, d.sv.re)).toBeLessThan(1e-5);
        expect(maxDiff(s.sv.im, d.sv.im)).toBeLessThan(1e-5);
        expect(maxDiff(s.probs, d.probs)).toBeLessThan(1e-5);
        // really single: rounding shows well above double's 1e-15
        expect(maxDiff(s.sv.re, d.sv.re)).toBeGreaterThan(1e-10);
      }
    });
  }

  it("random layers at n = 19 on two threads match one thread exactly and double within 1e-5", () => {
    const c = randomLayers(19, 4, 5);
    const gates = c.gates.map((x) => ({ g: x.g as GateName, q: x.q, p: x.p ?? [] }));
    const s1 = run(19, gates, { precision: "single", threads: 1 }), s2 = run(19, gates, { precision: "single", threads: 2 });
    const d = run(19, gates, { precision: "double", threads: 1 });
    expect(s2.sv.re).toEqual(s1.sv.re);
    expect(maxDiff(s1.probs, d.probs)).toBeLessThan(1e-5);
  });

  it("measurement, reset and release work on the complex64 state", () => {
    const sim = new Simulator({ precision: "single", seed: 9 });
    const q = sim.allocate(3);
    sim.gate("H", [q[0]]);
    sim.gate("CNOT", [q[0], q[1]]);
    sim.gate("CNOT", [q[1], q[2]]);
    const m = sim.measure(q[1]);
    expect(sim.measure(q[0])).toBe(m);
    sim.release([q[2]]);
    expect(sim.probabilities([q[0], q[1]])[m ? 3 : 0]).toBeCloseTo(1, 6);
    sim.reset(q[0]);
    expect(sim.measure(q[0])).toBe(0);
  });

  it("memory is half of double's; limits and a bad value are reported with the field", () => {
    const a = new Simulator({ precision: "single" }), b = new Simulator();
    a.allocate(16); b.allocate(16);
    expect(a.memoryBytes * 2).toBe(b.memoryBytes);
    expect(a.precision).toBe("single");
    expect(b.precision).toBe("double");
    expect(maxQubitsFor("single")).toBe(29);
    expect(maxQubitsFor("double")).toBe(28);
    expect(() => new Simulator({ precision: "single", maxQubits: 29 })).not.toThrow();
    expect(() => new Simulator({ maxQubits: 29 })).toThrow(expect.objectContaining({ codeName: "INVALID_PARAMS", data: { field: "maxQubits" } }));
    expect(() => new Simulator({ precision: "half" as never })).toThrow(expect.objectContaining({ codeName: "INVALID_PARAMS", data: { field: "precision" } }));
  });
});

describe("setDefaultPrecision", () => {
  it("applies to simulators made without a precision, and rejects other values", async () => {
    const { setDefaultPrecision } = await import("../../kernel/sim/index.js");
    try {
      setDefaultPrecision("single");
      expect(new Simulator().precision).toBe("single");
      expect(new Simulator({ precision: "double" }).precision).toBe("double");
      expect(() => setDefaultPrecision("quad" as never)).toThrow(expect.objectContaining({ codeName: "INVALID_PARAMS", data: { field: "precision" } }));
    } finally {
      setDefaultPrecision("double");
    }
    expect(new Simulator().precision).toBe("double");
  });
});

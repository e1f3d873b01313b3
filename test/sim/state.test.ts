import { describe, expect, it } from "vitest";
import { Simulator } from "../../kernel/sim/index.js";
import { configs } from "./configs.js";
import { overlap } from "./reference.js";

describe.each(configs)("state bookkeeping ($name)", (cfg) => {
  it("allocate returns fresh stable ids, qubits in |0⟩", () => {
    const sim = new Simulator(cfg.opts);
    const a = sim.allocate(2), b = sim.allocate(1);
    expect([...a, ...b]).toEqual([0, 1, 2]);
    expect(sim.numQubits).toBe(3);
    expect(sim.qubitIds()).toEqual([0, 1, 2]);
    expect(sim.probabilities()[0]).toBe(1);
  });

  it("release shrinks the state and keeps the rest's reduced state", () => {
    const sim = new Simulator({ ...cfg.opts, seed: 2 });
    const [a, b, c, d] = sim.allocate(4);
    sim.gate("U", [a], [0.9, 0.2, 0.4]);
    sim.gate("U", [c], [1.7, -0.5, 0.1]);
    sim.gate("CNOT", [a, c]);               // a, c entangled
    sim.gate("H", [b]); sim.gate("CNOT", [b, d]); // b, d entangled
    sim.gate("T", [d]);
    const ac = sim.stateVector([a, c]);
    const probsAC = sim.probabilities([c, a]);
    sim.release([b, d]);
    expect(sim.numQubits).toBe(2);
    expect(sim.qubitIds()).toEqual([a, c]);
    // equal up to global phase: |⟨before|after⟩| = 1
    expect(overlap(sim.stateVector([a, c]), ac)).toBeCloseTo(1, 12);
    expect(Array.from(sim.probabilities([c, a]))).toEqual(Array.from(probsAC).map((x) => expect.closeTo(x, 12)));
    expect(() => sim.gate("H", [b])).toThrow();
    const [e] = sim.allocate(1);
    expect(e).toBe(4);
    expect(sim.probabilities([e])[0]).toBeCloseTo(1, 12);
  });

  it("qubits allocated after a release start in |0⟩ (stale amplitudes above the shrunk state are cleared)", () => {
    const sim = new Simulator({ ...cfg.opts, seed: 8 });
    const q = sim.allocate(5);
    for (const x of q) sim.gate("U", [x], [1.2, 0.4, 0.9]);
    sim.gate("CNOT", [q[0], q[4]]);
    sim.release([q[3], q[4], q[2]]);
    const kept = sim.stateVector();
    const fresh = sim.allocate(3);
    const v = sim.stateVector();
    for (let i = 0; i < v.re.length; i++) {
      const low = i & 3;
      expect(v.re[i]).toBe(i >> 2 ? 0 : kept.re[low]);
      expect(v.im[i]).toBe(i >> 2 ? 0 : kept.im[low]);
    }
    expect(sim.probabilities(fresh)[0]).toBeCloseTo(1, 12);
  });

  it("releasing an entangled qubit collapses its partner consistently", () => {
    const sim = new Simulator({ ...cfg.opts, seed: 4 });
    const [a, b] = sim.allocate(2);
    sim.gate("H", [a]); sim.gate("CNOT", [a, b]);
    sim.release([a]);
    const p = sim.probabilities([b]);
    expect(p[0] === 1 || p[1] === 1 || Math.abs(p[0] - 1) < 1e-12 || Math.abs(p[1] - 1) < 1e-12).toBe(true);
    expect(p[0] + p[1]).toBeCloseTo(1, 12);
  });

  it("probabilities and stateVector follow the requested id order", () => {
    const sim = new Simulator(cfg.opts);
    const [a, b, c] = sim.allocate(3);
    sim.gate("X", [a]); // |a=1, b=0, c=0⟩
    sim.gate("RY", [c], [Math.PI / 3]);
    expect(sim.probabilities([a, b, c])[0b001 | 0b100]).toBeCloseTo(Math.sin(Math.PI / 6) ** 2, 12);
    expect(sim.probabilities([c, b, a])[0b100 | 0b001]).toBeCloseTo(Math.sin(Math.PI / 6) ** 2, 12);
    expect(sim.probabilities([c, b, a])[0b100]).toBeCloseTo(Math.cos(Math.PI / 6) ** 2, 12);
    expect(sim.probabilities([b, a])[0b10]).toBeCloseTo(1, 12);
    const v = sim.stateVector([b, c, a]);
    expect(v.re[0b100]).toBeCloseTo(Math.cos(Math.PI / 6), 12);
    expect(v.re[0b110]).toBeCloseTo(Math.sin(Math.PI / 6), 12);
  });

  it("stateVector of an entangled subset is refused", () => {
    const sim = new Simulator(cfg.opts);
    const [a, b] = sim.allocate(2);
    sim.gate("H", [a]); sim.gate("CNOT", [a, b]);
    expect(() => sim.stateVector([a])).toThrow(/entangled/);
  });

  it("reducedPurity: 1 on product states, 1/2 on a Bell pair, 1/2^k on k Bell halves", () => {
    const sim = new Simulator(cfg.opts);
    const q = sim.allocate(6);
    for (const x of q) sim.gate("U", [x], [x * 0.3 + 0.1, 0.2, x]);
    expect(sim.reducedPurity([q[0]])).toBeCloseTo(1, 12);
    expect(sim.reducedPurity([q[1], q[4]])).toBeCloseTo(1, 12);
    sim.gate("H", [q[0]]); // still product
    for (const x of q) sim.reset(x);
    sim.gate("H", [q[0]]); sim.gate("CNOT", [q[0], q[3]]);
    sim.gate("H", [q[1]]); sim.gate("CNOT", [q[1], q[5]]);
    expect(sim.reducedPurity([q[0]])).toBeCloseTo(0.5, 12);
    expect(sim.reducedPurity([q[0], q[3]])).toBeCloseTo(1, 12);
    expect(sim.reducedPurity([q[0], q[1]])).toBeCloseTo(0.25, 12);
    expect(sim.reducedPurity([q[0], q[1], q[2], q[4]])).toBeCloseTo(0.25, 12);
    expect(sim.reducedPurity([q[2]])).toBeCloseTo(1, 12);
    // partial entanglement: cos a|00⟩ + sin a|11⟩ → purity cos⁴a + sin⁴a
    for (const x of q) sim.reset(x);
    sim.gate("RY", [q[2]], [1.0]); sim.gate("CNOT", [q[2], q[4]]);
    expect(sim.reducedPurity([q[4]])).toBeCloseTo(Math.cos(0.5) ** 4 + Math.sin(0.5) ** 4, 12);
  });

  it("global phase of RZ is kept in the full state vector", () => {
    const sim = new Simulator(cfg.opts);
    const [a] = sim.allocate(1);
    sim.gate("RZ", [a], [Math.PI]);
    const v = sim.stateVector();
    expect(v.re[0]).toBeCloseTo(0, 12);
    expect(v.im[0]).toBeCloseTo(-1, 12);
  });
});

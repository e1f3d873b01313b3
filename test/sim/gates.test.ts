import { describe, expect, it } from "vitest";
import { Simulator, type GateName } from "../../kernel/sim/index.js";
import { apply, fullMatrix, maxDiff } from "./reference.js";
import { configs } from "./configs.js";

const ONE: [GateName, number[]][] = [
  ["H", []], ["X", []], ["Y", []], ["Z", []], ["S", []], ["SDG", []], ["T", []], ["TDG", []],
  ["RX", [0.7]], ["RY", [-1.3]], ["RZ", [2.1]], ["U", [0.4, 1.1, -0.6]],
];
const TWO: [GateName, number[]][] = [["CNOT", []], ["CZ", []], ["SWAP", []], ["CPHASE", [0.9]]];

/** A generic entangled 3-qubit state, so every amplitude matters. */
function scramble(sim: Simulator, q: number[]): void {
  sim.gate("U", [q[0]], [1.1, 0.3, 0.5]);
  sim.gate("U", [q[1]], [0.7, -0.4, 1.9]);
  sim.gate("U", [q[2]], [2.2, 0.8, -1.0]);
  sim.gate("CNOT", [q[0], q[1]]);
  sim.gate("CNOT", [q[1], q[2]]);
  sim.gate("U", [q[0]], [0.5, 1.5, 0.2]);
  sim.gate("U", [q[2]], [1.4, -0.2, 0.6]);
}

describe.each(configs)("gates vs Kronecker reference ($name)", (cfg) => {
  for (const [g, p] of ONE) {
    it.each([0, 1, 2])(`${g} on qubit %i`, (t) => {
      const sim = new Simulator(cfg.opts);
      const q = sim.allocate(3);
      scramble(sim, q);
      const before = sim.stateVector();
      sim.gate(g, [q[t]], p);
      const after = sim.stateVector();
      const want = apply(fullMatrix(3, g, [t], p), before.re, before.im);
      expect(maxDiff(after, want)).toBeLessThan(1e-12);
    });
  }
  for (const [g, p] of TWO) {
    const pairs = [[0, 1], [1, 0], [0, 2], [2, 0], [1, 2], [2, 1]];
    it.each(pairs)(`${g} on (%i, %i)`, (a, b) => {
      const sim = new Simulator(cfg.opts);
      const q = sim.allocate(3);
      scramble(sim, q);
      const before = sim.stateVector();
      sim.gate(g, [q[a], q[b]], p);
      const after = sim.stateVector();
      const want = apply(fullMatrix(3, g, [a, b], p), before.re, before.im);
      expect(maxDiff(after, want)).toBeLessThan(1e-12);
    });
  }

  it("unitary1 applies the given matrix", () => {
    const sim = new Simulator(cfg.opts);
    const q = sim.allocate(3);
    scramble(sim, q);
    const before = sim.stateVector();
    const [t, ph, la] = [0.3, 1.2, -0.7];
    const m = Float64Array.of(
      Math.cos(t / 2), 0, -Math.cos(la) * Math.sin(t / 2), -Math.sin(la) * Math.sin(t / 2),
      Math.cos(ph) * Math.sin(t / 2), Math.sin(ph) * Math.sin(t / 2), Math.cos(ph + la) * Math.cos(t / 2), Math.sin(ph + la) * Math.cos(t / 2),
    );
    sim.unitary1(q[1], m);
    const want = apply(fullMatrix(3, "U", [1], [t, ph, la]), before.re, before.im);
    expect(maxDiff(sim.stateVector(), want)).toBeLessThan(1e-12);
  });

  it("a long mixed sequence matches the reference product", () => {
    const sim = new Simulator(cfg.opts);
    const q = sim.allocate(3);
    let ref: { re: Float64Array; im: Float64Array } = { re: new Float64Array(8), im: new Float64Array(8) };
    ref.re[0] = 1;
    const seq: [GateName, number[], number[]][] = [];
    let x = 12345;
    const rnd = () => ((x = (x * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    for (let i = 0; i < 60; i++) {
      if (rnd() < 0.5) { const [g, p] = ONE[Math.floor(rnd() * ONE.length)]; seq.push([g, [Math.floor(rnd() * 3)], p]); }
      else {
        const [g, p] = TWO[Math.floor(rnd() * TWO.length)];
        const a = Math.floor(rnd() * 3), b = (a + 1 + Math.floor(rnd() * 2)) % 3;
        seq.push([g, [a, b], p]);
      }
    }
    for (const [g, pos, p] of seq) {
      sim.gate(g, pos.map((i) => q[i]), p);
      ref = apply(fullMatrix(3, g, pos, p), ref.re, ref.im);
    }
    expect(maxDiff(sim.stateVector(), ref)).toBeLessThan(1e-12);
  });
});

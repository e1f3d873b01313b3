import { describe, expect, it } from "vitest";
import { Simulator } from "../../kernel/sim/index.js";
import { maxDiff } from "./reference.js";

function both(build: (s: Simulator, q: number[]) => void, n = 4) {
  const run = (fusion: boolean) => {
    const sim = new Simulator({ fusion });
    const q = sim.allocate(n);
    build(sim, q);
    const v = sim.stateVector();
    return { v, stats: sim.stats };
  };
  return { fused: run(true), plain: run(false) };
}

describe("gate fusion", () => {
  it("U, U, CNOT on one pair become a single dense pass; state equals the unfused one", () => {
    const { fused, plain } = both((s, q) => {
      s.gate("U", [q[0]], [0.3, 0.2, 0.1]);
      s.gate("U", [q[2]], [1.3, -0.2, 0.4]);
      s.gate("CNOT", [q[0], q[2]]);
      s.gate("RY", [q[2]], [0.7]);
    });
    expect(plain.stats.passes).toBe(4);
    expect(fused.stats.passes).toBe(1);
    expect(fused.stats.byKind).toEqual({ m2: 1 });
    expect(maxDiff(fused.v, plain.v)).toBeLessThan(1e-13);
  });

  it("a run of diagonal one-qubit gates stays a diagonal (phase) pass", () => {
    const { fused, plain } = both((s, q) => {
      s.gate("H", [q[1]]);
      s.gate("T", [q[1]]); s.gate("S", [q[1]]); s.gate("Z", [q[1]]);
    });
    // H then diagonals: one dense pass; a fresh diagonal run alone lowers to phase1
    expect(fused.stats.passes).toBe(1);
    const d = both((s, q) => { s.gate("T", [q[1]]); s.gate("S", [q[1]]); s.gate("RZ", [q[1]], [0.3]); });
    expect(d.fused.stats.byKind).toEqual({ phase1: 1 });
    expect(maxDiff(d.fused.v, d.plain.v)).toBeLessThan(1e-13);
    expect(maxDiff(fused.v, plain.v)).toBeLessThan(1e-13);
  });

  it("CPHASE followed by a diagonal on its target lowers to a controlled/phase op, not dense", () => {
    const { fused, plain } = both((s, q) => {
      s.gate("H", [q[0]]); s.gate("H", [q[3]]);
      s.flush();
      s.gate("CPHASE", [q[0], q[3]], [0.4]);
      s.gate("CZ", [q[0], q[3]]);
    });
    expect(fused.stats.byKind.phase2).toBe(1);
    expect(fused.stats.byKind.m2).toBeUndefined();
    expect(maxDiff(fused.v, plain.v)).toBeLessThan(1e-13);
  });

  it("pending gates are flushed before every observation", () => {
    const sim = new Simulator();
    const [a, b] = sim.allocate(2);
    sim.gate("X", [a]);
    expect(sim.probabilities([a])[1]).toBe(1);
    sim.gate("H", [b]);
    expect(sim.reducedPurity([b])).toBeCloseTo(1, 12);
    sim.gate("H", [b]);
    expect(sim.measure(b)).toBe(0);
    sim.gate("X", [b]);
    expect(sim.sample([b], 10).get("1")).toBe(10);
    sim.gate("X", [b]);
    sim.release([a]);
    expect(sim.stateVector().re[0]).toBeCloseTo(1, 12);
  });

  it("gates on a gate's other side are not reordered across it", () => {
    // H(a); CNOT(a,b); H(a): the second H must not merge into the first
    const { fused, plain } = both((s, q) => {
      s.gate("H", [q[0]]); s.gate("CNOT", [q[0], q[1]]); s.gate("CNOT", [q[1], q[2]]); s.gate("H", [q[0]]); s.gate("H", [q[2]]);
      s.gate("SWAP", [q[0], q[2]]); s.gate("T", [q[0]]); s.gate("CNOT", [q[2], q[1]]);
    });
    expect(fused.stats.passes).toBeLessThan(plain.stats.passes);
    expect(maxDiff(fused.v, plain.v)).toBeLessThan(1e-13);
  });
});

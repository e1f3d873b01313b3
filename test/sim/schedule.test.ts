import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { schedule, opQubits, type Step } from "../../kernel/sim/schedule.js";
import type { Op } from "../../kernel/sim/ops.js";
import { Simulator } from "../../kernel/sim/index.js";

const flat = (steps: Step[]): Op[] => steps.flatMap((s) => (s.kind === "run" ? s.ops : [s]));

describe("cache-blocking scheduler", () => {
  it("keeps every pair of ops that share a qubit in program order; runs hold only low ops", () => {
    const opArb = fc.oneof(
      fc.nat(7).map((q): Op => ({ kind: "x", q })),
      fc.tuple(fc.nat(7), fc.nat(6)).map(([a, b]): Op => ({ kind: "cnot", c: a, t: b >= a ? b + 1 : b })),
    );
    fc.assert(fc.property(fc.array(opArb, { maxLength: 40 }), fc.integer({ min: 1, max: 7 }), (ops, B) => {
      const steps = schedule(ops, B);
      const out = flat(steps);
      expect(out.length).toBe(ops.length);
      expect(new Set(out)).toEqual(new Set(ops));
      for (let i = 0; i < ops.length; i++)
        for (let j = i + 1; j < ops.length; j++)
          if (opQubits(ops[i]).some((q) => opQubits(ops[j]).includes(q))) expect(out.indexOf(ops[i])).toBeLessThan(out.indexOf(ops[j]));
      for (const s of steps) if (s.kind === "run") for (const op of s.ops) expect(opQubits(op).every((q) => q < B)).toBe(true);
    }), { numRuns: 300, seed: 5 });
  });

  it("a layer of low gates becomes one pass", () => {
    const sim = new Simulator({ chunkQubits: 4, fusion: 1 });
    const q = sim.allocate(8);
    for (let i = 0; i < 4; i++) sim.gate("H", [q[i]]);
    sim.gate("H", [q[6]]);
    sim.gate("CNOT", [q[0], q[1]]);
    sim.flush();
    expect(sim.stats.byKind).toEqual({ run: 1, m1: 1 });
    expect(sim.probabilities([q[6]])[1]).toBeCloseTo(0.5, 12);
  });
});

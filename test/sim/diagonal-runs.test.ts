import { describe, expect, it } from "vitest";
import { Simulator } from "../../kernel/sim/index.js";
import { chunkOp, schedule } from "../../kernel/sim/schedule.js";
import { qft } from "../../bench/sim/circuits.js";

function run(opts: Record<string, unknown>, n: number) {
  const c = qft(n);
  const sim = new Simulator({ seed: 1, threads: 1, ...opts } as never);
  const q = sim.allocate(c.n);
  for (const { g, q: qs, p } of c.gates) sim.gate(g, qs.map((i) => q[i]), p ?? []);
  sim.gate("CZ", [q[n - 1], q[n - 2]]);
  sim.gate("RZ", [q[n - 1]], [0.4]);
  const v = sim.stateVector();
  return { v, passes: sim.stats.passes };
}

describe("diagonal gates on bits above the chunk fold into one chunked run", () => {
  it("chunkOp: a high bit is a constant on a chunk", () => {
    const op = { kind: "phase2" as const, a: 2, b: 9, re: 0, im: 1 };
    expect(chunkOp(op, 8, 0b00)).toBeNull(); // bit 9 = chunk bit 1 is 0
    expect(chunkOp(op, 8, 0b10)).toEqual({ kind: "phase1", q: 2, re: 0, im: 1 });
    expect(chunkOp({ ...op, a: 8 }, 8, 0b11)).toEqual({ kind: "scale", re: 0, im: 1 });
    expect(chunkOp({ kind: "phase1", q: 8, re: 0, im: 1 }, 8, 0)).toBeNull();
    // a CPHASE ladder onto a high target is one run
    const ladder = Array.from({ length: 8 }, (_, k) => ({ kind: "phase2" as const, a: k, b: 11, re: 0, im: 1 }));
    expect(schedule(ladder, 8)).toEqual([{ kind: "run", ops: ladder }]);
  });

  for (const kernels of ["wasm", "js"] as const) {
    it(`QFT-14 with 6-qubit chunks equals the unchunked, unfused state (${kernels}), in fewer passes`, () => {
      const ref = run({ fusion: false, chunkQubits: 0, kernels }, 14);
      const got = run({ chunkQubits: 6, kernels }, 14);
      for (let i = 0; i < ref.v.re.length; i++) {
        expect(Math.abs(got.v.re[i] - ref.v.re[i])).toBeLessThan(1e-12);
        expect(Math.abs(got.v.im[i] - ref.v.im[i])).toBeLessThan(1e-12);
      }
      expect(got.passes).toBeLessThan(40); // 14 + 91 + 7 gates unfused
    });
  }
});

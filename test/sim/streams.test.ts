// The two-stream ("…2") WASM kernels: a pass whose range splits into two
// alike halves ≥ 4 KiB apart runs both halves in one loop. They must give
// the JS kernels' result on every gate kind, qubit and pair.
import { describe, expect, it } from "vitest";
import { Simulator, type GateName } from "../../kernel/sim/index.js";
import { recorder, unrollGeometry, UNROLLED } from "../../kernel/sim/kernels/wasm.js";

const ONE: [GateName, number][] = [["H", 0], ["X", 0], ["T", 0], ["RZ", 1], ["U", 3]];
const TWO: [GateName, number][] = [["CNOT", 0], ["CZ", 0], ["SWAP", 0], ["CPHASE", 1]];

function circuit(n: number): { g: GateName; q: number[]; p: number[] }[] {
  const out: { g: GateName; q: number[]; p: number[] }[] = [];
  let t = 0.3;
  const ang = (k: number) => Array.from({ length: k }, () => (t = (t * 5.1 + 0.77) % 6.1));
  for (let a = 0; a < n; a++) out.push({ g: "U", q: [a], p: ang(3) });
  for (const [g, k] of ONE) for (let a = 0; a < n; a++) out.push({ g, q: [a], p: ang(k) });
  for (const [g, k] of TWO)
    for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) if (a !== b) { out.push({ g, q: [a, b], p: ang(k) }); out.push({ g: "U", q: [a], p: ang(3) }); }
  return out;
}

describe("two-stream WASM kernels", () => {
  it("are chosen for large passes and not for small ones", () => {
    expect(unrollGeometry([1, 0, 1, 0, 2 ** 15, 32])).toEqual([[1, 0, 1, 0, 2 ** 14, 32], 2 ** 14]);
    expect(unrollGeometry([1, 0, 1, 0, 4096, 32])).toBeNull(); // halves closer than a page
    const rec = recorder();
    const m = new Float64Array(32);
    rec.kernels.m2(new Float64Array(0), 12, 0, 7, m);
    rec.kernels.m1(new Float64Array(0), 12, 0, m.subarray(0, 8));
    rec.kernels.m2(new Float64Array(0), 4, 0, 1, m);
    expect(rec.calls.map((c) => UNROLLED.has(c.k))).toEqual([true, true, false]);
  });

  for (const n of [11, 13]) {
    it(`every gate on every qubit / pair at n = ${n}, fused and unfused, cache-blocked: WASM = JS to 1e-12`, () => {
      const gates = circuit(n);
      for (const extra of [{ fusion: false }, { fusion: true }, { fusion: true, chunkQubits: 9 }]) {
        const [w, j] = (["wasm", "js"] as const).map((kernels) => {
          const sim = new Simulator({ kernels, threads: 1, ...extra });
          const q = sim.allocate(n);
          for (const x of gates) sim.gate(x.g, x.q.map((i) => q[i]), x.p);
          return sim.stateVector();
        });
        let d = 0;
        for (let i = 0; i < w.re.length; i++) d = Math.max(d, Math.abs(w.re[i] - j.re[i]), Math.abs(w.im[i] - j.im[i]));
        expect(d).toBeLessThan(1e-12);
      }
    });
  }
});

// The relaxed-SIMD (FMA) variant of the WASM kernels: Node 20 needs the V8
// flag, set here in this test's own process before anything is compiled.
import v8 from "node:v8";
import { describe, expect, it } from "vitest";
import { buildModule, geometry1, geometry2 } from "../../kernel/sim/kernels/wasm.js";
import { Simulator, enableFmaKernels } from "../../kernel/sim/index.js";
import { jsKernels } from "../../kernel/sim/kernels/js.js";
import { WA } from "../../kernel/sim/wasm-api.js";

v8.setFlagsFromString("--experimental-wasm-relaxed-simd");

function randomState(n: number, seed: number): Float64Array {
  let x = seed;
  const r = () => ((x = (x * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff) - 0.5;
  return Float64Array.from({ length: 2 << n }, r);
}

describe("FMA (relaxed SIMD) kernels", () => {
  it("validate with the flag and match the JS kernels for dense 2×2 and 4×4 on every qubit / pair", () => {
    const bytes = buildModule(true);
    expect(WA!.validate(bytes)).toBe(true);
    expect(buildModule(true)).not.toEqual(buildModule(false)); // really a different code path
    const n = 6;
    const mem = new WA!.Memory({ initial: 1, maximum: 65536, shared: true });
    const e = new WA!.Instance(new WA!.Module(bytes), { e: { m: mem } }).exports as Record<string, (...a: number[]) => void>;
    const view = new Float64Array(mem.buffer);
    const m2 = randomState(4, 7).slice(0, 32), m1 = randomState(2, 9).slice(0, 8);
    const off = (q: number) => 2 ** (q + 4);
    for (let a = 0; a < n; a++) {
      const s = randomState(n, a + 1), ref = s.slice();
      view.set(s);
      const g = geometry1(n, a);
      e.pair(0, ...g.slice(0, 6), 0, g[6], ...m1);
      jsKernels.m1(ref, n, a, m1);
      for (let i = 0; i < ref.length; i++) expect(Math.abs(view[i] - ref[i])).toBeLessThan(1e-13);
      for (let b = 0; b < n; b++) {
        if (a === b) continue;
        const s2 = randomState(n, 10 * a + b), ref2 = s2.slice();
        view.set(s2);
        e.m2(0, ...geometry2(n, a, b), 0, off(a), off(b), off(a) + off(b), ...m2);
        jsKernels.m2(ref2, n, a, b, m2);
        for (let i = 0; i < ref2.length; i++) expect(Math.abs(view[i] - ref2[i])).toBeLessThan(1e-13);
      }
    }
  });
});

describe("enableFmaKernels", () => {
  it("switches the simulator to the FMA kernels, with results equal to the JS path to 1e-12", () => {
    expect(enableFmaKernels()).toBe(true);
    const run = (kernels: "wasm" | "js") => {
      const sim = new Simulator({ kernels });
      const q = sim.allocate(5);
      for (let l = 0; l < 4; l++) {
        for (const x of q) sim.gate("U", [x], [0.3 * l + x * 0.1, 0.2, -0.4 + l]);
        sim.gate("CNOT", [q[l], q[l + 1]]);
        sim.gate("CPHASE", [q[4 - l], q[0]], [0.7]);
      }
      return sim.stateVector();
    };
    const a = run("wasm"), b = run("js");
    for (let i = 0; i < a.re.length; i++) {
      expect(Math.abs(a.re[i] - b.re[i])).toBeLessThan(1e-12);
      expect(Math.abs(a.im[i] - b.im[i])).toBeLessThan(1e-12);
    }
  });
});

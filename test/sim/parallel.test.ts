import { describe, expect, it } from "vitest";
import { Simulator } from "../../kernel/sim/index.js";
import { geometry1, geometry2, splitGeometry, wasmAvailable } from "../../kernel/sim/kernels/wasm.js";
import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { helperFailure, parallelStats, probeHelper } from "../../kernel/sim/workers.js";
import { randomLayers } from "../../bench/sim/circuits.js";

/** every byte offset the loop nest of a geometry visits, from `start` */
function visits(start: number, g: number[]): number[] {
  const [n1, s1, n2, s2, L, step] = g;
  const out: number[] = [];
  for (let a = 0; a < n1; a++) for (let b = 0; b < n2; b++) for (let p = 0; p < L; p += step) out.push(start + a * s1 + b * s2 + p);
  return out;
}

describe("WASM loop geometry and its split across threads", () => {
  it("WASM SIMD kernels are available here", () => expect(wasmAvailable()).toBe(true));

  it("halves cover exactly the same offsets as the whole, for every qubit / pair", () => {
    const n = 6;
    const cases: number[][] = [];
    for (let q = 0; q < n; q++) cases.push(geometry1(n, q).slice(0, 6));
    for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) if (a !== b) cases.push(geometry2(n, a, b));
    for (const g of cases) {
      const whole = visits(0, g);
      const [h0, h1] = splitGeometry(g)!;
      const split = [...visits(h0[0], h0.slice(1)), ...visits(h1[0], h1.slice(1))];
      expect(split.sort((x, y) => x - y)).toEqual([...whole].sort((x, y) => x - y));
      expect(new Set(whole).size).toBe(whole.length);
    }
  });
});

describe("two threads give bit-identical states", () => {
  it("random circuit at n = 18 (above the parallel threshold), fused and unfused", () => {
    const c = randomLayers(18, 3, 99);
    const before = parallelStats.splitPasses;
    for (const fusion of [true, false]) {
      const states = ([1, 2] as const).map((threads) => {
        const sim = new Simulator({ threads, fusion });
        const q = sim.allocate(c.n);
        for (const { g, q: qs, p } of c.gates) sim.gate(g, qs.map((i) => q[i]), p ?? []);
        sim.gate("SWAP", [q[17], q[0]]);
        sim.gate("CPHASE", [q[16], q[17]], [0.3]);
        sim.gate("X", [q[17]]);
        sim.gate("T", [q[0]]);
        return sim.stateVector();
      });
      expect(states[1].re).toEqual(states[0].re);
      expect(states[1].im).toEqual(states[0].im);
    }
    expect(parallelStats.splitPasses).toBeGreaterThan(before + 50); // the helper thread really ran
  });
});

describe("the helper thread fails fast and runs under Deno", () => {
  it("a body that clashes with a host binding or throws is reported at once, not after a stall", () => {
    // `module` is already declared where Deno evaluates eval-workers; the
    // same clash is forced here with a duplicate declaration
    for (const body of ["const module = 1; const module = 2;", "throw new Error('boom')"]) {
      const { failure, ms } = probeHelper(body);
      expect(failure).toMatch(/already been declared|boom/);
      expect(ms).toBeLessThan(9_000); // the old code waited its full 10 s boot timeout
    }
  });

  it.runIf(existsSync("node_modules/.bin/deno"))("Deno: two-thread passes run and give the right state", () => {
    const script = `
      import { Simulator } from "./kernel/sim/index.ts";
      import { parallelStats, helperFailure, helperUsable, startHelper } from "./kernel/sim/workers.ts";
      // the thread boots in the background; passes before that run on one thread
      startHelper();
      for (let i = 0; i < 500 && !helperUsable() && !helperFailure(); i++) await new Promise((r) => setTimeout(r, 10));
      const sim = new Simulator({ threads: 2 });
      const q = sim.allocate(19);
      sim.gate("H", [q[0]]);
      for (let i = 0; i < 18; i++) sim.gate("CNOT", [q[i], q[i + 1]]);
      const p = sim.probabilities([q[0], q[18]]);
      console.log(JSON.stringify({ p: Array.from(p), split: parallelStats.splitPasses, failure: helperFailure() }));`;
    const r = spawnSync("node_modules/.bin/deno", ["eval", "--unstable-sloppy-imports", "--ext=ts", script], {
      encoding: "utf8", timeout: 60_000, env: { ...process.env, NO_COLOR: "1" },
    });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout.trim().split("\n").pop()!);
    expect(out.failure).toBeNull(); // the old worker threw "Identifier 'module' has already been declared"
    expect(out.split).toBeGreaterThan(0);
    expect(out.p[0]).toBeCloseTo(0.5, 12);
    expect(out.p[3]).toBeCloseTo(0.5, 12);
  }, 90_000);
});

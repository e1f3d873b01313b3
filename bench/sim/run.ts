// npm run bench:sim [-- --qsim (see vs-qsim.ts)] [-- --quick] [-- --n 12,16] [-- --no-baselines] [-- --fma] [-- --threads 1|2]
// --fma calls enableFmaKernels() (V8 relaxed SIMD; Node ≥ 22 has it by default)
// so the simulator uses its FMA kernels; reported as such.
// Our simulator vs quantum-circuit and jsqubits on the same circuits, results
// checked for agreement (max |Δprob| ≤ 1e-9) before any time is reported,
// next to a memory-bandwidth probe (one streaming read+write pass over a
// state-sized Float64Array) that bounds what any dense simulator can do.
import { Worker } from "node:worker_threads";
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { Simulator } from "../../kernel/sim/index.js";
import { compiled, enableFmaKernels, wasmFma, wasmKernels } from "../../kernel/sim/kernels/wasm.js";
import { WA } from "../../kernel/sim/wasm-api.js";
import { ghz, qft, randomLayers, type Circuit } from "./circuits.js";

const args = process.argv.slice(2);
const has = (f: string) => args.includes(f);
const nArg = args.includes("--n") ? args[args.indexOf("--n") + 1].split(",").map(Number) : null;
const NS = nArg ?? (has("--quick") ? [12, 16] : [12, 16, 20, 22, 24]);
const BIG = nArg ? nArg.filter((n) => n > 24) : has("--quick") ? [] : [28];
const BASELINES = has("--no-baselines") ? [] : ["quantum-circuit", "jsqubits"];
const CUTOFF_S = 60;
// must precede the first compile of the kernels (compiled() is lazy)
if (has("--fma")) enableFmaKernels();
// --qsim: the comparison with Google's qsim built from source (vs-qsim.ts)
if (has("--qsim")) { await (await import("./vs-qsim.js")).main(); process.exit(0); }
compiled();
const threads = args.includes("--threads") ? Number(args[args.indexOf("--threads") + 1]) : undefined;
// warm the JIT for the JS probe before measuring anything
{ const w = new Float64Array(1 << 16); for (let r = 0; r < 200; r++) scale(w, 1.0000001); }

/** One streaming read+write pass over 2^n complex doubles (32 bytes per amplitude), best of `reps`. */
function scale(a: Float64Array, c: number): void {
  const len = a.length;
  for (let i = 0; i < len; i++) a[i] = a[i] * c;
}
const probeCache = new Map<number, number>();
function probeGBs(n: number): number {
  const cached = probeCache.get(n);
  if (cached) return cached;
  const a = new Float64Array(2 << n).fill(1);
  let best = Infinity;
  const reps = n <= 20 ? 20 : 5;
  for (let r = 0; r < reps; r++) {
    const t = performance.now();
    scale(a, r % 2 ? 0.5 : 2);
    best = Math.min(best, performance.now() - t);
  }
  const gbs = (32 * 2 ** n) / (best / 1e3) / 1e9;
  probeCache.set(n, gbs);
  return gbs;
}

/**
 * The same streaming pass in WASM SIMD (multiply every amplitude by a
 * complex scalar with the phase kernel): the best a pass can do from WASM,
 * reported next to the JS probe. Best of `reps`, GB/s at 32 B/amplitude.
 */
const wasmProbeCache = new Map<number, number>();
function wasmProbeGBs(n: number): number {
  const cached = wasmProbeCache.get(n);
  if (cached) return cached;
  const mem = new WA!.Memory({ initial: Math.max(1, (2 ** n * 16) / 65536), maximum: 65536, shared: true });
  const k = wasmKernels(mem);
  let best = Infinity;
  for (let r = 0; r < (n <= 20 ? 20 : 5); r++) {
    const t = performance.now();
    // phase on "bit 0 of an (n+1)-qubit state" = every amplitude of the lower half
    k.exports.phase(0, 1, 0, 1, 0, 2 ** (n + 4), 16, 0, 0.6, 0.8);
    best = Math.min(best, performance.now() - t);
  }
  const gbs = (32 * 2 ** n) / (best / 1e3) / 1e9;
  wasmProbeCache.set(n, gbs);
  return gbs;
}

interface Ours { seconds: number; cpuSeconds: number; passes: number; probs: Float64Array; kernel: string }

function runOurs(c: Circuit, reps: number, probs = true, extra: Record<string, unknown> = {}): Ours {
  let best = Infinity, cpuBest = Infinity, passes = 0, kernel = "";
  let sim: Simulator | null = null;
  for (let r = 0; r < reps; r++) {
    sim = null; // let the previous state go before allocating the next
    sim = new Simulator({ seed: 1, ...(threads !== undefined ? { threads } : {}), ...extra } as never);
    const q = sim.allocate(c.n);
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    for (const { g, q: qs, p } of c.gates) sim.gate(g, qs.map((i) => q[i]), p ?? []);
    sim.flush();
    const dt = (performance.now() - t0) / 1e3;
    const cu = process.cpuUsage(c0);
    if (dt < best) best = dt;
    cpuBest = Math.min(cpuBest, (cu.user + cu.system) / 1e6);
    passes = sim.stats.passes;
    kernel = sim.kernelName;
  }
  return { seconds: best, cpuSeconds: cpuBest, passes, kernel, probs: probs && sim ? sim.probabilities() : new Float64Array(0) };
}

function runBaseline(which: string, c: Circuit): Promise<{ seconds: number; probs: Float64Array } | "timeout" | { error: string }> {
  return new Promise((resolve) => {
    const w = new Worker(new URL("./baseline-worker.mjs", import.meta.url), {
      workerData: { which, circuit: c },
      resourceLimits: { maxOldGenerationSizeMb: 12 * 1024 },
    });
    const timer = setTimeout(() => { void w.terminate(); resolve("timeout"); }, CUTOFF_S * 1000);
    w.once("message", (m) => { clearTimeout(timer); void w.terminate(); resolve(m); });
    w.once("error", (e) => { clearTimeout(timer); resolve({ error: String(e) }); });
  });
}

function maxDelta(a: Float64Array, b: Float64Array): number {
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
  return d;
}

const fmt = (x: number | undefined, d = 3) => (x === undefined ? "—" : x >= 100 ? x.toFixed(0) : x.toPrecision(d));

async function main(): Promise<void> {
  console.log(`sim bench: node ${process.version}, ${cpus().length} cores, load average ${loadavg().map((x) => x.toFixed(1)).join(" ")}, FMA kernels ${wasmFma}, n = ${NS.join(",")}${BIG.length ? ` (+${BIG.join(",")} ours only)` : ""}`);
  const rows: Record<string, unknown>[] = [];
  const skip = new Map<string, boolean>(); // baseline+workload past the cut-off
  const table: string[][] = [["workload", "n", "gates", "passes", "ours s", "cpu s", "gates/s", "eff GB/s", "probe", "wasmprobe", "×limit", "qc s", "qc/ours", "jsq s", "jsq/ours"]];
  for (const make of [ghz, qft, randomLayers]) {
    for (const n of NS) {
      const c = make(n);
      const ours = runOurs(c, n <= 20 ? 3 : 1);
      const row: Record<string, unknown> = { workload: c.name, n, gates: c.gates.length, passes: ours.passes, kernel: ours.kernel, seconds: ours.seconds, cpuSeconds: ours.cpuSeconds };
      for (const b of BASELINES) {
        const key = `${b}/${c.name}`;
        if (skip.get(key)) { row[b] = { skipped: `exceeded ${CUTOFF_S}s at smaller n` }; continue; }
        const r = await runBaseline(b, c);
        if (r === "timeout") { skip.set(key, true); row[b] = { timeout: CUTOFF_S }; continue; }
        if ("error" in r) { skip.set(key, true); row[b] = { error: r.error }; continue; }
        const d = maxDelta(ours.probs, r.probs);
        if (!(d <= 1e-9)) throw new Error(`${c.name} n=${n}: ${b} disagrees with ours, max |Δprob| = ${d}`);
        row[b] = { seconds: r.seconds, maxDeltaProb: d, speedup: r.seconds / ours.seconds };
        if (r.seconds > CUTOFF_S) skip.set(key, true);
      }
      const bw = probeGBs(n), wbw = wasmProbeGBs(n);
      const bytes = 32 * 2 ** n;
      Object.assign(row, {
        gatesPerSec: c.gates.length / ours.seconds,
        effGBs: (c.gates.length * bytes) / ours.seconds / 1e9,
        probeGBs: bw,
        wasmProbeGBs: wbw,
        // time ÷ (passes × bytes ÷ bandwidth), against the faster of the two probes
        ratioToLimit: ours.seconds / ((ours.passes * bytes) / (Math.max(bw, wbw) * 1e9)),
      });
      rows.push(row);
      const bl = (b: string) => row[b] as { seconds?: number; speedup?: number; timeout?: number; skipped?: string } | undefined;
      const bs = (b: string) => (bl(b)?.seconds !== undefined ? fmt(bl(b)!.seconds) : bl(b)?.timeout ? `>${CUTOFF_S}` : bl(b)?.skipped ? "skip" : "—");
      table.push([c.name, String(n), String(c.gates.length), String(ours.passes), fmt(ours.seconds), fmt(ours.cpuSeconds), fmt(row.gatesPerSec as number), fmt(row.effGBs as number), fmt(bw), fmt(wbw), fmt(row.ratioToLimit as number),
        bs("quantum-circuit"), fmt(bl("quantum-circuit")?.speedup), bs("jsqubits"), fmt(bl("jsqubits")?.speedup)]);
      console.log(table[table.length - 1].join("\t"));
    }
  }

  // a single unfused one-qubit gate at n = 24 on every target: fraction of probe bandwidth
  const single: Record<string, unknown>[] = [];
  const sn = NS.includes(24) ? 24 : Math.max(...NS);
  {
    const sim = new Simulator({ fusion: false, ...(threads !== undefined ? { threads } : {}) } as never);
    const q = sim.allocate(sn);
    for (let t = 0; t < sn; t++) sim.gate("U", [q[t]], [0.3, 0.2, 0.1]); // warm-up sweep
    // fresh probes right next to the sweep: on a shared machine the load drifts
    probeCache.delete(sn); wasmProbeCache.delete(sn);
    const bw = probeGBs(sn);
    let worst = Infinity, worstW = Infinity;
    const line: string[] = [];
    sim.flush();
    for (let t = 0; t < sn; t++) {
      let best = Infinity;
      for (let r = 0; r < 3; r++) { const t0 = performance.now(); sim.gate("U", [q[t]], [0.3, 0.2, 0.1]); best = Math.min(best, performance.now() - t0); }
      const gbs = (32 * 2 ** sn) / (best / 1e3) / 1e9;
      worst = Math.min(worst, gbs / bw);
      worstW = Math.min(worstW, gbs / wasmProbeGBs(sn));
      single.push({ target: t, seconds: best / 1e3, GBs: gbs, fractionOfProbe: gbs / bw, fractionOfWasmProbe: gbs / wasmProbeGBs(sn) });
      line.push(`${t}:${(100 * gbs / bw).toFixed(0)}%`);
    }
    console.log(`\nsingle unfused U3 at n=${sn}, probe ${fmt(bw)} GB/s, % of probe per target: ${line.join(" ")}\nworst target: ${(100 * worst).toFixed(0)}% of the JS probe, ${(100 * worstW).toFixed(0)}% of the WASM probe (${fmt(wasmProbeGBs(sn))} GB/s)`);
  }

  // both cores vs one, and the fusion / cache-blocking variants, on the random circuit
  const variants: Record<string, unknown>[] = [];
  const vn = NS.includes(22) ? 22 : Math.max(...NS);
  for (const [label, extra] of [
    ["threads 1", { threads: 1 }], ["threads 2", { threads: 2 }],
    ["no cache blocking", { chunkQubits: 0 }], ["fusion 1-qubit only", { fusion: 1 }], ["no fusion", { fusion: false }],
  ] as const) {
    const r = runOurs(randomLayers(vn), 1, false, extra);
    variants.push({ variant: label, n: vn, seconds: r.seconds, cpuSeconds: r.cpuSeconds, passes: r.passes });
    console.log(`random n=${vn} ${label}: ${fmt(r.seconds)} s wall, ${fmt(r.cpuSeconds)} s cpu, ${r.passes} passes`);
  }

  // n = 28 (ours only): random layers, time per layer
  const big: Record<string, unknown>[] = [];
  for (const n of BIG) {
    const layers = 2;
    const c = randomLayers(n, layers);
    try {
      const ours = runOurs(c, 1, false);
      const bw = probeGBs(n);
      big.push({ workload: c.name, n, layers, seconds: ours.seconds, cpuSeconds: ours.cpuSeconds, secondsPerLayer: ours.seconds / layers, passes: ours.passes, probeGBs: bw, ratioToLimit: ours.seconds / ((ours.passes * 32 * 2 ** n) / (bw * 1e9)) });
      console.log(`\nn=${n} random: ${layers} layers in ${fmt(ours.seconds)} s → ${fmt(ours.seconds / layers)} s/layer (${ours.passes} passes, ×limit ${fmt(big[big.length - 1].ratioToLimit as number)})`);
    } catch (e) {
      big.push({ workload: c.name, n, error: String(e) });
      console.log(`\nn=${n}: ${String(e)}`);
    }
  }

  console.log("\n" + table.map((r) => r.map((x, i) => (i === 0 ? x.padEnd(8) : x.padStart(9))).join(" ")).join("\n"));
  mkdirSync(new URL("../results/", import.meta.url), { recursive: true });
  const out = new URL("../results/sim.json", import.meta.url);
  writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), node: process.version, cores: cpus().length, cutoffSeconds: CUTOFF_S, loadAverage: loadavg(), fma: wasmFma, rows, singleGate: { n: sn, targets: single }, variants, big }, null, 2));
  console.log(`\nwritten ${out.pathname}`);
}

await main();

// npm run bench:sim -- --qsim [--n 20,22,24] [--reps 3] [--big 30] [--no-today]
//
// Our simulator against Google's qsim (quantumlib/qsim, Apache-2.0), built
// from source in this run, and against "today": the simulator as it was at
// commit TODAY (before issue 18), extracted from git into a temp dir and run
// in the same process. Same circuits (bench/sim/circuits.ts), 1 thread,
// interleaved rounds (today, double, single, qsim per round) and medians, so
// load drift on the shared machine hits every column alike.
//
// qsim is never downloaded, linked or committed: the bench compiles
// $QSIM_SRC/apps/qsim_base.cc (default ../shared/anchors/qsim) with
// `g++ -O3 -march=native -fopenmp` into the OS temp dir and runs it as a
// child process; when the source is absent its columns say so.
//
// Results are checked before any time is printed: today's and complex64
// probabilities against our complex128 path (|Δp| ≤ 1e-9 / ≤ 1e-5), and the
// 8 amplitudes qsim prints (complex64, 8 digits) against ours (≤ 1e-5).
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from "node:fs";
import { cpus, freemem, loadavg, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Simulator } from "../../kernel/sim/index.js";
import { qft, randomLayers, type Circuit } from "./circuits.js";

/** The simulator before issue 18 (the Deno worker fix only): "today". */
export const TODAY = "350f349";

const args = process.argv.slice(2);
const opt = (f: string) => (args.includes(f) ? args[args.indexOf(f) + 1] : undefined);
const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "../..");
const NS = (opt("--n") ?? "20,22,24,26").split(",").map(Number);
const REPS = Number(opt("--reps") ?? 3);
const BIG = opt("--big")?.split(",").map(Number) ?? [];
const QSIM_SRC = resolve(repo, process.env.QSIM_SRC ?? "../shared/anchors/qsim");

type SimCtor = new (o: Record<string, unknown>) => Simulator;
interface Run { wall: number; cpu: number; probs: Float64Array; passes: number }

const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s.length ? (s[(s.length - 1) >> 1] + s[s.length >> 1]) / 2 : NaN; };
const fmt = (x: number | undefined) => (x === undefined || !Number.isFinite(x) ? "—" : x >= 100 ? x.toFixed(0) : x.toPrecision(3));

/** Today's simulator: kernel/sim + kernel/errors.ts + kernel/wasm-api.ts at TODAY, imported from a temp dir. */
async function loadToday(): Promise<SimCtor | string> {
  try {
    const dir = mkdtempSync(join(tmpdir(), "qmk-today-"));
    const files = execFileSync("git", ["ls-tree", "-r", "--name-only", TODAY, "kernel/sim", "kernel/errors.ts", "kernel/wasm-api.ts"], { cwd: repo, encoding: "utf8" })
      .split("\n").filter(Boolean);
    for (const f of files) {
      mkdirSync(dirname(join(dir, f)), { recursive: true });
      writeFileSync(join(dir, f), execFileSync("git", ["show", `${TODAY}:${f}`], { cwd: repo }));
    }
    const m = await import(pathToFileURL(join(dir, "kernel/sim/index.ts")).href) as { Simulator: SimCtor };
    return m.Simulator;
  } catch (e) {
    return `today's simulator (commit ${TODAY}) unavailable: ${String(e).split("\n")[0]}`;
  }
}

/** Builds qsim_base from QSIM_SRC into the temp dir (cached by source mtime); path or why not. */
function buildQsim(): { bin: string } | { absent: string } {
  const src = join(QSIM_SRC, "apps/qsim_base.cc");
  if (!existsSync(src)) return { absent: `qsim source not found at ${QSIM_SRC} (set QSIM_SRC; nothing is downloaded): qsim columns skipped` };
  const key = createHash("sha256").update(`${QSIM_SRC}:${statSync(src).mtimeMs}:${statSync(join(QSIM_SRC, "lib")).mtimeMs}`).digest("hex").slice(0, 12);
  const bin = join(tmpdir(), `qmk-qsim-${key}`, "qsim_base");
  if (!existsSync(bin)) {
    mkdirSync(dirname(bin), { recursive: true });
    const r = spawnSync("g++", ["-O3", "-march=native", "-fopenmp", "-I", join(QSIM_SRC, "lib"), "-o", bin, src], { encoding: "utf8" });
    if (r.status !== 0) return { absent: `qsim build failed (g++ -O3 -march=native -fopenmp): ${(r.stderr || String(r.error)).split("\n")[0]}` };
  }
  return { bin };
}

/** The circuit in qsim's text format; U3 = e^{i(φ+λ)/2}·RZ(φ)·RY(θ)·RZ(λ), CPHASE(θ) = cp(−θ) (qsim's cp is e^{−iφ}). */
function qsimCircuit(c: Circuit): string {
  const lines = [String(c.n)];
  let t = 0;
  for (const { g, q, p } of c.gates) {
    if (g === "H") lines.push(`${t++} h ${q[0]}`);
    else if (g === "RY") lines.push(`${t++} ry ${q[0]} ${p![0]}`);
    else if (g === "U") { lines.push(`${t++} rz ${q[0]} ${p![2]}`, `${t++} ry ${q[0]} ${p![0]}`, `${t++} rz ${q[0]} ${p![1]}`); }
    else if (g === "CNOT") lines.push(`${t++} cnot ${q[0]} ${q[1]}`);
    else if (g === "CPHASE") lines.push(`${t++} cp ${q[0]} ${q[1]} ${-p![0]}`);
    else if (g === "SWAP") lines.push(`${t++} sw ${q[0]} ${q[1]}`);
    else throw new Error(`no qsim form for ${g}`);
  }
  return lines.join("\n") + "\n";
}

const qsimDir = mkdtempSync(join(tmpdir(), "qmk-qsim-circ-"));

/** One qsim run: its own simulation time (wall), the process CPU time, the first ≤ 8 probabilities. */
function runQsim(bin: string, c: Circuit, threads: number): { wall: number; cpu: number; probs: number[] } {
  const file = join(qsimDir, `${c.name}-${c.n}.txt`);
  if (!existsSync(file)) writeFileSync(file, qsimCircuit(c));
  // bash's `times` reports the child's user and system CPU in ms
  const r = spawnSync("bash", ["-c", `"$0" -c "$1" -d 100000000 -t ${threads} -f 3 -v 1 && echo && times`, bin, file], {
    encoding: "utf8", env: { ...process.env, OMP_WAIT_POLICY: "PASSIVE" }, maxBuffer: 1 << 24,
  });
  const out = `${r.stdout}\n${r.stderr}`;
  const wall = Number(/simu time is ([0-9.e+-]+) seconds/.exec(out)?.[1]);
  const cpuM = /\n(\d+)m([0-9.]+)s (\d+)m([0-9.]+)s\s*$/.exec(r.stdout);
  if (r.status !== 0 || !Number.isFinite(wall) || !cpuM) throw new Error(`qsim failed on ${c.name}-${c.n}: ${out.slice(0, 300)}`);
  const probs = [...out.matchAll(/^[01]+:\s+\S+\s+\S+\s+(\S+)$/gm)].map((m) => Number(m[1]));
  return { wall, cpu: 60 * Number(cpuM[1]) + Number(cpuM[2]) + 60 * Number(cpuM[3]) + Number(cpuM[4]), probs };
}

/** qsim's process CPU outside the simulation (start-up, state allocation and zeroing) for n qubits, subtracted from its CPU. */
const qsimFixed = new Map<number, number>();
function qsimOverhead(bin: string, n: number): number {
  if (!qsimFixed.has(n)) {
    const empty: Circuit = { name: "empty", n, gates: [] };
    qsimFixed.set(n, median([0, 1, 2].map(() => runQsim(bin, empty, 1).cpu)));
  }
  return qsimFixed.get(n)!;
}

function runOurs(Sim: SimCtor, c: Circuit, extra: Record<string, unknown>, probs = true): Run {
  let sim: Simulator | null = new Sim({ seed: 1, threads: 1, ...extra });
  const q = sim.allocate(c.n);
  // touch every page first (qsim zeroes its state before its clock starts)
  sim.gate("X", [q[c.n - 1]]); sim.flush(); sim.gate("X", [q[c.n - 1]]); sim.flush();
  const passes0 = sim.stats.passes;
  const c0 = process.cpuUsage(), t0 = performance.now();
  for (const { g, q: qs, p } of c.gates) sim.gate(g, qs.map((i) => q[i]), p ?? []);
  sim.flush();
  const wall = (performance.now() - t0) / 1e3, cu = process.cpuUsage(c0);
  const out: Run = { wall, cpu: (cu.user + cu.system) / 1e6, passes: sim.stats.passes - passes0, probs: probs ? sim.probabilities() : new Float64Array(0) };
  (sim as unknown as { dispose?: () => void }).dispose?.();
  sim = null;
  return out;
}

function maxDelta(a: ArrayLike<number>, b: ArrayLike<number>, len = Math.min(a.length, b.length)): number {
  let d = 0;
  for (let i = 0; i < len; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
  return d;
}

function check(label: string, d: number, tol: number): void {
  if (!(d <= tol)) throw new Error(`${label}: max |Δp| = ${d} > ${tol}: no time reported`);
}

export async function main(): Promise<void> {
  const Today = args.includes("--no-today") ? "skipped (--no-today)" : await loadToday();
  const qs = buildQsim();
  const hasSingle = (new Simulator({ precision: "single" } as never) as unknown as { precision?: string }).precision === "single";
  console.log(`sim vs qsim: node ${process.version}, ${cpus().length} cores, load average ${loadavg().map((x) => x.toFixed(1)).join(" ")}, 1 thread, ${REPS} interleaved rounds, medians`);
  console.log(`qsim: ${"bin" in qs ? `built from ${QSIM_SRC} (apps/qsim_base.cc, g++ -O3 -march=native -fopenmp, -f 3, complex64)` : qs.absent}`);
  console.log(`today: ${typeof Today === "string" ? Today : `kernel/sim at commit ${TODAY}`}`);
  const rows: Record<string, unknown>[] = [];
  const head = ["circuit", "n", "today s", "double s", "single s", "qsim s", "today/qsim", "double/qsim", "single/qsim", "today/double", "passes t→d→s"];
  const table: string[][] = [head];
  for (const make of [qft, randomLayers]) {
    for (const n of NS) {
      const c = make(n);
      const t: Run[] = [], d: Run[] = [], s: Run[] = [], qw: number[] = [], qc: number[] = [];
      for (let r = 0; r < REPS; r++) {
        if (typeof Today !== "string") t.push(runOurs(Today, c, {}));
        d.push(runOurs(Simulator, c, {}));
        if (hasSingle) s.push(runOurs(Simulator, c, { precision: "single" }));
        if ("bin" in qs) {
          const q = runQsim(qs.bin, c, 1);
          check(`${c.name}-${n} qsim vs our complex128 (first ${q.probs.length} amplitudes)`, maxDelta(q.probs, d[d.length - 1].probs), 1e-5);
          qw.push(q.wall); qc.push(q.cpu - qsimOverhead(qs.bin, n));
        }
        if (t.length) check(`${c.name}-${n} today vs complex128`, maxDelta(t[t.length - 1].probs, d[d.length - 1].probs), 1e-9);
        if (s.length) check(`${c.name}-${n} complex64 vs complex128`, maxDelta(s[s.length - 1].probs, d[d.length - 1].probs), 1e-5);
        for (const x of [t, d, s]) if (x.length) x[x.length - 1].probs = new Float64Array(0);
      }
      const cpu = (x: Run[]) => (x.length ? median(x.map((y) => y.cpu)) : NaN);
      const wall = (x: Run[]) => (x.length ? median(x.map((y) => y.wall)) : NaN);
      const q = qc.length ? median(qc) : NaN;
      const row = {
        circuit: c.name, n, gates: c.gates.length,
        today: { cpu: cpu(t), wall: wall(t), passes: t[0]?.passes }, double: { cpu: cpu(d), wall: wall(d), passes: d[0]?.passes },
        single: { cpu: cpu(s), wall: wall(s), passes: s[0]?.passes }, qsim: { cpu: q, wall: qw.length ? median(qw) : NaN },
      };
      rows.push(row);
      table.push([c.name, String(n), fmt(cpu(t)), fmt(cpu(d)), fmt(cpu(s)), fmt(q), fmt(cpu(t) / q), fmt(cpu(d) / q), fmt(cpu(s) / q), fmt(cpu(t) / cpu(d)),
        `${t[0]?.passes ?? "—"}→${d[0]?.passes}→${s[0]?.passes ?? "—"}`]);
      console.log(table[table.length - 1].join("\t"));
    }
  }
  console.log("\nCPU seconds (1 thread; qsim: process CPU minus its empty-circuit start-up), medians:\n" +
    table.map((r) => r.map((x, i) => (i === 0 ? x.padEnd(7) : x.padStart(i === head.length - 1 ? 14 : 11))).join(" ")).join("\n"));

  // n ≥ 28: time per layer on few layers, one run each, only when memory allows
  const big: Record<string, unknown>[] = [];
  for (const n of BIG) {
    const layers = 2, c = randomLayers(n, layers);
    for (const [label, extra, bytes] of [["double", {}, 16], ["single", { precision: "single" }, 8]] as const) {
      if (label === "single" && !hasSingle) continue;
      const need = 2 ** n * bytes;
      if (freemem() < need + 2 ** 30) { console.log(`n=${n} ${label}: skipped, ${fmt(freemem() / 2 ** 30)} GiB free < ${fmt(need / 2 ** 30 + 1)} GiB`); continue; }
      try {
        const r = runOurs(Simulator, c, extra, false);
        big.push({ n, label, layers, cpu: r.cpu, wall: r.wall, perLayerWall: r.wall / layers, passes: r.passes });
        console.log(`n=${n} ${label}: ${layers} layers, ${fmt(r.wall / layers)} s/layer wall, ${fmt(r.cpu / layers)} s/layer cpu (${r.passes} passes)`);
      } catch (e) { console.log(`n=${n} ${label}: ${String(e)}`); big.push({ n, label, error: String(e) }); }
    }
    if ("bin" in qs && n <= 30 && freemem() > 2 ** n * 8 + 2 ** 30) {
      const q = runQsim(qs.bin, c, 1);
      big.push({ n, label: "qsim", layers, wall: q.wall, perLayerWall: q.wall / layers });
      console.log(`n=${n} qsim: ${layers} layers, ${fmt(q.wall / layers)} s/layer wall`);
    }
  }
  mkdirSync(join(repo, "bench/results"), { recursive: true });
  const out = join(repo, "bench/results/sim-vs-qsim.json");
  writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), node: process.version, loadAverage: loadavg(), today: TODAY, qsim: "bin" in qs ? QSIM_SRC : qs.absent, rows, big }, null, 2));
  console.log(`\nwritten ${out}`);
}

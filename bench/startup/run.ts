// npm run bench:startup [-- --quick]
// What a user waits for before the first useful output, measured as separate
// processes (median of N runs, the machine's load printed alongside):
//  A. `qmk --version` (bin/qmk.js → compiled dist/) vs `node -e 0`
//     (baseline: Node's own start). Target: within 0.3 s.
//     Also shown: the same CLI run from TypeScript source through tsx (the
//     launcher used before there was a compiled package).
//  B. `qmk run qft20.json` (a 20-qubit QFT, 100 shots) on a data directory
//     as a user has it after following the quota refusal's advice: created
//     by a first (1-qubit) `qmk run`, then `qmk quota set demo
//     logical_qubits=20` — both untimed — vs the
//     simulator's own time for the same graph, shots and seed (baseline),
//     twice: in this warm process (executeGraph + BarePort, JIT-compiled),
//     and as a fresh `node` process that loads only the simulator from dist/
//     and runs the same graph — what running the simulator directly costs a
//     user, node's start and the simulator's cold JIT included. The second is
//     the like-for-like measure of what qmk adds. Target: within 0.3 s.
// Needs `npm run build` first (the bin runs dist/). Prints a table; writes
// only temporary files.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { BarePort } from "../../kernel/qvm/bare-port.js";
import { executeGraph, shotSeed } from "../../kernel/qvm/executor.js";
import { verifyGraph } from "../../kernel/qvm/verifier.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const QUICK = process.argv.includes("--quick");
const RUNS = QUICK ? 3 : 7;
const BIN = path.join(ROOT, "bin/qmk.js");
const SHOTS = 100;
const SEED = 7;
/** The figure: a QFT-20 (above the demo tenant's default 16 qubits, raised per data dir). */
const QFT_QUBITS = 20;

/** QFT on n qubits after a layer of RY (so the output is not uniform), then measure all. */
export function qftGraph(n: number): any {
  const vqs = Array.from({ length: n }, (_, i) => `q${i}`);
  const nodes: any[] = [{ id: "alloc", op: "ALLOC_LQ", args: { n, profile: "logical:Surface(d=3)" }, vqs }];
  let id = 0;
  for (let i = 0; i < n; i++) nodes.push({ id: `g${id++}`, op: "APPLY_RY", vqs: [vqs[i]], args: { theta: 0.3 + (0.7 * i) / n } });
  for (let j = n - 1; j >= 0; j--) {
    nodes.push({ id: `g${id++}`, op: "APPLY_H", vqs: [vqs[j]] });
    for (let k = j - 1; k >= 0; k--) nodes.push({ id: `g${id++}`, op: "APPLY_CPHASE", vqs: [vqs[k], vqs[j]], args: { theta: Math.PI / 2 ** (j - k) } });
  }
  for (let i = 0; i < n >> 1; i++) nodes.push({ id: `g${id++}`, op: "APPLY_SWAP", vqs: [vqs[i], vqs[n - 1 - i]] });
  const events = vqs.map((_, i) => `m${i}`);
  for (let i = 0; i < n; i++) nodes.push({ id: `m${i}`, op: "MEASURE_Z", vqs: [vqs[i]], produces: [events[i]] });
  return { version: "0.1", program: { nodes }, resources: { vqs, chs: [], events }, caps: ["CAP_ALLOC", "CAP_MEASURE"] };
}

function timeProcess(args: string[], cwd = ROOT): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`node ${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  return ms;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function series(f: () => number): number {
  f(); // warm the file-system cache
  return median(Array.from({ length: RUNS }, f));
}

function main(): void {
  if (!existsSync(path.join(ROOT, "dist/kernel/cli/main.js"))) {
    process.stderr.write("bench:startup: dist/ is missing — run `npm run build` first\n");
    process.exitCode = 1;
    return;
  }
  process.stdout.write(`startup, median of ${RUNS} processes; ${cpus().length} cores, load ${loadavg().map((x) => x.toFixed(2)).join(" ")}\n\n`);

  const nodeBare = series(() => timeProcess(["-e", "0"]));
  const version = series(() => timeProcess([BIN, "--version"]));
  const tsxVersion = series(() => timeProcess(["--import", "tsx", path.join(ROOT, "kernel/cli/main.ts"), "--version"]));

  const work = mkdtempSync(path.join(tmpdir(), "qmk-bench-startup-"));
  try {
    const g = qftGraph(QFT_QUBITS);
    const file = path.join(work, `qft${QFT_QUBITS}.json`);
    writeFileSync(file, JSON.stringify(g));
    const tiny = path.join(work, "one.json");
    writeFileSync(tiny, JSON.stringify(qftGraph(1)));
    let k = 0;
    const run = series(() => {
      const dir = path.join(work, `d${k++}`);
      // setup, not timed: the data directory exists, the demo tenant may use 20 qubits
      timeProcess([BIN, "run", tiny, "--shots", "1", "--json", "--data-dir", dir]);
      timeProcess([BIN, "quota", "set", "demo", `logical_qubits=${QFT_QUBITS}`, "--data-dir", dir]);
      return timeProcess([BIN, "run", file, "--shots", String(SHOTS), "--seed", String(SEED), "--json", "--data-dir", dir]);
    });
    // The simulator's own time: the same graph in this (warm) process.
    const v = verifyGraph(g);
    if (!v.valid) throw new Error("qft graph invalid: " + JSON.stringify(v.errors));
    const bareSeed = shotSeed(SEED, 0);
    const sim = series(() => {
      const t0 = process.hrtime.bigint();
      executeGraph(v.graph!, new BarePort({ seed: bareSeed, maxQubits: 28 }), { shots: SHOTS, seed: bareSeed });
      return Number(process.hrtime.bigint() - t0) / 1e6;
    });

    // the simulator alone, as a fresh process
    const bareScript = path.join(work, "bare-sim.mjs");
    const dist = (p: string) => JSON.stringify(new URL(`../../dist/kernel/${p}`, import.meta.url).href);
    writeFileSync(bareScript, [
      `import { readFileSync } from "node:fs";`,
      `const { BarePort } = await import(${dist("qvm/bare-port.js")});`,
      `const { executeGraph, shotSeed } = await import(${dist("qvm/executor.js")});`,
      `const { verifyGraph } = await import(${dist("qvm/verifier.js")});`,
      `const v = verifyGraph(JSON.parse(readFileSync(process.argv[2], "utf8")));`,
      `const s = shotSeed(${SEED}, 0);`,
      `executeGraph(v.graph, new BarePort({ seed: s, maxQubits: 28 }), { shots: ${SHOTS}, seed: s });`,
    ].join("\n"));
    const coldSim = series(() => timeProcess([bareScript, file]));

    const rows: Array<[string, number, string, number]> = [
      ["qmk --version (bin → dist/)", version, "node -e 0", nodeBare],
      ["qmk --version via tsx (source)", tsxVersion, "node -e 0", nodeBare],
      [`qmk run QFT-${QFT_QUBITS}, ${SHOTS} shots`, run, "simulator alone, fresh node process", coldSim],
      [`qmk run QFT-${QFT_QUBITS}, ${SHOTS} shots `, run, "simulator's own time (warm, in-process)", sim],
    ];
    const w = Math.max(...rows.map((r) => r[0].length), ...rows.map((r) => r[2].length));
    process.stdout.write(`${"measured".padEnd(w)}  ${"ms".padStart(8)}   ${"baseline".padEnd(w)}  ${"ms".padStart(8)}  ${"diff s".padStart(7)}  target\n`);
    for (const [name, ms, base, bms] of rows) {
      const d = (ms - bms) / 1000;
      const target = name.includes("tsx") ? "(reference)" : d <= 0.3 ? "≤ 0.3 s ✓" : "≤ 0.3 s ✗";
      process.stdout.write(`${name.padEnd(w)}  ${ms.toFixed(0).padStart(8)}   ${base.padEnd(w)}  ${bms.toFixed(0).padStart(8)}  ${d.toFixed(3).padStart(7)}  ${target}\n`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main();

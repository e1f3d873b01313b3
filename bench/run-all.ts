// `npm run bench`: every benchmark program, one after the other (each prints
// its own side-by-side table against its named baseline). Extra arguments
// are passed to the simulator benchmark (e.g. `npm run bench -- --quick`).
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const extra = process.argv.slice(2);
const runs: Array<[string, string, string[]]> = [
  ["simulator vs quantum-circuit / jsqubits / bandwidth probe", "bench/sim/run.ts", ["--fma", ...extra]],
  ["mediation vs bare simulator, and vs the pre-pipeline kernel", "bench/mediation/run.ts", []],
  ["isolation attacks over qmk serve vs the pre-issue-12 server", "bench/isolation/run.ts", []],
  ["audit log: group commit vs fsync-per-event, proofs at 10^6", "bench/audit/run.ts", []],
  ["lint: 1000-line file, warm", "lint-rules/bench.ts", []],
];
// start-up is measured on the compiled package (dist/), as a user runs it
runs.push(["start-up: qmk --version and qmk run vs node and the simulator alone", "bench/startup/run.ts", []]);
let failed = 0;
for (const [title, file, args] of runs) {
  process.stdout.write(`\n=== ${title} (${file})\n`);
  const r = spawnSync(process.execPath, ["--import", "tsx", path.join(root, file), ...args], { cwd: root, stdio: "inherit" });
  if (r.status !== 0) failed++;
}
process.exitCode = failed ? 1 : 0;

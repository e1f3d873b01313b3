// `qmk run FILE` — run a graph as a job on the embedded kernel (demo tenant)
// or on a `qmk serve` kernel (--connect + --token), and print its counts.
import { createKernel } from "../../index.js";
import { describeError, loadGraphFile, parseBindings, terminalProgress } from "../io.js";

export interface RunOpts {
  seed?: string;
  shots?: string;
  json?: boolean;
  param?: string[];
  dataDir?: string;
}

export async function runCommand(file: string, opts: RunOpts): Promise<number> {
  const shots = opts.shots === undefined ? 1000 : Number(opts.shots);
  const seed = opts.seed === undefined ? 1 : Number(opts.seed);
  if (!Number.isInteger(shots) || shots < 1) return fail("--shots must be a positive integer");
  if (!Number.isInteger(seed) || seed < 0) return fail("--seed must be a non-negative integer");
  const kernel = await createKernel({ dataDir: opts.dataDir, demoTenant: true });
  try {
    const graph = loadGraphFile(file);
    const { session_id } = await kernel.call("q_negotiate_caps", { token: kernel.demoToken });
    const { job_id, warnings } = await kernel.call("q_submit", { session_id, graph, params: parseBindings(opts.param), policy: { shots, seed } });
    for (const w of warnings ?? []) process.stderr.write(`warning ${w.code}${w.node ? ` node ${w.node}` : ""}: ${w.message}\n`);
    const progress = terminalProgress("shots");
    let st = await kernel.call("q_status", { session_id, job_id });
    while (st.state === "queued" || st.state === "running") {
      progress(st.shots_done, st.shots);
      try {
        st = await kernel.call("q_wait", { session_id, job_id, timeout_ms: 200 });
      } catch (e) {
        if ((e as { codeName?: string }).codeName !== "TIMEOUT") throw e;
        st = await kernel.call("q_status", { session_id, job_id });
      }
    }
    progress(st.shots_done, st.shots);
    if (st.state !== "completed") return fail(`job ${st.state}: ${st.error ? `${st.error.name}: ${st.error.message}` : ""}`);
    if (opts.json) {
      process.stdout.write(JSON.stringify({ counts: st.counts, events: st.events, shots: st.shots }) + "\n");
    } else {
      process.stdout.write(`events (bit order): ${st.events_order.join(" ")}\n`);
      const rows = Object.entries(st.counts as Record<string, number>).sort((a, b) => b[1] - a[1]);
      for (const [bits, n] of rows) process.stdout.write(`${bits}  ${String(n).padStart(7)}  ${((100 * n) / st.shots).toFixed(1)}%\n`);
    }
    return 0;
  } catch (e) {
    return fail(describeError(e));
  } finally {
    await kernel.close();
  }
}

function fail(msg: string): number {
  process.stderr.write(`qmk run: ${msg}\n`);
  return 1;
}

// `qmk run FILE` — run a graph as a job and print its counts: on the
// embedded kernel of a data directory (as the demo tenant, or --tenant /
// --token), or on a `qmk serve` kernel (--connect + --token). FILE "-" is stdin.
import { ErrorCodes, QmkError, isQmkError, type ErrorName } from "../../errors.js";
import { openClient } from "../client.js";
import { describeError, exitCodeOf, parseBindings, terminalProgress, UsageError } from "../io.js";
import { loadProgram, runCounts, runGraph, runObservable } from "./experiment.js";

export interface RunOpts {
  seed?: string;
  shots?: string;
  json?: boolean;
  param?: string[];
  dataDir?: string;
  tenant?: string;
  token?: string;
  connect?: string;
  /** a Pauli sum: print its expectation instead of counts */
  observable?: string;
  /** a noise model file (JSON) */
  noise?: string;
  /** simulator amplitudes on the embedded kernel: "double" (default) or "single" (complex64) */
  precision?: string;
}

export async function runCommand(file: string, opts: RunOpts): Promise<number> {
  const shots = opts.shots === undefined ? 1000 : Number(opts.shots);
  const seed = opts.seed === undefined ? 1 : Number(opts.seed);
  if (!Number.isInteger(shots) || shots < 1) return fail(new UsageError("--shots must be a positive integer"));
  if (!Number.isInteger(seed) || seed < 0) return fail(new UsageError("--seed must be a non-negative integer"));
  if (opts.precision !== undefined && opts.precision !== "double" && opts.precision !== "single") return fail(new UsageError("--precision must be single or double"));
  if (opts.precision !== undefined && opts.connect) return fail(new UsageError("--precision applies to the embedded kernel, not to --connect"));
  let client: Awaited<ReturnType<typeof openClient>> | undefined;
  try {
    const prog = loadProgram(file);
    const graph = runGraph(prog, opts.noise);
    const params = parseBindings(opts.param);
    client = await openClient(opts, { demo: true, ...(opts.tenant ? { asTenant: opts.tenant } : {}), ...(opts.precision === "single" || opts.precision === "double" ? { precision: opts.precision } : {}) });
    const c = client;
    if (opts.observable !== undefined) {
      await runObservable((m, p) => c.call(m as never, p as never), prog, { ...opts, observable: opts.observable, seed, params });
      return 0;
    }
    const { job_id, warnings } = await c.call("q_submit", { graph, params, policy: { shots, seed } });
    for (const w of (warnings ?? []) as Array<{ code?: string; node?: string; message?: string }>) process.stderr.write(`warning ${w.code}${w.node ? ` node ${w.node}` : ""}: ${w.message}\n`);
    const progress = terminalProgress("shots");
    let st = await c.call("q_status", { job_id });
    while (st.state === "queued" || st.state === "running") {
      progress(st.shots_done, st.shots);
      try {
        st = await c.call("q_wait", { job_id, timeout_ms: 200 });
      } catch (e) {
        if (!isQmkError(e) || e.codeName !== "TIMEOUT") throw e;
        st = await c.call("q_status", { job_id });
      }
    }
    progress(st.shots_done, st.shots);
    if (st.state !== "completed") {
      // The job's own error, with its code (QUOTA_EXCEEDED, CANCELLED, …), not a generic failure.
      const err = st.error;
      throw err && typeof err.name === "string" && isErrorName(err.name)
        ? new QmkError(err.name, `job ${st.state}: ${err.message}`, { ...(err.data ?? {}), tenant: c.tenant })
        : new QmkError(st.state === "cancelled" ? "CANCELLED" : "INTERNAL_ERROR", `job ${st.state}`, { tenant: c.tenant });
    }
    const out = runCounts(prog, st);
    if (opts.json) {
      process.stdout.write(JSON.stringify({ counts: out.counts, events: st.events, shots: st.shots, ...(prog.qasm ? { bits: prog.qasm.bits } : {}) }) + "\n");
    } else {
      process.stdout.write(`${prog.qasm ? "classical bits (declaration order)" : "events (bit order)"}: ${out.order.join(" ")}\n`);
      const rows = Object.entries(out.counts).sort((a, b) => b[1] - a[1]);
      for (const [bits, n] of rows) process.stdout.write(`${bits}  ${String(n).padStart(7)}  ${((100 * n) / st.shots).toFixed(1)}%\n`);
    }
    return 0;
  } catch (e) {
    return fail(e, client?.tenant ?? opts.tenant ?? "demo");
  } finally {
    await client?.close();
  }
}

function isErrorName(n: string): n is ErrorName {
  return Object.hasOwn(ErrorCodes, n);
}

/** One line on stderr; a quota refusal says which key to raise and how. */
function fail(e: unknown, tenant = "demo"): number {
  process.stderr.write(`qmk run: ${describeError(e)}\n`);
  if (isQmkError(e) && e.codeName === "QUOTA_EXCEEDED" && typeof e.data.field === "string") {
    const key = e.data.field.replace(/^(params\.)?(quota\.)?/, "");
    const used = typeof e.data.used === "number" ? e.data.used : 0;
    const want = typeof e.data.requested === "number" ? used + e.data.requested : typeof e.data.limit === "number" ? e.data.limit * 2 : undefined;
    const name = typeof e.data.tenant === "string" ? e.data.tenant.split("#")[0] : tenant;
    if (want !== undefined) process.stderr.write(`  the operator can raise it: qmk quota set ${name} ${key}=${want}\n`);
  }
  return exitCodeOf(e);
}

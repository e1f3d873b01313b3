// Expectation values of Pauli sums, through the kernel's own doors:
//
//  - exact: the program's unitary part is replayed on the caller's eager
//    qubits (q_alloc, q_apply) and read back with q_amplitudes, which the
//    kernel answers only when the state is the caller's alone (no foreign
//    entanglement or history, at most 12 qubits). stderr is 0.
//  - sampled: one job per group of qubit-wise commuting terms, measuring
//    each qubit of the group in its Pauli's basis (q_submit). Per shot a
//    group yields v = Σ c_t Π_{q∈t} (−1)^{bit_q}; the estimate is the sum of
//    the groups' sample means and its standard error
//    sqrt(Σ_g s_g² / N) (groups are independent jobs; terms inside a group
//    share shots, so their covariance is in s_g²).
import { QmkError } from "../errors.js";
import { OPCODES } from "../qvm/opcodes.js";
import { evalAngle } from "../qvm/expr.js";
import type { QvmGraph } from "../qvm/graph.js";
import { exactExpectation, groupCommuting, parseObservable, type Observable } from "./pauli.js";
import { finalState, measurementGraph, observedHandles } from "./final-state.js";

/** A q_* call on behalf of one session (the session id already bound). */
export type Caller = (method: string, params: Record<string, unknown>) => Promise<any>;

export interface Expectation {
  observable: string;
  value: number;
  /** standard error of the estimate; 0 when exact */
  stderr: number;
  /** total shots spent (0 when exact) */
  shots: number;
  /** measurement settings (jobs) used; 0 when exact */
  groups: number;
}

export interface SampleOptions {
  shots: number;
  seed?: number;
  params?: Record<string, number>;
  /** rewrites each measurement graph before it is submitted (e.g. adds noise) */
  prepare?: (g: QvmGraph) => QvmGraph;
  timeoutMs?: number;
}

/** The most qubits q_amplitudes returns. */
export const EXACT_MAX_QUBITS = 12;

function asObservable(obs: string | Observable): Observable {
  return typeof obs === "string" ? parseObservable(obs) : obs;
}

/** Exact ⟨O⟩ on the program's final state (see the file comment for when the kernel allows it). */
export async function expectationExact(call: Caller, graph: QvmGraph, observable: string | Observable, params: Record<string, number> = {}): Promise<Expectation> {
  const obs = asObservable(observable);
  const fs = finalState(graph);
  observedHandles(fs, obs);
  if (!fs.unitary) {
    throw new QmkError("INVALID_PARAMS", "an exact expectation needs a program without mid-circuit measurement, reset, classical control or channels; give shots for a sampled estimate", { field: "shots" });
  }
  if (fs.qubits.length > EXACT_MAX_QUBITS) {
    throw new QmkError("INVALID_PARAMS", `an exact expectation reads the state with q_amplitudes (at most ${EXACT_MAX_QUBITS} qubits; this program has ${fs.qubits.length}); give shots for a sampled estimate`, { field: "shots" });
  }
  const handle = new Map<string, string>();
  const allocated: string[] = [];
  const touched = new Set<string>();
  try {
    for (const nd of fs.graph.program.nodes) {
      const spec = OPCODES[nd.op];
      if (!spec || spec.effect === "none") continue;
      if (nd.op === "ALLOC_LQ") {
        if (nd.args?.tenant !== undefined) throw new QmkError("INVALID_PARAMS", "an exact expectation of a multi-tenant graph is not the caller's to read; give shots", { field: "shots" });
        const r = await call("q_alloc", { n: nd.vqs!.length, ...(nd.args?.profile !== undefined ? { profile: nd.args.profile } : {}) });
        nd.vqs!.forEach((h, i) => handle.set(h, r.vqs[i]));
        allocated.push(...r.vqs);
        continue;
      }
      if (nd.op === "RESET" && nd.vqs!.every((h) => !touched.has(h))) continue; // fresh: already |0⟩
      if (nd.args?.channel !== undefined) throw new QmkError("INVALID_PARAMS", "an exact expectation of a cross-tenant gate is not the caller's to read; give shots", { field: "shots" });
      const args: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(nd.args ?? {})) args[k] = spec.args[k]?.type === "angle" ? evalAngle(v, params, { node: nd.id, field: `args.${k}` }) : v;
      await call("q_apply", { op: nd.op, vqs: nd.vqs!.map((h) => handle.get(h)!), ...(Object.keys(args).length ? { args } : {}) });
      for (const h of nd.vqs!) touched.add(h);
    }
    const amp = await call("q_amplitudes", { vqs: fs.qubits.map((h) => handle.get(h)!) });
    return { observable: obs.text, value: exactExpectation(obs, amp.re, amp.im), stderr: 0, shots: 0, groups: 0 };
  } finally {
    if (allocated.length) await call("q_release", { vqs: allocated }).catch(() => {});
  }
}

/** Sampled ⟨O⟩ with its standard error: `shots` shots per group of commuting terms. */
export async function expectationSampled(call: Caller, graph: QvmGraph, observable: string | Observable, opts: SampleOptions): Promise<Expectation> {
  const obs = asObservable(observable);
  const { shots } = opts;
  if (!Number.isInteger(shots) || shots < 2) throw new QmkError("INVALID_PARAMS", "shots must be an integer ≥ 2 for a standard error", { field: "shots" });
  const fs = finalState(graph);
  observedHandles(fs, obs);
  const groups = groupCommuting(obs.terms);
  let value = obs.constant;
  let variance = 0;
  for (const [gi, grp] of groups.entries()) {
    const { graph: mg, events } = measurementGraph(fs, grp.bases);
    const submitted = opts.prepare ? opts.prepare(mg) : mg;
    const seed = (opts.seed ?? 1) + gi;
    const { counts, order } = await runJob(call, submitted, { shots, seed, params: opts.params, timeoutMs: opts.timeoutMs });
    const pos = new Map(order.map((e, i) => [e, i]));
    const termPos = grp.terms.map((t) => ({ c: t.coeff, at: t.ops.map(([q]) => pos.get(events.get(q)!)!) }));
    let n = 0, sum = 0, sumSq = 0;
    for (const [key, k] of Object.entries(counts)) {
      let v = 0;
      for (const t of termPos) {
        let parity = 0;
        for (const p of t.at) parity ^= key.charCodeAt(p) === 49 ? 1 : 0;
        v += parity ? -t.c : t.c;
      }
      n += k;
      sum += k * v;
      sumSq += k * v * v;
    }
    const mean = sum / n;
    const s2 = Math.max(0, (sumSq - n * mean * mean) / (n - 1));
    value += mean;
    variance += s2 / n;
  }
  return { observable: obs.text, value, stderr: Math.sqrt(variance), shots: shots * groups.length, groups: groups.length };
}

/** Submits a graph and waits for its counts (keys: one character per event of `order`). */
export async function runJob(
  call: Caller,
  graph: QvmGraph,
  o: { shots: number; seed: number; params?: Record<string, number>; timeoutMs?: number },
): Promise<{ counts: Record<string, number>; order: string[]; shots: number }> {
  const sub = await call("q_submit", { graph, ...(o.params ? { params: o.params } : {}), policy: { shots: o.shots, seed: o.seed } });
  const deadline = Date.now() + (o.timeoutMs ?? 600_000);
  let st: any;
  for (;;) {
    try {
      st = await call("q_wait", { job_id: sub.job_id, timeout_ms: 1000 });
    } catch (e) {
      if ((e as { codeName?: string }).codeName !== "TIMEOUT") throw e;
      st = { state: "running" };
    }
    st = st?.result ?? st;
    if (st.state !== "queued" && st.state !== "running") break;
    if (Date.now() > deadline) throw new QmkError("TIMEOUT", `job ${String(sub.job_id).slice(0, 16)}… did not finish in time`, { field: "timeout_ms" });
  }
  if (st.state !== "completed") {
    throw new QmkError("INVALID_GRAPH", `job ${st.state}${st.error ? `: ${st.error.name ?? ""} ${st.error.message ?? ""}` : ""}`, { field: "graph" });
  }
  return { counts: st.counts ?? {}, order: st.events_order ?? graph.resources.events, shots: st.shots ?? o.shots };
}

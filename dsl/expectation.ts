// circuit.expectation(observable, {shots?}): the expectation of a Pauli sum
// on a captured circuit's final state, through the circuit's session.
// Exact (stderr 0) without shots — the kernel replays the circuit on the
// caller's own eager qubits and lets it read them (q_amplitudes: its own,
// unentangled with anyone else's, at most 12 qubits); with shots, a sampled
// estimate with its standard error (one job per group of commuting terms).
import { QmkError } from "./errors.js";
import { expectationExact, expectationSampled, type Caller, type Expectation } from "../kernel/observables/estimate.js";
import { withNoise } from "../kernel/noise/insert.js";
import { parseNoiseModel, type NoiseModel } from "../kernel/noise/model.js";
import type { QvmGraph } from "../kernel/qvm/graph.js";
import type { Session } from "./session.js";

export type { Expectation } from "../kernel/observables/estimate.js";
export type { NoiseModel } from "../kernel/noise/model.js";

export interface ExpectationOptions {
  /** shots per group of commuting terms; omitted: exact */
  shots?: number;
  seed?: number;
  /** bindings for named angle parameters */
  params?: Record<string, number>;
  /** a noise model (sampled only) */
  noise?: NoiseModel | string;
  /** session that runs it (default: the circuit's) */
  session?: Session<string>;
  timeoutMs?: number;
}

interface CircuitLike {
  readonly session?: Session<string>;
  bind(params?: Record<string, number>): QvmGraph;
}

export async function circuitExpectation(c: CircuitLike, observable: string, opts: ExpectationOptions = {}): Promise<Expectation> {
  const s = opts.session ?? c.session;
  if (!s) throw new QmkError("INVALID_PARAMS", "this circuit has no session: circuit(session, …) or expectation(obs, { session })", { field: "session" });
  await s.sync();
  const call: Caller = (m, p) => s.call(m as never, p as never);
  const graph = c.bind(opts.params);
  if (opts.shots === undefined) {
    if (opts.noise !== undefined) throw new QmkError("INVALID_PARAMS", "a noisy expectation is estimated from trajectories: give shots", { field: "shots" });
    return expectationExact(call, graph, observable);
  }
  const model = opts.noise !== undefined ? parseNoiseModel(opts.noise) : undefined;
  return expectationSampled(call, graph, observable, {
    shots: opts.shots,
    ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
    ...(model ? { prepare: (g: QvmGraph) => withNoise(g, model) } : {}),
    ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}),
  });
}

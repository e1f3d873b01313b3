// Noise as an ordinary QVM graph: quantum trajectories on the state vector,
// unravelled through one "environment" qubit per tenant.
//
// Each channel is a Stinespring dilation onto the environment qubit e
// (fresh |0⟩), followed by RESET e. The kernel's RESET measures e and flips
// it back to |0⟩, which picks one Kraus branch with the Born probability:
// exactly the quantum-trajectory step, drawn from the job's seeded
// per-shot randomness, so a noisy job is reproducible from its seed and
// replayable shot by shot. No event is produced, so counts keep the
// program's own keys, and the graph goes through the same verifier,
// mediation and firewall as any other (e is the tenant's own qubit; its
// cost is one physical qubit, profile logical:Surface(d=1)). The price is
// one extra qubit (twice the state) and per-shot simulation.
//
//  coin(r)               RY(2·asin √r) e          P(e = 1) = r
//  Pauli P with prob r   coin(r); controlled-P e→q; RESET e
//  depolarizing p        independent X, Y, Z flips, each with r = (1 − √(1−p))/2:
//                        P(X) = P(Y) = P(Z) = r(1−r) = p/4
//  amplitude damping γ   CRY(θ) q→e, CNOT e→q, RESET e    (sin²(θ/2) = γ)
//                        |1⟩|0⟩ → √(1−γ)|1⟩|0⟩ + √γ|0⟩|1⟩
//  phase damping λ       CRY(θ) q→e, RESET e              (sin²(θ/2) = λ)
//  readout p             before the measurement, a flip with probability p of
//                        a Pauli that anticommutes with the measured one
//                        (X for Z/Y, Z for X, Y for an angle in the XZ plane;
//                        Bell: Z on the first qubit, X on the second). The
//                        reported bits and everything guarded on them see the
//                        error, as on hardware; a QVM measurement consumes
//                        its qubit, so no later gate sees the flipped state.
// A guarded gate's noise carries the same guard (the RESET does not need it:
// e is |0⟩ when the guard skipped the rest). Nodes marked
// `metadata.basis_change` (the rotations an observable estimator puts before
// its Z measurements) count as part of the measurement: no gate noise.
import { QmkError } from "../errors.js";
import { normalizeNode, type QvmGraph, type QvmGuard, type QvmNode } from "../qvm/graph.js";
import { OPCODES, requiredRights } from "../qvm/opcodes.js";
import { DEFAULT_PROFILE } from "../qec/profiles.js";
import { parseNoiseModel, type NoiseModel, type ResolvedNoise } from "./model.js";
import { logicalErrorRate } from "./logical.js";
import { assertGraphShape } from "../observables/shape.js";

export const ENV_PROFILE = "logical:Surface(d=1)";

interface Mix {
  depolarizing: number;
  amplitude_damping: number;
  phase_damping: number;
}

const compose = (a: number, b: number) => 1 - (1 - a) * (1 - b);

/** The graph with the noise model's channels inserted (the input is not changed). */
export function withNoise(graph: QvmGraph, model: NoiseModel | ResolvedNoise | string): QvmGraph {
  assertGraphShape(graph);
  const m: ResolvedNoise = isResolved(model) ? model : parseNoiseModel(model);
  const qubitIndex = new Map(graph.resources.vqs.map((h, i) => [h, i]));
  for (const q of m.qubits.keys()) {
    if (q >= graph.resources.vqs.length) throw new QmkError("INVALID_PARAMS", `noise qubits.${q}: the program has ${graph.resources.vqs.length} qubit(s)`, { field: `noise.qubits.${q}` });
  }
  const src = graph.program.nodes;
  const taken = new Set<string>([...graph.resources.vqs, ...src.map((n) => n.id), ...graph.resources.events]);
  const fresh = (base: string) => {
    let s = base;
    for (let k = 1; taken.has(s); k++) s = `${base}_${k}`;
    taken.add(s);
    return s;
  };
  // per handle: its tenant key (args.tenant of its ALLOC_LQ, "" if none) and QEC profile
  const tenantOf = new Map<string, string>();
  const profileOf = new Map<string, string>();
  for (const nd of src) {
    if (nd.op !== "ALLOC_LQ") continue;
    for (const h of nd.vqs ?? []) {
      tenantOf.set(h, typeof nd.args?.tenant === "string" ? nd.args.tenant : typeof nd.args?.tenant_id === "string" ? nd.args.tenant_id : "");
      profileOf.set(h, typeof nd.args?.profile === "string" ? nd.args.profile : DEFAULT_PROFILE);
    }
  }
  const envOf = new Map<string, string>(); // tenant key → env handle
  const out: QvmNode[] = [];
  let inserted = 0;
  const env = (h: string): string => {
    const t = tenantOf.get(h) ?? "";
    let e = envOf.get(t);
    if (!e) {
      e = fresh(`_noise_env${envOf.size || ""}`);
      envOf.set(t, e);
    }
    return e;
  };
  const logicalCache = new Map<string, number>();
  const logicalRate = (h: string): number => {
    if (!m.logical) return 0;
    const prof = profileOf.get(h) ?? DEFAULT_PROFILE;
    let r = logicalCache.get(prof);
    if (r === undefined) logicalCache.set(prof, (r = logicalErrorRate(prof, m.logical)));
    return r;
  };
  const emit = (op: string, vqs: string[], args?: Record<string, unknown>, guard?: QvmGuard) => {
    inserted++;
    out.push({ id: fresh(`_noise${inserted}`), op, vqs, ...(args ? { args } : {}), ...(guard ? { guard: structuredClone(guard) } : {}) });
  };
  const coin = (e: string, r: number, guard?: QvmGuard) => emit("APPLY_RY", [e], { theta: 2 * Math.asin(Math.sqrt(r)) }, guard);
  const controlled = (p: "X" | "Y" | "Z", e: string, q: string, guard?: QvmGuard) => {
    if (p === "X") emit("APPLY_CNOT", [e, q], undefined, guard);
    else if (p === "Z") emit("APPLY_CZ", [e, q], undefined, guard);
    else {
      emit("APPLY_SDG", [q], undefined, guard);
      emit("APPLY_CNOT", [e, q], undefined, guard);
      emit("APPLY_S", [q], undefined, guard);
    }
  };
  const cry = (q: string, e: string, theta: number, guard?: QvmGuard) => {
    emit("APPLY_RY", [e], { theta: theta / 2 }, guard);
    emit("APPLY_CNOT", [q, e], undefined, guard);
    emit("APPLY_RY", [e], { theta: -theta / 2 }, guard);
    emit("APPLY_CNOT", [q, e], undefined, guard);
  };
  const flip = (p: "X" | "Y" | "Z", q: string, r: number, guard?: QvmGuard) => {
    if (r <= 0) return;
    const e = env(q);
    coin(e, r, guard);
    controlled(p, e, q, guard);
    emit("RESET", [e]);
  };
  const channelsOn = (q: string, mix: Mix, guard?: QvmGuard) => {
    if (mix.depolarizing > 0) {
      const r = (1 - Math.sqrt(1 - mix.depolarizing)) / 2;
      for (const p of ["X", "Y", "Z"] as const) flip(p, q, r, guard);
    }
    if (mix.amplitude_damping > 0) {
      const e = env(q);
      cry(q, e, 2 * Math.asin(Math.sqrt(mix.amplitude_damping)), guard);
      emit("APPLY_CNOT", [e, q], undefined, guard);
      emit("RESET", [e]);
    }
    if (mix.phase_damping > 0) {
      const e = env(q);
      cry(q, e, 2 * Math.asin(Math.sqrt(mix.phase_damping)), guard);
      emit("RESET", [e]);
    }
  };
  const readoutOf = (q: string): number => {
    const own = m.qubits.get(qubitIndex.get(q) ?? -1);
    return own?.hasReadout ? own.readout : m.readout;
  };

  for (const raw of src) {
    const nd = normalizeNode(raw);
    const spec = OPCODES[nd.op];
    if (spec && spec.effect === "consume" && nd.op.startsWith("MEASURE_")) {
      if (nd.op === "MEASURE_BELL") {
        flip("Z", nd.vqs[0]!, readoutOf(nd.vqs[0]!));
        flip("X", nd.vqs[1]!, readoutOf(nd.vqs[1]!));
      } else {
        const p = nd.op === "MEASURE_X" ? "Z" : nd.op === "MEASURE_ANGLE" ? "Y" : "X";
        flip(p, nd.vqs[0]!, readoutOf(nd.vqs[0]!));
      }
    }
    out.push(structuredClone(raw));
    // a basis change an estimator adds before a Z measurement belongs to the measurement (readout error only)
    if (!spec || spec.effect !== "gate" || raw.metadata?.basis_change === true) continue;
    const kind = m.gates.get(nd.op);
    for (const q of nd.vqs) {
      const own = m.qubits.get(qubitIndex.get(q) ?? -1);
      const mix: Mix = { depolarizing: 0, amplitude_damping: 0, phase_damping: 0 };
      for (const c of [m.gate, kind, own]) {
        if (!c) continue;
        mix.depolarizing = compose(mix.depolarizing, c.depolarizing);
        mix.amplitude_damping = compose(mix.amplitude_damping, c.amplitude_damping);
        mix.phase_damping = compose(mix.phase_damping, c.phase_damping);
      }
      mix.depolarizing = compose(mix.depolarizing, logicalRate(q));
      channelsOn(q, mix, nd.guard);
    }
  }
  if (envOf.size === 0) return structuredClone(graph);
  // environment qubits: allocated first, freed last
  const allocs: QvmNode[] = [];
  const frees: QvmNode[] = [];
  for (const [t, e] of envOf) {
    allocs.push({ id: fresh(`_noise_alloc`), op: "ALLOC_LQ", vqs: [e], args: { n: 1, profile: ENV_PROFILE, ...(t ? { tenant: t } : {}) } });
    frees.push({ id: fresh(`_noise_free`), op: "FREE_LQ", vqs: [e] });
  }
  const nodes = [...allocs, ...out, ...frees];
  const g = structuredClone(graph);
  g.program = { nodes };
  g.resources = { ...g.resources, vqs: [...graph.resources.vqs, ...envOf.values()] };
  g.caps = requiredRights(nodes.map((n) => n.op), (graph.caps ?? []) as never[]);
  g.metadata = { ...(graph.metadata ?? {}), noise: { environment: [...envOf.values()], inserted } };
  return g;
}

function isResolved(m: unknown): m is ResolvedNoise {
  return typeof m === "object" && m !== null && (m as ResolvedNoise).gates instanceof Map;
}

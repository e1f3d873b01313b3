// The program whose final state an observable is taken on: a QVM graph with
// its terminal measurements removed (measurements whose qubit is not used
// again and whose events nothing reads), and its frees moved to the end so
// measurements in the observable's bases can be appended.
import { QmkError } from "../errors.js";
import { normalizeNode, guardTerms, type QvmGraph, type QvmNode } from "../qvm/graph.js";
import { OPCODES, requiredRights } from "../qvm/opcodes.js";
import type { Observable, Pauli } from "./pauli.js";
import { assertGraphShape } from "./shape.js";

export interface FinalState {
  /** graph without terminal measurements and frees (nothing appended yet) */
  graph: QvmGraph;
  /** observable qubit k → handle (graph.resources.vqs order) */
  qubits: string[];
  /** handles still live at the end of `graph` */
  live: Set<string>;
  /** true when the remaining program is unitary from fresh qubits (no measurement, reset, guard or channel) */
  unitary: boolean;
}

const MEASURES = new Set(["MEASURE_Z", "MEASURE_X", "MEASURE_Y", "MEASURE_ANGLE", "MEASURE_BELL"]);

export function finalState(graph: QvmGraph): FinalState {
  assertGraphShape(graph);
  const nodes = graph.program.nodes;
  const read = new Set<string>();
  for (const nd of nodes) {
    for (const e of nd.inputs ?? []) read.add(e);
    if (nd.guard) for (const t of guardTerms(nd.guard)) read.add(t.event);
  }
  // index of each handle's last non-free use
  const lastUse = new Map<string, number>();
  nodes.forEach((nd, i) => {
    if (nd.op !== "FREE_LQ") for (const h of nd.vqs ?? []) lastUse.set(h, i);
  });
  const kept: QvmNode[] = [];
  const live = new Set<string>();
  let unitary = true;
  const touched = new Set<string>();
  nodes.forEach((raw, i) => {
    const nd = normalizeNode(raw);
    if (nd.op === "FREE_LQ") return;
    const terminal = MEASURES.has(nd.op) && !nd.guard && nd.vqs.every((h) => lastUse.get(h) === i) && nd.produces.every((e) => !read.has(e));
    if (terminal) return;
    kept.push(structuredClone(raw));
    const spec = OPCODES[nd.op];
    if (nd.op === "ALLOC_LQ") {
      for (const h of nd.vqs) live.add(h);
      return;
    }
    if (!spec) return;
    if (spec.effect === "consume") for (const h of nd.vqs) live.delete(h);
    if (spec.effect === "revive") for (const h of nd.vqs) live.add(h);
    // a reset of a qubit nothing has touched yet leaves |0⟩: still a pure, known state
    if (nd.op === "RESET" && nd.vqs.every((h) => !touched.has(h)) && !nd.guard) return;
    if (nd.guard || spec.effect === "consume" || spec.effect === "revive" || spec.effect === "classical" || spec.chEffect || nd.op === "OPEN_CHAN") unitary = false;
    for (const h of nd.vqs) touched.add(h);
  });
  const g: QvmGraph = { ...structuredClone(graph), program: { nodes: kept } };
  return { graph: g, qubits: [...graph.resources.vqs], live, unitary };
}

/** Handles of the observable's qubits; each must be live at the end. */
export function observedHandles(fs: FinalState, obs: Observable): string[] {
  if (obs.width > fs.qubits.length) {
    throw new QmkError("INVALID_PARAMS", `observable uses qubit ${obs.width - 1} but the program has ${fs.qubits.length} qubit(s)`, { field: "observable" });
  }
  const hs = new Set<number>();
  for (const t of obs.terms) for (const [q] of t.ops) hs.add(q);
  for (const q of hs) {
    const h = fs.qubits[q]!;
    if (!fs.live.has(h)) {
      throw new QmkError("INVALID_PARAMS", `observable qubit ${q} (${h}) is measured before the end of the program and not reset; it has no final state`, { field: "observable" });
    }
  }
  return fs.qubits;
}

// Rotations to the Z basis, then MEASURE_Z: a tail of Z measurements keeps
// the kernel's sampling fast path (one state preparation for all shots).
const TO_Z: Record<Pauli, string[]> = { X: ["APPLY_H"], Y: ["APPLY_SDG", "APPLY_H"], Z: [] };

/**
 * The final-state graph followed by one measurement per qubit of `bases`
 * (rotated to Z: H for X, S†·H for Y)
 * (event `_obs<k>` for observable qubit k) and a free of everything live.
 */
export function measurementGraph(fs: FinalState, bases: ReadonlyMap<number, Pauli>): { graph: QvmGraph; events: Map<number, string> } {
  const g = structuredClone(fs.graph);
  const taken = new Set([...g.resources.events, ...g.program.nodes.map((n) => n.id)]);
  const fresh = (base: string) => {
    let s = base;
    while (taken.has(s)) s = `_${s}`;
    taken.add(s);
    return s;
  };
  const events = new Map<number, string>();
  for (const [q, p] of [...bases].sort((a, b) => a[0] - b[0])) {
    const ev = fresh(`_obs${q}`);
    events.set(q, ev);
    // marked as part of the measurement: a noise model gives them readout error, not gate noise
    for (const op of TO_Z[p]) g.program.nodes.push({ id: fresh(`_obs_rot${q}`), op, vqs: [fs.qubits[q]!], metadata: { basis_change: true } });
    g.program.nodes.push({ id: fresh(`_obs_meas${q}`), op: "MEASURE_Z", vqs: [fs.qubits[q]!], produces: [ev] });
    g.resources.events.push(ev);
  }
  // one free per allocation, so a joint (multi-tenant) graph frees each tenant's own qubits
  for (const nd of g.program.nodes.filter((n) => n.op === "ALLOC_LQ")) {
    if (nd.vqs?.length) g.program.nodes.push({ id: fresh("_obs_free"), op: "FREE_LQ", vqs: [...nd.vqs] });
  }
  g.caps = requiredRights(g.program.nodes.map((n) => n.op));
  return { graph: g, events };
}

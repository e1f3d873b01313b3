// Runs a (verified) QVM graph for N shots through a QuantumPort.
// Nodes run in array order, which respects program order per handle.
// Guards skip nodes; COND_PAULI fires on the XOR of its input events (with
// no inputs it fires whenever its guard lets it run: the upstream
// `guard`-only spelling). FENCE_EPOCH / BAR_REGION / SET_POLICY touch no
// qubit and are only recorded. Cancellation between shots throws
// ExecutionCancelled (carrying the partial counts) for the kernel to map.
import { QmkError } from "../errors.js";
import { DEFAULT_PROFILE } from "../qec/profiles.js";
import { normalizeNode, type NormNode, type QvmGraph, type QvmGuard } from "./graph.js";
import { OPCODES, type OpcodeSpec } from "./opcodes.js";
import { evalAngle } from "./expr.js";
import type { ChRef, NodeCtx, QuantumPort, VqRef } from "./port.js";

export type { NodeCtx, QuantumPort, VqRef, ChRef } from "./port.js";

export const MAX_SHOTS = 1_000_000;

export interface ExecuteOptions {
  shots: number;
  seed: number;
  params?: Record<string, number>;
  onProgress?: (done: number, total: number) => void;
  shouldCancel?: () => boolean;
}

export interface ExecuteResult {
  /** bitstring → count; char k = value of resources.events[k] ('-' if never produced in that shot) */
  counts: Record<string, number>;
  /** event values of the last shot */
  events: Record<string, number>;
  shots: number;
  /** FENCE_EPOCH / BAR_REGION / SET_POLICY node ids reached in the last shot */
  markers: string[];
}

/** Thrown when shouldCancel() answers true between shots. */
export class ExecutionCancelled extends Error {
  constructor(
    readonly shotsDone: number,
    readonly partial: Record<string, number>,
  ) {
    super(`execution cancelled after ${shotsDone} shot(s)`);
    this.name = "ExecutionCancelled";
  }
}

export interface Step {
  node: NormNode;
  spec: OpcodeSpec;
  /** args with angles evaluated, ready for the port */
  args: Record<string, unknown>;
}

const MARKERS = new Set(["FENCE_EPOCH", "BAR_REGION", "SET_POLICY"]);

/** Angles are evaluated once per job, not per shot. */
export function plan(graph: QvmGraph, params: Record<string, number>): Step[] {
  return graph.program.nodes.map((raw) => planStep(raw, params));
}

/** One node's step: normalized, its opcode looked up, its angles evaluated with `params`. */
export function planStep(raw: QvmGraph["program"]["nodes"][number], params: Record<string, number>): Step {
  const node = normalizeNode(raw);
  const spec = OPCODES[node.op];
  if (!spec || !Object.hasOwn(OPCODES, node.op)) throw new QmkError("INVALID_GRAPH", `unknown opcode ${String(node.op)}`, { node: node.id, field: "op" });
  const args = { ...node.args };
  for (const [k, a] of Object.entries(spec.args))
    if (a.type === "angle" && args[k] !== undefined) args[k] = evalAngle(args[k], params, { node: node.id, field: `args.${k}` });
  return { node, spec, args };
}

/** Per-shot seed: splitmix-style mix of (job seed, shot), so each shot is replayable alone. */
export function shotSeed(seed: number, shot: number): number {
  let z = (Math.imul(seed >>> 0, 0x9e3779b1) + Math.imul(shot + 1, 0x85ebca6b)) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x7feb352d) >>> 0;
  z = Math.imul(z ^ (z >>> 15), 0x846ca68b) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}

/** Ops after which a graph's shots are no longer identical up to its final Z measurements. */
const NOT_SAMPLABLE = new Set(["COND_PAULI", "RESET", "MEASURE_BELL", "MEASURE_X", "MEASURE_Y", "MEASURE_ANGLE", "OPEN_CHAN", "USE_CHAN", "CLOSE_CHAN"]);

/**
 * Where a graph splits into a unitary prefix and a tail of Z measurements
 * (plus frees and markers), with no guards anywhere: every shot then runs
 * the same state, so the state is prepared once and the tail sampled from
 * its Born distribution (as Qiskit Aer does). -1 when the graph has
 * mid-circuit measurement, classical control or resets.
 */
export function samplingSplit(graph: QvmGraph): number {
  const nodes = graph.program.nodes;
  let first = -1;
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i]!;
    if (n.guard || NOT_SAMPLABLE.has(n.op)) return -1;
    if (n.op === "MEASURE_Z" && first < 0) first = i;
    if (first >= 0 && n.op !== "MEASURE_Z" && n.op !== "FREE_LQ" && !MARKERS.has(n.op)) return -1;
  }
  return first;
}

export function executeGraph(graph: QvmGraph, port: QuantumPort, opts: ExecuteOptions): ExecuteResult {
  const { shots, seed } = opts;
  if (!Number.isInteger(shots) || shots < 1 || shots > MAX_SHOTS)
    throw new QmkError("INVALID_PARAMS", `shots must be an integer in 1..${MAX_SHOTS}`, { field: "shots" });
  if (!Number.isInteger(seed)) throw new QmkError("INVALID_PARAMS", "seed must be an integer", { field: "seed" });
  const steps = plan(graph, opts.params ?? {});
  const evOrder = graph.resources.events;
  const split = port.sample && shots > 1 ? samplingSplit(graph) : -1;
  if (split >= 0) return sampleGraph(steps, split, evOrder, port, opts);
  const counts: Record<string, number> = {};
  let last: Map<string, number> = new Map();
  let markers: string[] = [];

  for (let shot = 0; shot < shots; shot++) {
    if (opts.shouldCancel?.()) throw new ExecutionCancelled(shot, counts);
    port.beginShot?.(shot, shotSeed(seed, shot));
    const run = new ShotRun(port, shot);
    try {
      for (const s of steps) run.step(s);
    } finally {
      port.endShot(shot);
    }
    const key = evOrder.map((e) => (run.events.has(e) ? String(run.events.get(e)) : "-")).join("");
    counts[key] = (counts[key] ?? 0) + 1;
    last = run.events;
    markers = run.markers;
    opts.onProgress?.(shot + 1, shots);
  }
  return { counts, events: Object.fromEntries(last), shots, markers };
}

/**
 * Sampling fast path: one real shot (so the port mediates and executes every
 * node, measurements included) plus shots−1 samples of the final Z
 * measurements drawn from the same state just before them.
 */
function sampleGraph(steps: Step[], split: number, evOrder: readonly string[], port: QuantumPort, opts: ExecuteOptions): ExecuteResult {
  const { shots, seed } = opts;
  if (opts.shouldCancel?.()) throw new ExecutionCancelled(0, {});
  port.beginShot?.(0, shotSeed(seed, 0));
  const run = new ShotRun(port, 0);
  const counts: Record<string, number> = {};
  try {
    for (const s of steps.slice(0, split)) run.step(s);
    const measured = steps.slice(split).filter((s) => s.node.op === "MEASURE_Z");
    const refs = measured.map((s) => run.boundRef(s.node.vqs[0]!, s.node.id));
    const samples = port.sample!(refs, shots - 1);
    // event name → position of the qubit that produces it in the sample strings
    const pos = new Map<string, number>();
    measured.forEach((s, k) => s.node.produces.forEach((e) => pos.set(e, k)));
    for (const [bits, n] of samples) {
      const key = evOrder.map((e) => (pos.has(e) ? bits[pos.get(e)!] : "-")).join("");
      counts[key] = (counts[key] ?? 0) + n;
    }
    for (const s of steps.slice(split)) run.step(s);
  } finally {
    port.endShot(0);
  }
  const key = evOrder.map((e) => (run.events.has(e) ? String(run.events.get(e)) : "-")).join("");
  counts[key] = (counts[key] ?? 0) + 1;
  opts.onProgress?.(shots, shots);
  return { counts, events: Object.fromEntries(run.events), shots, markers: run.markers };
}

/** State of one shot: handle → port ref, event values. */
export class ShotRun {
  readonly events = new Map<string, number>();
  readonly markers: string[] = [];
  private readonly vq = new Map<string, VqRef>();
  private readonly ch = new Map<string, ChRef>();

  constructor(
    private readonly port: QuantumPort,
    private readonly shot: number,
  ) {}

  step({ node, spec, args }: Step): void {
    if (node.guard && !this.guardHolds(node.guard)) return;
    const ctx: NodeCtx = { node, shot: this.shot };
    if (MARKERS.has(node.op)) {
      this.markers.push(node.id);
      return;
    }
    if (node.op === "ALLOC_LQ") {
      const n = node.vqs.length;
      const refs = this.port.alloc(ctx, n, (args.profile as string | undefined) ?? DEFAULT_PROFILE, args.tenant as string | undefined);
      if (!Array.isArray(refs) || refs.length !== n) throw new QmkError("INTERNAL_ERROR", "port returned a wrong number of qubits", { node: node.id });
      node.vqs.forEach((h, i) => this.vq.set(h, refs[i]));
      return;
    }
    const vqs = node.vqs.map((h, i) => this.ref(this.vq, h, node.id, `vqs[${i}]`));
    if (node.op === "FREE_LQ") {
      this.port.free(ctx, vqs);
      node.vqs.forEach((h) => this.vq.delete(h));
      return;
    }
    const chs = spec.chEffect === "open" ? [] : node.chs.map((h, i) => this.ref(this.ch, h, node.id, `chs[${i}]`));
    const portArgs = node.op === "COND_PAULI" ? { mask: args.mask, fire: this.xor(node) } : args;
    const res = this.port.op(ctx, node.op, vqs, chs, portArgs) ?? {};
    if (spec.chEffect === "open") node.chs.forEach((h, i) => this.ch.set(h, res.chs?.[i]));
    if (spec.chEffect === "close") node.chs.forEach((h) => this.ch.delete(h));
    if (node.produces.length) this.record(node, res.outcomes);
  }

  /** Every tested event was produced in this shot and has its bit (a multi-event guard reads events[k] as bit k). */
  private guardHolds(g: QvmGuard): boolean {
    if (!("events" in g)) return this.events.get(g.event) === g.equals;
    for (let k = 0; k < g.events.length; k++) if (this.events.get(g.events[k]!) !== ((g.equals >> k) & 1)) return false;
    return true;
  }

  /** The port ref currently bound to a VQ handle. */
  boundRef(h: string, node: string): VqRef {
    return this.ref(this.vq, h, node, "vqs[0]");
  }

  private ref<T>(m: Map<string, T>, h: string, node: string, field: string): T {
    if (!m.has(h)) throw new QmkError("INVALID_GRAPH", `handle '${h}' is not bound at this point`, { node, field });
    return m.get(h)!;
  }

  private xor(node: NormNode): boolean {
    if (node.inputs.length === 0) return true;
    let v = 0;
    for (const e of node.inputs) v ^= (this.events.get(e) ?? 0) & 1;
    return v === 1;
  }

  /** Maps port outcomes to the node's events (MEASURE_BELL: 2 bits, or 1 Bell index). */
  private record(node: NormNode, outcomes: number[] | undefined): void {
    if (!Array.isArray(outcomes)) throw new QmkError("INTERNAL_ERROR", "port returned no outcome", { node: node.id });
    if (node.op === "MEASURE_BELL" && node.produces.length === 1) {
      const [x, z] = outcomes as [number, number];
      this.events.set(node.produces[0]!, (z & 1) | ((x & 1) << 1));
      return;
    }
    node.produces.forEach((e, i) => this.events.set(e, outcomes[i]! & 1));
  }
}

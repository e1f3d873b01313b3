// Capture mode: the same program text builds a QVM graph instead of
// running. `circuit(session, (s) => { … })` hands the program a builder
// with the session's tenant; gates become APPLY_* nodes, measurements
// MEASURE_* nodes producing events, `ifOne(m, …)` becomes guards.
import { writeFileSync } from "node:fs";
import { lookupOpcode, requiredRights } from "../kernel/qvm/opcodes.js";

/** Whether `op`'s argument `k` is an angle, according to the one opcode table. */
function isAngleArg(op: string, k: string): boolean {
  return lookupOpcode(op)?.args?.[k]?.type === "angle";
}
import type { QvmGraph, QvmNode } from "../kernel/qvm/graph.js";
import { toQasm } from "../kernel/qasm/export.js";
import { qasmCounts, qasmMeta, qasmToGraph } from "../kernel/qasm/import.js";
import { withNoise } from "../kernel/noise/insert.js";
import type { NoiseModel } from "../kernel/noise/model.js";
import { circuitExpectation, type Expectation, type ExpectationOptions } from "./expectation.js";
import { ErrorCodes, QmkError, type ErrorName } from "./errors.js";
import { angleParams, evalAngle } from "./angles.js";
import { BitImpl, LoanImpl, QubitImpl, type Backend, type ChannelLike, type Operand } from "./runtime.js";
import { DEFAULT_PROFILE, type QubitSource, type Register, type Session } from "./session.js";
import type { Angle, Basis, Bit, LiteralTenant, MeasuredData, Qubit, Tuple } from "./types.js";

// The QVM format and its one opcode table are public (SPEC §1.2–1.3): the
// DSL emits exactly that format, so it uses the same definitions.
export type { QvmGraph, QvmNode } from "../kernel/qvm/graph.js";

/** One graph being captured; shared by the builders of a joint (multi-tenant) circuit. */
export class CaptureSink {
  readonly nodes: QvmNode[] = [];
  readonly vqs: string[] = [];
  readonly events: string[] = [];
  guard: { event: string; equals: 0 | 1 } | undefined;
  n = 0;
  constructor(readonly multiTenant: boolean) {}
}

/** The capture-mode backend. */
export class CaptureBuilder<T extends string> implements Backend, QubitSource<T> {
  readonly mode = "capture" as const;
  readonly qubits: QubitImpl[] = [];

  constructor(
    readonly tenant: T,
    readonly sink: CaptureSink = new CaptureSink(false),
  ) {}

  get nodes(): QvmNode[] {
    return this.sink.nodes;
  }
  get vqs(): string[] {
    return this.sink.vqs;
  }
  get events(): string[] {
    return this.sink.events;
  }
  private get guard(): { event: string; equals: 0 | 1 } | undefined {
    return this.sink.guard;
  }
  private set guard(g: { event: string; equals: 0 | 1 } | undefined) {
    this.sink.guard = g;
  }

  private node(op: string, fields: Omit<QvmNode, "id" | "op">, prefix = op.replace(/^APPLY_/, "").toLowerCase()): QvmNode {
    const nd: QvmNode = { id: `${prefix}_${this.sink.n++}`, op, ...fields };
    if (this.guard) nd.guard = { ...this.guard };
    this.nodes.push(nd);
    return nd;
  }

  private noConsumeInGuard(fn: string): void {
    if (this.guard) {
      throw new QmkError("INVALID_GRAPH", `${fn} inside ifOne/ifZero cannot be captured: a guarded node may not change a qubit's typestate`, {
        field: "guard",
      });
    }
  }

  private pending(label: string): () => string {
    return () => `${label} was captured, not run: a captured circuit has no outcome until circuit.run(); use ifOne()/ifZero() or the returned counts`;
  }

  allocate(n: number, profile = DEFAULT_PROFILE): QubitImpl[] {
    if (!Number.isInteger(n) || n < 1) throw new QmkError("INVALID_PARAMS", "alloc: n must be a positive integer", { field: "n" });
    this.noConsumeInGuard("alloc");
    const qs = Array.from({ length: n }, () => {
      const q = new QubitImpl(this, `q${this.vqs.length}`);
      q.vq = q.label;
      this.vqs.push(q.label);
      this.qubits.push(q);
      return q;
    });
    this.node("ALLOC_LQ", { args: { n, profile, ...(this.sink.multiTenant ? { tenant: this.tenant } : {}) }, vqs: qs.map((q) => q.label) }, "alloc");
    return qs;
  }

  apply(op: string, operands: Operand[], args: Record<string, Angle>, channel?: ChannelLike): void {
    if (operands.some((o) => o instanceof LoanImpl)) {
      throw new QmkError(
        "INVALID_GRAPH",
        "loans cannot be captured: run cross-tenant ops eagerly, or capture both tenants with jointCircuit(a, b, …)",
        { field: "vqs" },
      );
    }
    const opcode = lookupOpcode(op)?.name ?? op;
    const all: Record<string, unknown> = { ...args };
    if (channel) all.channel = channel.kernelId ?? channel.id;
    this.node(opcode, {
      vqs: operands.map((o) => (o as QubitImpl).label),
      ...(Object.keys(all).length ? { args: all } : {}),
    });
  }

  measure(q: QubitImpl, basis: Basis): BitImpl {
    this.noConsumeInGuard("measure");
    const ev = `m${this.events.length}`;
    this.events.push(ev);
    const b = typeof basis === "object" ? { op: "MEASURE_ANGLE", args: { angle: basis.angle } } : { op: `MEASURE_${basis}` };
    this.node(b.op, { vqs: [q.label], produces: [ev], ...("args" in b ? { args: b.args } : {}) }, `meas`);
    return new BitImpl(this, ev, this.pending(q.label));
  }

  measureBell(a: QubitImpl, b: QubitImpl, channel?: ChannelLike): [BitImpl, BitImpl] {
    this.noConsumeInGuard("measureBell");
    const e0 = `m${this.events.length}`;
    const e1 = `m${this.events.length + 1}`;
    this.events.push(e0, e1);
    const args = channel ? { args: { channel: channel.kernelId ?? channel.id } } : {};
    this.node("MEASURE_BELL", { vqs: [a.label, b.label], produces: [e0, e1], ...args }, "bell");
    return [new BitImpl(this, e0, this.pending(a.label)), new BitImpl(this, e1, this.pending(b.label))];
  }

  reset(q: QubitImpl): void {
    this.noConsumeInGuard("reset");
    this.node("RESET", { vqs: [q.label] });
  }

  free(qs: QubitImpl[]): void {
    this.noConsumeInGuard("free");
    this.node("FREE_LQ", { vqs: qs.map((q) => q.label) }, "free");
  }

  cond(bit: BitImpl, equals: 0 | 1, fn: () => void): void {
    if (!(bit.backend instanceof CaptureBuilder) || bit.backend.sink !== this.sink) throw new QmkError("INVALID_PARAMS", "condition comes from another session or circuit", { field: "condition" });
    if (this.guard) {
      throw new QmkError("INVALID_GRAPH", "nested ifOne/ifZero cannot be captured (a QVM node has one guard)", { field: "guard" });
    }
    this.guard = { event: bit.event, equals };
    try {
      fn();
    } finally {
      this.guard = undefined;
    }
  }

  condPauli(q: QubitImpl, mask: string, bits: BitImpl[]): void {
    for (const b of bits) {
      if (!(b.backend instanceof CaptureBuilder) || b.backend.sink !== this.sink) throw new QmkError("INVALID_PARAMS", "condition comes from another session or circuit", { field: "inputs" });
    }
    this.node("COND_PAULI", { vqs: [q.label], inputs: bits.map((b) => b.event), args: { mask } }, "cond");
  }

  marker(op: "FENCE_EPOCH" | "BAR_REGION", tag?: string): void {
    this.node(op, tag !== undefined ? { args: { tag } } : {}, op === "FENCE_EPOCH" ? "fence" : "region");
  }

  qubit(profile?: string): Qubit<T> {
    return this.allocate(1, profile)[0] as unknown as Qubit<T>;
  }
  alloc<N extends number>(n: N, profile?: string): Tuple<Qubit<T>, N> {
    const arr = this.allocate(n, profile);
    Object.defineProperty(arr, "size", { value: n, enumerable: false });
    return arr as unknown as Tuple<Qubit<T>, N>;
  }
  register<N extends number>(n: N, profile?: string): Register<T, N> {
    return this.alloc(n, profile) as unknown as Register<T, N>;
  }

  graph(): QvmGraph {
    const params = new Set<string>();
    // only arguments the opcode table types as angles are expressions (a COND_PAULI mask "X" or a region tag is not)
    for (const nd of this.nodes)
      for (const [k, v] of Object.entries(nd.args ?? {})) if (typeof v === "string" && isAngleArg(nd.op, k)) angleParams(v).forEach((p) => params.add(p));
    return {
      version: "0.1",
      program: { nodes: structuredClone(this.nodes) },
      resources: { vqs: [...this.vqs], chs: [], events: [...this.events] },
      caps: requiredRights(this.nodes.map((nd) => nd.op)),
      metadata: {
        ...(this.sink.multiTenant ? {} : { tenant: this.tenant }),
        generator: "qmk-dsl",
        ...(params.size ? { params: [...params] } : {}),
      },
    };
  }
}

/* ---- results ------------------------------------------------------------ */

/** Counts of a finished job. Keys are bitstrings; character k is output k. */
export class Counts<K extends string = string> {
  constructor(
    /** output names, in bitstring order */
    readonly names: readonly K[],
    readonly counts: Readonly<Record<string, number>>,
    readonly shots: number,
    /** the job id (when run on a kernel) */
    readonly jobId?: string,
  ) {}
  /** bitstring → relative frequency */
  probabilities(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [k, v] of Object.entries(this.counts)) out[k] = v / this.shots;
    return out;
  }
  /** relative frequency of one bitstring, or of a partial assignment `{ a: 1 }` */
  probability(bits: string | Partial<Record<K, 0 | 1>>): number {
    if (typeof bits === "string") return (this.counts[bits] ?? 0) / this.shots;
    let n = 0;
    for (const [k, v] of Object.entries(this.counts)) {
      if (this.names.every((name, i) => bits[name] === undefined || String(bits[name]) === k[i])) n += v;
    }
    return n / this.shots;
  }
  /** frequency of 1 for one output */
  marginal(name: K): number {
    return this.probability({ [name]: 1 } as Partial<Record<K, 0 | 1>>);
  }
  /** counts of one output: [n0, n1] */
  marginalCounts(name: K): [number, number] {
    const i = this.names.indexOf(name);
    if (i < 0) throw new QmkError("INVALID_PARAMS", `no output named ${name}`, { field: "name" });
    const c: [number, number] = [0, 0];
    for (const [k, v] of Object.entries(this.counts)) c[k[i] === "1" ? 1 : 0] += v;
    return c;
  }
  /** bitstrings sorted by frequency */
  mostFrequent(): string[] {
    return Object.entries(this.counts)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .map(([k]) => k);
  }
  toJSON(): { names: readonly K[]; counts: Record<string, number>; shots: number } {
    return { names: this.names, counts: { ...this.counts }, shots: this.shots };
  }
}

export interface RunOptions {
  /** session that submits (default: the circuit's; a joint circuit needs an admin session: `await conn.admin()`) */
  session?: Session<string>;
  shots?: number;
  seed?: number;
  /** bindings for named angle parameters */
  params?: Record<string, number>;
  timeoutMs?: number;
  priority?: number;
  /** a noise model (kernel/noise/model.ts): simulated by quantum trajectories, reproducible from `seed` */
  noise?: NoiseModel | string;
}

type Output = Bit | MeasuredData;
type Outputs = Record<string, Output> | readonly Output[] | void | undefined;
type OutputNames<R> = R extends readonly unknown[] ? `${number}` : R extends Record<string, unknown> ? Extract<keyof R, string> : string;

/** A captured program: a QVM graph plus the outputs it names. */
export class Circuit<K extends string = string> {
  constructor(
    private readonly graph: QvmGraph,
    /** output name → event */
    readonly outputs: ReadonlyArray<{ name: K; event: string }>,
    readonly session?: Session<string>,
  ) {}

  /** The QVM graph (a copy). */
  toGraph(): QvmGraph {
    return structuredClone(this.graph);
  }
  /** JSON form (`JSON.stringify(circuit)` gives the graph). */
  toJSON(): QvmGraph {
    return this.toGraph();
  }
  /** Writes the graph as JSON. */
  save(path: string): void {
    writeFileSync(path, JSON.stringify(this.graph, null, 2) + "\n");
  }
  /** Named angle parameters the graph uses. */
  get params(): string[] {
    return ((this.graph.metadata?.params as string[]) ?? []).slice();
  }
  /** The graph with every angle expression evaluated under `params` (what `run` submits). */
  bind(params: Record<string, number> = {}): QvmGraph {
    const g = this.toGraph();
    for (const nd of g.program.nodes) {
      if (!nd.args || nd.op === "ALLOC_LQ") continue;
      for (const [k, v] of Object.entries(nd.args)) {
        if (typeof v === "string" && isAngleArg(nd.op, k)) nd.args[k] = evalAngle(v, params, `${nd.id}.args.${k}`);
      }
    }
    if (g.metadata) g.metadata = { ...g.metadata, bound: params };
    return g;
  }
  /** OpenQASM 3 text. */
  toQasm3(): string {
    return toQasm3(this.graph);
  }
  /** OpenQASM 2.0 text. */
  toQasm2(): string {
    return toQasm2(this.graph);
  }

  /**
   * ⟨observable⟩ (a Pauli sum such as "Z0 Z1 + 0.5 X0"; qubit k = k-th
   * allocated qubit) on the final state: exact without `shots`, else sampled
   * with a standard error (see dsl/expectation.ts).
   */
  expectation(observable: string, opts: ExpectationOptions = {}): Promise<Expectation> {
    return circuitExpectation(this, observable, opts);
  }

  /** Submits the graph with shots (q_submit, then q_wait) and returns typed counts. */
  async run(opts: RunOptions = {}): Promise<Counts<K>> {
    const s = opts.session ?? this.session;
    if (!s) {
      throw new QmkError("INVALID_PARAMS", "this circuit has no session to submit with: circuit(session, …) or run({ session })", {
        field: "session",
      });
    }
    await s.sync();
    const shots = opts.shots ?? 1024;
    const graph = opts.noise !== undefined ? withNoise(this.bind(opts.params), opts.noise) : this.bind(opts.params);
    const sub = await s.call("q_submit", {
      graph,
      policy: { shots, ...(opts.seed !== undefined ? { seed: opts.seed } : {}), ...(opts.priority !== undefined ? { priority: opts.priority } : {}) },
    });
    const jobId = sub.job_id;
    // q_wait answers a final status or throws (TIMEOUT while the job still runs)
    const r = await s.call("q_wait", { job_id: jobId, timeout_ms: opts.timeoutMs ?? 60_000 });
    if (r.state !== "completed") {
      // the job's own error keeps its code end to end (QUOTA_EXCEEDED, CANCELLED, …)
      const name: ErrorName = r.error && Object.hasOwn(ErrorCodes, r.error.name) ? (r.error.name as ErrorName) : r.state === "cancelled" ? "CANCELLED" : "INTERNAL_ERROR";
      throw new QmkError(name, `job ${jobId.slice(0, 16)}… ${r.state}${r.error ? `: ${r.error.message}` : ""}`, { ...(r.error?.data ?? {}), job: jobId, state: r.state });
    }
    const res = r;
    const raw: Record<string, number> = r.counts;
    const events: string[] = r.events_order;
    const meta = qasmMeta(this.graph);
    if (meta) return new Counts<K>(meta.bits as K[], qasmCounts(meta, events, raw), res.shots, jobId);
    // project onto the named outputs
    const idx = this.outputs.map((o) => events.indexOf(o.event));
    const counts: Record<string, number> = {};
    for (const [k, v] of Object.entries(raw)) {
      const key = idx.map((i) => k[i]).join("");
      counts[key] = (counts[key] ?? 0) + v;
    }
    return new Counts<K>(
      this.outputs.map((o) => o.name),
      counts,
      res.shots,
      jobId,
    );
  }
}

/**
 * Captures `program` as a QVM graph for `session`'s tenant (or a bare
 * tenant name, offline). Return measured qubits or bits (an object or an
 * array) to name the outputs of the counts; by default every measurement
 * is an output, named by its event.
 */
export function circuit<T extends string, R extends Outputs>(
  session: Session<T> | T,
  program: (s: QubitSource<T>) => R,
): Circuit<R extends void | undefined ? string : OutputNames<R>> {
  const tenant = (typeof session === "string" ? session : session.tenant) as T;
  const b = new CaptureBuilder<T>(tenant);
  const ret = program(b) as unknown;
  return finish(b, ret, typeof session === "string" ? undefined : (session as Session<string>)) as any;
}

/** `circuit.fromQasm(text, session?)`: see fromQasm. */
circuit.fromQasm = (text: string, session?: Session<string>): Circuit<string> => fromQasm(text, session);

/**
 * Captures a program over two tenants as one multi-tenant graph (what an
 * orchestrator co-scheduling tenants submits): ALLOC_LQ nodes carry
 * `args.tenant`, cross-tenant gates `cx(qa, qb, ch)` carry `args.channel`.
 * Anyone can verify it; running it needs CAP_ADMIN (`run({ session: await conn.admin() })`).
 */
export function jointCircuit<A extends string, B extends string, R extends Outputs>(
  a: SessionOrName<A>,
  b: SessionOrName<B>,
  program: (sa: QubitSource<A>, sb: QubitSource<B>) => R,
): Circuit<R extends void | undefined ? string : OutputNames<R>> {
  const ta = (typeof a === "string" ? a : (a as { tenant: A }).tenant) as A;
  const tb = (typeof b === "string" ? b : (b as { tenant: B }).tenant) as B;
  if ((ta as string) === (tb as string)) throw new QmkError("INVALID_PARAMS", "jointCircuit needs two different tenants", { field: "tenant" });
  const sink = new CaptureSink(true);
  const ba = new CaptureBuilder<A>(ta, sink);
  const bb = new CaptureBuilder<B>(tb, sink);
  const ret = program(ba, bb) as unknown;
  return finish(ba, ret, undefined) as any;
}

type SessionOrName<T extends string> = { readonly tenant: T } | LiteralTenant<T>;

function finish(b: CaptureBuilder<string>, ret: unknown, session: Session<string> | undefined): Circuit<string> {
  const outputs: { name: string; event: string }[] = [];
  const eventOf = (v: unknown, name: string): string => {
    if (v instanceof BitImpl) return v.event;
    if (v instanceof QubitImpl) return v.bit.event;
    throw new QmkError("INVALID_PARAMS", `output ${name} is not a measured qubit or a Bit`, { field: name });
  };
  if (ret === undefined || ret === null) {
    for (const e of b.events) outputs.push({ name: e, event: e });
  } else if (Array.isArray(ret)) {
    ret.forEach((v, i) => outputs.push({ name: String(i), event: eventOf(v, String(i)) }));
  } else if (typeof ret === "object") {
    for (const [k, v] of Object.entries(ret as Record<string, unknown>)) outputs.push({ name: k, event: eventOf(v, k) });
  }
  const graph = b.graph();
  graph.metadata = { ...graph.metadata, outputs: Object.fromEntries(outputs.map((o) => [o.name, o.event])) };
  return new Circuit(graph, outputs, session);
}

/* ---- OpenQASM ---------------------------------------------------------- */

/** OpenQASM 3 text of a graph (accepted by the official grammar; untranslatable parts are refused). */
export function toQasm3(g: QvmGraph): string {
  return toQasm(g, 3);
}

/** OpenQASM 2.0 text of a graph (conditions over several events need OpenQASM 3 and are refused). */
export function toQasm2(g: QvmGraph): string {
  return toQasm(g, 2);
}

/**
 * A circuit from OpenQASM 2.0 or 3 text (qelib1.inc / stdgates.inc gates,
 * user gates inlined, `if (c == n)`, `input` parameters). Its counts are
 * keyed by the program's classical bits in declaration order (first
 * declared bit leftmost). Unsupported constructs throw INVALID_GRAPH with
 * the line and column.
 */
export function fromQasm(text: string, session?: Session<string>): Circuit<string> {
  const graph = qasmToGraph(text);
  const meta = qasmMeta(graph)!;
  return new Circuit(graph, meta.bits.map((b) => ({ name: b, event: b })), session);
}

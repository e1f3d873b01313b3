// Static verifier for QVM graphs (SPEC §1.3, §1.4, §2.9). One pass over the
// nodes in array order (= program order per handle). Collects every issue
// instead of stopping at the first; never throws, whatever the input.
import { isQmkError, type ErrorName } from "../errors.js";
import type { Right } from "../security/rights.js";
import { parseProfile } from "../qec/profiles.js";
import { normalizeNode, type NormNode, type QvmGraph } from "./graph.js";
import { OPCODES, requiredRights, type OpcodeSpec } from "./opcodes.js";
import { angleParams, evalAngle } from "./expr.js";
import { SchemaCheckRun } from "./schema.js";
import { Components } from "./components.js";

export interface Issue {
  code: ErrorName;
  node?: string;
  field?: string;
  message: string;
}

export interface VerifyOptions {
  /** leaks (qubits still live at the end) become errors */
  strict?: boolean;
  /** bindings for angle expressions; unbound names are errors */
  params?: Record<string, number>;
  /** does `channel` authorize entangling tenants a and b? Absent ⇒ no cross-tenant op is allowed. */
  channelValid?: (a: string, b: string, channel: string) => boolean;
}

export interface VerifyResult {
  valid: boolean;
  errors: Issue[];
  warnings: Issue[];
  /** rights derived from the opcodes (union, canonical order), plus CAP_ADMIN for a multi-tenant graph */
  requiredCaps: Right[];
  /** tenants named by ALLOC_LQ args.tenant/tenant_id, first-seen order */
  tenants: string[];
  /** the graph, when it passed the schema */
  graph?: QvmGraph;
  /** most logical qubits held at once (guarded frees assumed skipped), for quota pre-checks */
  peakQubits: number;
  /** physical qubits (QEC profile cost) held at that peak */
  peakPhysicalQubits: number;
}

/** Typestate of a VQ handle; `unalloc` before its ALLOC_LQ. */
type VqState = "unalloc" | "live" | "measured" | "freed";

/** Opcodes whose operands must be in |0⟩ (SPEC: a T state is injected into, a Bell pair opened on, fresh qubits). */
const FRESH_ONLY = new Set(["INJECT_T_STATE", "OPEN_CHAN"]);
/** shared singletons: the common, unguarded case allocates nothing */
const ONE: Record<VqState, ReadonlySet<VqState>> = {
  unalloc: new Set(["unalloc"]),
  live: new Set(["live"]),
  measured: new Set(["measured"]),
  freed: new Set(["freed"]),
};
type ChState = "unopened" | "open" | "closed";

class Ctx {
  readonly errors: Issue[] = [];
  readonly warnings: Issue[] = [];
  err(code: ErrorName, node: string | undefined, field: string | undefined, message: string): void {
    this.errors.push({ code, ...(node !== undefined ? { node } : {}), ...(field !== undefined ? { field } : {}), message });
  }
  warn(code: ErrorName, node: string | undefined, field: string | undefined, message: string): void {
    this.warnings.push({ code, ...(node !== undefined ? { node } : {}), ...(field !== undefined ? { field } : {}), message });
  }
}

export function verifyGraph(graph: unknown, opts: VerifyOptions = {}): VerifyResult {
  try {
    return verify(graph, opts);
  } catch (e) {
    // defensive: a verifier bug must still yield an answer, not a crash
    return {
      valid: false,
      errors: [{ code: "INVALID_GRAPH", message: `graph could not be verified: ${isQmkError(e) ? e.message : String(e)}` }],
      warnings: [],
      requiredCaps: [],
      tenants: [],
      peakQubits: 0,
      peakPhysicalQubits: 0,
    };
  }
}

function verify(graph: unknown, opts: VerifyOptions): VerifyResult {
  const v = new GraphVerification(graph, opts);
  v.advance(Infinity);
  return v.result;
}

const failedEarly = (errors: Issue[]): VerifyResult => ({ valid: false, errors, warnings: [], requiredCaps: [], tenants: [], peakQubits: 0, peakPhysicalQubits: 0 });

/**
 * The same verification, resumable: `advance(budget)` does about `budget`
 * nodes' worth of work and says whether it is done. A large submission is
 * verified this way inside its job's scheduler slices, so verifying 100 000
 * nodes never holds the kernel's one thread for long (issue 12 §7) and the
 * work is charged to the submitter's fair share. `verifyGraph` is this with
 * an infinite budget: there is one verifier.
 */
export class GraphVerification {
  private phase: "schema" | "normalize" | "walk" | "done" = "schema";
  private schema: SchemaCheckRun | undefined;
  private pos = 0;
  private raw!: QvmGraph;
  private nodes: NormNode[] = [];
  private readonly c = new Ctx();
  private badArgs: ReadonlySet<number> = new Set();
  private tenants: string[] = [];
  private walker: Walker | undefined;
  private out: VerifyResult | undefined;

  constructor(
    private readonly graph: unknown,
    private readonly opts: VerifyOptions = {},
  ) {}

  get done(): boolean {
    return this.phase === "done";
  }

  /** The answer, once `done`. */
  get result(): VerifyResult {
    if (!this.out) throw new Error("GraphVerification: not done");
    return this.out;
  }

  advance(budget: number): boolean {
    try {
      return this.step(budget);
    } catch (e) {
      // defensive: a verifier bug must still yield an answer, not a crash
      this.out = failedEarly([{ code: "INVALID_GRAPH", message: `graph could not be verified: ${isQmkError(e) ? e.message : String(e)}` }]);
      this.phase = "done";
      return true;
    }
  }

  private step(budget: number): boolean {
    let left = budget;
    while (left > 0 && this.phase !== "done") {
      if (this.phase === "schema") {
        // ajv's pass is cheap per node: 8 nodes per unit of budget
        this.schema ??= new SchemaCheckRun(this.graph);
        const stepsBefore = this.schema.steps;
        const finished = this.schema.advance(left * 8);
        left -= (this.schema.steps - stepsBefore) / 8;
        if (!finished) return false;
        const schema = this.schema.result;
        // a broken skeleton (wrong types, unknown opcode…) stops here; anything
        // else (bad arg values, odd names, extra fields) still gets the full walk
        if (schema.blocking) {
          this.out = failedEarly(schema.issues);
          this.phase = "done";
          return true;
        }
        this.raw = this.graph as QvmGraph;
        this.c.errors.push(...schema.issues);
        this.badArgs = schema.badArgs;
        this.phase = "normalize";
      } else if (this.phase === "normalize") {
        const all = this.raw.program.nodes;
        const end = Math.min(all.length, this.pos + Math.max(1, Math.floor(left)));
        for (let i = this.pos; i < end; i++) this.nodes.push(normalizeNode(all[i]!));
        left -= end - this.pos;
        this.pos = end;
        if (end === all.length) {
          this.tenants = checkTenants(this.raw, this.nodes, this.c);
          this.walker = new Walker(this.raw, this.c, this.opts, this.tenants.length > 0, this.badArgs);
          this.phase = "walk";
          this.pos = 0;
        }
      } else {
        const end = Math.min(this.nodes.length, this.pos + Math.max(1, Math.floor(left)));
        this.walker!.walk(this.nodes, this.pos, end);
        left -= end - this.pos;
        this.pos = end;
        if (end === this.nodes.length) this.conclude();
      }
    }
    return this.phase === "done";
  }

  private conclude(): void {
    const w = this.walker!;
    w.finishWalk();
    const { c, nodes, tenants } = this;
    this.out = {
      valid: c.errors.length === 0,
      errors: c.errors,
      warnings: c.warnings,
      // SPEC §2.9: executing a multi-tenant graph is an orchestrator's act
      requiredCaps: requiredRights(
        nodes.map((n) => n.op),
        tenants.length ? ["CAP_ADMIN"] : [],
      ),
      tenants,
      graph: this.raw,
      peakQubits: w.peak.qubits,
      peakPhysicalQubits: w.peak.physical,
    };
    this.phase = "done";
  }
}

/** Multi-tenant graphs: either no ALLOC_LQ names a tenant, or all do. */
function checkTenants(g: QvmGraph, nodes: NormNode[], c: Ctx): string[] {
  const allocs = nodes.filter((n) => n.op === "ALLOC_LQ");
  const named = allocs.filter((n) => n.args.tenant !== undefined);
  g.program.nodes.forEach((raw, i) => {
    const a = raw.args ?? {};
    if (a.tenant !== undefined && a.tenant_id !== undefined && a.tenant !== a.tenant_id)
      c.err("INVALID_GRAPH", nodes[i]!.id, "args.tenant_id", "args.tenant and its alias tenant_id disagree");
    if (a.mask !== undefined && a.pauli !== undefined && a.mask !== a.pauli)
      c.err("INVALID_GRAPH", nodes[i]!.id, "args.pauli", "args.mask and its alias pauli disagree");
  });
  if (named.length === 0) return [];
  for (const n of allocs)
    if (n.args.tenant === undefined)
      c.err("INVALID_GRAPH", n.id, "args.tenant", "multi-tenant graph: every ALLOC_LQ must name its tenant");
  return [...new Set(named.map((n) => n.args.tenant).filter((t): t is string => typeof t === "string"))];
}

/** The single in-order pass: handles, events, args, typestate, firewall. */
class Walker {
  private readonly ids = new Set<string>();
  private readonly vqDecl: Set<string>;
  private readonly chDecl: Set<string>;
  private readonly evDecl: Set<string>;
  /** event → producing node, and whether it holds a Bell index (0..3) */
  private readonly produced = new Map<string, { node: string; wide: boolean }>();
  /** possible typestates per handle (a guarded node may or may not run) */
  private readonly vq = new Map<string, ReadonlySet<VqState>>();
  private readonly ch = new Map<string, Set<ChState>>();
  /**
   * handles certainly in |0⟩ (allocated or reset, untouched since, on every
   * path) → the node that made them so: INJECT_T_STATE and OPEN_CHAN need one
   */
  private readonly fresh = new Map<string, string>();
  /** last node that touched a handle, for leak reports */
  private readonly lastTouch = new Map<string, { node: string; field: string }>();
  private readonly comps = new Components();
  /** held handles → physical cost each; peak of both totals */
  private readonly held = new Map<string, number>();
  readonly peak = { qubits: 0, physical: 0 };

  constructor(
    private readonly g: QvmGraph,
    private readonly c: Ctx,
    private readonly opts: VerifyOptions,
    private readonly multiTenant: boolean,
    private readonly badArgs: ReadonlySet<number>,
  ) {
    this.vqDecl = new Set(g.resources.vqs);
    this.chDecl = new Set(g.resources.chs ?? []);
    this.evDecl = new Set(g.resources.events);
  }

  /** nodes[from, to) in program order; call again with the next range */
  walk(nodes: NormNode[], from: number, to: number): void {
    for (let i = from; i < to; i++) this.node(nodes[i]!, OPCODES[nodes[i]!.op]!, !this.badArgs.has(i));
  }

  finishWalk(): void {
    this.finish();
  }

  private node(n: NormNode, spec: OpcodeSpec, argsOk: boolean): void {
    const { c } = this;
    if (this.ids.has(n.id)) c.err("INVALID_GRAPH", n.id, "id", `duplicate node id '${n.id}'`);
    this.ids.add(n.id);
    this.counts(n, spec);
    if (argsOk) this.args(n, spec); // else the schema already named the bad arg
    this.events(n, spec);
    const vqOk = this.handles(n, "vqs", this.vqDecl);
    const chOk = this.handles(n, "chs", this.chDecl);
    if (vqOk) {
      this.firewall(n, spec);
      this.typestate(n, spec);
    }
    if (chOk) this.channels(n, spec);
  }

  private counts(n: NormNode, spec: OpcodeSpec): void {
    const nv = n.vqs.length;
    if (spec.vqs === "n") {
      if (nv < 1) this.c.err("INVALID_GRAPH", n.id, "vqs", `${n.op} needs at least one VQ`);
      if (n.op === "ALLOC_LQ" && typeof n.args.n === "number" && n.args.n !== nv)
        this.c.err("INVALID_GRAPH", n.id, "args.n", `ALLOC_LQ n=${n.args.n} but ${nv} VQ handles listed`);
    } else if (nv !== spec.vqs) this.c.err("INVALID_GRAPH", n.id, "vqs", `${n.op} takes ${spec.vqs} VQ operand(s), got ${nv}`);
    if (n.chs.length !== spec.chs) this.c.err("INVALID_GRAPH", n.id, "chs", `${n.op} takes ${spec.chs} CH operand(s), got ${n.chs.length}`);
    if (!spec.produces.includes(n.produces.length))
      this.c.err("INVALID_GRAPH", n.id, "produces", `${n.op} produces ${spec.produces.join(" or ")} event(s), got ${n.produces.length}`);
  }

  private args(n: NormNode, spec: OpcodeSpec): void {
    for (const [name, a] of Object.entries(spec.args)) {
      const v = n.args[name];
      const field = `args.${name}`;
      if (v === undefined) {
        // the schema only sees `args` when present; absent args land here
        if (a.required) this.c.err("INVALID_GRAPH", n.id, field, `${n.op} needs args.${name}`);
        continue;
      }
      try {
        if (a.type === "angle") {
          angleParams(v, { node: n.id, field });
          evalAngle(v, this.opts.params ?? {}, { node: n.id, field });
        } else if (a.type === "profile") parseProfile(v);
      } catch (e) {
        this.c.err("INVALID_GRAPH", n.id, field, isQmkError(e) ? e.message : String(e));
      }
    }
  }

  private events(n: NormNode, spec: OpcodeSpec): void {
    const ref = (ev: string, field: string, needsBit: boolean): void => {
      const p = this.produced.get(ev);
      if (!this.evDecl.has(ev)) this.c.err("INVALID_GRAPH", n.id, field, `event '${ev}' is not declared in resources.events`);
      else if (!p) this.c.err("INVALID_GRAPH", n.id, field, `event '${ev}' is not produced by an earlier node`);
      else if (needsBit && p.wide) this.c.err("INVALID_GRAPH", n.id, field, `event '${ev}' holds a Bell index (0..3), not a bit`);
    };
    n.inputs.forEach((ev, k) => ref(ev, `inputs[${k}]`, spec.usesInputs));
    if (n.guard) this.guard(n);
    const wide = n.op === "MEASURE_BELL" && n.produces.length === 1;
    n.produces.forEach((ev, k) => {
      const field = `produces[${k}]`;
      if (!this.evDecl.has(ev)) this.c.err("INVALID_GRAPH", n.id, field, `event '${ev}' is not declared in resources.events`);
      else if (this.produced.has(ev))
        this.c.err("INVALID_GRAPH", n.id, field, `event '${ev}' is already produced by node '${this.produced.get(ev)!.node}'`);
      else this.produced.set(ev, { node: n.id, wide });
    });
  }

  /** `{event, equals: 0|1}` or `{events: [e0, e1, …], equals: n}` with n < 2^events.length. */
  private guard(n: NormNode): void {
    const g = n.guard as { event?: string; events?: string[]; equals: number };
    const ref = (ev: string, field: string): void => {
      const p = this.produced.get(ev);
      if (!this.evDecl.has(ev)) this.c.err("INVALID_GRAPH", n.id, field, `event '${ev}' is not declared in resources.events`);
      else if (!p) this.c.err("INVALID_GRAPH", n.id, field, `event '${ev}' is not produced by an earlier node`);
      else if (p.wide) this.c.err("INVALID_GRAPH", n.id, field, `event '${ev}' holds a Bell index (0..3), not a bit`);
    };
    if (g.event !== undefined && g.events !== undefined) {
      this.c.err("INVALID_GRAPH", n.id, "guard.events", "a guard has either 'event' or 'events', not both");
    } else if (g.events !== undefined) {
      g.events.forEach((ev, k) => ref(ev, `guard.events[${k}]`));
      if (new Set(g.events).size !== g.events.length) this.c.err("INVALID_GRAPH", n.id, "guard.events", "a guard names the same event twice");
      if (g.equals >= 2 ** g.events.length) this.c.err("INVALID_GRAPH", n.id, "guard.equals", `guard.equals ${g.equals} does not fit in ${g.events.length} bit(s)`);
    } else if (g.event !== undefined) {
      ref(g.event, "guard.event");
      if (g.equals !== 0 && g.equals !== 1) this.c.err("INVALID_GRAPH", n.id, "guard.equals", "guard.equals must be 0 or 1 for one event");
    } else this.c.err("INVALID_GRAPH", n.id, "guard.event", "missing field 'event' (or 'events')");
  }

  /** Declared, and no handle twice in one op (aliasing is a linearity violation). */
  private handles(n: NormNode, kind: "vqs" | "chs", decl: Set<string>): boolean {
    let ok = true;
    const seen = new Set<string>();
    n[kind].forEach((h, k) => {
      if (!decl.has(h)) {
        this.c.err("INVALID_GRAPH", n.id, `${kind}[${k}]`, `handle '${h}' is not declared in resources.${kind}`);
        ok = false;
      } else if (seen.has(h)) {
        this.c.err("LINEARITY_VIOLATION", n.id, `${kind}[${k}]`, `handle '${h}' appears twice in one operation`);
        ok = false;
      }
      seen.add(h);
    });
    return ok;
  }

  private typestate(n: NormNode, spec: OpcodeSpec): void {
    n.vqs.forEach((h, k) => {
      const field = `vqs[${k}]`;
      const before = this.vq.get(h) ?? ONE.unalloc;
      let bad: ReturnType<typeof violation>;
      for (const s of before) bad ??= violation(spec.effect, s);
      if (bad) {
        const maybe = before.size > 1 ? " (on some guarded path)" : "";
        this.c.err(bad.code, n.id, field, `${n.op} on '${h}': ${bad.what}${maybe}`);
      } else if (FRESH_ONLY.has(n.op) && !this.fresh.has(h)) {
        const last = this.lastTouch.get(h);
        this.c.err("LINEARITY_VIOLATION", n.id, field, `${n.op} needs a freshly allocated or reset qubit: '${h}' may have been changed${last ? ` by node '${last.node}'` : ""} since (reset it first)`);
      }
      this.trackFresh(n, spec, h);
      const after = before.size === 1 ? ONE[transition(spec.effect, before.values().next().value!)] : new Set([...before].map((s) => transition(spec.effect, s)));
      // a guarded node may be skipped: both outcomes stay possible
      this.vq.set(h, n.guard ? new Set([...before, ...after]) : after);
      this.lastTouch.set(h, { node: n.id, field });
    });
    this.account(n, spec);
  }

  /** SPEC preconditions of INJECT_T_STATE and OPEN_CHAN: what keeps a handle known to be |0⟩. */
  private trackFresh(n: NormNode, spec: OpcodeSpec, h: string): void {
    if (spec.effect === "alloc" || (spec.effect === "revive" && !n.guard)) this.fresh.set(h, n.id);
    else if (spec.effect === "revive") return; // a guarded reset of |0⟩ leaves |0⟩; of anything else, maybe not
    else this.fresh.delete(h);
  }

  private account(n: NormNode, spec: OpcodeSpec): void {
    if (spec.effect === "alloc") {
      let cost = 0;
      try {
        cost = parseProfile(n.args.profile).physicalPerLogical;
      } catch {
        // reported by args()
      }
      for (const h of n.vqs) this.held.set(h, cost);
      this.peak.qubits = Math.max(this.peak.qubits, this.held.size);
      let phys = 0;
      for (const v of this.held.values()) phys += v;
      this.peak.physical = Math.max(this.peak.physical, phys);
    } else if (spec.effect === "free" && !n.guard) for (const h of n.vqs) this.held.delete(h);
  }

  private channels(n: NormNode, spec: OpcodeSpec): void {
    if (!spec.chEffect) return;
    n.chs.forEach((h, k) => {
      const field = `chs[${k}]`;
      const before = this.ch.get(h) ?? new Set<ChState>(["unopened"]);
      const want: ChState = spec.chEffect === "open" ? "unopened" : "open";
      if ([...before].some((s) => s !== want)) {
        const what = spec.chEffect === "open" ? "channel handle already opened" : before.has("closed") ? "channel already closed" : "channel not opened";
        this.c.err("LINEARITY_VIOLATION", n.id, field, `${n.op} on '${h}': ${what}`);
      }
      const next: ChState = spec.chEffect === "close" ? "closed" : "open";
      this.ch.set(h, n.guard ? new Set([...before, next]) : new Set([next]));
      this.lastTouch.set(`#ch:${h}`, { node: n.id, field });
    });
  }

  /** SPEC §2.9: cross-tenant entangling needs a channel between exactly those two tenants. */
  private firewall(n: NormNode, spec: OpcodeSpec): void {
    if (!this.multiTenant) return; // one principal: nothing to separate
    if (spec.effect === "alloc") {
      for (const h of n.vqs) this.comps.add(h, n.args.tenant as string | undefined);
      return;
    }
    if (spec.entangling) this.checkCross(n); // MEASURE_BELL too: it entangles before it consumes
    if (spec.effect === "consume" || spec.effect === "revive" || spec.effect === "free") for (const h of n.vqs) this.comps.isolate(h);
    else if (spec.entangling) this.comps.merge(n.vqs);
  }

  private checkCross(n: NormNode): void {
    const ts: string[] = [];
    for (const h of n.vqs) for (const t of this.comps.tenants(h)) if (!ts.includes(t)) ts.push(t);
    if (ts.length < 2) return;
    const channel = n.args.channel;
    if (ts.length > 2) {
      this.c.err("FIREWALL_VIOLATION", n.id, "vqs", `entangling op spans ${ts.length} tenants (${ts.join(", ")}); a channel joins exactly two`);
    } else if (typeof channel !== "string") {
      this.c.err("FIREWALL_VIOLATION", n.id, "args.channel", `cross-tenant entangling op between '${ts[0]}' and '${ts[1]}' names no channel`);
    } else if (!this.channelOk(ts[0]!, ts[1]!, channel)) {
      this.c.err("FIREWALL_VIOLATION", n.id, "args.channel", `channel '${channel}' does not authorize '${ts[0]}' ↔ '${ts[1]}'`);
    }
  }

  private channelOk(a: string, b: string, ch: string): boolean {
    const f = this.opts.channelValid;
    if (!f) return false;
    try {
      return f(a, b, ch) === true;
    } catch {
      return false; // a throwing authority authorizes nothing
    }
  }

  private finish(): void {
    const strict = this.opts.strict === true;
    for (const [h, states] of this.vq) {
      if (!states.has("live")) continue;
      const at = this.lastTouch.get(h)!;
      const msg = `qubit '${h}' is still live when the graph ends (leak; the kernel frees it)`;
      if (strict) this.c.err("LINEARITY_VIOLATION", at.node, at.field, msg);
      else this.c.warn("LINEARITY_VIOLATION", at.node, at.field, msg);
    }
    for (const [h, states] of this.ch) {
      if (!states.has("open")) continue;
      const at = this.lastTouch.get(`#ch:${h}`)!;
      this.c.warn("LINEARITY_VIOLATION", at.node, at.field, `channel '${h}' is never closed`);
    }
    this.g.resources.vqs.forEach((h, k) => {
      if (!this.vq.has(h)) this.c.warn("INVALID_GRAPH", undefined, `resources.vqs[${k}]`, `declared qubit '${h}' is never used`);
    });
    this.g.resources.events.forEach((ev, k) => {
      if (!this.produced.has(ev)) this.c.warn("INVALID_GRAPH", undefined, `resources.events[${k}]`, `declared event '${ev}' is never produced`);
    });
  }
}

/** SPEC §1.4 transition table: undefined = allowed. */
function violation(effect: OpcodeSpec["effect"], s: VqState): { code: ErrorName; what: string } | undefined {
  if (effect === "none") return undefined;
  if (effect === "alloc") {
    if (s === "unalloc") return undefined;
    return { code: "LINEARITY_VIOLATION", what: s === "freed" ? "re-allocation of a freed handle (freed is final)" : "handle already allocated" };
  }
  if (s === "unalloc") return { code: "LINEARITY_VIOLATION", what: "use before ALLOC_LQ" };
  if (s === "live") return undefined;
  if (s === "freed") return { code: "LINEARITY_VIOLATION", what: effect === "free" ? "double free" : "use after free" };
  // measured
  if (effect === "revive" || effect === "free" || effect === "classical") return undefined;
  return { code: "LINEARITY_VIOLATION", what: effect === "consume" ? "double measure" : "use after measure" };
}

function transition(effect: OpcodeSpec["effect"], s: VqState): VqState {
  switch (effect) {
    case "alloc":
      return s === "unalloc" ? "live" : s;
    case "revive":
      return s === "live" || s === "measured" ? "live" : s;
    case "consume":
      return s === "live" ? "measured" : s;
    case "free":
      return "freed";
    default:
      return s; // gate, classical, none: no change (also after a reported violation)
  }
}

// Eager quantum operations for notebooks and scripts: alloc, apply, measure,
// reset, release, lending a qubit to a channel, Bell-pair channels, and
// the read-only views a notebook displays.
import { QmkError } from "../../errors.js";
import { parseProfile } from "../../qec/profiles.js";
import { OPCODES } from "../../qvm/opcodes.js";
import { evalAngle } from "../../qvm/expr.js";
import { canonicalOpcode } from "../../machine/exec-op.js";
import type { Right } from "../../security/rights.js";
import type { KernelCore } from "../core.js";
import type { CallContext } from "../context.js";
import { int, str, strArray, type Params } from "../params.js";

/** Opcodes q_apply runs; the rest have their own methods (alloc, release, channels). */
const NOT_VIA_APPLY = new Set(["ALLOC_LQ", "FREE_LQ", "OPEN_CHAN", "USE_CHAN", "CLOSE_CHAN", "FENCE_EPOCH", "BAR_REGION", "SET_POLICY"]);

export function applyOpcodeOf(p: Params): string {
  const op = str(p, "op", 64);
  const opcode = canonicalOpcode(op);
  if (!Object.hasOwn(OPCODES, opcode) || NOT_VIA_APPLY.has(opcode)) {
    throw new QmkError("INVALID_PARAMS", `q_apply cannot run ${op}`, { field: "params.op" });
  }
  return opcode;
}

export function applyRights(_k: KernelCore, p: Params): readonly Right[] {
  const caps = OPCODES[applyOpcodeOf(p)].caps;
  // Using a channel is a link operation, whatever the gate.
  return p.channel === undefined || caps.includes("CAP_LINK") ? caps : [...caps, "CAP_LINK"];
}

const MEASURE_OF: Record<string, string> = { Z: "MEASURE_Z", X: "MEASURE_X", Y: "MEASURE_Y", ANGLE: "MEASURE_ANGLE" };

export function measureOpcodeOf(p: Params): string {
  const basis = p.basis === undefined ? "Z" : String(p.basis).toUpperCase();
  const op = MEASURE_OF[basis];
  if (!op) throw new QmkError("INVALID_PARAMS", "basis must be Z, X, Y or ANGLE", { field: "params.basis" });
  return op;
}

interface Operand {
  id: number;
  loan?: string;
}

/** A qubit operand: the caller's own VQ handle, or a peer's loan handle. */
function operand(k: KernelCore, ctx: CallContext, h: unknown, field: string): Operand {
  // The common case (an own qubit) costs one MAC check; only a refusal looks further.
  let refusal: unknown;
  try {
    return { id: Number(k.own("vq", h, ctx, field, true).id) };
  } catch (e) {
    refusal = e;
  }
  if (k.handles.peek(h)?.kind !== "loan") throw refusal;
  const c = k.handles.verify(h, { kind: "loan" }, field);
  const loan = k.channels.peekLoan(c.id);
  // The handle is genuine (its MAC verified), so a loan the book no longer
  // holds was spent, or withdrawn when its qubit or channel went away.
  if (!loan || loan.used) {
    throw new QmkError("CHANNEL_UNAUTHORIZED", "this loan was already used or withdrawn (a loan is good for one operation)", { field, rule: "loan_used" });
  }
  return { id: loan.qubit, loan: loan.id };
}

function operands(k: KernelCore, ctx: CallContext, handles: string[]): Operand[] {
  return handles.map((h, i) => operand(k, ctx, h, `params.vqs[${i}]`));
}

function channelId(k: KernelCore, ctx: CallContext, p: Params): string | undefined {
  if (p.channel === undefined) return undefined;
  return k.own("ch", p.channel, ctx, "params.channel").id;
}

/** Eager-only argument: COND_PAULI's already-evaluated condition (graphs compute it from `inputs`). */
const EAGER_EXTRA_ARGS: Readonly<Record<string, readonly string[]>> = { COND_PAULI: ["fire"] };
/** A Pauli product on one qubit: a few letters, never a way to ask for millions of gates. */
const PAULI_MASK = /^[IXYZ]{1,16}$/;

/**
 * Every argument checked against the opcode's table entry before anything
 * runs: unknown names, wrong types and oversized values are refused here, so
 * a refused call has applied nothing.
 */
function evalArgs(opcode: string, raw: unknown): Record<string, unknown> {
  if (raw !== undefined && (raw === null || typeof raw !== "object" || Array.isArray(raw))) {
    throw new QmkError("INVALID_PARAMS", "args must be an object", { field: "params.args" });
  }
  const given = (raw as Record<string, unknown>) ?? {};
  const specArgs = OPCODES[opcode].args;
  const extra = EAGER_EXTRA_ARGS[opcode] ?? [];
  const args: Record<string, unknown> = {};
  for (const name of Object.keys(given)) {
    if (!Object.hasOwn(specArgs, name) && !extra.includes(name)) {
      throw new QmkError("INVALID_PARAMS", `${opcode} takes no argument ${name.slice(0, 32)}`, { field: `params.args.${name.slice(0, 32)}` });
    }
  }
  for (const name in specArgs) {
    const a = specArgs[name];
    const v = given[name];
    const field = `params.args.${name}`;
    if (v === undefined) {
      if (a.required && a.type !== "pauli") throw new QmkError("INVALID_PARAMS", `${opcode} needs args.${name}`, { field });
      continue;
    }
    switch (a.type) {
      case "angle":
        args[name] = evalAngle(v, {}, { field, code: "INVALID_PARAMS" });
        break;
      case "pauli": {
        const m = typeof v === "string" ? v.toUpperCase() : "";
        if (!PAULI_MASK.test(m)) throw new QmkError("INVALID_PARAMS", "mask must be 1–16 of the letters I, X, Y, Z", { field });
        args[name] = m;
        break;
      }
      case "int":
        if (!Number.isSafeInteger(v) || (v as number) < (a.min ?? 0) || (v as number) > (a.max ?? 2 ** 31 - 1)) {
          throw new QmkError("INVALID_PARAMS", `args.${name} must be an integer in [${a.min ?? 0}, ${a.max ?? 2 ** 31 - 1}]`, { field });
        }
        args[name] = v;
        break;
      default:
        if (typeof v !== "string" || v.length === 0 || v.length > 128) throw new QmkError("INVALID_PARAMS", `args.${name} must be a string of 1–128 characters`, { field });
        args[name] = v;
    }
  }
  for (const name of extra) {
    if (given[name] === undefined) continue;
    if (typeof given[name] !== "boolean") throw new QmkError("INVALID_PARAMS", `args.${name} must be a boolean`, { field: `params.args.${name}` });
    args[name] = given[name];
  }
  return args;
}

/** Shared by q_apply, q_measure, q_reset, q_open_chan: the operation enters the machine here. */
function run(k: KernelCore, ctx: CallContext, opcode: string, handles: string[], rawArgs: unknown, chan?: string) {
  const spec = OPCODES[opcode];
  if (typeof spec.vqs === "number" && handles.length !== spec.vqs) {
    throw new QmkError("INVALID_PARAMS", `${opcode} takes ${spec.vqs} qubit(s), got ${handles.length}`, { field: "params.vqs" });
  }
  const ops = operands(k, ctx, handles);
  const args = evalArgs(opcode, rawArgs);
  // Plain loops: this is the hot path of every eager operation.
  const qubits: number[] = [];
  const loans: string[] = [];
  for (const o of ops) {
    qubits.push(o.id);
    if (o.loan) loans.push(o.loan);
  }
  const r = k.machine.operate({
    actor: ctx.tenant,
    opcode,
    qubits,
    args,
    // the session's own stream: no other session's draws move it (issue 12 §1)
    random: ctx.session.random,
    ...(chan !== undefined ? { channel: chan } : {}),
    ...(loans.length ? { loans } : {}),
    labels: handles.length === 1 ? LABELS_1 : handles.length === 2 ? LABELS_2 : LABELS_3,
  });
  ctx.audit.details = r.channel ? { opcode, channel: r.channel, tenants: [...r.tenants] } : { opcode };
  if (r.channel) ctx.audit.type = "channel.use";
  return { ...r, qubits };
}

const LABELS_1 = ["vqs[0]"] as const;
const LABELS_2 = ["vqs[0]", "vqs[1]"] as const;
const LABELS_3 = ["vqs[0]", "vqs[1]", "vqs[2]"] as const;

/**
 * Fair share of the shared eager machine: every tenant's operator-set
 * reserve (quota reserved_qubits) stays available to it, whatever the others
 * hold. A request is admitted when it fits in the free qubits minus what is
 * still reserved for *other* tenants; within its own reserve a tenant is
 * therefore always admitted (the reserves sum to at most the machine).
 */
function admitFairShare(k: KernelCore, tenant: string, n: number): void {
  let reservedForOthers = 0;
  for (const t of k.tenants.withReserve()) {
    if (t.id === tenant) continue;
    reservedForOthers += Math.max(0, t.reserve - k.machine.countOf(t.id));
  }
  const free = k.machine.maxQubits - k.machine.liveCount;
  if (n > free - reservedForOthers) {
    throw new QmkError("RESOURCE_EXHAUSTED", `the shared simulator cannot hold ${n} more qubit(s) for you now (reserve qubits with quota reserved_qubits)`, {
      field: "params.n",
      requested: n,
    });
  }
}

export function alloc(k: KernelCore, ctx: CallContext, p: Params): unknown {
  const n = int(p, "n", 1, 64);
  const profile = parseProfile(p.profile);
  admitFairShare(k, ctx.tenant, n);
  const pa = k.tenants.allocateLogical(ctx.tenant, n, profile.physicalPerLogical);
  let recs;
  try {
    recs = k.machine.allocate(ctx.tenant, ctx.session.id, n, pa.id);
  } catch (e) {
    k.tenants.releaseLogical(pa.id);
    throw e;
  }
  k.allocRefs.set(pa.id, n);
  const vqs = recs.map((r) => k.issue("vq", String(r.id), ctx));
  ctx.audit.type = "qubit.alloc";
  ctx.audit.details = { n, profile: profile.canonical, physical_qubits: pa.physical, allocation: pa.id };
  return { vqs, profile: profile.canonical, physical_qubits: pa.physical };
}

export function apply(k: KernelCore, ctx: CallContext, p: Params): unknown {
  const opcode = applyOpcodeOf(p);
  const handles = strArray(p, "vqs", 1, 3); // CCX/CSWAP take three
  const r = run(k, ctx, opcode, handles, p.args, channelId(k, ctx, p));
  return r.outcomes.length ? { outcomes: r.outcomes } : {};
}

export function measure(k: KernelCore, ctx: CallContext, p: Params): unknown {
  const opcode = measureOpcodeOf(p);
  const vq = str(p, "vq");
  const args = opcode === "MEASURE_ANGLE" ? { angle: p.angle } : {};
  const r = run(k, ctx, opcode, [vq], args);
  return { outcome: r.outcomes[0] };
}

export function reset(k: KernelCore, ctx: CallContext, p: Params): unknown {
  run(k, ctx, "RESET", [str(p, "vq")], {});
  return {};
}

export function release(k: KernelCore, ctx: CallContext, p: Params): unknown {
  const handles = strArray(p, "vqs", 1, 64);
  const ids = handles.map((h, i) => Number(k.own("vq", h, ctx, `params.vqs[${i}]`, true).id));
  const recs = k.machine.free(ctx.tenant, ids, handles.map((_, i) => `vqs[${i}]`), ctx.session.random);
  k.qubitsFreed(recs);
  ctx.audit.type = "qubit.free";
  ctx.audit.details = { n: recs.length };
  return { released: recs.length };
}

/** The owner's one-use consent to let the channel's peer use this qubit in one entangling op. */
export function lendQubit(k: KernelCore, ctx: CallContext, p: Params): unknown {
  const chan = channelId(k, ctx, p);
  if (chan === undefined) throw new QmkError("INVALID_PARAMS", "channel is required", { field: "params.channel" });
  const id = Number(k.own("vq", p.vq, ctx, "params.vq", true).id);
  if (k.machine.linear.get(id) !== "live") throw new QmkError("LINEARITY_VIOLATION", "only a live qubit can be lent", { field: "params.vq" });
  const loan = k.channels.lend(chan, ctx.tenant, id);
  ctx.audit.details = { channel: chan, loan: loan.id };
  return { loan: k.issue("loan", loan.id, ctx, 10 * 60_000) };
}

export function openChan(k: KernelCore, ctx: CallContext, p: Params): unknown {
  const handles = strArray(p, "vqs", 2, 2);
  const chan = channelId(k, ctx, p);
  const r = run(k, ctx, "OPEN_CHAN", handles, {}, chan);
  const id = k.nextId("pair");
  k.trackPair(id, { tenant: ctx.tenant, qubits: [r.qubits[0], r.qubits[1]], channel: r.channel, open: true });
  return { ch: k.issue("ch", id, ctx) };
}

export function closeChan(k: KernelCore, ctx: CallContext, p: Params): unknown {
  const id = k.own("ch", p.ch, ctx, "params.ch").id;
  const c = k.openChans.get(id);
  if (!c || c.tenant !== ctx.tenant) throw new QmkError("INVALID_HANDLE", "not an open Bell-pair channel", { field: "params.ch" });
  if (!c.open) throw new QmkError("ALREADY_COMPLETED", "channel already closed", { field: "params.ch" });
  c.open = false;
  return { closed: true };
}

/** Amplitudes of the caller's own qubits — only when they form whole components (nothing else entangled). */
export function amplitudes(k: KernelCore, ctx: CallContext, p: Params): unknown {
  const handles = strArray(p, "vqs", 1, 12);
  const ids = handles.map((h, i) => Number(k.own("vq", h, ctx, `params.vqs[${i}]`, true).id));
  for (const [i, id] of ids.entries()) {
    if (!k.machine.record(id)) throw new QmkError("LINEARITY_VIOLATION", "qubit was freed", { field: `params.vqs[${i}]` });
  }
  if (!k.machine.tracker.isClosed(ids)) {
    throw new QmkError("ACCESS_DENIED", "these qubits may be entangled with qubits outside the set; their amplitudes are not theirs alone", {
      field: "params.vqs",
    });
  }
  // A state that once met another tenant's qubit (a channel, a loan) can still
  // carry the peer's basis or outcome after the peer's qubit left: until a
  // reset, its amplitudes are not the caller's alone to read.
  if (k.machine.tracker.historyOf(ids).some((t) => t !== ctx.tenant)) {
    throw new QmkError("ACCESS_DENIED", "these qubits shared a state with another tenant's qubit since their last reset; reset them to read amplitudes", {
      field: "params.vqs",
      rule: "foreign_history",
    });
  }
  const simIds = ids.map((id) => k.machine.record(id)!.simId);
  const { re, im } = k.machine.sim.stateVector(simIds);
  const probabilities = k.machine.sim.probabilities(simIds);
  return { order: "bit k of the index = vqs[k]", re: [...re], im: [...im], probabilities: [...probabilities] };
}

/** The entanglement components that touch the caller, and which tenants each one spans. */
export function components(k: KernelCore, ctx: CallContext): unknown {
  const own = new Map(k.machine.qubitsOf(ctx.tenant).map((q) => [q.id, q]));
  const comps = k.machine.tracker.components().filter((c) => c.qubits.some((q) => own.has(q)));
  return {
    components: comps.map((c) => ({
      size: c.qubits.length,
      tenants: c.tenants,
      own: c.qubits.filter((q) => own.has(q)).map((q) => k.handles.issue("vq", String(q), ctx.tenant, own.get(q)!.session)),
      foreign: c.qubits.filter((q) => !own.has(q)).length,
    })),
  };
}

// Free-function style: h(q), cx(a, b), measure(q), reset(q), free(q), ifOne(m, …).
// Consuming operations are assertion functions: after `measure(q)` the
// compiler narrows `q` to `Qubit<T> & Measured`, so a later `h(q)` is a
// compile error. Every call also checks the handle's state at run time.
import { QmkError } from "./errors.js";
import { BitImpl, QubitImpl, asQubit, checkDistinct, checkState, gate, type ChannelLike } from "./runtime.js";
import type {
  Angle,
  BellData,
  Basis,
  Bit,
  Channel,
  Freed,
  Live,
  LiveTag,
  Loan,
  MeasureTag,
  MeasuredData,
  NoInfer_,
  NotFreed,
  Qubit,
  ResetTag,
} from "./types.js";

/* ---- one-qubit gates (live → live) ------------------------------------- */
export function h<Q extends Live>(q: Q): void { gate("H", [q], {}); }
export function x<Q extends Live>(q: Q): void { gate("X", [q], {}); }
export function y<Q extends Live>(q: Q): void { gate("Y", [q], {}); }
export function z<Q extends Live>(q: Q): void { gate("Z", [q], {}); }
export function s<Q extends Live>(q: Q): void { gate("S", [q], {}); }
export function sdg<Q extends Live>(q: Q): void { gate("SDG", [q], {}); }
export function t<Q extends Live>(q: Q): void { gate("T", [q], {}); }
export function tdg<Q extends Live>(q: Q): void { gate("TDG", [q], {}); }
export function rx<Q extends Live>(q: Q, theta: Angle): void { gate("RX", [q], { theta }); }
export function ry<Q extends Live>(q: Q, theta: Angle): void { gate("RY", [q], { theta }); }
export function rz<Q extends Live>(q: Q, theta: Angle): void { gate("RZ", [q], { theta }); }
export function u<Q extends Live>(q: Q, theta: Angle, phi: Angle, lambda: Angle): void {
  gate("U", [q], { theta, phi, lambda });
}
/** INJECT_T_STATE (CAP_MAGIC): prepares (|0⟩+e^{iπ/4}|1⟩)/√2 on a qubit in |0⟩. */
export function injectT<Q extends Live>(q: Q): void { gate("INJECT_T_STATE", [q], {}); }

/* ---- two-qubit gates ----------------------------------------------------
 * Same tenant: both operands are own live qubits of the same tenant type.
 * Cross tenant: the operand of the other tenant is its `Loan`, and the
 * `Channel<A, B>` must name (first operand's tenant, second operand's
 * tenant) in that order.                                                  */
type LiveOrLoan<T extends string> = Live<T> | Loan<T>;

export function cx<A extends string>(control: Live<A>, target: Live<NoInfer_<A>>): void;
export function cx<A extends string, B extends string>(control: LiveOrLoan<A>, target: LiveOrLoan<B>, channel: Channel<NoInfer_<A>, NoInfer_<B>>): void;
export function cx(c: unknown, t: unknown, ch?: unknown): void { gate("CNOT", [c, t], {}, ch); }

export function cz<A extends string>(a: Live<A>, b: Live<NoInfer_<A>>): void;
export function cz<A extends string, B extends string>(a: LiveOrLoan<A>, b: LiveOrLoan<B>, channel: Channel<NoInfer_<A>, NoInfer_<B>>): void;
export function cz(a: unknown, b: unknown, ch?: unknown): void { gate("CZ", [a, b], {}, ch); }

export function swap<A extends string>(a: Live<A>, b: Live<NoInfer_<A>>): void;
export function swap<A extends string, B extends string>(a: LiveOrLoan<A>, b: LiveOrLoan<B>, channel: Channel<NoInfer_<A>, NoInfer_<B>>): void;
export function swap(a: unknown, b: unknown, ch?: unknown): void { gate("SWAP", [a, b], {}, ch); }

export function cphase<A extends string>(a: Live<A>, b: Live<NoInfer_<A>>, theta: Angle): void;
export function cphase<A extends string, B extends string>(a: LiveOrLoan<A>, b: LiveOrLoan<B>, theta: Angle, channel: Channel<NoInfer_<A>, NoInfer_<B>>): void;
export function cphase(a: unknown, b: unknown, theta: Angle, ch?: unknown): void { gate("CPHASE", [a, b], { theta }, ch); }

/* ---- three-qubit gates (one tenant) ------------------------------------ */

/** Toffoli (APPLY_CCX): X on `target` when both controls are 1. */
export function ccx<A extends string>(c0: Live<A>, c1: Live<NoInfer_<A>>, target: Live<NoInfer_<A>>): void { gate("CCX", [c0, c1, target], {}); }
/** Fredkin (APPLY_CSWAP): swaps `a` and `b` when `control` is 1. */
export function cswap<A extends string>(control: Live<A>, a: Live<NoInfer_<A>>, b: Live<NoInfer_<A>>): void { gate("CSWAP", [control, a, b], {}); }

/** TELEPORT_CNOT (CAP_TELEPORT): CNOT by gate teleportation. */
export function teleportCnot<A extends string>(control: Live<A>, target: Live<NoInfer_<A>>): void;
export function teleportCnot<A extends string, B extends string>(control: LiveOrLoan<A>, target: LiveOrLoan<B>, channel: Channel<NoInfer_<A>, NoInfer_<B>>): void;
export function teleportCnot(c: unknown, t: unknown, ch?: unknown): void { gate("TELEPORT_CNOT", [c, t], {}, ch); }

/** Alias of `cx`. */
export const cnot = cx;

/* ---- measurement (live → measured) --------------------------------------
 * Assertion functions: use them as statements; read the result from the
 * narrowed handle afterwards (`q.outcome`, `q.bit`).                      */
function doMeasure(q: unknown, basis: Basis, fn: string): void {
  const qi = asQubit(q, fn);
  checkState(qi, "consume", fn);
  const bit = qi.backend.measure(qi, basis);
  qi.state = "measured";
  qi.result = bit;
  qi.measurements++;
}
/** Z-basis measurement. */
export function measure<Q extends Live>(q: Q): asserts q is Q & MeasureTag<Q> { doMeasure(q, "Z", "measure"); }
export const measureZ: <Q extends Live>(q: Q) => asserts q is Q & MeasureTag<Q> = measure;
export function measureX<Q extends Live>(q: Q): asserts q is Q & MeasureTag<Q> { doMeasure(q, "X", "measureX"); }
export function measureY<Q extends Live>(q: Q): asserts q is Q & MeasureTag<Q> { doMeasure(q, "Y", "measureY"); }
/** Measures in the eigenbasis cos(θ/2)|0⟩+sin(θ/2)|1⟩ (MEASURE_ANGLE). */
export function measureAngle<Q extends Live>(q: Q, angle: Angle): asserts q is Q & MeasureTag<Q> {
  doMeasure(q, { angle }, "measureAngle");
}
/** Measurement in any basis: "Z" | "X" | "Y" | { angle }. */
export function measureIn<Q extends Live>(q: Q, basis: Basis): asserts q is Q & MeasureTag<Q> { doMeasure(q, basis, "measureIn"); }

/**
 * Bell measurement of (a, b): both qubits end measured. The compiler can
 * narrow only one argument per assertion signature — it narrows `a`; `b`
 * is checked at run time (and by the lint). Outcomes: `a.bellBits`
 * (= the two events of MEASURE_BELL in kernel order [xParity, zParity],
 * i.e. the bits of a and b after "CNOT a→b; H a; measure") and
 * `a.bellIndex` (zParity | xParity << 1).
 *
 * Both qubits are the caller's own. When their entanglement component
 * spans another tenant (e.g. `half` of a cross-tenant pair made with
 * `h(half); cx(half, peer.lend(q, ch), ch)`), MEASURE_BELL entangles across
 * tenants and the kernel's firewall requires the channel (one use):
 * `measureBell(a, b, ch)`. The channel must join the qubits' tenant and a
 * peer, in either direction (`Channel<A, P>` or `Channel<P, A>`: the
 * kernel binds a channel to the unordered pair, and both operands belong
 * to A); a channel that does not involve A is a compile error.
 */
export function measureBell<A extends Live, B extends Live<TenantOfLive<A>>>(a: A, b: B): asserts a is A & MeasureTag<A> & BellData;
export function measureBell<A extends Live, B extends Live<TenantOfLive<A>>, P extends string>(
  a: A,
  b: B,
  channel: Channel<TenantOfLive<A>, P> | Channel<P, TenantOfLive<A>>,
): asserts a is A & MeasureTag<A> & BellData;
export function measureBell(a: unknown, b: unknown, channel?: unknown): void {
  const qa = asQubit(a, "measureBell");
  const qb = asQubit(b, "measureBell");
  checkDistinct([qa, qb], "measureBell");
  checkState(qa, "consume", "measureBell");
  checkState(qb, "consume", "measureBell");
  if (qa.backend !== qb.backend) {
    throw new QmkError("FIREWALL_VIOLATION", "measureBell: both qubits must belong to the same session", { field: "vqs" });
  }
  let ch: ChannelLike | undefined;
  if (channel !== undefined && channel !== null) {
    ch = channel as ChannelLike;
    if (typeof ch !== "object" || typeof ch.id !== "string" || typeof ch.handleFor !== "function") {
      throw new QmkError("INVALID_PARAMS", "measureBell: the third argument must be a Channel", { field: "channel" });
    }
    if (ch.revoked) throw new QmkError("CHANNEL_REVOKED_OR_EXPIRED", `measureBell: channel ${ch.id} was revoked`, { field: "channel" });
    if (ch.from !== qa.tenant && ch.to !== qa.tenant) {
      throw new QmkError("CHANNEL_UNAUTHORIZED", `measureBell: channel ${ch.from}→${ch.to} does not involve "${qa.tenant}"`, {
        field: "channel",
      });
    }
  }
  const [ba, bb] = qa.backend.measureBell(qa, qb, ch);
  for (const [q, bit] of [[qa, ba], [qb, bb]] as const) {
    q.state = "measured";
    q.result = bit;
    q.measurements++;
  }
  qa.bellPartner = qb;
}
type TenantOfLive<Q> = Q extends Qubit<infer T> ? T : string;

/* ---- reset (measured|live → live), free (→ freed) ---------------------- */
export function reset<Q extends Qubit & NotFreed>(q: Q): asserts q is Q & ResetTag<Q> {
  const qi = asQubit(q, "reset");
  checkState(qi, "revive", "reset");
  qi.backend.reset(qi);
  qi.state = "live";
  qi.result = undefined;
  qi.bellPartner = undefined;
}

export function free<Q extends Qubit & NotFreed>(q: Q): asserts q is Q & Freed {
  const qi = asQubit(q, "free");
  checkState(qi, "free", "free");
  qi.backend.free([qi]);
  qi.state = "freed";
}

/** Frees several qubits (run-time checked only: one assertion per signature). */
export function freeAll(qs: readonly (Qubit & NotFreed)[]): void {
  const list = qs.map((q) => asQubit(q, "freeAll"));
  checkDistinct(list, "freeAll");
  for (const q of list) checkState(q, "free", "freeAll");
  if (list.length === 0) return;
  const b = list[0].backend;
  if (list.some((q) => q.backend !== b)) throw new QmkError("INVALID_PARAMS", "freeAll: qubits of different sessions", { field: "vqs" });
  b.free(list);
  for (const q of list) q.state = "freed";
}

/* ---- classical control -------------------------------------------------- */
type Condition = Bit | MeasuredData;

function toBit(m: unknown, fn: string): BitImpl {
  if (m instanceof BitImpl) return m;
  if (m instanceof QubitImpl) return m.bit;
  throw new QmkError("INVALID_PARAMS", `${fn}: expected a measured qubit or a Bit`, { field: "condition" });
}

/** Runs `body` if the measurement result is 1 (a guard `{event, equals: 1}` in captured graphs). */
export function ifOne(m: Condition, body: () => void): void {
  const b = toBit(m, "ifOne");
  b.backend.cond(b, 1, body);
}
/** Runs `body` if the measurement result is 0. */
export function ifZero(m: Condition, body: () => void): void {
  const b = toBit(m, "ifZero");
  b.backend.cond(b, 0, body);
}

/** Pauli string for COND_PAULI. */
export type Pauli = "X" | "Y" | "Z" | "XZ" | "ZX" | "I";

/**
 * COND_PAULI: classical correction — applies `mask` to `q` if the XOR of the
 * conditions is 1. Allowed on a live or a measured qubit (it does not
 * change the typestate); `inputs` in captured graphs.
 */
export function condPauli<Q extends Qubit & NotFreed>(q: Q, mask: Pauli, ...conditions: Condition[]): void {
  const qi = asQubit(q, "condPauli");
  checkState(qi, "revive", "condPauli"); // live or measured, not freed
  if (!/^[IXYZ]+$/.test(mask)) throw new QmkError("INVALID_PARAMS", `condPauli: bad Pauli mask ${String(mask)}`, { field: "mask" });
  if (conditions.length === 0) throw new QmkError("INVALID_PARAMS", "condPauli: needs at least one condition", { field: "inputs" });
  qi.backend.condPauli(qi, mask, conditions.map((c) => toBit(c, "condPauli")));
}

/** FENCE_EPOCH in captured graphs (an epoch boundary); no-op eagerly. */
export function fence(on: { readonly mode: "eager" | "capture" }): void {
  backendOf(on).marker("FENCE_EPOCH");
}
/** BAR_REGION in captured graphs (a region hint / comment); no-op eagerly. */
export function region(on: { readonly mode: "eager" | "capture" }, tag: string): void {
  backendOf(on).marker("BAR_REGION", tag);
}
function backendOf(x: unknown): { marker(op: "FENCE_EPOCH" | "BAR_REGION", tag?: string): void } {
  const b = x as { marker?: unknown };
  if (!b || typeof b.marker !== "function") throw new QmkError("INVALID_PARAMS", "expected a session or a capture builder", { field: "session" });
  return b as { marker(op: "FENCE_EPOCH" | "BAR_REGION", tag?: string): void };
}

/**
 * The outcome of any qubit handle, checked at run time only — for notebook
 * cells, where the narrowed type of an earlier cell is not visible.
 */
export function outcomeOf(q: Qubit): 0 | 1 {
  return asQubit(q, "outcomeOf").outcome;
}

/** The measurement result of a measured handle, as a classical value. */
export function bitOf(m: MeasuredData): Bit {
  return toBit(m, "bitOf");
}

/** Run-time state of any handle ("live" | "measured" | "freed"). */
export function stateOf(q: Qubit): "live" | "measured" | "freed" {
  return asQubit(q, "stateOf").state;
}

export type { LiveTag };

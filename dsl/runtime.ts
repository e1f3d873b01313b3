// Run-time side of the DSL: the objects behind the phantom types.
// Every handle knows its state and checks it on every use (the backstop
// for aliases, containers, casts and notebook cells the compiler cannot
// see); the kernel checks again.
import { QmkError, linearityError } from "./errors.js";
import type { Angle, Basis } from "./types.js";

export type QState = "live" | "measured" | "freed";

/** One operand of an operation: an own qubit or a peer's loan. */
export type Operand = QubitImpl | LoanImpl;

/** What a session (eager) or a capture builder implements. */
export interface Backend {
  readonly tenant: string;
  readonly mode: "eager" | "capture";
  allocate(n: number, profile?: string): QubitImpl[];
  /** a unitary / state-preparation op (live → live); `channel` for cross-tenant operands */
  apply(op: string, operands: Operand[], args: Record<string, Angle>, channel?: ChannelLike): void;
  measure(q: QubitImpl, basis: Basis): BitImpl;
  /** MEASURE_BELL; `channel` when the qubits' component spans another tenant */
  measureBell(a: QubitImpl, b: QubitImpl, channel?: ChannelLike): [BitImpl, BitImpl];
  reset(q: QubitImpl): void;
  free(qs: QubitImpl[]): void;
  /** run `fn` only if `bit` equals `equals` (a QVM guard in captured graphs) */
  cond(bit: BitImpl, equals: 0 | 1, fn: () => void): void;
  /** COND_PAULI: apply `mask` to q (live or measured) if the XOR of `bits` is 1 */
  condPauli(q: QubitImpl, mask: string, bits: BitImpl[]): void;
  /** FENCE_EPOCH / BAR_REGION markers (captured graphs; no-ops eagerly) */
  marker(op: "FENCE_EPOCH" | "BAR_REGION", tag?: string): void;
}

export interface ChannelLike {
  readonly from: string;
  readonly to: string;
  /** local identity of the channel (the request handle) */
  readonly id: string;
  readonly revoked?: boolean;
  /** the kernel's channel id (for `args.channel` in multi-tenant graphs), when known */
  readonly kernelId?: string;
  /** each tenant holds its own signed handle for the same channel */
  handleFor(tenant: string): string;
}

/**
 * Conditions of the `ifOne`/`ifZero` blocks being run for queued sessions
 * whose outcome is not known yet (shared by all sessions: the condition may
 * come from another session than the guarded op).
 */
export const pendingGuards: { bit: BitImpl; equals: 0 | 1 }[] = [];

export class BitImpl {
  readonly kind = "bit" as const;
  /** set when known (eager) */
  _value: 0 | 1 | undefined = undefined;
  constructor(
    readonly backend: Backend,
    readonly event: string,
    /** explains why the value is unknown */
    private readonly pending: () => string,
  ) {}
  get value(): 0 | 1 {
    if (this._value === undefined) throw new QmkError("INVALID_PARAMS", this.pending(), { field: "outcome", event: this.event });
    return this._value;
  }
  get known(): boolean {
    return this._value !== undefined;
  }
  toString(): string {
    return this._value === undefined ? `Bit(${this.event}: pending)` : String(this._value);
  }
  valueOf(): number {
    return this.value;
  }
}

const GATE_METHODS = ["h", "x", "y", "z", "s", "sdg", "t", "tdg"] as const;

export class QubitImpl {
  state: QState = "live";
  /** kernel handle (eager); undefined until the (queued) allocation ran */
  vq: string | undefined;
  /** outcome of the last measurement */
  result: BitImpl | undefined;
  /** generation: how many times it was measured (for messages) */
  measurements = 0;
  /** set on `a` by measureBell(a, b) */
  bellPartner: QubitImpl | undefined;
  constructor(
    readonly backend: Backend,
    readonly label: string,
  ) {}

  get tenant(): string {
    return this.backend.tenant;
  }
  get runtimeState(): QState {
    return this.state;
  }

  /** Only on the measured type; throws (LINEARITY_VIOLATION) on a qubit that has no outcome. */
  get outcome(): 0 | 1 {
    return this.bit.value;
  }
  get bit(): BitImpl {
    // a measured qubit keeps its classical result after free (not after reset)
    if (this.state === "live" || !this.result) {
      throw linearityError(
        `${this.label} is ${this.state}: it has no outcome to read (measure it first)`,
        "read_before_measure",
        { state: this.state },
      );
    }
    return this.result;
  }

  get bellBits(): readonly [BitImpl, BitImpl] {
    const p = this.bellPartner;
    if (!p || this.state === "live" || !p.result) {
      throw linearityError(`${this.label} has no Bell measurement result`, "read_before_measure", { state: this.state });
    }
    return [this.bit, p.result];
  }
  get bellIndex(): 0 | 1 | 2 | 3 {
    const [x, z] = this.bellBits;
    return (z.value | (x.value << 1)) as 0 | 1 | 2 | 3;
  }

  toString(): string {
    return `Qubit<${JSON.stringify(this.tenant)}>(${this.label}, ${this.state})`;
  }
}

// fluent gates: q.h().s().rz(θ)
for (const g of GATE_METHODS) {
  Object.defineProperty(QubitImpl.prototype, g, {
    value(this: QubitImpl) {
      gate(g.toUpperCase(), [this], {});
      return this;
    },
  });
}
for (const g of ["rx", "ry", "rz"] as const) {
  Object.defineProperty(QubitImpl.prototype, g, {
    value(this: QubitImpl, theta: Angle) {
      gate(g.toUpperCase(), [this], { theta });
      return this;
    },
  });
}
Object.defineProperty(QubitImpl.prototype, "u", {
  value(this: QubitImpl, theta: Angle, phi: Angle, lambda: Angle) {
    gate("U", [this], { theta, phi, lambda });
    return this;
  },
});
Object.defineProperty(QubitImpl.prototype, "injectT", {
  value(this: QubitImpl) {
    gate("INJECT_T_STATE", [this], {});
    return this;
  },
});

export class LoanImpl {
  used = false;
  handle: string | undefined;
  /** resolves to the loan handle (remote sessions queue the q_lend_qubit call) */
  ready: Promise<string>;
  constructor(
    readonly tenant: string,
    readonly channel: ChannelLike,
    readonly qubit: QubitImpl,
    ready: Promise<string> | string,
  ) {
    if (typeof ready === "string") {
      this.handle = ready;
      this.ready = Promise.resolve(ready);
    } else {
      this.ready = ready.then((h) => (this.handle = h));
      this.ready.catch(() => {});
    }
  }
  toString(): string {
    return `Loan<${JSON.stringify(this.tenant)}>(${this.qubit.label})`;
  }
}

/* ---- run-time checks ---------------------------------------------------- */

function sameSink(a: Backend, b: Backend): boolean {
  const sa = (a as { sink?: unknown }).sink;
  return a.mode === "capture" && b.mode === "capture" && sa !== undefined && sa === (b as { sink?: unknown }).sink;
}

export function asQubit(q: unknown, fn: string): QubitImpl {
  if (q instanceof QubitImpl) return q;
  if (q instanceof LoanImpl) {
    throw new QmkError("FIREWALL_VIOLATION", `${fn}: a loan can only be used as the operand of a two-qubit gate with its channel`, {
      field: "qubit",
    });
  }
  throw new QmkError("INVALID_PARAMS", `${fn}: expected a qubit handle, got ${describe(q)}`, { field: "qubit" });
}

function describe(x: unknown): string {
  if (x === null) return "null";
  if (typeof x === "object") return (x as object).constructor?.name ?? "object";
  return typeof x;
}

/** Throws LINEARITY_VIOLATION unless `q` may undergo an op with this effect. */
export function checkState(q: QubitImpl, effect: "gate" | "consume" | "revive" | "free", fn: string): void {
  const s = q.state;
  if (s === "live") return;
  if (s === "measured" && (effect === "revive" || effect === "free")) return;
  const violation =
    s === "freed"
      ? effect === "free"
        ? "double_free"
        : "use_after_free"
      : effect === "consume"
        ? "double_measure"
        : "use_after_measure";
  const hint =
    s === "measured"
      ? ` (it was measured; reset(${q.label}) makes it live again)`
      : " (a freed qubit is gone for good)";
  throw linearityError(`${fn}: ${violation.replace(/_/g, " ")} on ${q.label}, which is ${s}${hint}`, violation, {
    state: s,
    qubit: q.label,
  });
}

export function checkDistinct(ops: Operand[], fn: string): void {
  for (let i = 0; i < ops.length; i++) {
    for (let j = i + 1; j < ops.length; j++) {
      const a = ops[i] instanceof LoanImpl ? (ops[i] as LoanImpl).qubit : ops[i];
      const b = ops[j] instanceof LoanImpl ? (ops[j] as LoanImpl).qubit : ops[j];
      if (a === b) {
        throw linearityError(`${fn}: the same qubit appears twice (operands ${i} and ${j})`, "duplicate_operand", {
          field: `vqs[${j}]`,
        });
      }
    }
  }
}

/** Checks and dispatches a unitary on own qubits and/or loans. */
export function gate(op: string, operands: unknown[], args: Record<string, Angle>, channel?: unknown): void {
  const fn = op.toLowerCase();
  const ops: Operand[] = operands.map((o) => {
    if (o instanceof LoanImpl) return o;
    return asQubit(o, fn);
  });
  checkDistinct(ops, fn);
  const own = ops.filter((o): o is QubitImpl => o instanceof QubitImpl);
  if (own.length === 0) throw new QmkError("INVALID_PARAMS", `${fn}: needs at least one own qubit`, { field: "vqs" });
  for (const q of own) checkState(q, "gate", fn);
  const backend = own[0].backend;
  for (const a of args ? Object.values(args) : []) {
    if (typeof a !== "number" && typeof a !== "string") {
      throw new QmkError("INVALID_PARAMS", `${fn}: an angle must be a number or an expression string`, { field: "args" });
    }
  }
  // tenants: every own qubit must belong to the same session; a different
  // tenant's operand must be a loan through a channel naming both tenants.
  const joint = own.some((q) => q.backend !== backend) && own.every((q) => sameSink(q.backend, backend));
  if (joint) {
    // a multi-tenant captured graph: operands of two tenants need their channel, in order
    const ch = channel as ChannelLike | undefined;
    const tenants = own.map((q) => q.tenant);
    if (!ch || typeof ch !== "object" || typeof ch.id !== "string") {
      throw new QmkError("FIREWALL_VIOLATION", `${fn}: operands of tenants (${tenants.join(", ")}) need a channel between them`, {
        field: "channel",
        tenants,
      });
    }
    if (tenants.length !== 2 || tenants[0] !== ch.from || tenants[1] !== ch.to) {
      throw new QmkError("CHANNEL_UNAUTHORIZED", `${fn}: channel ${ch.from}→${ch.to} does not authorize operands of tenants (${tenants.join(", ")}) in this order`, {
        field: "channel",
      });
    }
    backend.apply(op, ops, args ?? {}, ch);
    return;
  }
  for (const q of own) {
    if (q.backend !== backend) {
      if (q.tenant !== backend.tenant) {
        throw new QmkError(
          "FIREWALL_VIOLATION",
          `${fn}: ${q.label} belongs to tenant "${q.tenant}", not "${backend.tenant}"; cross-tenant operations need a channel and the peer's loan (peer.lend(q, ch))`,
          { field: "vqs", tenants: [backend.tenant, q.tenant] },
        );
      }
      throw new QmkError("INVALID_PARAMS", `${fn}: operands come from different sessions`, { field: "vqs" });
    }
  }
  const loans = ops.filter((o): o is LoanImpl => o instanceof LoanImpl);
  if (loans.length > 0) {
    if (!channel || typeof channel !== "object") {
      throw new QmkError("CHANNEL_UNAUTHORIZED", `${fn}: a loaned (cross-tenant) operand needs the channel it was lent on`, {
        field: "channel",
      });
    }
    const ch = channel as ChannelLike;
    if (ch.revoked) throw new QmkError("CHANNEL_REVOKED_OR_EXPIRED", `${fn}: channel ${ch.id} was revoked`, { field: "channel" });
    // operand order must match the channel's order: Channel<A, B> ⇒ (A's operand, B's operand)
    const tenants = ops.map((o) => o.tenant);
    if (tenants.length !== 2 || tenants[0] !== ch.from || tenants[1] !== ch.to) {
      throw new QmkError(
        "CHANNEL_UNAUTHORIZED",
        `${fn}: channel ${ch.from}→${ch.to} does not authorize operands of tenants (${tenants.join(", ")}) in this order`,
        { field: "channel" },
      );
    }
    for (const l of loans) {
      if (l.used) {
        throw new QmkError("CHANNEL_UNAUTHORIZED", `${fn}: loan of ${l.qubit.label} was already used (a loan is good for one operation)`, {
          field: "vqs",
          rule: "loan_used",
        });
      }
      if (l.channel.id !== ch.id) {
        throw new QmkError("CHANNEL_UNAUTHORIZED", `${fn}: the loan was made on channel ${l.channel.id}, not ${ch.id}`, { field: "channel" });
      }
      checkState(l.qubit, "gate", fn);
    }
  } else if (channel !== undefined && channel !== null) {
    const ch = channel as ChannelLike;
    if (typeof ch !== "object" || typeof ch.id !== "string") {
      throw new QmkError("INVALID_PARAMS", `${fn}: the third argument must be a Channel`, { field: "channel" });
    }
  }
  backend.apply(op, ops, args ?? {}, loans.length > 0 ? (channel as ChannelLike) : undefined);
  for (const l of loans) l.used = true;
}

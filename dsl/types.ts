// Phantom types of the DSL: what lets the TypeScript compiler reject misuse
// of qubits ("IDE type errors are linearity checks").
//
// A qubit handle carries two compile-time facts:
//  - its tenant, a string-literal type parameter under a `unique symbol` key;
//  - its typestate, as optional phantom properties ("~state", "~free") whose
//    literal type is narrowed by assertion functions (`measure(q)` asserts
//    `q is Q & Measured`). Passing a measured handle where a `Live` one is
//    wanted is then an error that names the state:
//      Argument of type 'Qubit<"alice"> & Measured' is not assignable to
//      parameter of type 'Live<string>'. … Type '"measured"' is not
//      assignable to type '"live"'.
// The properties never exist at run time; every handle also checks its
// state at run time (see runtime.ts), so what slips past the compiler
// (aliases, containers, casts, notebook cells) still fails.
//
// Must compile under TS 5.0 non-strict (tslab): no built-in NoInfer.

declare const TENANT: unique symbol;
declare const LOAN: unique symbol;
declare const CHANNEL: unique symbol;

/** `NoInfer` polyfill (built in only from TS 5.4). */
export type NoInfer_<T> = [T][T extends any ? 0 : never];

/** A rotation angle: a number, or a mathjs expression over named parameters ("pi/4", "theta/2"). */
export type Angle = number | string;

/** Measurement bases. */
export type Basis = "Z" | "X" | "Y" | { angle: Angle };

/** A classical bit produced by a measurement (an event in captured graphs). */
export interface Bit {
  readonly kind: "bit";
  /** event name in a captured graph (`m0`, …) */
  readonly event: string;
  /** 0 | 1 — eager sessions only; throws before the outcome is known */
  readonly value: 0 | 1;
}

/**
 * A qubit of tenant `T`. Fresh handles have this type and are live.
 * The fluent gate methods require a live handle (`this: Live<T>`).
 */
export interface Qubit<T extends string = string> {
  readonly [TENANT]: T;
  readonly tenant: T;
  /** label used in graphs and messages (`q0`) */
  readonly label: string;
  /** run-time typestate (the backstop): "live" | "measured" | "freed" */
  readonly runtimeState: "live" | "measured" | "freed";
  h(this: Live<T>): Qubit<T>;
  x(this: Live<T>): Qubit<T>;
  y(this: Live<T>): Qubit<T>;
  z(this: Live<T>): Qubit<T>;
  s(this: Live<T>): Qubit<T>;
  sdg(this: Live<T>): Qubit<T>;
  t(this: Live<T>): Qubit<T>;
  tdg(this: Live<T>): Qubit<T>;
  rx(this: Live<T>, theta: Angle): Qubit<T>;
  ry(this: Live<T>, theta: Angle): Qubit<T>;
  rz(this: Live<T>, theta: Angle): Qubit<T>;
  u(this: Live<T>, theta: Angle, phi: Angle, lambda: Angle): Qubit<T>;
  injectT(this: Live<T>): Qubit<T>;
}

/* ---- typestate tags -------------------------------------------------------
 * Generation k (k = 1..4) of a qubit's life uses its own tag key, so that
 * measure → reset → measure → gate is still caught (intersections can only
 * add facts; a reset turns generation k's tag into `never`, which is
 * accepted again by `Live`). Beyond 4 reset cycles only the run-time check
 * remains.                                                                  */

/** The typestate a gate requires. */
export interface LiveTag {
  readonly "~state"?: "live";
  readonly "~state2"?: "live";
  readonly "~state3"?: "live";
  readonly "~state4"?: "live";
  readonly "~free"?: "live";
}
/** Not freed (live or measured): what `free` and `reset` accept. */
export interface NotFreed {
  readonly "~free"?: "live";
}

/** Data only a measured handle has. */
export interface MeasuredData {
  /** the outcome, 0 | 1 (eager: immediately with an embedded kernel, after `await session.sync()` remotely) */
  readonly outcome: 0 | 1;
  /** the outcome as a classical value usable in `ifOne` / `ifZero` (and in captured graphs) */
  readonly bit: Bit;
}
/** What `measureBell(a, b)` adds to `a` (the compiler can narrow only one argument). */
export interface BellData {
  /** the two event bits of MEASURE_BELL, in kernel order [xParity, zParity] — the bits of a and b after "CNOT a→b; H a; measure" */
  readonly bellBits: readonly [Bit, Bit];
  /** Bell index zParity | xParity << 1 (0..3) — eager only */
  readonly bellIndex: 0 | 1 | 2 | 3;
}
export interface Measured extends MeasuredData { readonly "~state"?: "measured" }
export interface Measured2 extends MeasuredData { readonly "~state2"?: "measured" }
export interface Measured3 extends MeasuredData { readonly "~state3"?: "measured" }
export interface Measured4 extends MeasuredData { readonly "~state4"?: "measured" }
/** Reset of generation k: `"measured" & "live"` = never, accepted by `Live` again. */
export interface Reset { readonly "~state"?: "live" }
export interface Reset2 { readonly "~state2"?: "live" }
export interface Reset3 { readonly "~state3"?: "live" }
export interface Reset4 { readonly "~state4"?: "live" }
export interface Freed { readonly "~free"?: "freed" }

/** A live qubit of tenant `T` (what gates and measurements take). */
export type Live<T extends string = string> = Qubit<T> & LiveTag;

type Gen<Q> = "~state" extends keyof Q
  ? "~state2" extends keyof Q
    ? "~state3" extends keyof Q
      ? "~state4" extends keyof Q
        ? 4
        : 3
      : 2
    : 1
  : 0;

/** The tag `measure` adds: the first generation not yet used. */
export type MeasureTag<Q> = Gen<Q> extends 0
  ? Measured
  : Gen<Q> extends 1
    ? Measured2
    : Gen<Q> extends 2
      ? Measured3
      : Gen<Q> extends 3
        ? Measured4
        : unknown;

type IsMeasured<V> = [Exclude<V, undefined>] extends [never] ? false : [Exclude<V, undefined>] extends ["measured"] ? true : false;

/** The tag `reset` adds: turns the current generation's "measured" into never. */
export type ResetTag<Q> = Gen<Q> extends 1
  ? IsMeasured<Q[Extract<"~state", keyof Q>]> extends true ? Reset : unknown
  : Gen<Q> extends 2
    ? IsMeasured<Q[Extract<"~state2", keyof Q>]> extends true ? Reset2 : unknown
    : Gen<Q> extends 3
      ? IsMeasured<Q[Extract<"~state3", keyof Q>]> extends true ? Reset3 : unknown
      : Gen<Q> extends 4
        ? IsMeasured<Q[Extract<"~state4", keyof Q>]> extends true ? Reset4 : unknown
        : unknown;

/** Tenant of a handle type. */
export type TenantOf<Q> = Q extends { readonly [TENANT]: infer T } ? T : never;

/** A fixed-size tuple of qubits (registers index with a compile-time bound). */
export type Tuple<E, N extends number, Acc extends E[] = []> = number extends N
  ? E[]
  : Acc["length"] extends N
    ? Acc
    : Acc["length"] extends 64
      ? E[]
      : Tuple<E, N, [...Acc, E]>;

/**
 * The peer's one-use consent to operate on one of its qubits through a
 * channel: `bob.lend(q, ch)` → `Loan<"bob">`. A tenant never holds another
 * tenant's qubit handle; the loan is the cross-tenant operand.
 */
export interface Loan<T extends string = string> {
  readonly [LOAN]: T;
  readonly tenant: T;
  readonly handle: string;
}

/**
 * An approved channel between tenants `A` (requester) and `B` (approver).
 * A two-qubit gate `cx(a, b, ch)` needs `a` of tenant A and `b` of tenant B.
 */
export interface Channel<A extends string = string, B extends string = string> {
  readonly [CHANNEL]: [A, B];
  readonly from: A;
  readonly to: B;
  readonly id: string;
  revoke(): Promise<void>;
  status(): Promise<unknown>;
}

/** A pending channel request from A to B. */
export interface ChannelRequest<A extends string = string, B extends string = string> {
  readonly from: A;
  readonly to: B;
  readonly requestId: string;
  readonly maxUses: number;
  /** the requester's own handle of the channel (kernel handles are per tenant) */
  readonly requesterChannel: string;
}

/** Rejects a non-literal (widened `string`) tenant name at compile time. */
export type LiteralTenant<T extends string> = string extends T ? TenantNameMustBeAStringLiteral : T;
/** Shown in the error when a tenant name is not a string literal. */
export interface TenantNameMustBeAStringLiteral {
  readonly "tenant name must be a string literal, e.g. conn.tenant(\"alice\")": never;
}

/** Capability rights (kept in sync with kernel/security/rights.ts). */
export type Right = "CAP_ALLOC" | "CAP_LINK" | "CAP_TELEPORT" | "CAP_MAGIC" | "CAP_MEASURE" | "CAP_ADMIN" | "CAP_AUDIT";

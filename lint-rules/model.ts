// The DSL vocabulary the lint recognises (docs/CONTRACTS.md, "DSL surface").
// Recognition is by name so the lint works even when `dsl/index.js` does not
// resolve (fixtures, notebooks, half-typed code in an editor).

export type Right =
  | "CAP_ALLOC" | "CAP_LINK" | "CAP_TELEPORT" | "CAP_MAGIC" | "CAP_MEASURE" | "CAP_ADMIN" | "CAP_AUDIT";

/** What a free function does to its qubit operands. */
export type OpKind = "gate1" | "gate2" | "consume1" | "consume2" | "reset" | "free" | "freeAll" | "classical" | "capture" | "inspect";

export interface OpSpec {
  kind: OpKind;
  /** Indices of the qubit operands. */
  qubits: number[];
  /** Index of the optional Channel argument (two-qubit ops). */
  channel?: number;
  /** Right the session must hold (SPEC rights; only where statically required). */
  right?: Right;
}

const g1: OpSpec = { kind: "gate1", qubits: [0] };
const g2 = (channel: number, right?: Right): OpSpec => ({ kind: "gate2", qubits: [0, 1], channel, right });
const m1: OpSpec = { kind: "consume1", qubits: [0], right: "CAP_MEASURE" };

/** Null-prototype tables: a method named `constructor` or `toString` must not match. */
const table = <T>(o: Record<string, T>): Record<string, T | undefined> => Object.freeze(Object.assign(Object.create(null), o));

export const FREE_FUNCTIONS = table<OpSpec>({
  h: g1, x: g1, y: g1, z: g1, s: g1, sdg: g1, t: g1, tdg: g1, rx: g1, ry: g1, rz: g1, u: g1,
  injectT: { kind: "gate1", qubits: [0], right: "CAP_MAGIC" },
  cx: g2(2), cnot: g2(2), cz: g2(2), swap: g2(2), cphase: g2(3),
  // three operands of one session (no channel form)
  ccx: { kind: "gate2", qubits: [0, 1, 2] }, cswap: { kind: "gate2", qubits: [0, 1, 2] },
  teleportCnot: g2(2, "CAP_TELEPORT"),
  measure: m1, measureZ: m1, measureX: m1, measureY: m1, measureAngle: m1, measureIn: m1,
  // Both operands must come from one session (no channel form).
  measureBell: { kind: "consume2", qubits: [0, 1], right: "CAP_MEASURE" },
  reset: { kind: "reset", qubits: [0] },
  free: { kind: "free", qubits: [0] },
  freeAll: { kind: "freeAll", qubits: [0] },
  // Read a handle without consuming or keeping it.
  stateOf: { kind: "inspect", qubits: [] },
  bitOf: { kind: "inspect", qubits: [] },
  ifOne: { kind: "classical", qubits: [] },
  ifZero: { kind: "classical", qubits: [] },
  circuit: { kind: "capture", qubits: [] },
});

/** Fluent gates callable on a live qubit (`q.h().s()`); each returns the receiver. */
export const FLUENT_GATES = new Set(["h", "x", "y", "z", "s", "sdg", "t", "tdg", "rx", "ry", "rz", "u", "injectT"]);
/** Methods that consume when called on a qubit (tolerated although the DSL prefers free functions). */
export const FLUENT_CONSUME = table<OpKind>({
  measure: "consume1", measureX: "consume1", measureY: "consume1", measureAngle: "consume1", free: "free", reset: "reset",
});

/** Session / connection methods. */
export const SESSION_FACTORIES = new Set(["tenant", "session"]);
export const ALLOC_ONE = new Set(["qubit"]);
export const ALLOC_MANY = new Set(["alloc", "register"]);
export const CHANNEL_METHODS = table<Right>({ requestChannel: "CAP_LINK", approve: "CAP_LINK", lend: "CAP_LINK" });
export const ALLOC_RIGHT: Right = "CAP_ALLOC";

/** Type names that carry a qubit brand (`Qubit<"alice">`, `Live<T>`, …). */
export const QUBIT_TYPE_NAMES = new Set(["Qubit", "Live", "Measured", "Freed", "Loan"]);

/** Array callbacks that run once per element (analysed like a for-of loop). */
export const ELEMENT_CALLBACKS = new Set(["forEach", "map", "flatMap", "filter", "some", "every"]);

export const RULE_IDS = [
  "qmk/use-after-consume",
  "qmk/double-consume",
  "qmk/leak",
  "qmk/cross-tenant",
  "qmk/duplicate-operand",
  "qmk/unsafe-cast",
  "qmk/missing-capability",
] as const;
export type RuleId = (typeof RULE_IDS)[number];

// How each QVM operation changes the entanglement structure (SPEC §1.2, §2.9).
// One table so the tracker, the firewall and tests agree on what "entangling" means.

/** Effect of an operation on the components of its operands. */
export type OpEffect =
  | "entangle" // union of the operands' components
  | "bell" // union (entanglement swapping), then the operands form their own pair
  | "isolate" // each operand leaves its component (measured / reset: now a product state)
  | "remove" // operands are freed
  | "none"; // local or classical: structure unchanged

const EFFECTS: Record<string, OpEffect> = {
  CNOT: "entangle",
  CX: "entangle",
  CZ: "entangle",
  SWAP: "entangle", // conservative: union rather than exchanging memberships
  CPHASE: "entangle",
  CCX: "entangle", // a k-qubit op entangles all k operands
  CSWAP: "entangle",
  TELEPORT_CNOT: "entangle",
  OPEN_CHAN: "entangle",
  MEASURE_BELL: "bell",
  MEASURE: "isolate",
  MEASURE_Z: "isolate",
  MEASURE_X: "isolate",
  MEASURE_Y: "isolate",
  MEASURE_ANGLE: "isolate",
  RESET: "isolate",
  FREE_LQ: "remove",
  FREE: "remove",
  RELEASE: "remove",
};

// Opcode spellings are few and repeat on every operation: remember them (bounded).
const normalized = new Map<string, string>();

/** "APPLY_CNOT", "cnot", "CNOT" → "CNOT". */
export function normalizeOp(op: string): string {
  let n = normalized.get(op);
  if (n === undefined) {
    const up = op.toUpperCase();
    n = up.startsWith("APPLY_") ? up.slice(6) : up;
    if (normalized.size < 1024) normalized.set(op, n);
  }
  return n;
}

export function opEffect(op: string): OpEffect {
  return EFFECTS[normalizeOp(op)] ?? "none";
}

/** Every multi-qubit operation the firewall must mediate (SPEC §1.2 last paragraph). */
export function isEntangling(op: string): boolean {
  const e = opEffect(op);
  return e === "entangle" || e === "bell";
}

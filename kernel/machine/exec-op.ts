// How each QVM opcode acts on a simulator. This is the only translation
// from opcodes to simulator calls; both the eager path and job execution
// use it after the mediator has approved the operation.
import type { Simulator, GateName } from "../sim/index.js";
import { QmkError } from "../errors.js";
import { OPCODES, lookupOpcode } from "../qvm/opcodes.js";

/** Aliases q_apply accepts beyond the opcode table's own short names. */
const ALIASES: Record<string, string> = { CX: "APPLY_CNOT", INJECT_T: "INJECT_T_STATE" };

/** `H`, `cnot`, `APPLY_RZ`, `cx` … → the opcode (unknown names come back upper-cased). */
export function canonicalOpcode(op: string): string {
  const up = op.toUpperCase();
  return lookupOpcode(ALIASES[up] ?? up)?.name ?? up;
}

function angle(args: Record<string, unknown>, name: string): number {
  const v = args[name];
  if (typeof v !== "number" || !Number.isFinite(v)) {
    throw new QmkError("INVALID_PARAMS", `args.${name} must be a finite number`, { field: `args.${name}` });
  }
  return v;
}

/**
 * Toffoli from the simulator's one- and two-qubit gates (exact, no global
 * phase: the standard 6-CNOT, 7-T decomposition, Nielsen & Chuang Fig. 4.9).
 */
function toffoli(sim: Simulator, a: number, b: number, t: number): void {
  sim.gate("H", [t]);
  sim.gate("CNOT", [b, t]);
  sim.gate("TDG", [t]);
  sim.gate("CNOT", [a, t]);
  sim.gate("T", [t]);
  sim.gate("CNOT", [b, t]);
  sim.gate("TDG", [t]);
  sim.gate("CNOT", [a, t]);
  sim.gate("T", [b]);
  sim.gate("T", [t]);
  sim.gate("H", [t]);
  sim.gate("CNOT", [a, b]);
  sim.gate("T", [a]);
  sim.gate("TDG", [b]);
  sim.gate("CNOT", [a, b]);
}

/** |1⟩ below this probability counts as exactly |0⟩ (rounding of gates that return to |0⟩). */
const ZERO_TOLERANCE = 1e-10;

/**
 * SPEC preconditions of INJECT_T_STATE and OPEN_CHAN: operands in |0⟩
 * (freshly allocated or reset). The verifier refuses graphs where it cannot
 * tell; here the state itself is checked (P(1) = 0 means the qubit is |0⟩,
 * unentangled), before anything changes, so a refusal leaves no trace.
 */
function requireZero(sim: Simulator, opcode: string, q: readonly number[]): void {
  q.forEach((id, k) => {
    const p1 = sim.probabilities([id])[1]!;
    if (p1 > ZERO_TOLERANCE) {
      throw new QmkError("LINEARITY_VIOLATION", `${opcode} needs a freshly allocated or reset qubit; operand ${k} is not in |0⟩ (reset it first)`, {
        field: `vqs[${k}]`,
        rule: "needs_fresh_qubit",
      });
    }
  });
}

/**
 * Apply an (approved) opcode to simulator qubits. Returns measurement
 * outcomes for measuring opcodes, [] otherwise.
 */
export function execOpcode(sim: Simulator, opcode: string, q: readonly number[], args: Record<string, unknown>): number[] {
  const spec = OPCODES[opcode];
  if (spec?.gate) {
    sim.gate(spec.gate as GateName, [...q], (spec.gateParams ?? []).map((p) => angle(args, p)));
    return [];
  }
  switch (opcode) {
    case "MEASURE_Z":
      return [sim.measure(q[0], "Z")];
    case "MEASURE_X":
      return [sim.measure(q[0], "X")];
    case "MEASURE_Y":
      return [sim.measure(q[0], "Y")];
    case "MEASURE_ANGLE":
      return [sim.measure(q[0], { angle: angle(args, "angle") })];
    case "MEASURE_BELL": {
      // [xParity, zParity]: the two events of the QVM opcode (see opcodes.ts)
      const idx = sim.measureBell(q[0], q[1]);
      return [(idx >> 1) & 1, idx & 1];
    }
    case "RESET":
      sim.reset(q[0]);
      return [];
    case "APPLY_CCX":
      toffoli(sim, q[0], q[1], q[2]);
      return [];
    case "APPLY_CSWAP":
      // Fredkin = CNOT(b→a) · Toffoli(c, a → b) · CNOT(b→a)
      sim.gate("CNOT", [q[2], q[1]]);
      toffoli(sim, q[0], q[1], q[2]);
      sim.gate("CNOT", [q[2], q[1]]);
      return [];
    case "INJECT_T_STATE":
      // (|0⟩ + e^{iπ/4}|1⟩)/√2 from |0⟩
      requireZero(sim, opcode, q);
      sim.gate("H", [q[0]]);
      sim.gate("T", [q[0]]);
      return [];
    case "OPEN_CHAN":
      // a channel is a Bell pair (|00⟩+|11⟩)/√2 on its two endpoints
      requireZero(sim, opcode, q);
      sim.gate("H", [q[0]]);
      sim.gate("CNOT", [q[0], q[1]]);
      return [];
    case "COND_PAULI": {
      if (args.fire !== true) return [];
      const mask = String(args.mask ?? "X").toUpperCase();
      for (const p of mask) {
        if (p === "X" || p === "Y" || p === "Z") sim.gate(p, [q[0]]);
        else if (p !== "I") {
          throw new QmkError("INVALID_PARAMS", `unknown Pauli '${p}' in mask`, { field: "args.mask" });
        }
      }
      return [];
    }
    case "FENCE_EPOCH":
    case "BAR_REGION":
    case "SET_POLICY":
    case "USE_CHAN":
    case "CLOSE_CHAN":
      return [];
    default:
      throw new QmkError("INVALID_PARAMS", `unknown opcode ${opcode}`, { field: "op" });
  }
}

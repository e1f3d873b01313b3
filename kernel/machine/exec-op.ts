// How each QVM opcode acts on a simulator. This is the only translation
// from opcodes to simulator calls; both the eager path and job execution
// use it after the mediator has approved the operation.
import type { Simulator, GateName } from "../sim/index.js";
import { QmkError } from "../errors.js";

/** Short names accepted by q_apply, mapped to their opcode. */
const SHORT: Record<string, string> = {
  H: "APPLY_H", X: "APPLY_X", Y: "APPLY_Y", Z: "APPLY_Z", S: "APPLY_S", SDG: "APPLY_SDG",
  T: "APPLY_T", TDG: "APPLY_TDG", RX: "APPLY_RX", RY: "APPLY_RY", RZ: "APPLY_RZ", U: "APPLY_U",
  CNOT: "APPLY_CNOT", CX: "APPLY_CNOT", CZ: "APPLY_CZ", SWAP: "APPLY_SWAP", CPHASE: "APPLY_CPHASE",
  INJECT_T: "INJECT_T_STATE", TELEPORT: "TELEPORT_CNOT",
};

export function canonicalOpcode(op: string): string {
  const up = op.toUpperCase();
  return SHORT[up] ?? up;
}

const GATE_OF: Record<string, GateName> = {
  APPLY_H: "H", APPLY_X: "X", APPLY_Y: "Y", APPLY_Z: "Z", APPLY_S: "S", APPLY_SDG: "SDG",
  APPLY_T: "T", APPLY_TDG: "TDG", APPLY_RX: "RX", APPLY_RY: "RY", APPLY_RZ: "RZ", APPLY_U: "U",
  APPLY_CNOT: "CNOT", APPLY_CZ: "CZ", APPLY_SWAP: "SWAP", APPLY_CPHASE: "CPHASE",
  // Gate teleportation realises a CNOT; the logical effect is the same.
  TELEPORT_CNOT: "CNOT",
};

function angle(args: Record<string, unknown>, name: string): number {
  const v = args[name];
  if (typeof v !== "number" || !Number.isFinite(v)) {
    throw new QmkError("INVALID_PARAMS", `args.${name} must be a finite number`, { field: `args.${name}` });
  }
  return v;
}

function paramsOf(opcode: string, args: Record<string, unknown>): number[] | undefined {
  switch (opcode) {
    case "APPLY_RX":
    case "APPLY_RY":
    case "APPLY_RZ":
    case "APPLY_CPHASE":
      return [angle(args, "theta")];
    case "APPLY_U":
      return [angle(args, "theta"), angle(args, "phi"), angle(args, "lambda")];
    default:
      return undefined;
  }
}

/**
 * Apply an (approved) opcode to simulator qubits. Returns measurement
 * outcomes for measuring opcodes, [] otherwise.
 */
export function execOpcode(sim: Simulator, opcode: string, q: readonly number[], args: Record<string, unknown>): number[] {
  const gate = GATE_OF[opcode];
  if (gate) {
    sim.gate(gate, [...q], paramsOf(opcode, args));
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
      const idx = sim.measureBell(q[0], q[1]);
      return [idx & 1, (idx >> 1) & 1];
    }
    case "RESET":
      sim.reset(q[0]);
      return [];
    case "INJECT_T_STATE":
      // (|0⟩ + e^{iπ/4}|1⟩)/√2 from |0⟩
      sim.gate("H", [q[0]]);
      sim.gate("T", [q[0]]);
      return [];
    case "OPEN_CHAN":
      // a channel is a Bell pair (|00⟩+|11⟩)/√2 on its two endpoints
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

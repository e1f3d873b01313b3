// Drift guard: the lint's DSL vocabulary must agree with the kernel's opcode table
// (effects and required rights), which the mediator enforces at run time.
import { describe, expect, it } from "vitest";
import { OPCODES } from "../../kernel/qvm/opcodes.js";
import { FREE_FUNCTIONS } from "../../lint-rules/model.js";

const OPCODE_OF: Record<string, string> = {
  h: "APPLY_H", x: "APPLY_X", y: "APPLY_Y", z: "APPLY_Z", s: "APPLY_S", sdg: "APPLY_SDG", t: "APPLY_T", tdg: "APPLY_TDG",
  rx: "APPLY_RX", ry: "APPLY_RY", rz: "APPLY_RZ", u: "APPLY_U", injectT: "INJECT_T_STATE",
  cx: "APPLY_CNOT", cnot: "APPLY_CNOT", cz: "APPLY_CZ", swap: "APPLY_SWAP", cphase: "APPLY_CPHASE", teleportCnot: "TELEPORT_CNOT",
  measure: "MEASURE_Z", measureZ: "MEASURE_Z", measureX: "MEASURE_X", measureY: "MEASURE_Y", measureAngle: "MEASURE_ANGLE",
  measureBell: "MEASURE_BELL", reset: "RESET", free: "FREE_LQ",
};

const EFFECT: Record<string, string> = { gate1: "gate", gate2: "gate", consume1: "consume", consume2: "consume", reset: "revive", free: "free" };

describe("DSL vocabulary vs kernel opcodes", () => {
  for (const [name, op] of Object.entries(OPCODE_OF)) {
    it(`${name} ↔ ${op}`, () => {
      const spec = FREE_FUNCTIONS[name]!;
      const k = OPCODES[op];
      expect(k, `kernel opcode ${op}`).toBeDefined();
      expect(k.effect).toBe(EFFECT[spec.kind]);
      expect(spec.right ? [spec.right] : []).toEqual([...k.caps]);
      if (typeof k.vqs === "number") expect(spec.qubits.length).toBe(k.vqs);
    });
  }
});

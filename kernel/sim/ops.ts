// Ops: what the kernels execute, on bit positions. A named gate lowers to
// the cheapest op that implements it (diagonal → phase, permutation → move).
import type { Amps, Kernels } from "./kernels/types.js";
import { matrix1, type GateName } from "./gates.js";

export type Op =
  | { kind: "m1"; q: number; m: Float64Array }
  | { kind: "c1"; c: number; t: number; m: Float64Array }
  | { kind: "phase1"; q: number; re: number; im: number }
  | { kind: "phase2"; a: number; b: number; re: number; im: number }
  | { kind: "x"; q: number }
  | { kind: "cnot"; c: number; t: number }
  | { kind: "swap"; a: number; b: number }
  | { kind: "m2"; q0: number; q1: number; m: Float64Array };

/**
 * Lowers a gate to an op. Diagonal one-qubit gates with d00 ≠ 1 (RZ) are
 * split into a global phase (returned, applied lazily on read-out) and a
 * phase on |1⟩, so they touch only half the amplitudes.
 */
export function lowerGate(name: GateName, q: number[], p: readonly number[]): { op: Op; gphase?: [number, number] } {
  switch (name) {
    case "X": return { op: { kind: "x", q: q[0] } };
    case "CNOT": return { op: { kind: "cnot", c: q[0], t: q[1] } };
    case "SWAP": return { op: { kind: "swap", a: q[0], b: q[1] } };
    case "CZ": return { op: { kind: "phase2", a: q[0], b: q[1], re: -1, im: 0 } };
    case "CPHASE": return { op: { kind: "phase2", a: q[0], b: q[1], re: Math.cos(p[0]), im: Math.sin(p[0]) } };
    case "RZ": {
      const h = p[0] / 2;
      return { op: { kind: "phase1", q: q[0], re: Math.cos(p[0]), im: Math.sin(p[0]) }, gphase: [Math.cos(h), -Math.sin(h)] };
    }
    default: {
      const m = matrix1(name, p);
      if (m[2] === 0 && m[3] === 0 && m[4] === 0 && m[5] === 0 && m[0] === 1 && m[1] === 0)
        return { op: { kind: "phase1", q: q[0], re: m[6], im: m[7] } };
      return { op: { kind: "m1", q: q[0], m } };
    }
  }
}

export function runOp(k: Kernels, s: Amps, n: number, op: Op): void {
  switch (op.kind) {
    case "m1": return k.m1(s, n, op.q, op.m);
    case "c1": return k.c1(s, n, op.c, op.t, op.m);
    case "phase1": return k.phase1(s, n, op.q, op.re, op.im);
    case "phase2": return k.phase2(s, n, op.a, op.b, op.re, op.im);
    case "x": return k.x(s, n, op.q);
    case "cnot": return k.cnot(s, n, op.c, op.t);
    case "swap": return k.swap(s, n, op.a, op.b);
    case "m2": return k.m2(s, n, op.q0, op.q1, op.m);
  }
}

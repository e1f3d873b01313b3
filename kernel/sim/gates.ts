// Gate names, arities and one-qubit matrices. A 2×2 matrix is a Float64Array of 8 numbers
// [re00,im00,re01,im01,re10,im10,re11,im11] (row-major, complex interleaved).
import { QmkError } from "../errors.js";

export type GateName =
  | "H" | "X" | "Y" | "Z" | "S" | "SDG" | "T" | "TDG" | "RX" | "RY" | "RZ" | "U"
  | "CNOT" | "CZ" | "SWAP" | "CPHASE";

const ONE_QUBIT = new Set<GateName>(["H", "X", "Y", "Z", "S", "SDG", "T", "TDG", "RX", "RY", "RZ", "U"]);
export const TWO_QUBIT = new Set<GateName>(["CNOT", "CZ", "SWAP", "CPHASE"]);
const PARAMS: Record<string, number> = { RX: 1, RY: 1, RZ: 1, CPHASE: 1, U: 3 };

export function paramCount(name: GateName): number {
  return PARAMS[name] ?? 0;
}

export function isGateName(x: unknown): x is GateName {
  return typeof x === "string" && (ONE_QUBIT.has(x as GateName) || TWO_QUBIT.has(x as GateName));
}

const R = Math.SQRT1_2;

function mat(...v: number[]): Float64Array {
  return Float64Array.from(v);
}

/** Diagonal phases e^{iθ} used by S/T and friends. */
function diag(re1: number, im1: number): Float64Array {
  return mat(1, 0, 0, 0, 0, 0, re1, im1);
}

function uMatrix(theta: number, phi: number, lambda: number): Float64Array {
  const c = Math.cos(theta / 2), s = Math.sin(theta / 2);
  return mat(
    c, 0,
    -Math.cos(lambda) * s, -Math.sin(lambda) * s,
    Math.cos(phi) * s, Math.sin(phi) * s,
    Math.cos(phi + lambda) * c, Math.sin(phi + lambda) * c,
  );
}

/** The 2×2 matrix of a one-qubit gate (params already validated). */
export function matrix1(name: GateName, p: readonly number[] = []): Float64Array {
  switch (name) {
    case "H": return mat(R, 0, R, 0, R, 0, -R, 0);
    case "X": return mat(0, 0, 1, 0, 1, 0, 0, 0);
    case "Y": return mat(0, 0, 0, -1, 0, 1, 0, 0);
    case "Z": return diag(-1, 0);
    case "S": return diag(0, 1);
    case "SDG": return diag(0, -1);
    case "T": return diag(R, R);
    case "TDG": return diag(R, -R);
    case "RX": { const c = Math.cos(p[0] / 2), s = Math.sin(p[0] / 2); return mat(c, 0, 0, -s, 0, -s, c, 0); }
    case "RY": { const c = Math.cos(p[0] / 2), s = Math.sin(p[0] / 2); return mat(c, 0, -s, 0, s, 0, c, 0); }
    case "RZ": { const c = Math.cos(p[0] / 2), s = Math.sin(p[0] / 2); return mat(c, -s, 0, 0, 0, 0, c, s); }
    case "U": return uMatrix(p[0], p[1], p[2]);
    default: throw new QmkError("INVALID_PARAMS", `${name} is not a one-qubit gate`, { field: "name" });
  }
}

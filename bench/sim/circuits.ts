// Benchmark workloads as plain gate lists, shared by our simulator and the
// baselines (bench/sim/baseline-worker.mjs) so all run the same circuits.
import { mulberry32 } from "../../kernel/sim/rng.js";

export interface BGate { g: "H" | "RY" | "U" | "CNOT" | "CPHASE" | "SWAP"; q: number[]; p?: number[] }
export interface Circuit { name: string; n: number; gates: BGate[] }

export function ghz(n: number): Circuit {
  const gates: BGate[] = [{ g: "H", q: [0] }];
  for (let i = 0; i + 1 < n; i++) gates.push({ g: "CNOT", q: [i, i + 1] });
  return { name: "ghz", n, gates };
}

/**
 * QFT (textbook: H then controlled phases π/2^k, final swaps), preceded by a
 * layer of RY so the output distribution is not uniform and the agreement
 * check between simulators means something.
 */
export function qft(n: number): Circuit {
  const gates: BGate[] = [];
  for (let i = 0; i < n; i++) gates.push({ g: "RY", q: [i], p: [0.3 + (0.7 * i) / n] });
  for (let j = n - 1; j >= 0; j--) {
    gates.push({ g: "H", q: [j] });
    for (let k = j - 1; k >= 0; k--) gates.push({ g: "CPHASE", q: [k, j], p: [Math.PI / 2 ** (j - k)] });
  }
  for (let i = 0; i < n >> 1; i++) gates.push({ g: "SWAP", q: [i, n - 1 - i] });
  return { name: "qft", n, gates };
}

/** `layers` × (U3 with random angles on every qubit + CNOTs on a random pairing). */
export function randomLayers(n: number, layers = 20, seed = 1234): Circuit {
  const rnd = mulberry32(seed + n);
  const gates: BGate[] = [];
  for (let l = 0; l < layers; l++) {
    for (let q = 0; q < n; q++) gates.push({ g: "U", q: [q], p: [rnd() * Math.PI, rnd() * 2 * Math.PI, rnd() * 2 * Math.PI] });
    const perm = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) { const j = Math.floor(rnd() * (i + 1)); [perm[i], perm[j]] = [perm[j], perm[i]]; }
    for (let i = 0; i + 1 < n; i += 2) gates.push({ g: "CNOT", q: [perm[i], perm[i + 1]] });
  }
  return { name: layers === 20 ? "random" : `random${layers}`, n, gates };
}

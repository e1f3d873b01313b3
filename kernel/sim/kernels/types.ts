// The kernel seam: every state-vector pass the simulator makes goes through
// one of these. `s` is the interleaved state (amplitude i at s[2i], s[2i+1];
// complex128 in a Float64Array or complex64 in a Float32Array),
// `n` the number of qubits, qubit arguments are *bit positions*.
// Two implementations: kernels/js.ts (fallback, always available) and
// kernels/wasm.ts (WebAssembly SIMD over the same memory).

/** the state's numbers: complex128 (Float64Array) or complex64 (Float32Array), interleaved re, im */
export type Amps = Float64Array | Float32Array;

export interface Kernels {
  readonly name: string;
  /** general 2×2 `m` (8 numbers, row-major complex) on bit q */
  m1(s: Amps, n: number, q: number, m: Float64Array): void;
  /** 2×2 `m` on bit t where bit c is 1 */
  c1(s: Amps, n: number, c: number, t: number, m: Float64Array): void;
  /** multiply amplitudes with bit q = 1 by re+i·im (diagonal gates; touches half) */
  phase1(s: Amps, n: number, q: number, re: number, im: number): void;
  /** multiply amplitudes with bits a and b = 1 by re+i·im (CZ, CPHASE; touches a quarter) */
  phase2(s: Amps, n: number, a: number, b: number, re: number, im: number): void;
  /** multiply every amplitude by re+i·im (a chunk-wide phase from diagonal gates on bits outside the chunk) */
  scale(s: Amps, n: number, re: number, im: number): void;
  /** permutations: no multiplications */
  x(s: Amps, n: number, q: number): void;
  cnot(s: Amps, n: number, c: number, t: number): void;
  swap(s: Amps, n: number, a: number, b: number): void;
  /** dense 4×4 `m` (32 numbers) on bits (q0, q1); local index = bit(q0) + 2·bit(q1) */
  m2(s: Amps, n: number, q0: number, q1: number, m: Float64Array): void;
}

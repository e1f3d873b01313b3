// Read-only passes (probabilities, purity) and the collapse/compaction passes
// used by measurement and release. Bit positions, not ids. The state may be
// complex128 or complex64 (kernels/types.ts Amps); sums are always in double.
import type { Amps } from "./kernels/types.js";

/** Σ|ψ_i|² over amplitudes whose bit q is 1. */
export function prob1(s: Amps, n: number, q: number): number {
  const len = 2 << n, st = 2 << q;
  // two-level sum (blocks of ≤ 4096 doubles): error grows with the block
  // count, not with 2^n (a flat sum drifts ~1e-10 at n = 28)
  let p = 0, part = 0, cnt = 0;
  for (let base = st; base < len; base += 2 * st) {
    const end = base + st;
    for (let j = base; j < end; j++) {
      part += s[j] * s[j];
      if (++cnt === 4096) { p += part; part = 0; cnt = 0; }
    }
  }
  return p + part;
}

/** Keeps the half with bit q = v scaled by `scale`, zeroes the other half. */
export function collapse(s: Amps, n: number, q: number, v: 0 | 1, scale: number): void {
  const len = 2 << n, st = 2 << q;
  const keep = v === 1 ? st : 0, kill = v === 1 ? 0 : st;
  for (let base = 0; base < len; base += 2 * st) {
    s.fill(0, base + kill, base + kill + st);
    const k0 = base + keep, k1 = k0 + st;
    for (let j = k0; j < k1; j++) s[j] *= scale;
  }
}

/**
 * Removes bit q in place, keeping the amplitudes with bit q = v (scaled).
 * Destination index ≤ source index, so an ascending sweep never overwrites
 * an amplitude it still has to read.
 */
export function compact(s: Amps, n: number, q: number, v: 0 | 1, scale: number): void {
  const len = 2 << n, st = 2 << q;
  let d = 0;
  for (let base = v === 1 ? st : 0; base < len; base += 2 * st) {
    const end = base + st;
    for (let j = base; j < end; j++) s[d++] = s[j] * scale;
  }
}

/**
 * Index maps for gathering bits: out(i) = lo[i & loMask] | hi[i >>> loBits],
 * where bit positions[k] of i lands on bit k of out. Two small tables instead
 * of a per-bit loop per amplitude.
 */
export function bitGather(n: number, positions: readonly number[]): (i: number) => number {
  const loBits = Math.min(n, 12), hiBits = n - loBits;
  const lo = new Int32Array(1 << loBits), hi = new Int32Array(1 << hiBits);
  positions.forEach((p, k) => {
    if (p < loBits) { for (let i = 0; i < lo.length; i++) if ((i >> p) & 1) lo[i] |= 1 << k; }
    else { for (let i = 0; i < hi.length; i++) if ((i >> (p - loBits)) & 1) hi[i] |= 1 << k; }
  });
  const loMask = (1 << loBits) - 1;
  return (i) => lo[i & loMask] | hi[i >>> loBits];
}

/** Marginal distribution of the given bit positions (bit k of the result index = positions[k]). */
export function marginal(s: Amps, n: number, positions: readonly number[]): Float64Array {
  const out = new Float64Array(1 << positions.length);
  const N = 1 << n;
  if (positions.every((p, k) => p === k)) {
    const mask = out.length - 1;
    if (out.length >= 4096 || N < 8192) {
      for (let i = 0; i < N; i++) out[i & mask] += s[2 * i] * s[2 * i] + s[2 * i + 1] * s[2 * i + 1];
      return out;
    }
    // few bins, many terms: sum blocks of 4096 separately, then add (see prob1)
    const part = new Float64Array(out.length);
    for (let b = 0; b < N; b += 4096) {
      part.fill(0);
      for (let i = b; i < b + 4096; i++) part[i & mask] += s[2 * i] * s[2 * i] + s[2 * i + 1] * s[2 * i + 1];
      for (let k = 0; k < out.length; k++) out[k] += part[k];
    }
    return out;
  }
  const g = bitGather(n, positions);
  for (let i = 0; i < N; i++) out[g(i)] += s[2 * i] * s[2 * i] + s[2 * i + 1] * s[2 * i + 1];
  return out;
}

/** Amplitudes reordered so that bit k of the new index = positions[k] (positions is a permutation). */
export function permuted(s: Amps, n: number, positions: readonly number[]): { re: Float64Array; im: Float64Array } {
  const N = 1 << n;
  const re = new Float64Array(N), im = new Float64Array(N);
  const g = bitGather(n, positions);
  for (let i = 0; i < N; i++) {
    const k = g(i);
    re[k] = s[2 * i];
    im[k] = s[2 * i + 1];
  }
  return { re, im };
}

/**
 * Tr(ρ_A²) for the subsystem A = positions. With ψ viewed as a matrix
 * M[a][b] (a over A, b over the rest) the purity is ‖M M†‖_F² = ‖M† M‖_F²,
 * so we build the Gram matrix on the smaller side: cost 2^(n + min(k, n−k)).
 */
export function purity(s: Amps, n: number, positions: readonly number[]): number {
  const set = new Set(positions);
  const rest: number[] = [];
  for (let p = 0; p < n; p++) if (!set.has(p)) rest.push(p);
  const small = positions.length <= rest.length ? [...positions] : rest;
  const big = small === rest ? [...positions] : rest;
  const ks = small.length, kb = big.length;
  if (ks === 0) return 1;
  // rows indexed by the small side, each row contiguous over the big side
  const { re, im } = permuted(s, n, [...big, ...small]);
  const B = 1 << kb, S = 1 << ks;
  let total = 0;
  for (let a = 0; a < S; a++) {
    for (let c = a; c < S; c++) {
      let gr = 0, gi = 0;
      const oa = a * B, oc = c * B;
      for (let b = 0; b < B; b++) {
        const xr = re[oa + b], xi = im[oa + b], yr = re[oc + b], yi = im[oc + b];
        gr += xr * yr + xi * yi;
        gi += xi * yr - xr * yi;
      }
      total += (a === c ? 1 : 2) * (gr * gr + gi * gi);
    }
  }
  return total;
}

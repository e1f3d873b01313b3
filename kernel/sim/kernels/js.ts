// Plain-JS kernels: the fallback path and the reference the WASM path is
// tested against. Loops are nested by bit so the inner loop is contiguous.
import type { Amps, Kernels } from "./types.js";

function m1(s: Amps, n: number, q: number, m: Float64Array): void {
  const ar = m[0], ai = m[1], br = m[2], bi = m[3], cr = m[4], ci = m[5], dr = m[6], di = m[7];
  const len = 2 << n; // doubles
  if (q === 0) {
    // pairs are adjacent: one flat loop avoids a length-1 inner loop
    for (let j = 0; j < len; j += 4) {
      const xr = s[j], xi = s[j + 1], yr = s[j + 2], yi = s[j + 3];
      s[j] = ar * xr - ai * xi + br * yr - bi * yi;
      s[j + 1] = ar * xi + ai * xr + br * yi + bi * yr;
      s[j + 2] = cr * xr - ci * xi + dr * yr - di * yi;
      s[j + 3] = cr * xi + ci * xr + dr * yi + di * yr;
    }
    return;
  }
  const st = 2 << q; // doubles between partners
  for (let base = 0; base < len; base += 2 * st) {
    const end = base + st;
    for (let j = base; j < end; j += 2) {
      const k = j + st;
      const xr = s[j], xi = s[j + 1], yr = s[k], yi = s[k + 1];
      s[j] = ar * xr - ai * xi + br * yr - bi * yi;
      s[j + 1] = ar * xi + ai * xr + br * yi + bi * yr;
      s[k] = cr * xr - ci * xi + dr * yr - di * yi;
      s[k + 1] = cr * xi + ci * xr + dr * yi + di * yr;
    }
  }
}

/** Calls f(j) for every double-offset j of an amplitude whose bits lo and hi are 0. */
function each2(n: number, a: number, b: number, f: (j: number) => void): void {
  const lo = Math.min(a, b), hi = Math.max(a, b);
  const len = 2 << n, L = 2 << lo, H = 2 << hi;
  for (let h = 0; h < len; h += 2 * H)
    for (let l = h; l < h + H; l += 2 * L)
      for (let j = l; j < l + L; j += 2) f(j);
}

function c1(s: Amps, n: number, c: number, t: number, m: Float64Array): void {
  const ar = m[0], ai = m[1], br = m[2], bi = m[3], cr = m[4], ci = m[5], dr = m[6], di = m[7];
  const oc = 2 << c, ot = 2 << t;
  each2(n, c, t, (j0) => {
    const j = j0 + oc, k = j + ot;
    const xr = s[j], xi = s[j + 1], yr = s[k], yi = s[k + 1];
    s[j] = ar * xr - ai * xi + br * yr - bi * yi;
    s[j + 1] = ar * xi + ai * xr + br * yi + bi * yr;
    s[k] = cr * xr - ci * xi + dr * yr - di * yi;
    s[k + 1] = cr * xi + ci * xr + dr * yi + di * yr;
  });
}

function phase1(s: Amps, n: number, q: number, re: number, im: number): void {
  const len = 2 << n, st = 2 << q;
  for (let base = st; base < len; base += 2 * st) {
    const end = base + st;
    if (im === 0 && re === -1) {
      for (let j = base; j < end; j++) s[j] = -s[j];
    } else {
      for (let j = base; j < end; j += 2) {
        const xr = s[j], xi = s[j + 1];
        s[j] = xr * re - xi * im;
        s[j + 1] = xr * im + xi * re;
      }
    }
  }
}

function phase2(s: Amps, n: number, a: number, b: number, re: number, im: number): void {
  const lo = Math.min(a, b), hi = Math.max(a, b);
  const len = 2 << n, L = 2 << lo, H = 2 << hi;
  for (let h = H; h < len; h += 2 * H)
    for (let l = h + L; l < h + H; l += 2 * L)
      for (let j = l; j < l + L; j += 2) {
        const xr = s[j], xi = s[j + 1];
        s[j] = xr * re - xi * im;
        s[j + 1] = xr * im + xi * re;
      }
}

function x(s: Amps, n: number, q: number): void {
  const len = 2 << n, st = 2 << q;
  for (let base = 0; base < len; base += 2 * st) {
    const end = base + st;
    for (let j = base; j < end; j++) {
      const t = s[j]; s[j] = s[j + st]; s[j + st] = t;
    }
  }
}

function cnot(s: Amps, n: number, c: number, t: number): void {
  const oc = 2 << c, ot = 2 << t;
  each2(n, c, t, (j0) => {
    const j = j0 + oc, k = j + ot;
    let v = s[j]; s[j] = s[k]; s[k] = v;
    v = s[j + 1]; s[j + 1] = s[k + 1]; s[k + 1] = v;
  });
}

function swap(s: Amps, n: number, a: number, b: number): void {
  const oa = 2 << a, ob = 2 << b;
  each2(n, a, b, (j0) => {
    const j = j0 + oa, k = j0 + ob;
    let v = s[j]; s[j] = s[k]; s[k] = v;
    v = s[j + 1]; s[j + 1] = s[k + 1]; s[k + 1] = v;
  });
}

function m2(s: Amps, n: number, q0: number, q1: number, m: Float64Array): void {
  const o1 = 2 << q0, o2 = 2 << q1, o3 = o1 + o2;
  const vr = new Float64Array(4), vi = new Float64Array(4);
  each2(n, q0, q1, (j) => {
    vr[0] = s[j]; vi[0] = s[j + 1];
    vr[1] = s[j + o1]; vi[1] = s[j + o1 + 1];
    vr[2] = s[j + o2]; vi[2] = s[j + o2 + 1];
    vr[3] = s[j + o3]; vi[3] = s[j + o3 + 1];
    for (let r = 0; r < 4; r++) {
      let accr = 0, acci = 0;
      for (let c = 0; c < 4; c++) {
        const mr = m[(r * 4 + c) * 2], mi = m[(r * 4 + c) * 2 + 1];
        accr += mr * vr[c] - mi * vi[c];
        acci += mr * vi[c] + mi * vr[c];
      }
      const k = j + (r === 0 ? 0 : r === 1 ? o1 : r === 2 ? o2 : o3);
      s[k] = accr; s[k + 1] = acci;
    }
  });
}

function scale(s: Amps, n: number, re: number, im: number): void {
  const len = 2 << n;
  for (let j = 0; j < len; j += 2) {
    const r = s[j], m = s[j + 1];
    s[j] = r * re - m * im;
    s[j + 1] = r * im + m * re;
  }
}

export const jsKernels: Kernels = { name: "js", m1, c1, phase1, phase2, scale, x, cnot, swap, m2 };

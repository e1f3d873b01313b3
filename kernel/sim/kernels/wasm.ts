// WebAssembly SIMD kernels, generated as bytes at run time (kernels/wasm-asm.ts).
// complex128: one amplitude = one f64x2 (re, im) — the interleaved layout of
// state.ts — so a complex product a·x is R·x + I'·swap(x) with R = (a.re, a.re),
// I' = (−a.im, a.im): two multiplies, one add, one lane shuffle.
// complex64 ("single"): one f32x4 holds two neighbouring amplitudes (index
// bit 0 = 0 and 1) and the same product is done on both at once, so a pass
// costs half the instructions and half the bytes. A gate on bit 0 would mix
// the two halves of a vector: those use the "narrow" variant, one amplitude
// in the low half of the vector (8-byte loads and stores).
//
// Every kernel shares one loop nest over the state, with the index geometry
// computed in JS (geometry1/geometry2) and passed as i32 arguments:
//   from byte `start`, for n1 outer blocks (stride s1) × n2 middle blocks (stride s2):
//     for p in [base, base + L) step `step`: body(p + offsets)
// The "…2" variants take one more i32, D, and run the body at p and at p + D
// in the same iteration over half the range: the hardware prefetcher follows
// a few streams per 4 KiB page, and a pass that walks one or two streams
// (gates on low qubits) was up to 2.7× slower than one walking four.
// Byte offsets are u32 (the state may fill all 4 GiB); loops compare with
// `!=`, so an end address of 2^32 that wraps to 0 still terminates.
import v8 from "node:v8";
import type { Kernels } from "./types.js";
import { F64, Fn, I32, module } from "./wasm-asm.js";
import { WA, type WasmMemory } from "../wasm-api.js";

const GEOM = 7; // start, n1, s1, n2, s2, L, step (start lets threads split the range)
const V128 = 0x7b;

/** Lane format: "d" complex128 (f64x2), "s" complex64 two amplitudes per f32x4, "n" complex64 one amplitude per vector (gates on bit 0). */
export type Lanes = "d" | "s" | "n";
type Base = "pair" | "phase" | "swap" | "m2";
export type KernelName = `${Base}${"" | "_s" | "_n"}${"" | "2"}`;

export const kernelName = (base: Base, lanes: Lanes, unrolled: boolean): KernelName =>
  `${base}${lanes === "d" ? "" : `_${lanes}`}${unrolled ? "2" : ""}` as KernelName;

// the lane format and FMA choice of the kernel being generated
let FMA = false;
let LN: Lanes = "d";

const F32_DEMOTE = 0xb6;
const op = {
  splat: (f: Fn) => (LN === "d" ? f.simd(0x14) : f.op(F32_DEMOTE).simd(0x13)),
  sign: (f: Fn) => (LN === "d" ? f.v128(-1, 1) : f.v128f32(-1, 1, -1, 1)),
  mul: (f: Fn) => f.simd(LN === "d" ? 0xf2 : 0xe6),
  add: (f: Fn) => f.simd(LN === "d" ? 0xf0 : 0xe4),
  /** relaxed_madd(a, b, c) = a·b + c (one FMA where the CPU has it) */
  madd: (f: Fn) => f.simd(LN === "d" ? 0x107 : 0x105),
  /** swaps re and im of every complex in the vector */
  swap: (f: Fn) => (LN === "d"
    ? f.simd(0x0d, 8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7)
    : f.simd(0x0d, 4, 5, 6, 7, 0, 1, 2, 3, 12, 13, 14, 15, 8, 9, 10, 11)),
  load: (f: Fn, a: number) => (LN === "n" ? f.get(a).simd(0x5d, 3, 0) : f.load(a)),
  store: (f: Fn, a: number, v: number) => (LN === "n" ? f.get(a).get(v).simd(0x5b, 3, 0, 0) : f.store(a, v)),
};

function kernel(name: string, nOffsets: number, nF64: number, unrolled: boolean, body: (f: Fn, addr: number[], m: number[][]) => void): Fn {
  const nInts = GEOM + nOffsets + (unrolled ? 1 : 0);
  const params = [...Array(nInts).fill(I32), ...Array(nF64).fill(F64)];
  const f = new Fn(name, params);
  const [c1, c2, b1, b2, p, end] = [0, 0, 0, 0, 0, 0].map(() => f.local(I32));
  const addr = Array.from({ length: nOffsets }, () => f.local(I32));
  const addr2 = unrolled ? Array.from({ length: nOffsets }, () => f.local(I32)) : [];
  // matrix elements as (R, I') vector pairs, hoisted out of the loops
  const m: number[][] = [];
  for (let k = 0; k < nF64 / 2; k++) {
    const R = f.local(V128), I = f.local(V128);
    op.splat(f.get(nInts + 2 * k)).set(R);
    op.sign(f); op.splat(f.get(nInts + 2 * k + 1)); op.mul(f).set(I);
    m.push([R, I]);
  }
  f.get(0).set(b1).get(1).set(c1);
  f.repeat(c1, () => {
    f.get(b1).set(b2).get(3).set(c2);
    f.repeat(c2, () => {
      f.get(b2).tee(p).get(5).add().set(end);
      f.loopTo(p, end, () => f.get(6), () => {
        for (let k = 0; k < nOffsets; k++) f.get(p).get(GEOM + k).add().set(addr[k]);
        body(f, addr, m);
        if (!unrolled) return;
        for (let k = 0; k < nOffsets; k++) f.get(addr[k]).get(GEOM + nOffsets).add().set(addr2[k]);
        body(f, addr2, m);
      });
      f.get(b2).get(4).add().set(b2);
    });
    f.get(b1).get(2).add().set(b1);
  });
  return f;
}

const accOf = new WeakMap<Fn, number>();

/** pushes Σ_k m[k]·x_k for amplitude locals x (and their re/im-swapped copies xs) */
function dot(f: Fn, m: number[][], x: number[], xs: number[]): void {
  if (!FMA) {
    x.forEach((_, k) => {
      op.mul(f.get(m[k][0]).get(x[k])); op.mul(f.get(m[k][1]).get(xs[k])); op.add(f);
      if (k > 0) op.add(f);
    });
    return;
  }
  // relaxed_madd(a, b, c) = a·b + c takes the accumulator last: keep it in a local
  let acc = accOf.get(f);
  if (acc === undefined) { acc = f.local(V128); accOf.set(f, acc); }
  op.mul(f.get(m[0][0]).get(x[0])).set(acc);
  x.forEach((_, k) => {
    if (k > 0) op.madd(f.get(m[k][0]).get(x[k]).get(acc!)).set(acc!);
    op.madd(f.get(m[k][1]).get(xs[k]).get(acc!)).set(acc!);
  });
  f.get(acc);
}

function loadSwapped(f: Fn, addr: number[]): { x: number[]; xs: number[] } {
  const x = addr.map((a) => { const v = f.local(V128); op.load(f, a); f.set(v); return v; });
  const xs = x.map((v) => { const s = f.local(V128); op.swap(f.get(v).get(v)).set(s); return s; });
  return { x, xs };
}

function store(f: Fn, a: number): void {
  const o = f.local(V128);
  f.set(o);
  op.store(f, a, o);
}

/** the four kernel families in one lane format, plain and unrolled */
function family(unrolled: boolean): Fn[] {
  const name = (b: Base) => kernelName(b, LN, unrolled);
  // 2×2 on the pair (addr0, addr1): m1 (uncontrolled) and c1 (offsets include the control bit)
  const pair = kernel(name("pair"), 2, 8, unrolled, (f, a, m) => {
    const { x, xs } = loadSwapped(f, a);
    const o0 = f.local(V128);
    dot(f, m.slice(0, 2), x, xs); f.set(o0);
    dot(f, m.slice(2, 4), x, xs); store(f, a[1]);
    op.store(f, a[0], o0);
  });
  const phase = kernel(name("phase"), 1, 2, unrolled, (f, a, m) => {
    const { x, xs } = loadSwapped(f, a);
    dot(f, m, x, xs); store(f, a[0]);
  });
  const swap = kernel(name("swap"), 2, 0, unrolled, (f, a) => {
    const v = f.local(V128), w = f.local(V128);
    op.load(f, a[0]); f.set(v); op.load(f, a[1]); f.set(w);
    op.store(f, a[0], w); op.store(f, a[1], v);
  });
  const m2 = kernel(name("m2"), 4, 32, unrolled, (f, a, m) => {
    const { x, xs } = loadSwapped(f, a);
    // inputs are all loaded: each row can be stored at once (fewer live vectors)
    for (let r = 0; r < 4; r++) { dot(f, m.slice(4 * r, 4 * r + 4), x, xs); store(f, a[r]); }
  });
  return [pair, phase, swap, m2];
}

/** every kernel of the module, in export order */
export const KERNEL_NAMES: KernelName[] = [];
/** the two-stream kernels: their geometry covers half of the pass */
export const UNROLLED = new Set<KernelName>();
for (const ln of ["d", "s", "n"] as const)
  for (const u of [false, true])
    for (const b of ["pair", "phase", "swap", "m2"] as const) {
      KERNEL_NAMES.push(kernelName(b, ln, u));
      if (u) UNROLLED.add(kernelName(b, ln, u));
    }

export function buildModule(fma: boolean): Uint8Array {
  FMA = fma;
  const fns: Fn[] = [];
  for (const ln of ["d", "s", "n"] as const) {
    LN = ln;
    for (const u of [false, true]) fns.push(...family(u));
  }
  LN = "d";
  FMA = false;
  return module(fns);
}

let cachedModule: object | null | undefined;
/** whether the compiled module uses relaxed-SIMD FMA */
export let wasmFma = false;

/** The compiled module (shared with worker threads), or null without WASM SIMD. */
export function compiled(): object | null {
  if (cachedModule !== undefined) return cachedModule;
  cachedModule = null; // no SIMD support: the JS path stays in use
  for (const fma of [true, false]) {
    try {
      const bytes = buildModule(fma);
      if (WA && WA.validate(bytes)) { cachedModule = new WA.Module(bytes); wasmFma = fma; break; }
    } catch { /* try the next variant */ }
  }
  return cachedModule;
}

export function wasmAvailable(): boolean {
  return compiled() !== null;
}

/** raw exports, for worker threads that bind the same module to the shared memory */
export type WasmExports = Record<KernelName, (...a: number[]) => void>;

export function instantiate(memory: WasmMemory): WasmExports {
  const mod = compiled();
  if (!mod || !WA) throw new Error("WASM SIMD kernels unavailable");
  return new WA.Instance(mod, { e: { m: memory } }).exports as unknown as WasmExports;
}

const P = (k: number) => 2 ** k;

/**
 * Loop geometry for pairs across bit q: [n1, s1, n2, s2, L, step, offset of partner].
 * A = log2(bytes per amplitude) (4: complex128, 3: complex64), vec = bytes per vector step.
 */
export function geometry1(n: number, q: number, A = 4, vec = 16): number[] {
  if (q === 0) return [1, 0, 1, 0, P(n + A), 2 * P(A), P(A)];
  return [P(n - q - 1), P(q + A + 1), 1, 0, P(q + A), vec, P(q + A)];
}

/** loop geometry visiting every amplitude with bits a and b both 0 */
export function geometry2(n: number, a: number, b: number, A = 4, vec = 16): number[] {
  const lo = Math.min(a, b), hi = Math.max(a, b);
  if (lo === 0 && hi === 1) return [1, 0, 1, 0, P(n + A), 4 * P(A)]; // groups of 4 adjacent amplitudes: one flat loop
  if (lo === 0) return [P(n - hi - 1), P(hi + A + 1), 1, 0, P(hi + A), 2 * P(A)];
  return [P(n - hi - 1), P(hi + A + 1), P(hi - lo - 1), P(lo + A + 1), P(lo + A), vec];
}

/** Splits geometry [n1, s1, n2, s2, L, step] into two halves, each prefixed with its start byte. */
export function splitGeometry(g: number[]): [number[], number[]] | null {
  const [n1, s1, n2, s2, L, step] = g;
  if (n1 >= 2) { const h = n1 / 2; return [[0, h, s1, n2, s2, L, step], [h * s1, n1 - h, s1, n2, s2, L, step]]; }
  if (n2 >= 2) { const h = n2 / 2; return [[0, 1, s1, h, s2, L, step], [h * s2, 1, s1, n2 - h, s2, L, step]]; }
  if (L >= 2 * step && (L / 2) % step === 0) return [[0, 1, s1, 1, s2, L / 2, step], [L / 2, 1, s1, 1, s2, L / 2, step]];
  return null;
}

/** The two-stream form of a geometry: [half geometry, D] when the halves are alike and D ≥ one page apart, else null. */
export function unrollGeometry(g: number[]): [number[], number] | null {
  const h = splitGeometry(g);
  if (!h || h[1][0] < 4096 || h[0].slice(1).some((x, i) => x !== h[1][i + 1])) return null;
  return [h[0].slice(1), h[1][0]];
}

/**
 * Runs one kernel call; `parallel` (workers.ts) may take half of the range on
 * another thread. Returns after the whole range is done.
 */
export type Exec = (e: WasmExports, k: KernelName, g: number[], ints: number[], f64: ArrayLike<number>, base: number) => void;

const serial: Exec = (e, k, g, ints, f64, base) => e[k](base, ...g, ...ints, ...Array.from(f64));

/** One kernel invocation, independent of where it runs: e[k](base, ...g, ...ints, ...f64). */
export interface Call { k: KernelName; g: number[]; ints: number[]; f64: number[] }

/**
 * Kernels bound to one memory. `s` is ignored: the kernels address the
 * memory directly, from byte `base` (setBase), so a cache-sized chunk of the
 * state can be treated as a small state of its own (schedule.ts).
 * `single`: the memory holds complex64 amplitudes (8 bytes each).
 */
export function wasmKernels(memory: WasmMemory, exec0: Exec = serial, single = false): Kernels & { setBase(bytes: number): void; exports: WasmExports } {
  const e = instantiate(memory);
  let base = 0;
  return {
    ...kernelsFrom((k, g, ints, f64) => exec0(e, k, g, ints, f64, base), single),
    setBase(bytes: number) { base = bytes; },
    exports: e,
  };
}

/** The kernel calls that `ops` would make, for running elsewhere (worker threads). */
export function recorder(single = false): { kernels: Kernels; calls: Call[] } {
  const calls: Call[] = [];
  return { calls, kernels: kernelsFrom((k, g, ints, f64) => calls.push({ k, g, ints, f64: Array.from(f64) }), single) };
}

function kernelsFrom(exec: (k: KernelName, g: number[], ints: number[], f64: ArrayLike<number>) => void, single: boolean): Kernels {
  const NONE: number[] = [];
  const A = single ? 3 : 4;
  const off = (q: number) => P(q + A);
  // complex64 vectors hold the amplitude pair of bit 0: a gate on bit 0 (or a 1-amplitude state) goes narrow
  const lanes = (n: number, bits: number[]): Lanes => (!single ? "d" : n === 0 || bits.includes(0) ? "n" : "s");
  const vec = (ln: Lanes) => (ln === "s" ? 16 : P(A));
  const run = (b: Base, ln: Lanes, g: number[], ints: number[], f64: ArrayLike<number>) => {
    const u = unrollGeometry(g);
    if (u) exec(kernelName(b, ln, true), u[0], [...ints, u[1]], f64);
    else exec(kernelName(b, ln, false), g, ints, f64);
  };
  return {
    name: "wasm",
    m1(_s, n, q, m) {
      const ln = lanes(n, [q]), g = geometry1(n, q, A, vec(ln));
      run("pair", ln, g.slice(0, 6), [0, g[6]], m);
    },
    c1(_s, n, c, t, m) {
      const ln = lanes(n, [c, t]);
      run("pair", ln, geometry2(n, c, t, A, vec(ln)), [off(c), off(c) + off(t)], m);
    },
    phase1(_s, n, q, re, im) {
      const ln = lanes(n, [q]), g = geometry1(n, q, A, vec(ln));
      run("phase", ln, g.slice(0, 6), [g[6]], [re, im]);
    },
    phase2(_s, n, a, b, re, im) {
      const ln = lanes(n, [a, b]);
      run("phase", ln, geometry2(n, a, b, A, vec(ln)), [off(a) + off(b)], [re, im]);
    },
    scale(_s, n, re, im) {
      // the phase kernel at offset 0 over every amplitude
      const ln = lanes(n, []);
      run("phase", ln, [1, 0, 1, 0, P(n + A), vec(ln)], [0], [re, im]);
    },
    x(_s, n, q) {
      const ln = lanes(n, [q]), g = geometry1(n, q, A, vec(ln));
      run("swap", ln, g.slice(0, 6), [0, g[6]], NONE);
    },
    cnot(_s, n, c, t) {
      const ln = lanes(n, [c, t]);
      run("swap", ln, geometry2(n, c, t, A, vec(ln)), [off(c), off(c) + off(t)], NONE);
    },
    swap(_s, n, a, b) {
      const ln = lanes(n, [a, b]);
      run("swap", ln, geometry2(n, a, b, A, vec(ln)), [off(a), off(b)], NONE);
    },
    m2(_s, n, q0, q1, m) {
      const ln = lanes(n, [q0, q1]);
      run("m2", ln, geometry2(n, q0, q1, A, vec(ln)), [0, off(q0), off(q1), off(q0) + off(q1)], m);
    },
  };
}

/**
 * Opt-in for Node 20: enables V8's relaxed SIMD (a process-wide flag, so the
 * embedder decides) before the kernels are first compiled, so the FMA
 * variant is used. Node ≥ 22 has relaxed SIMD on by default. Returns whether
 * the FMA kernels are in use; too late (false) once a Simulator compiled them.
 */
export function enableFmaKernels(): boolean {
  if (cachedModule === undefined) v8.setFlagsFromString("--experimental-wasm-relaxed-simd");
  compiled();
  return wasmFma;
}

// WebAssembly SIMD kernels, generated as bytes at run time (kernels/wasm-asm.ts).
// One complex amplitude = one f64x2 (re, im) — the interleaved layout of
// state.ts — so a complex product a·x is R·x + I'·swap(x) with R = (a.re, a.re),
// I' = (−a.im, a.im): two multiplies, one add, one lane shuffle.
//
// Every kernel shares one loop nest over the state, with the index geometry
// computed in JS (geometry1/geometry2) and passed as i32 arguments:
//   from byte `start`, for n1 outer blocks (stride s1) × n2 middle blocks (stride s2):
//     for p in [base, base + L) step `step`: body(p + offsets)
// Byte offsets are u32 (the state may fill all 4 GiB); loops compare with
// `!=`, so an end address of 2^32 that wraps to 0 still terminates.
import v8 from "node:v8";
import type { Kernels } from "./types.js";
import { F64, Fn, I32, module } from "./wasm-asm.js";
import { WA, type WasmMemory } from "../wasm-api.js";

const GEOM = 7; // start, n1, s1, n2, s2, L, step (start lets threads split the range)

function kernel(name: string, nOffsets: number, nF64: number, body: (f: Fn, addr: number[], m: number[][]) => void): Fn {
  const params = [...Array(GEOM + nOffsets).fill(I32), ...Array(nF64).fill(F64)];
  const f = new Fn(name, params);
  const [c1, c2, b1, b2, p, end] = [0, 0, 0, 0, 0, 0].map(() => f.local(I32));
  const addr = Array.from({ length: nOffsets }, () => f.local(I32));
  // matrix elements as (R, I') vector pairs, hoisted out of the loops
  const m: number[][] = [];
  for (let k = 0; k < nF64 / 2; k++) {
    const R = f.local(0x7b), I = f.local(0x7b);
    f.get(GEOM + nOffsets + 2 * k).splat().set(R);
    f.v128(-1, 1).get(GEOM + nOffsets + 2 * k + 1).splat().fmul().set(I);
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
      });
      f.get(b2).get(4).add().set(b2);
    });
    f.get(b1).get(2).add().set(b1);
  });
  return f;
}

// With relaxed SIMD (Node ≥ 22 by default; Node 20 only with
// --experimental-wasm-relaxed-simd) each complex multiply-add is two FMAs
// instead of two multiplies and two adds; the dense kernels are compute-bound.
let FMA = false;

const accOf = new WeakMap<Fn, number>();

/** pushes Σ_k m[k]·x_k for amplitude locals x (and their lane-swapped copies xs) */
function dot(f: Fn, m: number[][], x: number[], xs: number[]): void {
  if (!FMA) {
    x.forEach((_, k) => {
      f.get(m[k][0]).get(x[k]).fmul().get(m[k][1]).get(xs[k]).fmul().fadd();
      if (k > 0) f.fadd();
    });
    return;
  }
  // relaxed_madd(a, b, c) = a·b + c takes the accumulator last: keep it in a local
  let acc = accOf.get(f);
  if (acc === undefined) { acc = f.local(0x7b); accOf.set(f, acc); }
  f.get(m[0][0]).get(x[0]).fmul().set(acc);
  x.forEach((_, k) => {
    if (k > 0) f.get(m[k][0]).get(x[k]).get(acc!).fmadd().set(acc!);
    f.get(m[k][1]).get(xs[k]).get(acc!).fmadd().set(acc!);
  });
  f.get(acc);
}

function loadSwapped(f: Fn, addr: number[]): { x: number[]; xs: number[] } {
  const x = addr.map((a) => { const v = f.local(0x7b); f.load(a).set(v); return v; });
  const xs = x.map((v) => { const s = f.local(0x7b); f.get(v).get(v).swapLanes().set(s); return s; });
  return { x, xs };
}

/** 2×2 on the pair (addr0, addr1): used by m1 (uncontrolled) and c1 (offsets include the control bit). */
function pairMatrix(name: string): Fn {
  let out: number[] = [];
  return kernel(name, 2, 8, (f, a, m) => {
    if (out.length === 0) out = [f.local(0x7b), f.local(0x7b)];
    const { x, xs } = loadSwapped(f, a);
    dot(f, m.slice(0, 2), x, xs); f.set(out[0]);
    dot(f, m.slice(2, 4), x, xs); f.set(out[1]);
    f.store(a[0], out[0]).store(a[1], out[1]);
  });
}

export function buildModule(fma: boolean): Uint8Array {
  FMA = fma;
  const phase = kernel("phase", 1, 2, (f, a, m) => {
    const { x, xs } = loadSwapped(f, a);
    const o = f.local(0x7b);
    dot(f, m, x, xs); f.set(o);
    f.store(a[0], o);
  });
  const swap = kernel("swap", 2, 0, (f, a) => {
    const v = f.local(0x7b), w = f.local(0x7b);
    f.load(a[0]).set(v).load(a[1]).set(w);
    f.store(a[0], w).store(a[1], v);
  });
  let outs: number[] = [];
  const m2 = kernel("m2", 4, 32, (f, a, m) => {
    if (outs.length === 0) outs = [0, 1, 2, 3].map(() => f.local(0x7b));
    const { x, xs } = loadSwapped(f, a);
    // inputs are all loaded: each row can be stored at once (fewer live vectors)
    for (let r = 0; r < 4; r++) { dot(f, m.slice(4 * r, 4 * r + 4), x, xs); f.set(outs[0]); f.store(a[r], outs[0]); }
  });
  const bytes = module([pairMatrix("pair"), phase, swap, m2]);
  FMA = false;
  return bytes;
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
export type WasmExports = Record<"pair" | "phase" | "swap" | "m2", (...a: number[]) => void>;

export function instantiate(memory: WasmMemory): WasmExports {
  const mod = compiled();
  if (!mod || !WA) throw new Error("WASM SIMD kernels unavailable");
  return new WA.Instance(mod, { e: { m: memory } }).exports as unknown as WasmExports;
}

const P = (k: number) => 2 ** k;

/** loop geometry for pairs across bit q: [n1, s1, n2, s2, L, step, offset of partner] */
export function geometry1(n: number, q: number): number[] {
  if (q === 0) return [1, 0, 1, 0, P(n + 4), 32, 16];
  return [P(n - q - 1), P(q + 5), 1, 0, P(q + 4), 16, P(q + 4)];
}

/** loop geometry visiting every amplitude with bits a and b both 0 */
export function geometry2(n: number, a: number, b: number): number[] {
  const lo = Math.min(a, b), hi = Math.max(a, b);
  if (lo === 0 && hi === 1) return [1, 0, 1, 0, P(n + 4), 64]; // groups of 4 adjacent amplitudes: one flat loop
  if (lo === 0) return [P(n - hi - 1), P(hi + 5), 1, 0, P(hi + 4), 32];
  return [P(n - hi - 1), P(hi + 5), P(hi - lo - 1), P(lo + 5), P(lo + 4), 16];
}

const off = (q: number) => P(q + 4);

export type KernelName = "pair" | "phase" | "swap" | "m2";

/** Splits geometry [n1, s1, n2, s2, L, step] into two halves, each prefixed with its start byte. */
export function splitGeometry(g: number[]): [number[], number[]] | null {
  const [n1, s1, n2, s2, L, step] = g;
  if (n1 >= 2) { const h = n1 / 2; return [[0, h, s1, n2, s2, L, step], [h * s1, n1 - h, s1, n2, s2, L, step]]; }
  if (n2 >= 2) { const h = n2 / 2; return [[0, 1, s1, h, s2, L, step], [h * s2, 1, s1, n2 - h, s2, L, step]]; }
  if (L >= 2 * step && (L / 2) % step === 0) return [[0, 1, s1, 1, s2, L / 2, step], [L / 2, 1, s1, 1, s2, L / 2, step]];
  return null;
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
 */
export function wasmKernels(memory: WasmMemory, exec0: Exec = serial): Kernels & { setBase(bytes: number): void; exports: WasmExports } {
  const e = instantiate(memory);
  let base = 0;
  return {
    ...kernelsFrom((k, g, ints, f64) => exec0(e, k, g, ints, f64, base)),
    setBase(bytes: number) { base = bytes; },
    exports: e,
  };
}

/** The kernel calls that `ops` would make, for running elsewhere (worker threads). */
export function recorder(): { kernels: Kernels; calls: Call[] } {
  const calls: Call[] = [];
  return { calls, kernels: kernelsFrom((k, g, ints, f64) => calls.push({ k, g, ints, f64: Array.from(f64) })) };
}

function kernelsFrom(exec: (k: KernelName, g: number[], ints: number[], f64: ArrayLike<number>) => void): Kernels {
  const NONE: number[] = [];
  return {
    name: "wasm",
    m1(_s, n, q, m) {
      const g = geometry1(n, q);
      exec("pair", g.slice(0, 6), [0, g[6]], m);
    },
    c1(_s, n, c, t, m) {
      exec("pair", geometry2(n, c, t), [off(c), off(c) + off(t)], m);
    },
    phase1(_s, n, q, re, im) {
      const g = geometry1(n, q);
      exec("phase", g.slice(0, 6), [g[6]], [re, im]);
    },
    phase2(_s, n, a, b, re, im) {
      exec("phase", geometry2(n, a, b), [off(a) + off(b)], [re, im]);
    },
    scale(_s, n, re, im) {
      // the phase kernel at offset 0 over every amplitude
      exec("phase", [1, 0, 1, 0, P(n + 4), 16], [0], [re, im]);
    },
    x(_s, n, q) {
      const g = geometry1(n, q);
      exec("swap", g.slice(0, 6), [0, g[6]], NONE);
    },
    cnot(_s, n, c, t) {
      exec("swap", geometry2(n, c, t), [off(c), off(c) + off(t)], NONE);
    },
    swap(_s, n, a, b) {
      exec("swap", geometry2(n, a, b), [off(a), off(b)], NONE);
    },
    m2(_s, n, q0, q1, m) {
      exec("m2", geometry2(n, q0, q1), [0, off(q0), off(q1), off(q0) + off(q1)], m);
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

// kernel/sim — exact dense state-vector simulator (complex double).
//
// Bit order: qubits are kept in ascending id order; the qubit with the k-th
// smallest live id is bit k of the amplitude index (little-endian). New
// qubits get larger ids than any before, so they are appended as the high
// bits; releasing a qubit removes its bit and shifts the higher ones down.
// Every public method takes ids and is independent of this layout: results
// of probabilities/stateVector/sample use bit k (or char k) = ids[k].
//
// Gates are queued and fused (fusion.ts); every observing method flushes
// the queue first, so fusion is invisible here. The simulator knows nothing
// of tenants: isolation is the kernel's job.
import { QmkError } from "../errors.js";
import { isGateName, matrix1, paramCount, TWO_QUBIT, type GateName } from "./gates.js";
import { jsKernels } from "./kernels/js.js";
import { recorder, wasmAvailable, wasmKernels, type WasmExports } from "./kernels/wasm.js";
import { parallelExec, parallelRun, PARALLEL_MIN_QUBITS, releaseMemory } from "./workers.js";
import type { WasmMemory } from "./wasm-api.js";
import type { Kernels } from "./kernels/types.js";
import { collapse, compact, marginal, permuted, prob1, purity } from "./measure.js";
import { lowerGate, runOp, type Op } from "./ops.js";
import { Fuser } from "./fusion.js";
import { mulberry32 } from "./rng.js";
import { chunkOp, opQubits, schedule } from "./schedule.js";
import { maxQubitsFor, StateStore, type Precision } from "./state.js";

export type { GateName } from "./gates.js";
export type { Precision } from "./state.js";
export { maxQubitsFor } from "./state.js";
export { mulberry32 } from "./rng.js";
export { enableFmaKernels } from "./kernels/wasm.js";
export type Basis = "Z" | "X" | "Y" | { angle: number };

export interface SimulatorOptions {
  seed?: number;
  maxQubits?: number;
  /** kernel path: "auto" (WASM SIMD when available) or "js" (fallback) */
  kernels?: "auto" | "js" | "wasm";
  /** threads for large states (WASM path only): 2 (default on ≥ 2 cores) or 1 */
  threads?: 1 | 2;
  /** cache blocking: runs of ops on qubits < chunkQubits are applied chunk by chunk (0 = off; default 1 MiB chunks: 16 double, 17 single) */
  chunkQubits?: number;
  /** gate fusion: true/2 (default) fuses into blocks of ≤ 2 qubits, 1 only runs of one-qubit gates, false off */
  fusion?: boolean | 1 | 2;
  /**
   * amplitude format: "double" (default) complex128, exact to ~1e-15; "single"
   * complex64, half the memory and about twice as fast, probabilities
   * within ~1e-6 of double (rounding ~6e-8 per gate grows with depth), up to 29 qubits
   */
  precision?: Precision;
}

const EPS = 1e-14;

let defaultPrecision: Precision = "double";

/**
 * The precision of simulators created without one (process-wide; "double"
 * unless changed). For an embedder that runs a kernel in its own process,
 * e.g. `qmk run --precision single`: call before the kernel makes its machines.
 */
export function setDefaultPrecision(p: Precision): void {
  if (p !== "double" && p !== "single") bad('precision must be "double" or "single"', "precision");
  defaultPrecision = p;
}

function bad(msg: string, field: string): never {
  throw new QmkError("INVALID_PARAMS", msg, { field });
}

export class Simulator {
  private readonly store: StateStore;
  private k: Kernels;
  private readonly useWasm: boolean;
  private readonly threads: number;
  private readonly chunkQubits: number;
  /** amplitude format of the state */
  readonly precision: Precision;
  private kBase: ((bytes: number) => void) | null = null;
  private kExports: WasmExports | null = null;
  private kMem: WasmMemory | null = null; // the memory the WASM instance is bound to
  private readonly fuser: Fuser;
  private ids: number[] = []; // ids[bit] = id, ascending
  private nextId = 0;
  private rng: () => number;
  // global phase factored out of RZ; only visible through stateVector
  private gre = 1;
  private gim = 0;
  private nGates = 0;
  private nPasses = 0;
  private passKinds: Record<string, number> = {};

  constructor(opts: SimulatorOptions = {}) {
    if (opts.precision !== undefined && opts.precision !== "double" && opts.precision !== "single") bad('precision must be "double" or "single"', "precision");
    this.precision = opts.precision ?? defaultPrecision;
    const limit = maxQubitsFor(this.precision);
    const max = opts.maxQubits ?? limit;
    if (!Number.isInteger(max) || max < 0 || max > limit) bad(`maxQubits must be an integer in 0..${limit} (precision ${this.precision})`, "maxQubits");
    this.store = new StateStore(max, this.precision);
    this.useWasm = opts.kernels !== "js" && wasmAvailable();
    if (opts.kernels === "wasm" && !this.useWasm) bad("WASM SIMD kernels unavailable", "kernels");
    this.k = jsKernels;
    if (opts.threads !== undefined && opts.threads !== 1 && opts.threads !== 2) bad("threads must be 1 or 2", "threads");
    this.threads = opts.threads ?? 2;
    // 1 MiB chunks (L2-resident) in either precision
    this.chunkQubits = opts.chunkQubits ?? (this.precision === "single" ? 17 : 16);
    if (!Number.isInteger(this.chunkQubits) || this.chunkQubits < 0) bad("chunkQubits must be a non-negative integer", "chunkQubits");
    this.fuser = new Fuser(opts.fusion !== false, opts.fusion === 1 ? 1 : 2);
    this.rng = mulberry32(opts.seed ?? 0);
  }

  get numQubits(): number { return this.ids.length; }
  /** name of the kernel path in use ("js" | "wasm") */
  get kernelName(): string { return this.useWasm ? "wasm" : "js"; }

  qubitIds(): number[] { return [...this.ids]; }

  /** Bytes of memory currently holding the state (for tests and quotas). */
  get memoryBytes(): number { return this.store.memory.buffer.byteLength; }

  /** Counters for benchmarks: gates requested, state passes executed (by kernel op kind). */
  get stats(): { gates: number; passes: number; byKind: Record<string, number> } {
    return { gates: this.nGates, passes: this.nPasses, byKind: { ...this.passKinds } };
  }

  /** Draw measurement randomness from `random` (uniform in [0, 1)) from now on. */
  setRandom(random: () => number): void {
    if (typeof random !== "function") bad("random must be a function", "random");
    this.rng = random;
  }

  setSeed(seed: number): void {
    if (typeof seed !== "number" || !Number.isFinite(seed)) bad("seed must be a finite number", "seed");
    this.rng = mulberry32(seed);
  }

  allocate(n: number): number[] {
    if (!Number.isInteger(n) || n < 0) bad("n must be a non-negative integer", "n");
    this.flush();
    this.store.grow(n);
    const out: number[] = [];
    for (let i = 0; i < n; i++) out.push(this.nextId++);
    this.ids.push(...out);
    return out;
  }

  /**
   * Drops the whole state at once: every qubit is gone, nothing is measured
   * (no draws from the random source), the memory is let go without a copy.
   * For a private state whose owner is finished (a job's machine); the
   * simulator stays usable (allocate starts a fresh state).
   */
  dispose(): void {
    this.fuser.drain();
    const old = this.store.memory;
    this.store.reset();
    if (this.kMem) releaseMemory(old);
    this.k = jsKernels;
    this.kBase = null;
    this.kExports = null;
    this.kMem = null;
    this.ids = [];
    this.gre = 1;
    this.gim = 0;
  }

  release(ids: number[]): void {
    this.checkIds(ids, "ids");
    this.flush();
    const s = this.store;
    for (const id of ids) {
      const p = this.pos(id, "ids");
      const v = this.drawZ(p);
      compact(s.view, s.n, p, v.outcome, v.scale);
      this.ids.splice(p, 1);
      s.n--; // in place: no copy while the big memory is alive
    }
    // at most one move to a smaller memory, after the whole batch (freeing
    // 28 qubits one copy at a time peaked at 4 GiB + 1 GiB)
    s.shrunk(s.n);
  }

  gate(name: GateName, qubits: number[], params: number[] = []): void {
    if (!isGateName(name)) bad(`unknown gate ${String(name)}`, "name");
    const arity = TWO_QUBIT.has(name) ? 2 : 1;
    if (!Array.isArray(qubits) || qubits.length !== arity) bad(`${name} takes ${arity} qubit(s)`, "qubits");
    this.checkIds(qubits, "qubits");
    if (!Array.isArray(params) || params.length !== paramCount(name)) bad(`${name} takes ${paramCount(name)} parameter(s)`, "params");
    params.forEach((x, i) => { if (typeof x !== "number" || !Number.isFinite(x)) bad("parameters must be finite numbers", `params[${i}]`); });
    const { op, gphase } = lowerGate(name, qubits.map((q) => this.pos(q, "qubits")), params);
    if (gphase) this.mulPhase(gphase[0], gphase[1]);
    this.push(op);
  }

  unitary1(q: number, m: Float64Array): void {
    const p = this.pos(q, "q");
    if (!(m instanceof Float64Array) || m.length !== 8 || !m.every(Number.isFinite)) bad("m must be a Float64Array of 8 finite numbers", "m");
    // M†M = I within 1e-9: a non-unitary would silently break normalisation
    const col = (c: number, r: number) => [m[(r * 2 + c) * 2], m[(r * 2 + c) * 2 + 1]];
    for (let a = 0; a < 2; a++)
      for (let b = 0; b < 2; b++) {
        let re = 0, im = 0;
        for (let r = 0; r < 2; r++) {
          const [xr, xi] = col(a, r), [yr, yi] = col(b, r);
          re += xr * yr + xi * yi; im += xr * yi - xi * yr;
        }
        if (Math.abs(re - (a === b ? 1 : 0)) > 1e-9 || Math.abs(im) > 1e-9) bad("m is not unitary", "m");
      }
    this.push({ kind: "m1", q: p, m: Float64Array.from(m) });
  }

  measure(q: number, basis: Basis = "Z"): 0 | 1 {
    const p = this.pos(q, "q");
    const [to, from] = this.basisChange(basis);
    this.flush();
    if (to) this.apply({ kind: "m1", q: p, m: to });
    const { outcome, scale } = this.drawZ(p);
    collapse(this.store.view, this.store.n, p, outcome, scale);
    if (from) this.apply({ kind: "m1", q: p, m: from });
    return outcome;
  }

  measureBell(a: number, b: number): 0 | 1 | 2 | 3 {
    this.checkIds([a, b], "qubits");
    const pa = this.pos(a, "a"), pb = this.pos(b, "b");
    const h = matrix1("H");
    this.flush();
    // Bell basis → computational basis: a holds the X-parity, b the Z-parity
    this.apply({ kind: "cnot", c: pa, t: pb });
    this.apply({ kind: "m1", q: pa, m: h });
    const x = this.drawZ(pa);
    collapse(this.store.view, this.store.n, pa, x.outcome, x.scale);
    const z = this.drawZ(pb);
    collapse(this.store.view, this.store.n, pb, z.outcome, z.scale);
    this.apply({ kind: "m1", q: pa, m: h });
    this.apply({ kind: "cnot", c: pa, t: pb });
    return (z.outcome | (x.outcome << 1)) as 0 | 1 | 2 | 3;
  }

  reset(q: number): void {
    const p = this.pos(q, "q");
    this.flush();
    const { outcome, scale } = this.drawZ(p);
    collapse(this.store.view, this.store.n, p, outcome, scale);
    if (outcome === 1) this.apply({ kind: "x", q: p });
  }

  probabilities(ids?: number[]): Float64Array {
    const pos = this.positions(ids);
    this.flush();
    return marginal(this.store.view, this.store.n, pos);
  }

  /**
   * Amplitudes with bit k = ids[k]. For all qubits this is the exact state
   * (including global phase). For a subset it is the subset's own pure state,
   * defined only if the subset is unentangled with the rest (purity 1 within
   * 1e-9, else INVALID_PARAMS); its global phase is fixed so that the largest
   * amplitude is real and positive.
   */
  stateVector(ids?: number[]): { re: Float64Array; im: Float64Array } {
    const pos = this.positions(ids);
    this.flush();
    const s = this.store;
    if (pos.length === s.n) {
      const v = permuted(s.view, s.n, pos);
      if (this.gre !== 1 || this.gim !== 0) {
        for (let i = 0; i < v.re.length; i++) {
          const r = v.re[i], m = v.im[i];
          v.re[i] = r * this.gre - m * this.gim;
          v.im[i] = r * this.gim + m * this.gre;
        }
      }
      return v;
    }
    if (Math.abs(purity(s.view, s.n, pos) - 1) > 1e-9) bad("qubits are entangled with others: no pure reduced state", "ids");
    // ψ = a ⊗ b: the column of the rest's most likely basis state is a·b_r
    const rest: number[] = [];
    for (let p = 0; p < s.n; p++) if (!pos.includes(p)) rest.push(p);
    const full = permuted(s.view, s.n, [...pos, ...rest]);
    const K = 1 << pos.length, B = 1 << rest.length;
    let best = 0, bw = -1;
    for (let r = 0; r < B; r++) {
      let w = 0;
      for (let a = 0; a < K; a++) w += full.re[r * K + a] ** 2 + full.im[r * K + a] ** 2;
      if (w > bw) { bw = w; best = r; }
    }
    const re = full.re.slice(best * K, best * K + K), im = full.im.slice(best * K, best * K + K);
    let big = 0;
    for (let a = 1; a < K; a++) if (re[a] ** 2 + im[a] ** 2 > re[big] ** 2 + im[big] ** 2 + 1e-12) big = a;
    const mag = Math.hypot(re[big], im[big]), nrm = Math.sqrt(bw);
    const cr = re[big] / mag / nrm, ci = -im[big] / mag / nrm;
    for (let a = 0; a < K; a++) {
      const r = re[a], m = im[a];
      re[a] = r * cr - m * ci;
      im[a] = r * ci + m * cr;
    }
    im[big] = 0;
    return { re, im };
  }

  reducedPurity(ids: number[]): number {
    const pos = this.positions(ids);
    this.flush();
    return purity(this.store.view, this.store.n, pos);
  }

  sample(ids: number[], shots: number): Map<string, number> {
    if (!Number.isInteger(shots) || shots < 0) bad("shots must be a non-negative integer", "shots");
    const probs = this.probabilities(ids);
    const cdf = new Float64Array(probs.length);
    let acc = 0;
    for (let i = 0; i < probs.length; i++) cdf[i] = acc += probs[i];
    const counts = new Map<number, number>();
    for (let s = 0; s < shots; s++) {
      const r = this.rng() * acc;
      let lo = 0, hi = cdf.length - 1;
      while (lo < hi) { const mid = (lo + hi) >> 1; if (cdf[mid] > r) hi = mid; else lo = mid + 1; }
      counts.set(lo, (counts.get(lo) ?? 0) + 1);
    }
    const out = new Map<string, number>();
    for (const [i, c] of counts) {
      let key = "";
      for (let k = 0; k < ids.length; k++) key += (i >> k) & 1;
      out.set(key, c);
    }
    return out;
  }

  // ---- internals ----

  private push(op: Op): void {
    this.nGates++;
    if (!this.fuser.enabled) { this.apply(op); return; }
    this.fuser.push(op);
    if (this.fuser.size >= 256) this.flush(); // bound the queue
  }

  /** Applies every queued (fused) op. Must precede any read of the state. */
  flush(): void {
    if (this.fuser.size === 0) return;
    const ops = this.fuser.drain();
    const B = this.chunkQubits;
    if (B < 2 || this.store.n <= B) { for (const op of ops) this.apply(op); return; }
    for (const step of schedule(ops, B)) {
      if (step.kind === "run") this.applyRun(step.ops, B);
      else this.apply(step);
    }
  }

  /** Applies ops on qubits < B chunk by chunk (each chunk is a B-qubit state of its own). */
  private applyRun(ops: Op[], B: number): void {
    this.bind();
    const s = this.store, chunks = 2 ** (s.n - B), reals = 2 ** (B + 1), chunkBytes = 2 ** B * s.ampBytes;
    this.nPasses++;
    this.passKinds.run = (this.passKinds.run ?? 0) + 1;
    const specialised = ops.some((op) => opQubits(op).some((q) => q >= B));
    if (specialised) {
      // diagonal ops on bits ≥ B: each chunk gets its own specialisation (one thread)
      for (let c = 0; c < chunks; c++) {
        let view = s.view;
        if (this.kBase) this.kBase(c * chunkBytes);
        else view = s.view.subarray(c * reals, (c + 1) * reals);
        let sre = 1, sim = 0; // chunk-wide scalar: commutes with everything in the chunk
        for (const op of ops) {
          const o = chunkOp(op, B, c);
          if (o === null) continue;
          if (o.kind === "scale") { const r = sre * o.re - sim * o.im; sim = sre * o.im + sim * o.re; sre = r; continue; }
          runOp(this.k, view, B, o);
        }
        if (sre !== 1 || sim !== 0) this.k.scale(view, B, sre, sim);
      }
      if (this.kBase) this.kBase(0);
      return;
    }
    if (this.kExports && this.threads > 1 && s.n >= PARALLEL_MIN_QUBITS) {
      // both cores: the helper thread takes half of the chunks
      const rec = recorder(this.precision === "single");
      for (const op of ops) runOp(rec.kernels, s.view, B, op);
      if (parallelRun(s.memory, this.kExports, rec.calls, chunkBytes, chunks)) return;
    }
    for (let c = 0; c < chunks; c++) {
      let view = s.view;
      if (this.kBase) this.kBase(c * chunkBytes);
      else view = s.view.subarray(c * reals, (c + 1) * reals);
      for (const op of ops) runOp(this.k, view, B, op);
    }
    if (this.kBase) this.kBase(0);
  }

  private bind(): void {
    if (this.useWasm && this.kMem !== this.store.memory) {
      // the store moved to a new memory (grow beyond it / shrink): rebind
      this.kMem = this.store.memory;
      const par = this.threads > 1 ? parallelExec(this.kMem) : null;
      const k = wasmKernels(this.kMem, par ?? undefined, this.precision === "single");
      this.k = k;
      this.kBase = k.setBase;
      this.kExports = k.exports;
    }
  }

  private apply(op: Op): void {
    this.bind();
    this.nPasses++;
    this.passKinds[op.kind] = (this.passKinds[op.kind] ?? 0) + 1;
    runOp(this.k, this.store.view, this.store.n, op);
  }

  private mulPhase(re: number, im: number): void {
    const r = this.gre * re - this.gim * im;
    this.gim = this.gre * im + this.gim * re;
    this.gre = r;
  }

  /** Born-rule draw of bit p in Z: outcome and the renormalisation factor. */
  private drawZ(p: number): { outcome: 0 | 1; scale: number } {
    const s = this.store;
    const p1 = Math.min(1, Math.max(0, prob1(s.view, s.n, p)));
    // no draw when the outcome is certain: keeps the PRNG stream for real choices
    const outcome: 0 | 1 = p1 <= EPS ? 0 : p1 >= 1 - EPS ? 1 : this.rng() < p1 ? 1 : 0;
    const pk = outcome === 1 ? p1 : 1 - p1;
    return { outcome, scale: 1 / Math.sqrt(pk) };
  }

  /** [V†, V] where V maps |0⟩,|1⟩ to the basis eigenstates (outcome 0, 1). */
  private basisChange(basis: Basis): [Float64Array | null, Float64Array | null] {
    if (basis === "Z") return [null, null];
    const R = Math.SQRT1_2;
    if (basis === "X") return [matrix1("H"), matrix1("H")];
    if (basis === "Y") {
      // V = S·H: columns (|0⟩ ± i|1⟩)/√2
      return [Float64Array.of(R, 0, 0, -R, R, 0, 0, R), Float64Array.of(R, 0, R, 0, 0, R, 0, -R)];
    }
    if (typeof basis === "object" && basis !== null && typeof basis.angle === "number" && Number.isFinite(basis.angle)) {
      return [matrix1("RY", [-basis.angle]), matrix1("RY", [basis.angle])];
    }
    bad("basis must be Z, X, Y or {angle}", "basis");
  }

  private pos(id: number, field: string): number {
    if (!Number.isInteger(id)) bad(`qubit id must be an integer`, field);
    // ids are ascending: binary search
    let lo = 0, hi = this.ids.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1, v = this.ids[mid];
      if (v === id) return mid;
      if (v < id) lo = mid + 1; else hi = mid - 1;
    }
    bad(`unknown qubit id ${id}`, field);
  }

  private checkIds(ids: unknown, field: string): asserts ids is number[] {
    if (!Array.isArray(ids)) bad(`${field} must be an array of qubit ids`, field);
    const seen = new Set<number>();
    ids.forEach((id, i) => {
      this.pos(id as number, `${field}[${i}]`);
      if (seen.has(id as number)) bad(`qubit id ${id} repeated`, `${field}[${i}]`);
      seen.add(id as number);
    });
  }

  private positions(ids?: number[]): number[] {
    if (ids === undefined) return this.ids.map((_, p) => p);
    this.checkIds(ids, "ids");
    return ids.map((id) => this.pos(id, "ids"));
  }
}

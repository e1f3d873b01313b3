// Storage of the dense state: 2^n complex numbers, interleaved
// (amplitude i at view[2i] = re, view[2i+1] = im): complex128 (16 bytes per
// amplitude, Float64Array) or, opt-in, complex64 (8 bytes, Float32Array).
// Qubit at bit position p ↔ bit p of the amplitude index (little-endian).
//
// The bytes live in a shared WebAssembly.Memory so the WASM kernels and
// worker threads see the same state without copies. A wasm32 memory is
// capped at 4 GiB = 2^28 complex128 or 2^29 complex64 amplitudes.
import { QmkError } from "../errors.js";
import type { Amps } from "./kernels/types.js";
import { WA, type WasmMemory } from "./wasm-api.js";

export type Precision = "double" | "single";
export const MAX_QUBITS = 28;
/** the largest state one 4 GiB memory holds, per precision */
export const maxQubitsFor = (p: Precision): number => (p === "single" ? 29 : 28);
const PAGE = 65536;

function pagesFor(n: number, bytesPerAmp: number): number {
  return Math.max(1, Math.ceil((2 ** n * bytesPerAmp) / PAGE));
}

export class StateStore {
  memory: WasmMemory;
  view: Amps;
  n = 0;
  readonly maxQubits: number;
  /** bytes per amplitude: 16 (complex128) or 8 (complex64) */
  readonly ampBytes: number;
  /** numbers (re or im) below this index may hold stale data; fresh WASM pages above are zero */
  private dirty = 2;

  constructor(maxQubits: number, readonly precision: Precision = "double") {
    this.maxQubits = maxQubits;
    this.ampBytes = precision === "single" ? 8 : 16;
    this.memory = this.newMemory(pagesFor(0, this.ampBytes));
    this.view = this.viewOf(this.memory);
    this.view[0] = 1; // zero qubits: the scalar 1
  }

  private newMemory(initial: number): WasmMemory {
    if (!WA) throw new QmkError("INTERNAL_ERROR", "WebAssembly is required for the state memory");
    return new WA.Memory({ initial, maximum: pagesFor(this.maxQubits, this.ampBytes), shared: true });
  }

  private viewOf(m: WasmMemory): Amps {
    return this.precision === "single" ? new Float32Array(m.buffer) : new Float64Array(m.buffer);
  }

  /** Drops the state (zero qubits, the scalar 1) and the memory that held it, without touching it. */
  reset(): void {
    this.memory = this.newMemory(pagesFor(0, this.ampBytes));
    this.view = this.viewOf(this.memory);
    this.view[0] = 1;
    this.n = 0;
    this.dirty = 2;
  }

  get length(): number {
    return 1 << this.n;
  }

  /** Adds k qubits as the highest bits in |0⟩: old amplitudes keep their indices, the rest is zeroed. */
  grow(k: number): void {
    const nNew = this.n + k;
    if (nNew > this.maxQubits)
      throw new QmkError("RESOURCE_EXHAUSTED", `simulator holds at most ${this.maxQubits} qubits`, { field: "n" });
    const need = pagesFor(nNew, this.ampBytes), have = this.memory.buffer.byteLength / PAGE;
    if (need > have) {
      try {
        this.memory.grow(need - have);
      } catch {
        throw new QmkError("RESOURCE_EXHAUSTED", `cannot allocate ${2 ** nNew * this.ampBytes} bytes of state`, { field: "n" });
      }
      this.view = this.viewOf(this.memory);
    }
    // only the stale part needs zeroing: grown pages arrive zeroed (and
    // touching 4 GiB just to write zeros costs seconds of page faults)
    const lo = 2 << this.n, hi = Math.min(2 ** (nNew + 1), this.dirty);
    if (hi > lo) this.view.fill(0, lo, hi);
    this.dirty = Math.max(this.dirty, 2 ** (nNew + 1));
    this.n = nNew;
  }

  /**
   * Called after the state lost qubits in place. Shared memories cannot
   * shrink, so when the state became much smaller than its memory we move it
   * to a fresh memory and let the big one be collected.
   */
  shrunk(nNew: number): void {
    this.n = nNew;
    const bytes = this.memory.buffer.byteLength;
    if (bytes > 64 * 2 ** 20 && pagesFor(nNew, this.ampBytes) * PAGE * 4 <= bytes) {
      const m = this.newMemory(pagesFor(nNew, this.ampBytes));
      const v = this.viewOf(m);
      v.set(this.view.subarray(0, 2 << nNew));
      this.memory = m;
      this.view = v;
      this.dirty = 2 ** (nNew + 1);
    }
  }
}

// Storage of the dense state: 2^n complex doubles, interleaved
// (amplitude i at view[2i] = re, view[2i+1] = im), 16 bytes per amplitude.
// Qubit at bit position p ↔ bit p of the amplitude index (little-endian).
//
// The bytes live in a shared WebAssembly.Memory so the WASM kernels and
// worker threads see the same state without copies. A wasm32 memory is
// capped at 4 GiB = 2^28 amplitudes, hence MAX_QUBITS = 28.
import { QmkError } from "../errors.js";
import { WA, type WasmMemory } from "./wasm-api.js";

export const MAX_QUBITS = 28;
const PAGE = 65536;

function pagesFor(n: number): number {
  return Math.max(1, Math.ceil((2 ** n * 16) / PAGE));
}

export class StateStore {
  memory: WasmMemory;
  view: Float64Array;
  n = 0;
  readonly maxQubits: number;
  /** doubles below this index may hold stale data; fresh WASM pages above are zero */
  private dirty = 2;

  constructor(maxQubits: number) {
    this.maxQubits = maxQubits;
    this.memory = StateStore.newMemory(pagesFor(0), maxQubits);
    this.view = new Float64Array(this.memory.buffer);
    this.view[0] = 1; // zero qubits: the scalar 1
  }

  private static newMemory(initial: number, maxQubits: number): WasmMemory {
    if (!WA) throw new QmkError("INTERNAL_ERROR", "WebAssembly is required for the state memory");
    return new WA.Memory({ initial, maximum: pagesFor(maxQubits), shared: true });
  }

  /** Drops the state (zero qubits, the scalar 1) and the memory that held it, without touching it. */
  reset(): void {
    this.memory = StateStore.newMemory(pagesFor(0), this.maxQubits);
    this.view = new Float64Array(this.memory.buffer);
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
    const need = pagesFor(nNew), have = this.memory.buffer.byteLength / PAGE;
    if (need > have) {
      try {
        this.memory.grow(need - have);
      } catch {
        throw new QmkError("RESOURCE_EXHAUSTED", `cannot allocate ${2 ** nNew * 16} bytes of state`, { field: "n" });
      }
      this.view = new Float64Array(this.memory.buffer);
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
    if (bytes > 64 * 2 ** 20 && pagesFor(nNew) * PAGE * 4 <= bytes) {
      const m = StateStore.newMemory(pagesFor(nNew), this.maxQubits);
      const v = new Float64Array(m.buffer);
      v.set(this.view.subarray(0, 2 << nNew));
      this.memory = m;
      this.view = v;
      this.dirty = 2 ** (nNew + 1);
    }
  }
}

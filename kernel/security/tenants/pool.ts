// The machine's physical-qubit pool. Every physical qubit is either free-clean,
// free-dirty (released, not yet reset) or owned by exactly one allocation:
// one owner cell per qubit makes "never assigned to two tenants" structural.
// A dirty qubit is scrubbed (reset) before it is handed to anyone, and every
// scrub is counted and reported so an auditor can check it happened.
import { QmkError } from "../../errors.js";

/** [first physical qubit, count] */
export type Extent = [number, number];

export interface ScrubEvent {
  extents: Extent[];
  qubits: number;
  /** "reuse": scrubbed on the way to a new owner; "idle": scrubDirty() */
  reason: "reuse" | "idle";
}

const CLEAN = 0;
const DIRTY = -1;

export class PhysicalPool {
  private readonly owner: Int32Array;
  private readonly slots = new Map<number, { id: string; tenant: string; extents: Extent[] }>();
  private readonly slotOf = new Map<string, number>();
  private nextSlot = 1;
  private freeCount: number;
  private dirtyCount = 0;
  private lowestFree = 0;
  private scrubbed = 0;
  private scrubs = 0;

  constructor(
    readonly size: number,
    private readonly onScrub?: (e: ScrubEvent) => void,
  ) {
    if (!Number.isInteger(size) || size < 1 || size > 100_000_000)
      throw new QmkError("INVALID_PARAMS", "poolSize must be an integer in [1, 1e8]", { field: "poolSize" });
    this.owner = new Int32Array(size);
    this.freeCount = size;
  }

  get free(): number {
    return this.freeCount;
  }
  get dirty(): number {
    return this.dirtyCount;
  }
  /** total physical qubits reset before reuse (or by scrubDirty) */
  get scrubbedQubits(): number {
    return this.scrubbed;
  }
  /** number of scrub events emitted */
  get scrubEvents(): number {
    return this.scrubs;
  }

  /** Tenant owning physical qubit `q`, if any. */
  ownerOf(q: number): string | undefined {
    const s = this.owner[q];
    return s > 0 ? this.slots.get(s)?.tenant : undefined;
  }

  isDirty(q: number): boolean {
    return this.owner[q] === DIRTY;
  }

  extentsOf(id: string): Extent[] | undefined {
    const s = this.slotOf.get(id);
    return s === undefined ? undefined : this.slots.get(s)!.extents.map((e) => [e[0], e[1]] as Extent);
  }

  /** Give `count` free qubits to allocation `id` of `tenant`, scrubbing dirty ones first. */
  assign(id: string, tenant: string, count: number): Extent[] {
    if (!Number.isInteger(count) || count < 1) throw new QmkError("INVALID_PARAMS", "physical qubit count must be a positive integer", { field: "n" });
    if (this.slotOf.has(id)) throw new QmkError("INTERNAL_ERROR", `physical allocation ${id} exists`);
    if (count > this.freeCount)
      // Others' holdings are theirs to know: the refusal names only the request.
      throw new QmkError("RESOURCE_EXHAUSTED", `the physical-qubit pool cannot supply ${count} qubit(s) now`, {
        field: "physical_qubits",
        requested: count,
      });
    const slot = this.nextSlot++;
    const extents: Extent[] = [];
    const scrubbed: Extent[] = [];
    let need = count;
    let q = this.lowestFree;
    for (; need > 0; q++) {
      const cell = this.owner[q];
      if (cell > 0) continue;
      if (cell === DIRTY) {
        pushRun(scrubbed, q);
        this.dirtyCount--;
      }
      this.owner[q] = slot;
      pushRun(extents, q);
      need--;
    }
    this.lowestFree = q;
    this.freeCount -= count;
    if (scrubbed.length) this.emitScrub(scrubbed, "reuse");
    this.slots.set(slot, { id, tenant, extents });
    this.slotOf.set(id, slot);
    return extents.map((e) => [e[0], e[1]] as Extent);
  }

  /** Return an allocation's qubits to the pool as dirty. */
  release(id: string): Extent[] {
    const slot = this.slotOf.get(id);
    if (slot === undefined) throw new QmkError("INVALID_PARAMS", `unknown physical allocation ${id}`, { field: "allocation" });
    const { extents } = this.slots.get(slot)!;
    for (const [start, len] of extents) {
      this.owner.fill(DIRTY, start, start + len);
      this.dirtyCount += len;
      this.freeCount += len;
      if (start < this.lowestFree) this.lowestFree = start;
    }
    this.slots.delete(slot);
    this.slotOf.delete(id);
    return extents;
  }

  /** Released-but-not-scrubbed qubits as runs (for a journal snapshot). */
  dirtyExtents(): Extent[] {
    const runs: Extent[] = [];
    if (this.dirtyCount) for (let q = 0; q < this.size; q++) if (this.owner[q] === DIRTY) pushRun(runs, q);
    return runs;
  }

  /** Rebuild from a snapshot: the cells must be free, or the snapshot is corrupt. */
  restore(allocs: Array<{ id: string; tenant: string; extents: Extent[] }>, dirty: Extent[], counters: { scrubbedQubits: number; scrubEvents: number }): void {
    if (this.freeCount !== this.size || this.slots.size) throw new QmkError("INTERNAL_ERROR", "pool restore needs an empty pool");
    const mark = (extents: Extent[], value: number) => {
      for (const [start, len] of extents) {
        if (!(start >= 0 && len >= 1 && start + len <= this.size)) throw new QmkError("INTERNAL_ERROR", "pool snapshot extent out of range");
        for (let q = start; q < start + len; q++) {
          if (this.owner[q] !== CLEAN) throw new QmkError("INTERNAL_ERROR", `pool snapshot assigns physical qubit ${q} twice`);
          this.owner[q] = value;
        }
        this.freeCount -= len;
      }
    };
    for (const a of allocs) {
      const slot = this.nextSlot++;
      mark(a.extents, slot);
      this.slots.set(slot, { id: a.id, tenant: a.tenant, extents: a.extents.map((e) => [e[0], e[1]] as Extent) });
      this.slotOf.set(a.id, slot);
    }
    mark(dirty, DIRTY);
    const d = dirty.reduce((n, e) => n + e[1], 0);
    this.freeCount += d;
    this.dirtyCount = d;
    this.lowestFree = 0; // first-fit from 0 equals first-fit from any bound below the first free cell
    this.scrubbed = counters.scrubbedQubits;
    this.scrubs = counters.scrubEvents;
  }

  /** Reset every dirty qubit now (e.g. when idle); returns how many were scrubbed. */
  scrubDirty(): number {
    if (this.dirtyCount === 0) return 0;
    const runs: Extent[] = [];
    for (let q = 0; q < this.size; q++)
      if (this.owner[q] === DIRTY) {
        this.owner[q] = CLEAN;
        pushRun(runs, q);
      }
    const n = this.dirtyCount;
    this.dirtyCount = 0;
    this.emitScrub(runs, "idle");
    return n;
  }

  private emitScrub(extents: Extent[], reason: ScrubEvent["reason"]): void {
    const qubits = extents.reduce((s, e) => s + e[1], 0);
    this.scrubbed += qubits;
    this.scrubs++;
    this.onScrub?.({ extents, qubits, reason });
  }
}

function pushRun(runs: Extent[], q: number): void {
  const last = runs[runs.length - 1];
  if (last && last[0] + last[1] === q) last[1]++;
  else runs.push([q, 1]);
}

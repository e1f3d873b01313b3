import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { PhysicalPool, TenantRegistry, type Extent, type ScrubEvent } from "../../kernel/security/tenants/index.js";
import { QmkError } from "../../kernel/errors.js";

function qubitsOf(extents: Extent[]): number[] {
  return extents.flatMap(([s, n]) => Array.from({ length: n }, (_, i) => s + i));
}

describe("physical-qubit pool", () => {
  it("assigns n·c physical qubits, RESOURCE_EXHAUSTED when the pool runs out", () => {
    const r = TenantRegistry.memory({ poolSize: 1000 });
    r.create("a", { quota: { physical_qubits: 10_000, logical_qubits: 100 } });
    r.create("b", { quota: { physical_qubits: 10_000, logical_qubits: 100 } });
    const x = r.allocateLogical("a", 5, 97);
    expect(x).toMatchObject({ tenant: "a", logical: 5, perLogical: 97, physical: 485, extents: [[0, 485]] });
    r.allocateLogical("b", 5, 97);
    let err: unknown;
    try {
      r.allocateLogical("b", 1, 97);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(QmkError);
    expect((err as QmkError).codeName).toBe("RESOURCE_EXHAUSTED");
    expect((err as QmkError).data).toMatchObject({ field: "physical_qubits", requested: 97 });
    // the pool's free count is machine-wide: a tenant's refusal does not show it (issue 12 §4)
    expect((err as QmkError).data.available).toBeUndefined();
    expect(r.usageOf("b")!.logical_qubits).toBe(5); // the refused request charged nothing
    r.allocateLogical("b", 1, 30);
    expect(r.pool.free).toBe(0);
  });

  it("scrubs released qubits before anyone reuses them, and reports each scrub", () => {
    const events: ScrubEvent[] = [];
    const r = TenantRegistry.memory({ poolSize: 100, onScrub: (e) => events.push(e) });
    r.create("a");
    r.create("b");
    const x = r.allocateLogical("a", 1, 60);
    r.allocateLogical("b", 1, 30);
    r.releaseLogical(x.id);
    expect(r.pool.dirty).toBe(60);
    expect(r.pool.ownerOf(10)).toBeUndefined();
    expect(r.pool.isDirty(10)).toBe(true);
    const y = r.allocateLogical("b", 1, 50); // 50 dirty ex-"a" qubits first, then none clean needed
    expect(y.extents).toEqual([[0, 50]]);
    expect(events).toEqual([{ extents: [[0, 50]], qubits: 50, reason: "reuse" }]);
    expect(r.pool.scrubbedQubits).toBe(50);
    expect(r.pool.dirty).toBe(10);
    const z = r.allocateLogical("a", 1, 15); // 10 dirty (scrubbed) + 5 clean
    expect(z.extents).toEqual([[50, 10], [90, 5]]);
    expect(events[1]).toEqual({ extents: [[50, 10]], qubits: 10, reason: "reuse" });
    r.releaseLogical(z.id);
    expect(r.scrubDirty()).toBe(15);
    expect(events[2]).toEqual({ extents: [[50, 10], [90, 5]], qubits: 15, reason: "idle" });
    expect(r.pool.scrubEvents).toBe(3);
    expect(r.scrubDirty()).toBe(0);
  });

  it("rejects bad sizes and counts", () => {
    expect(() => new PhysicalPool(0)).toThrow(QmkError);
    const p = new PhysicalPool(10);
    expect(() => p.assign("x", "a", 0)).toThrow(QmkError);
    expect(() => p.release("nope")).toThrow(QmkError);
    const r = TenantRegistry.memory({ poolSize: 10 });
    r.create("a");
    expect(() => r.allocateLogical("a", 1, 0)).toThrow(QmkError);
    expect(() => r.allocateLogical("a", 1.5, 2)).toThrow(QmkError);
    expect(() => r.releaseLogical("pq-999")).toThrow(QmkError);
  });

  // Model-based property: random allocate/release/delete/scrub across tenants.
  // Checks, after every step, through the public API only:
  //   - no physical qubit belongs to two live allocations (nor two tenants),
  //   - ownerOf agrees with the allocations, free counts add up,
  //   - every qubit handed out was clean: never used, or scrubbed (event seen) since its release.
  it("exclusivity and scrub-before-reuse hold for any operation sequence", () => {
    const TENANTS = ["t0", "t1", "t2"];
    const op = fc.oneof(
      fc.record({ k: fc.constant("alloc" as const), t: fc.nat(2), n: fc.integer({ min: 1, max: 4 }), c: fc.integer({ min: 1, max: 40 }) }),
      fc.record({ k: fc.constant("free" as const), i: fc.nat() }),
      fc.record({ k: fc.constant("delete" as const), t: fc.nat(2) }),
      fc.record({ k: fc.constant("scrub" as const) }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 50, max: 400 }), fc.array(op, { maxLength: 60 }), (size, ops) => {
        const dirty = new Set<number>(); // model: released and not yet scrubbed
        const r = TenantRegistry.memory({
          poolSize: size,
          onScrub: (e) => qubitsOf(e.extents).forEach((q) => dirty.delete(q)),
        });
        const quota = { logical_qubits: 1000, physical_qubits: 100_000 };
        const live = new Map<string, { tenant: string; extents: Extent[] }>();
        const id = TENANTS.map((t) => r.create(t, { quota }).id);
        for (const o of ops) {
          if (o.k === "alloc") {
            const freeBefore = r.pool.free;
            try {
              const a = r.allocateLogical(id[o.t], o.n, o.c);
              for (const q of qubitsOf(a.extents)) expect(dirty.has(q)).toBe(false);
              live.set(a.id, { tenant: id[o.t], extents: a.extents });
            } catch (e) {
              expect((e as QmkError).codeName).toBe("RESOURCE_EXHAUSTED");
              expect(o.n * o.c).toBeGreaterThan(freeBefore);
            }
          } else if (o.k === "free" && live.size) {
            const key = [...live.keys()][o.i % live.size];
            r.releaseLogical(key);
            qubitsOf(live.get(key)!.extents).forEach((q) => dirty.add(q));
            live.delete(key);
          } else if (o.k === "delete") {
            const del = r.delete(id[o.t]);
            for (const a of del.released.allocations) {
              expect(live.get(a.id)?.tenant).toBe(id[o.t]);
              qubitsOf(a.extents).forEach((q) => dirty.add(q));
              live.delete(a.id);
            }
            id[o.t] = r.create(TENANTS[o.t], { quota, reuseDeletedName: true }).id;
          } else if (o.k === "scrub") {
            r.scrubDirty();
            expect(dirty.size).toBe(0);
          }
          // invariants
          const seen = new Map<number, string>();
          for (const [aid, a] of live)
            for (const q of qubitsOf(a.extents)) {
              expect(q).toBeGreaterThanOrEqual(0);
              expect(q).toBeLessThan(size);
              expect(seen.has(q)).toBe(false);
              seen.set(q, aid);
              expect(r.pool.ownerOf(q)).toBe(a.tenant);
            }
          expect(r.pool.free).toBe(size - seen.size);
          for (let q = 0; q < size; q++) {
            if (!seen.has(q)) expect(r.pool.ownerOf(q)).toBeUndefined();
            expect(r.pool.isDirty(q)).toBe(dirty.has(q));
          }
          expect(r.pool.dirty).toBe(dirty.size);
          for (const t of id) {
            const held = [...live.values()].filter((a) => a.tenant === t).reduce((s, a) => s + qubitsOf(a.extents).length, 0);
            expect(r.usageOf(t)!.physical_qubits).toBe(held);
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});

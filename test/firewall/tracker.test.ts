import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { EntanglementTracker } from "../../kernel/security/firewall/tracker.js";
import { isEntangling, normalizeOp, opEffect } from "../../kernel/security/firewall/ops.js";
import { OPCODES } from "../../kernel/qvm/opcodes.js";

function tracker(owners: Record<number, string>): EntanglementTracker {
  const t = new EntanglementTracker();
  for (const [q, tenant] of Object.entries(owners)) t.add(Number(q), tenant);
  return t;
}

describe("ops table", () => {
  it("marks every two-qubit op of SPEC §1.2 as entangling, and only those", () => {
    for (const op of ["CNOT", "APPLY_CNOT", "cz", "APPLY_SWAP", "CPHASE", "TELEPORT_CNOT", "OPEN_CHAN", "MEASURE_BELL"]) {
      expect(isEntangling(op), op).toBe(true);
    }
    for (const op of ["APPLY_H", "RZ", "MEASURE_Z", "RESET", "FREE_LQ", "COND_PAULI", "INJECT_T_STATE"]) {
      expect(isEntangling(op), op).toBe(false);
    }
    expect(normalizeOp("apply_cz")).toBe("CZ");
    expect(opEffect("MEASURE_X")).toBe("isolate");
  });

  it("agrees with the QVM opcode table on every opcode", () => {
    for (const spec of Object.values(OPCODES)) {
      for (const name of [spec.name, spec.short]) {
        expect(isEntangling(name), name).toBe(spec.entangling);
        const want = spec.name === "MEASURE_BELL" ? "bell"
          : spec.entangling ? "entangle"
          : spec.effect === "consume" || spec.effect === "revive" ? "isolate"
          : spec.effect === "free" ? "remove"
          : "none";
        expect(opEffect(name), name).toBe(want);
      }
    }
  });
});

describe("EntanglementTracker", () => {
  it("starts every qubit as a singleton and unions on entangling ops", () => {
    const t = tracker({ 1: "a", 2: "a", 3: "b", 4: "b" });
    expect(t.components().map((c) => c.qubits)).toEqual([[1], [2], [3], [4]]);
    t.apply("CNOT", [1, 2]);
    t.apply("CZ", [3, 4]);
    expect(t.componentOf(2)).toEqual([1, 2]);
    expect(t.sameComponent(1, 3)).toBe(false);
    t.apply("SWAP", [2, 3]);
    expect(t.componentOf(4)).toEqual([1, 2, 3, 4]);
    expect(t.tenantsOf([1])).toEqual(["a", "b"]);
  });

  it("a measured or reset qubit leaves its component; the rest stays together", () => {
    const t = tracker({ 1: "a", 2: "a", 3: "a" });
    t.entangle([1, 2]);
    t.entangle([2, 3]);
    t.apply("MEASURE_X", [2]);
    expect(t.componentOf(2)).toEqual([2]);
    expect(t.componentOf(1)).toEqual([1, 3]);
    t.apply("RESET", [1]);
    expect(t.componentOf(3)).toEqual([3]);
  });

  it("MEASURE_BELL joins the outer partners (swapping) and leaves the operands as a pair", () => {
    const t = tracker({ 1: "a", 2: "a", 3: "b", 4: "b" });
    t.entangle([1, 2]);
    t.entangle([3, 4]);
    t.apply("MEASURE_BELL", [2, 3]);
    expect(t.componentOf(2)).toEqual([2, 3]);
    expect(t.componentOf(1)).toEqual([1, 4]);
    expect(t.tenantsOf([1])).toEqual(["a", "b"]);
  });

  it("a freed qubit is removed, and its tenant no longer counted", () => {
    const t = tracker({ 1: "a", 2: "b" });
    t.entangle([1, 2]);
    t.apply("FREE_LQ", [2]);
    expect(t.has(2)).toBe(false);
    expect(t.componentOf(1)).toEqual([1]);
    expect(t.tenantsOf([1])).toEqual(["a"]);
    expect(t.components("b")).toEqual([]);
    expect(() => t.componentOf(2)).toThrow(/not live/);
  });

  it("reports a tenant's components with the tenants each touches", () => {
    const t = tracker({ 1: "a", 2: "a", 3: "b", 4: "c" });
    t.entangle([2, 3]);
    const comps = t.components("a");
    expect(comps.map((c) => ({ q: c.qubits, t: c.tenants }))).toEqual([
      { q: [1], t: ["a"] },
      { q: [2, 3], t: ["a", "b"] },
    ]);
    expect(t.components("c").map((c) => c.qubits)).toEqual([[4]]);
    expect(t.isClosed([2, 3])).toBe(true);
    expect(t.isClosed([2])).toBe(false);
  });

  it("refuses double registration and unknown qubits", () => {
    const t = tracker({ 1: "a" });
    expect(() => t.add(1, "b")).toThrow(/already tracked/);
    expect(() => t.entangle([1, 9])).toThrow(/not live/);
    expect(t.snapshot()).toEqual({ owners: [[1, "a"]], components: [[1]] });
  });

  // Model-based: the union-by-size structure agrees with a naive list of sets.
  it("agrees with a naive partition model on random op sequences", () => {
    const op = fc.oneof(
      fc.record({ k: fc.constant("alloc" as const), tenant: fc.constantFrom("a", "b", "c") }),
      fc.record({ k: fc.constantFrom("CNOT", "SWAP", "MEASURE_BELL"), i: fc.nat(), j: fc.nat() }),
      fc.record({ k: fc.constantFrom("MEASURE_Z", "RESET", "FREE_LQ"), i: fc.nat() }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 80 }), (ops) => {
        const t = new EntanglementTracker();
        let model: Set<number>[] = [];
        const owner = new Map<number, string>();
        let next = 0;
        const live = () => [...owner.keys()];
        const find = (q: number) => model.find((s) => s.has(q))!;
        const split = (qs: number[]) => {
          for (const q of qs) find(q).delete(q);
          model = model.filter((s) => s.size > 0);
          model.push(new Set(qs));
        };
        for (const o of ops) {
          if (o.k === "alloc") {
            t.add(next, o.tenant);
            owner.set(next, o.tenant);
            model.push(new Set([next++]));
            continue;
          }
          const l = live();
          if (l.length === 0) continue;
          if ("j" in o) {
            const a = l[o.i % l.length];
            const b = l[o.j % l.length];
            if (a === b) continue;
            t.apply(o.k, [a, b]);
            const sa = find(a), sb = find(b);
            if (sa !== sb) {
              for (const m of sb) sa.add(m);
              model = model.filter((s) => s !== sb);
            }
            if (o.k === "MEASURE_BELL") split([a, b]);
          } else {
            const q = l[o.i % l.length];
            t.apply(o.k, [q]);
            if (o.k === "FREE_LQ") {
              find(q).delete(q);
              model = model.filter((s) => s.size > 0);
              owner.delete(q);
            } else split([q]);
          }
        }
        const expected = model.map((s) => [...s].sort((x, y) => x - y)).sort((x, y) => x[0] - y[0]);
        expect(t.snapshot().components).toEqual(expected);
        for (const c of t.components()) {
          expect(c.tenants).toEqual([...new Set(c.qubits.map((q) => owner.get(q)!))].sort());
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("EntanglementTracker.componentsFor", () => {
  it("shows a tenant its own qubits and only the count of foreign ones", () => {
    const t = tracker({ 1: "a", 2: "b", 3: "b", 4: "a" });
    t.entangle([1, 2]);
    t.entangle([2, 3]);
    expect(t.componentsFor("a")).toEqual([
      { id: expect.any(Number), own: [1], foreign: 2, tenants: ["a", "b"] },
      { id: expect.any(Number), own: [4], foreign: 0, tenants: ["a"] },
    ]);
    expect(JSON.stringify(t.componentsFor("a"))).not.toMatch(/\[2|3\]/);
  });
});

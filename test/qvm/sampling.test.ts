// The executor's sampling fast path: a graph whose shots differ only in their
// final Z measurements prepares its state once and samples the tail.
import { describe, it, expect } from "vitest";
import { executeGraph, samplingSplit } from "../../kernel/qvm/executor.js";
import { BarePort } from "../../kernel/qvm/bare-port.js";
import type { QuantumPort } from "../../kernel/qvm/port.js";
import type { QvmGraph } from "../../kernel/qvm/graph.js";
import { loadConformance, countBit, expectBinomial } from "./helpers.js";

/** The same machine without `sample`: forces the shot-by-shot path. */
function shotByShot(seed: number): QuantumPort {
  const p = new BarePort({ seed });
  return {
    alloc: (c, n, prof, t) => p.alloc(c, n),
    op: (c, o, v, ch, a) => p.op(c, o, v, ch, a),
    free: (c, v) => p.free(c, v),
    beginShot: (s, sd) => p.beginShot(s, sd),
    endShot: (s) => p.endShot(),
  };
}

function ryChain(theta: number[]): QvmGraph {
  const vqs = theta.map((_, i) => `q${i}`);
  const nodes: QvmGraph["program"]["nodes"] = [{ id: "a", op: "ALLOC_LQ", args: { n: vqs.length }, vqs }];
  theta.forEach((t, i) => nodes.push({ id: `ry${i}`, op: "APPLY_RY", args: { theta: t }, vqs: [vqs[i]!] }));
  nodes.push({ id: "cx", op: "APPLY_CNOT", vqs: [vqs[0]!, vqs[1]!] });
  vqs.forEach((q, i) => nodes.push({ id: `m${i}`, op: "MEASURE_Z", vqs: [q], produces: [`e${i}`] }));
  nodes.push({ id: "f", op: "FREE_LQ", vqs });
  return { version: "0.1", program: { nodes }, resources: { vqs, events: vqs.map((_, i) => `e${i}`) } };
}

describe("sampling fast path", () => {
  it("applies to terminal-measurement graphs only", () => {
    expect(samplingSplit(loadConformance("ghz_state.qvm.json"))).toBeGreaterThan(0);
    expect(samplingSplit(loadConformance("bell_measurement.qvm.json"))).toBe(-1); // Bell measurement + corrections
    expect(samplingSplit(loadConformance("measurement_bases.qvm.json"))).toBe(-1); // X/Y bases
    expect(samplingSplit(loadConformance("teleportation_demo.qvm.json"))).toBe(-1); // guards
  });

  it("gives the same distribution as running every shot", () => {
    const g = ryChain([0.7, 2.1, 1.3]);
    const shots = 4000;
    const fast = executeGraph(g, new BarePort({ seed: 3 }), { shots, seed: 11 });
    const slow = executeGraph(g, shotByShot(3), { shots, seed: 11 });
    expect(Object.values(fast.counts).reduce((a, b) => a + b, 0)).toBe(shots);
    // per-bit marginals: P(q0=1) = sin²(0.35); q1 = q1' XOR q0; q2 independent
    const p0 = Math.sin(0.35) ** 2;
    const p1raw = Math.sin(1.05) ** 2;
    const p1 = p0 * (1 - p1raw) + (1 - p0) * p1raw;
    const p2 = Math.sin(0.65) ** 2;
    for (const r of [fast, slow]) {
      expectBinomial(countBit(r.counts, 0, "1"), shots, p0);
      expectBinomial(countBit(r.counts, 1, "1"), shots, p1);
      expectBinomial(countBit(r.counts, 2, "1"), shots, p2);
    }
  });

  it("is deterministic for a seed and still mediates every node once", () => {
    const g = loadConformance("ghz_state.qvm.json");
    const a = executeGraph(g, new BarePort({ seed: 1 }), { shots: 500, seed: 9 });
    const b = executeGraph(g, new BarePort({ seed: 1 }), { shots: 500, seed: 9 });
    expect(a.counts).toEqual(b.counts);
    expect(Object.keys(a.counts).sort()).toEqual(["0000", "1111"]);
    const seen: string[] = [];
    const p = new BarePort({ seed: 1 });
    const spy: QuantumPort = {
      alloc: (c, n) => (seen.push(c.node.id), p.alloc(c, n)),
      op: (c, o, v, ch, a) => (seen.push(c.node.id), p.op(c, o, v, ch, a)),
      free: (c, v) => (seen.push(c.node.id), p.free(c, v)),
      sample: (v, n) => p.sample(v, n),
      beginShot: (s, sd) => p.beginShot(s, sd),
      endShot: () => p.endShot(),
    };
    executeGraph(g, spy, { shots: 500, seed: 9 });
    const ids = g.program.nodes.filter((n) => !["BAR_REGION", "FENCE_EPOCH", "SET_POLICY"].includes(n.op)).map((n) => n.id);
    expect(seen).toEqual(ids);
  });
});

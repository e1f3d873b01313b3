// Every upstream example verifies (strict) and runs on the bare simulator
// with the physically right statistics (2000 shots, 5σ).
import { describe, expect, it } from "vitest";
import { verifyGraph } from "../../kernel/qvm/verifier.js";
import { executeGraph } from "../../kernel/qvm/executor.js";
import { BarePort } from "../../kernel/qvm/bare-port.js";
import type { QvmGraph } from "../../kernel/qvm/graph.js";
import { conformanceFiles, countBit, expectBinomial, loadConformance } from "./helpers.js";

const SHOTS = 2000;
const run = (g: QvmGraph, seed = 1) => executeGraph(g, new BarePort(), { shots: SHOTS, seed });

/** Deep copy with one node's opcode replaced / nodes removed. */
function variant(g: QvmGraph, changes: Record<string, string | null>): QvmGraph {
  const c = structuredClone(g);
  c.program.nodes = c.program.nodes.filter((n) => changes[n.id] !== null).map((n) => (changes[n.id] ? { ...n, op: changes[n.id]! } : n));
  return c;
}

describe("upstream conformance graphs", () => {
  it("the folder holds the expected 11 graphs", () => {
    expect(conformanceFiles()).toHaveLength(11);
  });

  it.each(conformanceFiles())("%s verifies strictly and runs", (f) => {
    const g = loadConformance(f);
    const r = verifyGraph(g, { strict: true });
    expect(r.errors).toEqual([]);
    expect(r.valid).toBe(true);
    expect(r.requiredCaps).toContain("CAP_ALLOC");
    expect(r.requiredCaps).toContain("CAP_MEASURE");
    const out = run(g);
    expect(out.shots).toBe(SHOTS);
    expect(Object.values(out.counts).reduce((a, b) => a + b, 0)).toBe(SHOTS);
    for (const key of Object.keys(out.counts)) expect(key).toMatch(new RegExp(`^[01]{${g.resources.events.length}}$`));
  });

  it.each(["bell_state.qvm.asm", "bell_teleport_cnot.qvm.json"])("%s: Bell pair gives only 00/11, half each", (f) => {
    const { counts } = run(loadConformance(f));
    expect(Object.keys(counts).sort()).toEqual(["00", "11"]);
    expectBinomial(counts["11"]!, SHOTS, 0.5);
  });

  it.each([
    ["ghz_state.qvm.json", 4],
    ["ghz_3qubit.qvm.asm", 3],
  ])("%s: GHZ gives only all-0 / all-1", (f, n) => {
    const { counts } = run(loadConformance(f));
    expect(Object.keys(counts).sort()).toEqual(["0".repeat(n), "1".repeat(n)]);
    expectBinomial(counts["1".repeat(n)]!, SHOTS, 0.5);
  });

  it("arbitrary_angle_measurement: P(1) = (1 − sin θ)/2 on |+⟩", () => {
    const { counts } = run(loadConformance("arbitrary_angle_measurement.qvm.json"));
    [0, Math.PI / 4, Math.PI / 2, (3 * Math.PI) / 4].forEach((th, k) => {
      const p = th === 0 ? 0.5 : th === Math.PI / 2 ? 0 : (1 - Math.sin(th)) / 2;
      expectBinomial(countBit(counts, k, "1"), SHOTS, p);
    });
  });

  it("measurement_bases: |+⟩ is random in Z and Y, deterministic in X", () => {
    const { counts } = run(loadConformance("measurement_bases.qvm.json"));
    expectBinomial(countBit(counts, 0, "1"), SHOTS, 0.5);
    expectBinomial(countBit(counts, 1, "1"), SHOTS, 0);
    expectBinomial(countBit(counts, 2, "1"), SHOTS, 0.5);
  });

  it("conditional_correction: the guarded X always restores |0⟩", () => {
    const { counts } = run(loadConformance("conditional_correction.qvm.json"));
    expectBinomial(countBit(counts, 0, "1"), SHOTS, 0.5);
    expectBinomial(countBit(counts, 1, "1"), SHOTS, 0);
  });

  it("reversible_segment: HS|0⟩ is random in Z", () => {
    const { counts } = run(loadConformance("reversible_segment.qvm.json"));
    expectBinomial(countBit(counts, 0, "1"), SHOTS, 0.5);
  });

  describe("teleportation: the received qubit carries the prepared state", () => {
    it("teleportation.qvm.asm (|+⟩): Z random, X-basis always 0, Bell bits uniform", () => {
      const g = loadConformance("teleportation.qvm.asm");
      const z = run(g).counts;
      for (let k = 0; k < 3; k++) expectBinomial(countBit(z, k, "1"), SHOTS, 0.5);
      const x = run(variant(g, { m2: "MEASURE_X" })).counts;
      expectBinomial(countBit(x, 0, "1"), SHOTS, 0.5);
      expectBinomial(countBit(x, 1, "1"), SHOTS, 0.5);
      expectBinomial(countBit(x, 2, "1"), SHOTS, 0);
    });

    it("teleportation_demo.qvm.json (|+i⟩): Y-basis always 0; without corrections it is random", () => {
      const g = loadConformance("teleportation_demo.qvm.json");
      expectBinomial(countBit(run(g).counts, 2, "1"), SHOTS, 0.5);
      expectBinomial(countBit(run(variant(g, { verify: "MEASURE_Y" })).counts, 2, "1"), SHOTS, 0);
      const broken = variant(g, { verify: "MEASURE_Y", corr_x: null, corr_z: null });
      expectBinomial(countBit(run(broken).counts, 2, "1"), SHOTS, 0.5);
    });

    it("bell_measurement.qvm.json (TH|0⟩ via MEASURE_BELL): X-basis P(1) = (1 − cos π/4)/2", () => {
      const g = loadConformance("bell_measurement.qvm.json");
      const z = run(g).counts;
      for (let k = 0; k < 3; k++) expectBinomial(countBit(z, k, "1"), SHOTS, 0.5);
      const x = run(variant(g, { measure_result: "MEASURE_X" })).counts;
      expectBinomial(countBit(x, 2, "1"), SHOTS, (1 - Math.cos(Math.PI / 4)) / 2);
      // swapping the two corrections' roles breaks teleportation: a wrong
      // MEASURE_BELL bit order would show up here
      const sw = structuredClone(g);
      for (const n of sw.program.nodes) if (n.guard && "event" in n.guard) n.guard.event = n.guard.event === "m0" ? "m1" : "m0";
      const bad = run(variant(sw, { measure_result: "MEASURE_X" })).counts;
      expect(Math.abs(countBit(bad, 2, "1") - SHOTS * 0.146)).toBeGreaterThan(5 * Math.sqrt(SHOTS * 0.146 * 0.854));
    });
  });
});

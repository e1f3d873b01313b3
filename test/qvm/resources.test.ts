import { describe, expect, it } from "vitest";
import { verifyGraph } from "../../kernel/qvm/verifier.js";
import { loadConformance } from "./helpers.js";

describe("static resource peak (quota pre-check)", () => {
  it("conformance graphs", () => {
    const ghz = verifyGraph(loadConformance("ghz_state.qvm.json"));
    expect([ghz.peakQubits, ghz.peakPhysicalQubits]).toEqual([4, 4 * 97]);
    const tele = verifyGraph(loadConformance("teleportation_demo.qvm.json"));
    expect([tele.peakQubits, tele.peakPhysicalQubits]).toEqual([3, 3 * 77]);
  });

  it("freed qubits stop counting; guarded frees are assumed skipped; default profile is Surface(d=3)", () => {
    const g = (guard: boolean) => ({
      version: "0.1",
      program: {
        nodes: [
          { id: "a", op: "ALLOC_LQ", args: { n: 2, profile: "BaconShor(d=5)" }, vqs: ["p", "q"] },
          { id: "m", op: "MEASURE_Z", vqs: ["p"], produces: ["e"] },
          { id: "f", op: "FREE_LQ", vqs: ["p", "q"], ...(guard ? { guard: { event: "e", equals: 0 } } : {}) },
          { id: "b", op: "ALLOC_LQ", args: { n: 3 }, vqs: ["r", "s", "t"] },
          { id: "g", op: "FREE_LQ", vqs: ["r", "s", "t"] },
        ],
      },
      resources: { vqs: ["p", "q", "r", "s", "t"], events: ["e"] },
    });
    const plain = verifyGraph(g(false));
    expect([plain.peakQubits, plain.peakPhysicalQubits]).toEqual([3, 3 * 17]);
    const guarded = verifyGraph(g(true));
    expect([guarded.peakQubits, guarded.peakPhysicalQubits]).toEqual([5, 2 * 25 + 3 * 17]);
  });
});

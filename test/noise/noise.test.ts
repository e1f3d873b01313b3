// Noise by quantum trajectories (kernel/noise): noisy jobs against analytic
// results, within 5σ of the binomial/estimator error; models validated; the
// logical-error model from the QEC profile.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKernel, type Kernel } from "../../kernel/index.js";
import { expectationSampled, runJob, type Caller } from "../../kernel/observables/estimate.js";
import { withNoise } from "../../kernel/noise/insert.js";
import { parseNoiseModel, type NoiseModel } from "../../kernel/noise/model.js";
import { logicalErrorRate, SURFACE_PREFACTOR, SURFACE_THRESHOLD } from "../../kernel/noise/logical.js";
import { verifyGraph } from "../../kernel/qvm/verifier.js";
import type { QvmGraph, QvmNode } from "../../kernel/qvm/graph.js";
import { QmkError } from "../../kernel/errors.js";

let k: Kernel;
let call: Caller;
beforeAll(async () => {
  k = await createKernel({ inMemory: true, demoTenant: true });
  const { session_id } = await k.call("q_negotiate_caps", { token: k.demoToken });
  call = (m, p) => k.call(m, { session_id, ...p });
});
afterAll(async () => k.close());

function graph(n: number, body: Array<Omit<QvmNode, "id">>, profile?: string): QvmGraph {
  const vqs = Array.from({ length: n }, (_, i) => `q${i}`);
  const nodes: QvmNode[] = [{ id: "alloc", op: "ALLOC_LQ", args: { n, ...(profile ? { profile } : {}) }, vqs }, ...body.map((b, i) => ({ id: `n${i}`, ...b }))];
  const events = nodes.flatMap((nd) => nd.produces ?? []);
  return { version: "0.1", program: { nodes }, resources: { vqs, events } };
}

const BELL = graph(2, [
  { op: "APPLY_H", vqs: ["q0"] },
  { op: "APPLY_CNOT", vqs: ["q0", "q1"] },
  { op: "FREE_LQ", vqs: ["q0", "q1"] },
]);
const FIDELITY = "0.25 + 0.25 X0 X1 - 0.25 Y0 Y1 + 0.25 Z0 Z1"; // ⟨Φ+|ρ|Φ+⟩

/** 5σ of a binomial frequency */
const binom5 = (p: number, n: number) => 5 * Math.sqrt((p * (1 - p)) / n) + 1e-9;

describe("noisy runs against analytic results", () => {
  it("depolarizing p on one qubit of a Bell pair: fidelity 1 − 3p/4", async () => {
    const p = 0.3;
    const noise: NoiseModel = { qubits: { "1": { depolarizing: p } } }; // q1 is touched only by the CNOT
    const est = await expectationSampled(call, BELL, FIDELITY, { shots: 1500, seed: 3, prepare: (g) => withNoise(g, noise) });
    expect(Math.abs(est.value - (1 - (3 * p) / 4))).toBeLessThan(5 * est.stderr);
    expect(est.stderr).toBeGreaterThan(0);
  });

  it("depolarizing on both qubits after the CNOT: fidelity (1 − 3p/4)² + 3(p/4)²", async () => {
    const p = 0.2;
    const est = await expectationSampled(call, BELL, FIDELITY, { shots: 1500, seed: 4, prepare: (g) => withNoise(g, { gates: { CNOT: { depolarizing: p } } }) });
    const f = (1 - (3 * p) / 4) ** 2 + 3 * (p / 4) ** 2;
    expect(Math.abs(est.value - f)).toBeLessThan(5 * est.stderr);
  });

  it("amplitude damping (T1): |1⟩ survives k gates with probability (1 − γ)^k", async () => {
    const gamma = 0.1, shots = 3000;
    const g = graph(1, [{ op: "APPLY_X", vqs: ["q0"] }, ...Array.from({ length: 5 }, () => ({ op: "APPLY_Z", vqs: ["q0"] })), { op: "MEASURE_Z", vqs: ["q0"], produces: ["m"] }]);
    const r = await runJob(call, withNoise(g, { gate: { amplitude_damping: gamma } }), { shots, seed: 9 });
    const p1 = (r.counts["1"] ?? 0) / shots;
    expect(Math.abs(p1 - (1 - gamma) ** 6)).toBeLessThan(binom5((1 - gamma) ** 6, shots));
    expect(Object.keys(r.counts).every((key) => key.length === 1)).toBe(true); // the environment adds no event
  });

  it("phase damping λ: ⟨X⟩ of |+⟩ shrinks by √(1 − λ) per gate, populations untouched", async () => {
    const lambda = 0.36;
    const g = graph(1, [{ op: "APPLY_H", vqs: ["q0"] }, { op: "APPLY_Z", vqs: ["q0"] }, { op: "APPLY_Z", vqs: ["q0"] }]);
    const noise: NoiseModel = { gates: { Z: { phase_damping: lambda } } };
    const est = await expectationSampled(call, g, "X0 + Z0", { shots: 2000, seed: 2, prepare: (x) => withNoise(x, noise) });
    expect(Math.abs(est.value - (1 - lambda))).toBeLessThan(5 * est.stderr); // √(1−λ)² after two Z gates
  });

  it("readout error flips reported bits with probability p, and feed-forward sees the flipped bit", async () => {
    const p = 0.15, shots = 3000;
    const g = graph(2, [
      { op: "MEASURE_Z", vqs: ["q0"], produces: ["m0"] },
      { op: "APPLY_X", vqs: ["q1"], guard: { event: "m0", equals: 1 } },
      { op: "MEASURE_Z", vqs: ["q1"], produces: ["m1"] },
    ]);
    const r = await runJob(call, withNoise(g, { qubits: { "0": { readout: p } } }), { shots, seed: 5 });
    // q1 follows the reported m0 exactly (its own readout is perfect)
    expect(Object.keys(r.counts).sort()).toEqual(["00", "11"]);
    expect(Math.abs((r.counts["11"] ?? 0) / shots - p)).toBeLessThan(binom5(p, shots));
  });

  it("is reproducible from the job seed, and another seed draws other trajectories", async () => {
    const g = withNoise(
      graph(2, [{ op: "APPLY_H", vqs: ["q0"] }, { op: "APPLY_CNOT", vqs: ["q0", "q1"] }, { op: "MEASURE_Z", vqs: ["q0"], produces: ["a"] }, { op: "MEASURE_Z", vqs: ["q1"], produces: ["b"] }]),
      { gate: { depolarizing: 0.2, amplitude_damping: 0.05 }, readout: 0.05 },
    );
    const a = await runJob(call, g, { shots: 400, seed: 77 });
    const b = await runJob(call, g, { shots: 400, seed: 77 });
    const c = await runJob(call, g, { shots: 400, seed: 78 });
    expect(b.counts).toEqual(a.counts);
    expect(c.counts).not.toEqual(a.counts);
  });
});

describe("noisy graphs are ordinary graphs", () => {
  it("verify clean, keep the program's events, free the environment qubit", () => {
    const g = withNoise(BELL, { gate: { depolarizing: 0.1, amplitude_damping: 0.1, phase_damping: 0.1 }, readout: 0.1 });
    const v = verifyGraph(g, { strict: true });
    expect(v.errors).toEqual([]);
    expect(v.warnings).toEqual([]);
    expect(g.resources.events).toEqual(BELL.resources.events);
    expect(g.program.nodes.at(-1)!.op).toBe("FREE_LQ");
    expect(BELL.program.nodes).toHaveLength(4); // input untouched
  });

  it("a guarded gate's noise carries its guard", () => {
    const g = graph(2, [{ op: "MEASURE_Z", vqs: ["q0"], produces: ["m"] }, { op: "APPLY_X", vqs: ["q1"], guard: { event: "m", equals: 1 } }]);
    const n = withNoise(g, { gates: { X: { depolarizing: 0.5 } } });
    const after = n.program.nodes.slice(n.program.nodes.findIndex((x) => x.id === "n1") + 1).filter((x) => x.id.startsWith("_noise") && x.op !== "RESET" && x.op !== "FREE_LQ");
    expect(after.length).toBeGreaterThan(0);
    for (const x of after) expect(x.guard).toEqual({ event: "m", equals: 1 });
    expect(verifyGraph(n).errors).toEqual([]);
  });

  it("an empty model changes nothing", () => {
    expect(withNoise(BELL, {})).toEqual(BELL);
  });
});

describe("noise models are validated", () => {
  it.each([
    [{ gate: { depolarizing: 1.5 } }, "noise.gate.depolarizing"],
    [{ gate: { bitflip: 0.1 } }, "noise.gate.bitflip"],
    [{ gates: { MEASURE_Z: { depolarizing: 0.1 } } }, "noise.gates.MEASURE_Z"],
    [{ gates: { FOO: { depolarizing: 0.1 } } }, "noise.gates.FOO"],
    [{ qubits: { a: { readout: 0.1 } } }, "noise.qubits.a"],
    [{ readout: -0.1 }, "noise.readout"],
    [{ logical: {} }, "noise.logical.physical_error_rate"],
    [{ colour: 1 }, "noise.colour"],
    ["{not json", "noise"],
    [[], "noise.model"],
  ])("%j → INVALID_PARAMS at %s", (m, field) => {
    let err: unknown;
    try {
      parseNoiseModel(m);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(QmkError);
    expect((err as QmkError).codeName).toBe("INVALID_PARAMS");
    expect((err as QmkError).data.field).toBe(field);
  });

  it("refuses a qubit the program does not have", () => {
    expect(() => withNoise(BELL, { qubits: { "2": { depolarizing: 0.1 } } })).toThrow(/2 qubit/);
  });
});

describe("logical errors from the QEC profile", () => {
  const l = { physical_error_rate: 1e-3 };

  it("follows A (p/p_th)^((d+1)/2) (Fowler et al. 2012) and falls with distance", () => {
    const d3 = logicalErrorRate("logical:Surface(d=3)", l);
    const d7 = logicalErrorRate("logical:Surface(d=7)", l);
    expect(d3).toBeCloseTo(SURFACE_PREFACTOR * (1e-3 / SURFACE_THRESHOLD) ** 2, 15);
    expect(d7).toBeCloseTo(SURFACE_PREFACTOR * (1e-3 / SURFACE_THRESHOLD) ** 4, 15);
    expect(d7).toBeLessThan(d3 / 10);
    expect(logicalErrorRate("logical:Surface(d=3)", { physical_error_rate: 0.5 })).toBe(1); // above threshold: clamped
  });

  it("needs explicit constants for schemes without a standard fit", () => {
    expect(() => logicalErrorRate("logical:SHYPS(d=4)".replace("4", "5"), l)).toThrow(/threshold and noise.logical.prefactor/);
    expect(logicalErrorRate("logical:BaconShor(d=3)", { ...l, threshold: 0.01, prefactor: 0.1 })).toBeCloseTo(0.1 * 0.1 ** 2, 15);
  });

  it("Surface(d=3) and Surface(d=7) give different logical error rates in a run", async () => {
    // p chosen so the d=3 rate is large enough to see in a few thousand shots
    const noise: NoiseModel = { logical: { physical_error_rate: 0.004 } };
    const flips = async (profile: string) => {
      const g = graph(1, [...Array.from({ length: 10 }, () => ({ op: "APPLY_Z", vqs: ["q0"] })), { op: "MEASURE_Z", vqs: ["q0"], produces: ["m"] }], profile);
      const r = await runJob(call, withNoise(g, noise), { shots: 2000, seed: 1 });
      return (r.counts["1"] ?? 0) / 2000;
    };
    const pl3 = logicalErrorRate("logical:Surface(d=3)", noise.logical!);
    // a Z measurement sees X and Y: P(flip) after 10 depolarizing(p) = (1 − (1 − p)^10)/2
    const want3 = (1 - (1 - pl3) ** 10) / 2;
    const f3 = await flips("logical:Surface(d=3)");
    const f7 = await flips("logical:Surface(d=7)");
    expect(Math.abs(f3 - want3)).toBeLessThan(binom5(want3, 2000));
    expect(f7).toBeLessThan(f3);
  });
});

describe("malformed graphs are refused before any rewriting", () => {
  it.each([
    [null, "graph"],
    [{ program: {}, resources: { vqs: [], events: [] } }, "program.nodes"],
    [{ program: { nodes: [] }, resources: { events: [] } }, "resources.vqs"],
    [{ program: { nodes: [5] }, resources: { vqs: [], events: [] } }, "program.nodes[0]"],
    [{ program: { nodes: [{ id: "a", op: "APPLY_H", vqs: "q" }] }, resources: { vqs: ["q"], events: [] } }, "program.nodes[0].vqs"],
  ])("%j → INVALID_GRAPH at %s (noise and observables alike)", async (g, field) => {
    expect(() => withNoise(g as never, { readout: 0.1 })).toThrow(expect.objectContaining({ codeName: "INVALID_GRAPH", data: { field } }));
    await expect(expectationSampled(call, g as never, "Z0", { shots: 10 })).rejects.toMatchObject({ codeName: "INVALID_GRAPH", data: { field } });
  });
});

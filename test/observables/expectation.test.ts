// Expectation values through the kernel: exact (eager replay + q_amplitudes)
// against an independent dense computation, and sampled estimates within
// 5σ of the exact value; refusals are clear.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKernel, type Kernel } from "../../kernel/index.js";
import { expectationExact, expectationSampled, type Caller } from "../../kernel/observables/estimate.js";
import { qasmToGraph } from "../../kernel/qasm/import.js";
import type { QvmGraph } from "../../kernel/qvm/graph.js";
import { circuit, cx, h, ifOne, measure, ry, rz, s as sGate, x, z } from "../../dsl/index.js";

let k: Kernel;
let call: Caller;
beforeAll(async () => {
  k = await createKernel({ inMemory: true, demoTenant: true });
  const { session_id } = await k.call("q_negotiate_caps", { token: k.demoToken });
  call = (m, p) => k.call(m, { session_id, ...p });
});
afterAll(async () => k.close());

// |ψ⟩ = CNOT(0→1) · (RY(a) ⊗ RY(b))|00⟩, then RZ(c) on qubit 1, measured at the end
const A = 1.1, B = 0.4, C = 0.7;
const QASM = `OPENQASM 2.0;
include "qelib1.inc";
qreg q[2];
creg m[2];
ry(${A}) q[0];
ry(${B}) q[1];
cx q[0], q[1];
rz(${C}) q[1];
measure q -> m;
`;

/** the same state written out by hand */
function psi(): { re: number[]; im: number[] } {
  const a0 = Math.cos(A / 2), a1 = Math.sin(A / 2), b0 = Math.cos(B / 2), b1 = Math.sin(B / 2);
  // amplitudes before CNOT, index = q1 q0 (bit k = qubit k)
  const pre = [a0 * b0, a1 * b0, a0 * b1, a1 * b1];
  const post = [pre[0]!, pre[3]!, pre[2]!, pre[1]!]; // CNOT 0→1 swaps |01⟩ ↔ |11⟩ (bit0 = control)
  const re: number[] = [], im: number[] = [];
  post.forEach((v, i) => {
    const ph = ((i >> 1) & 1 ? 1 : -1) * (C / 2); // RZ(c) = diag(e^{-ic/2}, e^{ic/2}) on qubit 1
    re.push(v * Math.cos(ph));
    im.push(v * Math.sin(ph));
  });
  return { re, im };
}

function expZZ(): number {
  const { re, im } = psi();
  return re.reduce((acc, r, i) => acc + (r * r + im[i]! * im[i]!) * (((i & 1) ^ ((i >> 1) & 1)) ? -1 : 1), 0);
}

describe("exact expectation", () => {
  it("equals the hand-computed value and reads terminal measurements as the final state", async () => {
    const g = qasmToGraph(QASM);
    const r = await expectationExact(call, g, "Z0 Z1");
    expect(r.value).toBeCloseTo(expZZ(), 10);
    expect(r).toMatchObject({ stderr: 0, shots: 0, observable: "Z0 Z1" });
    // X1 and Y1 after RZ: ⟨X1⟩ = Re/Im of the qubit-1 coherence — check them against the dense state
    const { re, im } = psi();
    let x1 = 0, y1 = 0;
    for (let i = 0; i < 4; i++) {
      if ((i >> 1) & 1) continue;
      const j = i | 2; // ⟨ψ|X1|ψ⟩ = 2 Re Σ conj(ψ_i) ψ_j, ⟨Y1⟩ = 2 Im Σ conj(ψ_i) ψ_j
      x1 += 2 * (re[i]! * re[j]! + im[i]! * im[j]!);
      y1 += 2 * (re[i]! * im[j]! - im[i]! * re[j]!);
    }
    expect((await expectationExact(call, g, "X1")).value).toBeCloseTo(x1, 10);
    expect((await expectationExact(call, g, "Y1")).value).toBeCloseTo(y1, 10);
  });

  it("leaves no qubit behind", async () => {
    const before = (await call("q_get_telemetry", {})).usage;
    await expectationExact(call, qasmToGraph(QASM), "Z0");
    expect((await call("q_get_telemetry", {})).usage).toEqual(before);
  });

  it("is refused for a program with mid-circuit measurement, and for a measured observable qubit", async () => {
    const mid = qasmToGraph(`OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[2];\ncreg c[1];\nh q[0];\nmeasure q[0] -> c[0];\nif (c == 1) x q[1];\n`);
    await expect(expectationExact(call, mid, "Z1")).rejects.toMatchObject({ codeName: "INVALID_PARAMS", data: { field: "shots" } });
    await expect(expectationExact(call, mid, "Z0")).rejects.toThrow(/measured before the end/);
    await expect(expectationExact(call, qasmToGraph(QASM), "Z5")).rejects.toThrow(/qubit 5/);
  });
});

describe("sampled expectation", () => {
  it("lands within 5σ of the exact value, with one job per commuting group", async () => {
    const g = qasmToGraph(QASM);
    const obs = "Z0 Z1 + 0.5 X0 - 0.3 Y1 + 0.2 X0 X1 + 0.1";
    const exact = await expectationExact(call, g, obs);
    const est = await expectationSampled(call, g, obs, { shots: 3000, seed: 11 });
    expect(est.groups).toBe(3);
    expect(est.shots).toBe(9000);
    expect(est.stderr).toBeGreaterThan(0);
    expect(Math.abs(est.value - exact.value)).toBeLessThan(5 * est.stderr);
    // reproducible from its seed
    expect((await expectationSampled(call, g, obs, { shots: 3000, seed: 11 })).value).toBe(est.value);
  });

  it("works after mid-circuit measurement and feed-forward (teleporting RY(θ)|0⟩), where exact cannot", async () => {
    const theta = 0.9;
    const tele = circuit("demo", (src) => {
      const [a, b, c] = src.alloc(3);
      ry(a, theta);
      h(b);
      cx(b, c);
      cx(a, b);
      h(a);
      measure(a);
      measure(b);
      // corrections X^{m_b} Z^{m_a} on c
      ifOne(b, () => x(c));
      ifOne(a, () => z(c));
    });
    const g: QvmGraph = tele.toGraph();
    const est = await expectationSampled(call, g, "Z2 + X2", { shots: 3000, seed: 5 });
    const exact = Math.cos(theta) + Math.sin(theta);
    expect(Math.abs(est.value - exact)).toBeLessThan(5 * est.stderr);
  });

  it("needs at least 2 shots", async () => {
    await expect(expectationSampled(call, qasmToGraph(QASM), "Z0", { shots: 1 })).rejects.toMatchObject({ codeName: "INVALID_PARAMS", data: { field: "shots" } });
  });
});

// keep the DSL imports honest (S gate used by a Y-basis check)
describe("Y basis sign", () => {
  it("⟨Y⟩ = +1 on S·H|0⟩ both exactly and sampled", async () => {
    const c = circuit("demo", (src) => {
      const q = src.qubit();
      h(q);
      sGate(q);
      rz(q, 0);
    });
    const g = c.toGraph();
    expect((await expectationExact(call, g, "Y0")).value).toBeCloseTo(1, 12);
    const est = await expectationSampled(call, g, "Y0", { shots: 200, seed: 2 });
    expect(est.value).toBe(1);
    expect(est.stderr).toBe(0);
  });
});

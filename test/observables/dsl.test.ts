// The DSL side of experiments: circuit.expectation (exact and sampled),
// run({ noise }), ccx/cswap eager and captured, their lint vocabulary and SVG glyphs.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { qmk, circuit, ccx, cswap, cx, h, measure, ry, x, type Connection, type Session } from "../../dsl/index.js";
import { circuitSvg } from "../../dsl/display/index.js";
import { lintText } from "../../lint-rules/index.js";
import { FREE_FUNCTIONS } from "../../lint-rules/model.js";
import { OPCODES } from "../../kernel/qvm/opcodes.js";

let conn: Connection;
let alice: Session<"alice">;
beforeAll(async () => {
  conn = await qmk.local({ inMemory: true, seed: 1 });
  alice = await conn.tenant("alice");
});
afterAll(async () => conn.close());

describe("circuit.expectation", () => {
  it("is exact without shots and within 5σ with shots", async () => {
    const theta = 0.8;
    const c = circuit(alice, (s) => {
      const [a, b] = s.alloc(2);
      ry(a, "theta");
      cx(a, b);
      measure(a);
      measure(b);
    });
    const exact = await c.expectation("Z0 Z1 + X0 X1 + Z0", { params: { theta } });
    // RY(θ)|0⟩ then CNOT: cos(θ/2)|00⟩ + sin(θ/2)|11⟩ → ⟨ZZ⟩ = 1, ⟨XX⟩ = sin θ, ⟨Z0⟩ = cos θ
    expect(exact.value).toBeCloseTo(1 + Math.sin(theta) + Math.cos(theta), 10);
    expect(exact.stderr).toBe(0);
    const est = await c.expectation("Z0 Z1 + X0 X1 + Z0", { params: { theta }, shots: 2000, seed: 4 });
    expect(est.groups).toBe(2);
    expect(Math.abs(est.value - exact.value)).toBeLessThan(5 * est.stderr);
  });

  it("with noise needs shots, and then follows the channel", async () => {
    const c = circuit(alice, (s) => {
      const q = s.qubit();
      x(q);
    });
    await expect(c.expectation("Z0", { noise: { gate: { amplitude_damping: 0.3 } } })).rejects.toMatchObject({ codeName: "INVALID_PARAMS", data: { field: "shots" } });
    const est = await c.expectation("Z0", { noise: { gate: { amplitude_damping: 0.3 } }, shots: 2000, seed: 1 });
    expect(Math.abs(est.value - (2 * 0.3 - 1))).toBeLessThan(5 * est.stderr); // P(1) = 0.7 → ⟨Z⟩ = −0.4
  });
});

describe("run({ noise })", () => {
  it("keeps the circuit's output names and flips bits at the readout rate", async () => {
    const c = circuit(alice, (s) => {
      const q = s.qubit();
      measure(q);
      return { q };
    });
    const counts = await c.run({ shots: 2000, seed: 3, noise: { readout: 0.2 } });
    expect(counts.names).toEqual(["q"]);
    const p = counts.marginal("q");
    expect(Math.abs(p - 0.2)).toBeLessThan(5 * Math.sqrt((0.2 * 0.8) / 2000));
    await expect(c.run({ noise: { readout: 2 } })).rejects.toMatchObject({ codeName: "INVALID_PARAMS", data: { field: "noise.readout" } });
  });
});

describe("ccx and cswap", () => {
  it("run eagerly: Toffoli flips only on 11, Fredkin swaps only on 1", async () => {
    for (const [a0, b0, want] of [[0, 0, 0], [1, 0, 0], [0, 1, 0], [1, 1, 1]] as const) {
      const [a, b, t] = alice.alloc(3);
      if (a0) x(a);
      if (b0) x(b);
      ccx(a, b, t);
      measure(t);
      expect(t.outcome, `${a0}${b0}`).toBe(want);
      measure(a);
      measure(b);
    }
    const [c, p, q] = alice.alloc(3);
    x(c);
    x(p);
    cswap(c, p, q);
    measure(p);
    measure(q);
    expect([p.outcome, q.outcome]).toEqual([0, 1]);
    measure(c);
  });

  it("capture as APPLY_CCX / APPLY_CSWAP, draw as controls and ⊕ / ×, and are known to the lint", async () => {
    const g = circuit("alice", (s) => {
      const [a, b, t] = s.alloc(3);
      h(a);
      h(b);
      ccx(a, b, t);
      cswap(t, a, b);
    }).toGraph();
    expect(g.program.nodes.map((n) => n.op)).toContain("APPLY_CCX");
    expect(g.program.nodes.map((n) => n.op)).toContain("APPLY_CSWAP");
    const svg = circuitSvg(g);
    const ccxGroup = /<g class="gate" data-op="APPLY_CCX"[^>]*>(.*?)<\/g>/.exec(svg)![1]!;
    expect(ccxGroup.match(/class="control"/g)).toHaveLength(2);
    expect(ccxGroup).toContain('class="target"');
    const cswapGroup = /<g class="gate" data-op="APPLY_CSWAP"[^>]*>(.*?)<\/g>/.exec(svg)![1]!;
    expect(cswapGroup.match(/class="control"/g)).toHaveLength(1);
    expect(cswapGroup.match(/class="swap"/g)).toHaveLength(2);
    for (const name of ["ccx", "cswap"]) {
      expect(FREE_FUNCTIONS[name]!.qubits).toHaveLength(OPCODES[name === "ccx" ? "APPLY_CCX" : "APPLY_CSWAP"]!.vqs as number);
    }
    const diags = lintText(
      "p.ts",
      `import { qmk, ccx, measure } from "./dsl/index.js";\nconst s = await (await qmk.local()).tenant("a");\nconst [a, b, t] = s.alloc(3);\nmeasure(t);\nccx(a, b, t);\n`,
    );
    expect(diags.some((d) => /measured|after measure/i.test(d.message))).toBe(true);
  });
});

import { describe, expect, it } from "vitest";
import { Simulator, mulberry32 } from "../../kernel/sim/index.js";
import { QmkError } from "../../kernel/errors.js";
import { configs } from "./configs.js";
import { overlap } from "./reference.js";

/** |k − N·p| ≤ 5σ */
function within5sigma(k: number, N: number, p: number): boolean {
  return Math.abs(k - N * p) <= 5 * Math.sqrt(N * p * (1 - p)) + 1e-9;
}

describe.each(configs)("measurement ($name)", (cfg) => {
  it("Z statistics follow the Born rule within 5σ", () => {
    const sim = new Simulator({ ...cfg.opts, seed: 7 });
    const [q] = sim.allocate(1);
    const theta = 1.1, p1 = Math.sin(theta / 2) ** 2, N = 4000;
    let ones = 0;
    for (let i = 0; i < N; i++) {
      sim.reset(q);
      sim.gate("RY", [q], [theta]);
      ones += sim.measure(q);
    }
    expect(within5sigma(ones, N, p1)).toBe(true);
  });

  it("X, Y and angle bases: eigenstates give certain outcomes, collapse to the eigenstate", () => {
    const sim = new Simulator(cfg.opts);
    const [q] = sim.allocate(1);
    sim.gate("H", [q]);
    expect(sim.measure(q, "X")).toBe(0);
    sim.gate("Z", [q]); // |−⟩
    expect(sim.measure(q, "X")).toBe(1);
    sim.reset(q); sim.gate("H", [q]); sim.gate("S", [q]); // |+i⟩
    expect(sim.measure(q, "Y")).toBe(0);
    sim.gate("Z", [q]); // |−i⟩
    expect(sim.measure(q, "Y")).toBe(1);
    const th = 0.8;
    sim.reset(q); sim.gate("RY", [q], [th]); // cos(θ/2)|0⟩+sin(θ/2)|1⟩ is outcome 0
    expect(sim.measure(q, { angle: th })).toBe(0);
    const eig = { re: Float64Array.of(Math.cos(th / 2), Math.sin(th / 2)), im: new Float64Array(2) };
    expect(overlap(sim.stateVector([q]), eig)).toBeCloseTo(1, 12);
    sim.reset(q); sim.gate("RY", [q], [th + Math.PI]); // orthogonal state → 1
    expect(sim.measure(q, { angle: th })).toBe(1);
  });

  it("X-basis statistics on |0⟩ are 50/50 within 5σ and collapse to |±⟩", () => {
    const sim = new Simulator({ ...cfg.opts, seed: 3 });
    const [q] = sim.allocate(1);
    const N = 2000;
    let ones = 0;
    for (let i = 0; i < N; i++) {
      sim.reset(q);
      const m = sim.measure(q, "X");
      ones += m;
      const p = sim.probabilities([q]);
      expect(p[0]).toBeCloseTo(0.5, 12);
      expect(sim.measure(q, "X")).toBe(m); // repeated measurement agrees
    }
    expect(within5sigma(ones, N, 0.5)).toBe(true);
  });

  it("angle-basis statistics within 5σ", () => {
    const sim = new Simulator({ ...cfg.opts, seed: 11 });
    const [q] = sim.allocate(1);
    const th = 1.3, N = 3000;
    let ones = 0;
    for (let i = 0; i < N; i++) { sim.reset(q); ones += sim.measure(q, { angle: th }); }
    // P(0) = |⟨ψ0|0⟩|² = cos²(θ/2)
    expect(within5sigma(ones, N, Math.sin(th / 2) ** 2)).toBe(true);
  });

  it("same seed ⇒ same outcomes; different seeds differ", () => {
    const run = (seed: number) => {
      const sim = new Simulator({ ...cfg.opts, seed });
      const q = sim.allocate(4);
      const out: number[] = [];
      for (let i = 0; i < 50; i++) {
        for (const x of q) sim.gate("H", [x]);
        sim.gate("CNOT", [q[0], q[1]]);
        for (const x of q) out.push(sim.measure(x, i % 2 ? "X" : "Z"));
      }
      return out.join("");
    };
    expect(run(42)).toBe(run(42));
    expect(run(42)).not.toBe(run(43));
  });

  it("setSeed restarts the stream", () => {
    const sim = new Simulator(cfg.opts);
    const [q] = sim.allocate(1);
    const draw = () => Array.from({ length: 30 }, () => { sim.reset(q); sim.gate("H", [q]); return sim.measure(q); }).join("");
    sim.setSeed(5); const a = draw();
    sim.setSeed(5); const b = draw();
    expect(a).toBe(b);
  });

  it("measureBell identifies each Bell state and collapses to it", () => {
    const sim = new Simulator({ ...cfg.opts, seed: 1 });
    const [a, b] = sim.allocate(2);
    for (let idx = 0; idx < 4; idx++) {
      sim.reset(a); sim.reset(b);
      sim.gate("H", [a]); sim.gate("CNOT", [a, b]); // Φ+
      if (idx & 1) sim.gate("X", [b]);              // zParity 1
      if (idx & 2) sim.gate("Z", [a]);              // xParity 1
      expect(sim.measureBell(a, b)).toBe(idx);
      expect(sim.reducedPurity([a])).toBeCloseTo(0.5, 12);
      expect(sim.measureBell(a, b)).toBe(idx);
    }
    // |00⟩ = (Φ+ + Φ−)/√2: outcomes 0 and 2, ~50/50
    let two = 0;
    for (let i = 0; i < 1000; i++) {
      sim.reset(a); sim.reset(b);
      const r = sim.measureBell(a, b);
      expect([0, 2]).toContain(r);
      if (r === 2) two++;
    }
    expect(within5sigma(two, 1000, 0.5)).toBe(true);
  });

  it("sample: frequencies within 5σ, bit order = ids order, no collapse", () => {
    const sim = new Simulator({ ...cfg.opts, seed: 9 });
    const [a, b] = sim.allocate(2);
    sim.gate("X", [b]);
    sim.gate("RY", [a], [1.0]);
    const N = 5000;
    const counts = sim.sample([b, a], N);
    const p = Math.sin(0.5) ** 2;
    for (const k of counts.keys()) expect(["10", "11"]).toContain(k);
    expect(within5sigma(counts.get("11") ?? 0, N, p)).toBe(true);
    expect(sim.probabilities([a])[1]).toBeCloseTo(p, 12);
  });

  it("reset returns any qubit to |0⟩ without touching an unentangled neighbour", () => {
    const sim = new Simulator(cfg.opts);
    const [a, b] = sim.allocate(2);
    sim.gate("U", [a], [1, 2, 3]); sim.gate("RX", [b], [0.3]);
    sim.reset(a);
    expect(sim.probabilities([a])[0]).toBeCloseTo(1, 12);
    expect(sim.probabilities([b])[1]).toBeCloseTo(Math.sin(0.15) ** 2, 12);
  });
});

describe("PRNG", () => {
  it("mulberry32 is deterministic and roughly uniform", () => {
    const r1 = mulberry32(1), r2 = mulberry32(1);
    const xs = Array.from({ length: 10000 }, () => r1());
    expect(xs.slice(0, 5)).toEqual(Array.from({ length: 5 }, () => r2()));
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / xs.length));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describe("invalid arguments", () => {
  const sim = new Simulator();
  const [q, r] = sim.allocate(2);
  const field = (f: () => unknown): string | undefined => {
    try { f(); } catch (e) { expect(e).toBeInstanceOf(QmkError); expect((e as QmkError).codeName).toBe("INVALID_PARAMS"); return (e as QmkError).data.field; }
    throw new Error("did not throw");
  };
  it("rejects bad ids, names, arities, params, bases, shots", () => {
    expect(field(() => sim.gate("H", [99]))).toBe("qubits[0]");
    expect(field(() => sim.gate("CNOT", [q, q]))).toBe("qubits[1]");
    expect(field(() => sim.gate("H", [q, r]))).toBe("qubits");
    expect(field(() => sim.gate("FOO" as never, [q]))).toBe("name");
    expect(field(() => sim.gate("RX", [q]))).toBe("params");
    expect(field(() => sim.gate("RX", [q], [NaN]))).toBe("params[0]");
    expect(field(() => sim.measure(q, "W" as never))).toBe("basis");
    expect(field(() => sim.measure(1.5))).toBe("q");
    expect(field(() => sim.measureBell(q, q))).toBe("qubits[1]");
    expect(field(() => sim.sample([q], -1))).toBe("shots");
    expect(field(() => sim.probabilities([q, q]))).toBe("ids[1]");
    expect(field(() => sim.release([7]))).toBe("ids[0]");
    expect(field(() => sim.allocate(-1))).toBe("n");
    expect(field(() => sim.unitary1(q, Float64Array.of(1, 0, 1, 0, 0, 0, 1, 0)))).toBe("m");
    expect(field(() => sim.unitary1(q, new Float64Array(3)))).toBe("m");
  });
  it("refuses more qubits than maxQubits", () => {
    const small = new Simulator({ maxQubits: 3 });
    small.allocate(3);
    expect(() => small.allocate(1)).toThrow(QmkError);
  });
});

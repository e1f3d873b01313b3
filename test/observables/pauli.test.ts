// Pauli-sum parsing, grouping and the exact expectation on a state vector,
// checked against expectations computed by hand (dense 2×2 Kronecker products).
import { describe, expect, it } from "vitest";
import { exactExpectation, groupCommuting, parseObservable } from "../../kernel/observables/pauli.js";
import { QmkError } from "../../kernel/errors.js";

type C = [number, number];
const mul = (a: C, b: C): C => [a[0] * b[0] - a[1] * b[1], a[0] * b[1] + a[1] * b[0]];
const PAULI: Record<string, C[][]> = {
  I: [[[1, 0], [0, 0]], [[0, 0], [1, 0]]],
  X: [[[0, 0], [1, 0]], [[1, 0], [0, 0]]],
  Y: [[[0, 0], [0, -1]], [[0, 1], [0, 0]]],
  Z: [[[1, 0], [0, 0]], [[0, 0], [-1, 0]]],
};

/** ⟨ψ|P_{n-1}⊗…⊗P_0|ψ⟩ by the definition (index bit k = qubit k), independent of pauli.ts. */
function dense(paulis: string[], re: number[], im: number[]): number {
  const n = paulis.length;
  let acc: C = [0, 0];
  for (let r = 0; r < 2 ** n; r++)
    for (let c = 0; c < 2 ** n; c++) {
      let m: C = [1, 0];
      for (let k = 0; k < n; k++) m = mul(m, PAULI[paulis[k]!]![(r >> k) & 1]![(c >> k) & 1]!);
      const v = mul(mul([re[r]!, -im[r]!], m), [re[c]!, im[c]!]);
      acc = [acc[0] + v[0], acc[1] + v[1]];
    }
  return acc[0];
}

function randomState(n: number, seed: number): { re: number[]; im: number[] } {
  let s = seed;
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2 - 1;
  const re = Array.from({ length: 2 ** n }, rnd);
  const im = Array.from({ length: 2 ** n }, rnd);
  const norm = Math.sqrt(re.reduce((a, x, i) => a + x * x + im[i]! * im[i]!, 0));
  return { re: re.map((x) => x / norm), im: im.map((x) => x / norm) };
}

describe("parseObservable", () => {
  it("reads sums with coefficients, signs, '*', and merges equal strings", () => {
    const o = parseObservable("Z0 Z1 + 0.5 X0 - 2*Y2*Z0 + 1e-1 + Z1Z0 - .25 I");
    expect(o.constant).toBeCloseTo(-0.15, 12);
    expect(o.width).toBe(3);
    const byKey = Object.fromEntries(o.terms.map((t) => [t.ops.map(([q, p]) => `${p}${q}`).join(" "), t.coeff]));
    expect(byKey).toEqual({ "Z0 Z1": 2, X0: 0.5, "Z0 Y2": -2 });
    expect(parseObservable("-X0").terms[0]!.coeff).toBe(-1);
    expect(parseObservable("Z0 - Z0").terms).toEqual([]);
    expect(parseObservable("3").constant).toBe(3);
  });

  it.each([
    ["", "is empty"],
    ["Z0 +", "ends after a sign"],
    ["Z0 Q1", "column 4"],
    ["X", "needs a qubit index"],
    ["Z0 Z0", "appears twice"],
    ["Z0 2", "one coefficient"],
    ["Z0 X1 Y2 * ", "'*'"],
    ["Z99999", "exceeds"],
  ])("refuses %j with INVALID_PARAMS (%s)", (text, msg) => {
    let err: unknown;
    try {
      parseObservable(text);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(QmkError);
    expect((err as QmkError).codeName).toBe("INVALID_PARAMS");
    expect((err as QmkError).data.field).toBe("observable");
    expect((err as QmkError).message).toContain(msg);
  });

  it("refuses a non-string", () => {
    expect(() => parseObservable(42)).toThrow(/must be a string/);
  });
});

describe("groupCommuting", () => {
  it("puts qubit-wise commuting terms together and separates the rest", () => {
    const o = parseObservable("Z0 Z1 + Z0 + Z1 + X0 X1 + X0 + Y0 Y1");
    const g = groupCommuting(o.terms);
    expect(g).toHaveLength(3);
    for (const grp of g)
      for (const t of grp.terms) for (const [q, p] of t.ops) expect(grp.bases.get(q)).toBe(p);
    expect(g.map((x) => x.terms.length).sort()).toEqual([1, 2, 3]);
  });
});

describe("exactExpectation", () => {
  it("matches the dense definition on random 3-qubit states for every Pauli string", () => {
    const { re, im } = randomState(3, 7);
    const letters = ["I", "X", "Y", "Z"];
    for (let code = 1; code < 64; code++) {
      const ps = [0, 1, 2].map((k) => letters[(code >> (2 * k)) & 3]!);
      const text = ps.map((p, k) => (p === "I" ? "" : `${p}${k}`)).filter(Boolean).join(" ");
      expect(exactExpectation(parseObservable(text), re, im), text).toBeCloseTo(dense(ps, re, im), 12);
    }
    const sum = parseObservable("0.5 X0 Y1 - 2 Z2 + 0.25");
    expect(exactExpectation(sum, re, im)).toBeCloseTo(0.5 * dense(["X", "Y", "I"], re, im) - 2 * dense(["I", "I", "Z"], re, im) + 0.25, 12);
  });

  it("refuses an observable wider than the state", () => {
    expect(() => exactExpectation(parseObservable("Z3"), [1, 0], [0, 0])).toThrow(/qubit 3/);
  });
});

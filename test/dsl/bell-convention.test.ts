// MEASURE_BELL event order, eagerly and in captured graphs: [xParity, zParity].
import { describe, expect, test } from "vitest";
import { qmk, h, cx, x, z, measureBell, circuit, type QubitSource, type Live } from "../../dsl/index.js";

type Prep = (a: Live, b: Live) => void;
const states: [string, Prep, string, number][] = [
  ["Φ+", (a, b) => (h(a), cx(a as Live<string>, b)), "00", 0],
  ["Ψ+", (a, b) => (h(a), cx(a as Live<string>, b), x(b)), "01", 1],
  ["Φ−", (a, b) => (h(a), z(a), cx(a as Live<string>, b)), "10", 2],
  ["Ψ−", (a, b) => (h(a), z(a), cx(a as Live<string>, b), x(b)), "11", 3],
];

describe("Bell measurement convention", () => {
  test.each(states)("%s", async (_name, prep, bits, index) => {
    const conn = await qmk.local({ inMemory: true, seed: 9 });
    const alice = await conn.tenant("alice");
    const [a, b] = alice.alloc(2);
    prep(a, b);
    measureBell(a, b);
    expect(a.bellBits.map((v) => v.value).join("")).toBe(bits);
    expect(a.bellIndex).toBe(index);
    const prog = <T extends string>(s: QubitSource<T>) => {
      const [p, q] = s.alloc(2);
      prep(p, q);
      measureBell(p, q);
      return { x: p.bellBits[0], z: p.bellBits[1] };
    };
    const counts = await circuit(alice, prog).run({ shots: 20, seed: 1 });
    expect(counts.counts).toEqual({ [bits]: 20 });
    await conn.close();
  });
});

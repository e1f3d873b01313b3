// Robustness: verifyGraph answers every input with a result, never an
// exception; random valid circuits verify, run, and clean up.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { verifyGraph } from "../../kernel/qvm/verifier.js";
import { executeGraph } from "../../kernel/qvm/executor.js";
import { BarePort } from "../../kernel/qvm/bare-port.js";
import { parseAsm } from "../../kernel/qvm/asm.js";
import type { QvmGraph, QvmNode } from "../../kernel/qvm/graph.js";
import { QmkError } from "../../kernel/errors.js";
import { conformanceFiles, loadConformance } from "./helpers.js";

function wellFormed(r: ReturnType<typeof verifyGraph>): boolean {
  // the verifier's catch-all must never be what answered: that would be a verifier bug
  const internal = r.errors.some((e) => e.message.startsWith("graph could not be verified"));
  if (internal) throw new Error(`verifier crashed: ${JSON.stringify(r.errors)}`);
  return typeof r.valid === "boolean" && r.valid === (r.errors.length === 0) && r.errors.every((e) => typeof e.message === "string" && typeof e.code === "string" && typeof e.field === "string");
}

/** Replace the value at a random path of a JSON tree. */
function mutate(root: unknown, pathPick: number[], value: unknown): unknown {
  const copy = structuredClone(root) as Record<string, unknown>;
  let cur: unknown = copy;
  for (let i = 0; i < pathPick.length; i++) {
    if (!cur || typeof cur !== "object") break;
    const keys = Object.keys(cur as object);
    if (!keys.length) break;
    const k = keys[pathPick[i]! % keys.length]!;
    const child = (cur as Record<string, unknown>)[k];
    if (i === pathPick.length - 1 || !child || typeof child !== "object") {
      (cur as Record<string, unknown>)[k] = value;
      break;
    }
    cur = child;
  }
  return copy;
}

describe("verifier robustness", () => {
  it("never throws on arbitrary values", () => {
    fc.assert(fc.property(fc.anything(), (x) => wellFormed(verifyGraph(x))), { numRuns: 300 });
    for (const x of [undefined, null, 0, "", [], {}, Object.create(null), { version: "0.1", program: { nodes: null }, resources: {} }])
      expect(wellFormed(verifyGraph(x))).toBe(true);
  });

  it("never throws on mutated conformance graphs (and mutations are caught or harmless)", () => {
    const seeds = conformanceFiles().map(loadConformance);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: seeds.length - 1 }), fc.array(fc.nat(), { minLength: 1, maxLength: 7 }), fc.jsonValue(), (i, path, v) => {
        const r = verifyGraph(mutate(seeds[i], path, v), { strict: true });
        return wellFormed(r);
      }),
      { numRuns: Number(process.env.QVM_FUZZ_RUNS ?? 1000) },
    );
  });

  it("survives a pathological graph: deep args, huge arrays, prototype keys", () => {
    const deep: Record<string, unknown> = {};
    let cur = deep;
    for (let i = 0; i < 2000; i++) cur = (cur.x = {}) as Record<string, unknown>;
    const inputs = [
      { version: "0.1", program: { nodes: [{ id: "a", op: "SET_POLICY", args: deep }] }, resources: { vqs: [], events: [] } },
      { version: "0.1", program: { nodes: [{ id: "__proto__", op: "FENCE_EPOCH" }] }, resources: { vqs: ["constructor"], events: [] } },
      { version: "0.1", program: { nodes: [] }, resources: { vqs: Array.from({ length: 20000 }, (_, i) => `q${i}`), events: [] } },
      JSON.parse('{"version":"0.1","program":{"nodes":[{"id":"a","op":"APPLY_H","vqs":["q"],"__proto__":{"polluted":1}}]},"resources":{"vqs":["q"],"events":[]}}'),
    ];
    for (const x of inputs) expect(wellFormed(verifyGraph(x))).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("parseAsm throws only QmkError on arbitrary text", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom("a:", "ALLOC_LQ", "H", "q0", ",", "->", "if", "m==1", '"', "(", ")", "[CAP_ALLOC]", "\n", " ", ".caps", ";", "=", "x=1"), { maxLength: 30 }), (parts) => {
        try {
          parseAsm(parts.join(" "));
        } catch (e) {
          return e instanceof QmkError;
        }
        return true;
      }),
      { numRuns: 500 },
    );
  });
});

describe("random valid circuits", () => {
  const GATES1 = ["APPLY_H", "APPLY_X", "APPLY_Y", "APPLY_Z", "APPLY_S", "APPLY_SDG", "APPLY_T", "APPLY_TDG", "APPLY_RX", "APPLY_RZ"];
  const GATES2 = ["APPLY_CNOT", "APPLY_CZ", "APPLY_SWAP", "APPLY_CPHASE"];
  const arbCircuit = fc.array(fc.tuple(fc.boolean(), fc.nat(), fc.nat(), fc.nat(), fc.double({ min: -7, max: 7, noNaN: true })), { maxLength: 25 }).map((ops) => {
    const vqs = ["q0", "q1", "q2", "q3"];
    const nodes: QvmNode[] = [{ id: "alloc", op: "ALLOC_LQ", args: { n: 4, profile: "Surface(d=5)" }, vqs }];
    ops.forEach(([two, g, a, b, th], i) => {
      const qa = vqs[a % 4]!;
      const qb = vqs[(a + 1 + (b % 3)) % 4]!;
      const op = two ? GATES2[g % GATES2.length]! : GATES1[g % GATES1.length]!;
      const node: QvmNode = { id: `n${i}`, op, vqs: two ? [qa, qb] : [qa] };
      if (op.endsWith("RX") || op.endsWith("RZ") || op.endsWith("CPHASE")) node.args = { theta: i % 2 ? th : `${th} * k` };
      nodes.push(node);
    });
    vqs.forEach((q, i) => nodes.push({ id: `m${i}`, op: "MEASURE_Z", vqs: [q], produces: [`e${i}`] }));
    nodes.push({ id: "free", op: "FREE_LQ", vqs });
    const g: QvmGraph = { version: "0.1", program: { nodes }, resources: { vqs, events: ["e0", "e1", "e2", "e3"] } };
    return g;
  });

  it("verify, run, give normalized counts, and leave no qubit behind", () => {
    fc.assert(
      fc.property(arbCircuit, fc.integer(), (g, seed) => {
        const r = verifyGraph(g, { strict: true, params: { k: 0.5 } });
        expect(r.errors).toEqual([]);
        const port = new BarePort();
        const out = executeGraph(g, port, { shots: 20, seed, params: { k: 0.5 } });
        expect(Object.values(out.counts).reduce((x, y) => x + y, 0)).toBe(20);
        expect(port.sim.numQubits).toBe(0);
      }),
      { numRuns: 60 },
    );
  });
});

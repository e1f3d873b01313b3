// Export: every opcode and guard form written as OpenQASM 3 (and 2.0 where
// it can say it) that the official grammar accepts, and that imports back to
// the same distribution. Import: errors carry line and column.
import { describe, expect, it } from "vitest";
import { OPCODES } from "../../kernel/qvm/opcodes.js";
import { toQasm, qasmExpr } from "../../kernel/qasm/export.js";
import { qasmToGraph, qasmMeta, qasmCounts } from "../../kernel/qasm/import.js";
import { qasmSyntaxIssues } from "../../kernel/qasm/parse.js";
import { verifyGraph } from "../../kernel/qvm/verifier.js";
import { executeGraph } from "../../kernel/qvm/executor.js";
import { BarePort } from "../../kernel/qvm/bare-port.js";
import type { QvmGraph, QvmNode } from "../../kernel/qvm/graph.js";

const g = (nodes: QvmNode[], vqs: string[], events: string[] = [], chs: string[] = []): QvmGraph => ({
  version: "0.1",
  program: { nodes },
  resources: { vqs, events, chs },
});

/** One small graph per opcode, each with its op guarded on an earlier measurement where that is allowed. */
function graphFor(op: string, guarded: boolean): QvmGraph {
  const spec = OPCODES[op]!;
  const alloc: QvmNode = { id: "a", op: "ALLOC_LQ", args: { n: 4 }, vqs: ["q", "r", "s", "t"] };
  const pre: QvmNode[] = [alloc, { id: "hm", op: "APPLY_H", vqs: ["t"] }, { id: "mt", op: "MEASURE_Z", vqs: ["t"], produces: ["g"] }];
  const guard = guarded ? { guard: { event: "g", equals: 1 as const } } : {};
  const args: Record<string, unknown> = {};
  for (const [k, a] of Object.entries(spec.args)) if (a.type === "angle") args[k] = "pi/3 + 0.25";
  const nq = typeof spec.vqs === "number" ? spec.vqs : 1;
  const vqs = ["q", "r", "s"].slice(0, nq);
  const free: QvmNode = { id: "f", op: "FREE_LQ", vqs: ["q", "r", "s", "t"] };
  switch (op) {
    case "ALLOC_LQ":
    case "FREE_LQ":
      return g([...pre, free], ["q", "r", "s", "t"], ["g"]);
    case "OPEN_CHAN":
      return g([...pre, { id: "o", op, vqs: ["q", "r"], chs: ["c"] }, { id: "u", op: "USE_CHAN", chs: ["c"] }, { id: "x", op: "CLOSE_CHAN", chs: ["c"] }, free], ["q", "r", "s", "t"], ["g"], ["c"]);
    case "USE_CHAN":
    case "CLOSE_CHAN":
      return graphFor("OPEN_CHAN", false);
    case "COND_PAULI":
      return g([...pre, { id: "m", op: "MEASURE_Z", vqs: ["s"], produces: ["e"] }, { id: "x", op, vqs: ["q"], inputs: ["e", "g"], args: { mask: "Y" } }, free], ["q", "r", "s", "t"], ["g", "e"]);
    case "MEASURE_BELL":
      return g([...pre, { id: "h", op: "APPLY_H", vqs: ["q"] }, { id: "x", op, vqs: ["q", "r"], produces: ["e0"] }, { id: "rs", op: "RESET", vqs: ["q"] }, { id: "y", op, vqs: ["s", "q"], produces: [] }, free], ["q", "r", "s", "t"], ["g", "e0"]);
    case "SET_POLICY":
      return g([...pre, { id: "x", op, args: { hint: "x" } }, free], ["q", "r", "s", "t"], ["g"]);
    case "FENCE_EPOCH":
    case "BAR_REGION":
      return g([...pre, { id: "x", op, args: { tag: "t1" } }, free], ["q", "r", "s", "t"], ["g"]);
    default:
      if (spec.effect === "consume") return g([...pre, { id: "h", op: "APPLY_H", vqs: ["q"] }, { id: "x", op, vqs: ["q"], produces: ["e"], ...(Object.keys(args).length ? { args } : {}) }, free], ["q", "r", "s", "t"], ["g", "e"]);
      // INJECT_T_STATE needs a fresh qubit (SPEC precondition): no H before it
      return g([...pre, ...(op === "INJECT_T_STATE" ? [] : [{ id: "h", op: "APPLY_H", vqs: ["q"] }]), { id: "x", op, vqs, ...(Object.keys(args).length ? { args } : {}), ...(spec.effect === "gate" && op !== "INJECT_T_STATE" ? guard : {}) }, free], ["q", "r", "s", "t"], ["g"]);
  }
}

function dist(graph: QvmGraph, shots = 4000): Record<string, number> {
  const r = executeGraph(graph, new BarePort({ seed: 3 }), { shots, seed: 11 });
  return r.counts;
}

describe("OpenQASM export", () => {
  for (const op of Object.keys(OPCODES)) {
    for (const version of [3, 2] as const) {
      it(`${op} → OpenQASM ${version}: accepted by the official grammar, imports back`, () => {
        const graph = graphFor(op, true);
        expect(verifyGraph(graph).errors).toEqual([]);
        let text: string;
        try {
          text = toQasm(graph, version);
        } catch (e) {
          // OpenQASM 2.0 cannot test the XOR of two events: refused, never mistranslated
          expect(version === 2 && op === "COND_PAULI", String(e)).toBe(true);
          return;
        }
        expect(qasmSyntaxIssues(text), text).toEqual([]);
        const back = qasmToGraph(text);
        expect(verifyGraph(back).errors).toEqual([]);
      });
    }
  }

  it("multi-event guard (several bits) is written as a conjunction and re-imported", () => {
    const graph = g(
      [
        { id: "a", op: "ALLOC_LQ", args: { n: 3 }, vqs: ["q", "r", "s"] },
        { id: "h1", op: "APPLY_H", vqs: ["q"] },
        { id: "h2", op: "APPLY_H", vqs: ["r"] },
        { id: "m1", op: "MEASURE_Z", vqs: ["q"], produces: ["a0"] },
        { id: "m2", op: "MEASURE_Z", vqs: ["r"], produces: ["a1"] },
        { id: "x", op: "APPLY_X", vqs: ["s"], guard: { events: ["a0", "a1"], equals: 2 } },
        { id: "m3", op: "MEASURE_Z", vqs: ["s"], produces: ["b"] },
      ],
      ["q", "r", "s"],
      ["a0", "a1", "b"],
    );
    expect(verifyGraph(graph).errors).toEqual([]);
    const c = dist(graph);
    // s flips exactly when a0 = 0 and a1 = 1
    for (const k of Object.keys(c)) expect(k[2]).toBe(k[0] === "0" && k[1] === "1" ? "1" : "0");
    const text = toQasm(graph, 3);
    expect(text).toContain("if (c[0] == 0 && c[1] == 1) {");
    expect(qasmSyntaxIssues(text)).toEqual([]);
    expect(() => toQasm(graph, 2)).toThrow(/several events/);
    const back = qasmToGraph(text);
    const c2 = dist(back);
    for (const k of Object.keys(c2)) expect(k[2]).toBe(k[0] === "0" && k[1] === "1" ? "1" : "0");
  });

  it("verifier: multi-event guard equals must fit its bits; one event equals 0|1", () => {
    const base = (guard: unknown) =>
      g(
        [
          { id: "a", op: "ALLOC_LQ", args: { n: 2 }, vqs: ["q", "r"] },
          { id: "m", op: "MEASURE_Z", vqs: ["q"], produces: ["e"] },
          { id: "x", op: "APPLY_X", vqs: ["r"], guard: guard as any },
        ],
        ["q", "r"],
        ["e"],
      );
    expect(verifyGraph(base({ events: ["e"], equals: 2 })).errors).toContainEqual(expect.objectContaining({ node: "x", field: "guard.equals" }));
    expect(verifyGraph(base({ events: ["e", "e"], equals: 0 })).errors).toContainEqual(expect.objectContaining({ node: "x", field: "guard.events" }));
    expect(verifyGraph(base({ event: "e", events: ["e"], equals: 0 })).valid).toBe(false);
    expect(verifyGraph(base({ events: ["e"], equals: 1 })).errors).toEqual([]);
  });

  it("expressions: translated to OpenQASM names or refused", () => {
    expect(qasmExpr("pi^2", 3, { field: "x" })).toBe("(pi ** 2)");
    expect(qasmExpr("pi^2", 2, { field: "x" })).toBe("(pi ^ 2)");
    expect(qasmExpr("acos(0.5) + e", 3, { field: "x" })).toBe("(arccos(0.5) + euler)");
    expect(qasmExpr("log(2)", 3, { field: "x" })).toBe("ln(2)");
    expect(() => qasmExpr("atan2(1, 2)", 3, { field: "args.theta" })).toThrow(/no OpenQASM 3 spelling/);
    expect(() => qasmExpr("abs(theta)", 3, { field: "args.theta" })).toThrow(/no OpenQASM/);
    expect(() => qasmExpr("acos(0.5)", 2, { field: "args.theta" })).toThrow(/no OpenQASM 2.0 spelling/);
    expect(() => qasmExpr("theta", 2, { field: "args.theta" })).toThrow(/bind it first/);
  });

  it("OPEN_CHAN is the Bell pair: the export keeps its physics", () => {
    const graph = graphFor("OPEN_CHAN", false);
    graph.program.nodes.splice(-1, 0, { id: "mq", op: "MEASURE_Z", vqs: ["q"], produces: ["x1"] }, { id: "mr", op: "MEASURE_Z", vqs: ["r"], produces: ["x2"] });
    graph.resources.events.push("x1", "x2");
    const back = qasmToGraph(toQasm(graph, 3));
    const c = qasmCounts(qasmMeta(back)!, back.resources.events, dist(back, 500));
    for (const k of Object.keys(c)) expect(k[1]).toBe(k[2]); // c[1] = q, c[2] = r: perfectly correlated
    expect(Object.keys(c).length).toBeGreaterThan(1);
  });
});

describe("OpenQASM import", () => {
  const H = 'OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[2];\ncreg c[2];\n';
  it.each([
    ["opaque gate", H + "opaque g a;\n", 5],
    ["unknown gate", H + "foo q[0];\n", 5],
    ["ctrl modifier", 'OPENQASM 3;\ninclude "stdgates.inc";\nqubit[2] q;\nctrl @ x q[0], q[1];\n', 4],
    ["for loop", 'OPENQASM 3;\nqubit[2] q;\nfor int i in [0:1] { }\n', 3],
    ["index out of range", H + "h q[5];\n", 5],
    ["missing include", "OPENQASM 2.0;\nqreg q[1];\nh q[0];\n", 3],
    ["measure in if", H + "measure q[0] -> c[0];\nif (c == 1) measure q[1] -> c[1];\n", 6],
  ])("%s is refused with its line and column", (_name, text, line) => {
    let err: any;
    try {
      qasmToGraph(text);
    } catch (e) {
      err = e;
    }
    expect(err?.codeName).toBe("INVALID_GRAPH");
    expect(err.data.field).toBe("qasm");
    expect(err.data.line).toBe(line);
    expect(err.data.column).toBeGreaterThanOrEqual(1);
    expect(err.message).toMatch(new RegExp(`^OpenQASM line ${line}:\\d+: `));
  });

  it("CCX and CSWAP act as Toffoli and Fredkin on every basis state", () => {
    for (let b = 0; b < 8; b++) {
      for (const gate of ["ccx", "cswap"]) {
        const xs = [0, 1, 2].filter((k) => (b >> k) & 1).map((k) => `x q[${k}];`).join(" ");
        const text = `OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[3];\ncreg c[3];\n${xs}\n${gate} q[0],q[1],q[2];\nmeasure q -> c;\n`;
        const graph = qasmToGraph(text);
        const c = qasmCounts(qasmMeta(graph)!, graph.resources.events, dist(graph, 8));
        const bits = [0, 1, 2].map((k) => (b >> k) & 1);
        const want = gate === "ccx" ? [bits[0], bits[1], bits[2]! ^ (bits[0]! & bits[1]!)] : bits[0] ? [bits[0], bits[2], bits[1]] : bits;
        expect(Object.keys(c)).toEqual([want.join("")]);
      }
    }
  });

  it("if (c == n) tests the whole register; a qubit stays usable after measurement", () => {
    const text = H + "x q[0];\nmeasure q[0] -> c[0];\nx q[0];\nmeasure q[0] -> c[1];\nif (c == 1) x q[1];\nif (c == 2) x q[1];\n" + "measure q[1] -> c[0];\n";
    const graph = qasmToGraph(text);
    expect(verifyGraph(graph).errors).toEqual([]);
    // c = 01 (c[0]=1, c[1]=0) → value 1 → x q[1]; c[0] is then overwritten by q[1] = 1
    const c = qasmCounts(qasmMeta(graph)!, graph.resources.events, dist(graph, 16));
    expect(c).toEqual({ "10": 16 });
  });

  it("input parameters become graph parameters", () => {
    const graph = qasmToGraph('OPENQASM 3.0;\ninclude "stdgates.inc";\ninput float[64] theta;\nqubit q;\nbit c;\nrx(theta / 2) q;\nc = measure q;\n');
    expect(graph.metadata?.params).toEqual(["theta"]);
    const r = executeGraph(graph, new BarePort({ seed: 1 }), { shots: 10, seed: 1, params: { theta: 2 * Math.PI } });
    expect(Object.keys(r.counts)).toEqual(["1"]);
  });
});

// graphFromSubmission: what q_submit does with {qasm: text} (exported for the handler).
import { describe, expect, it } from "vitest";
import { graphFromSubmission, qasmResult } from "../../kernel/qasm/submission.js";
import { verifyGraph } from "../../kernel/qvm/verifier.js";
import type { QvmGraph } from "../../kernel/qvm/graph.js";

const TEXT = 'OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[2];\ncreg c[2];\nx q[1];\nmeasure q -> c;\n';

describe("graphFromSubmission", () => {
  it("passes a graph through and translates qasm into a graph the verifier accepts", () => {
    const g = { version: "0.1" };
    expect(graphFromSubmission({ graph: g })).toBe(g);
    const t = graphFromSubmission({ qasm: TEXT }) as QvmGraph;
    expect(verifyGraph(t).valid).toBe(true);
  });

  it("refuses both, a non-string, and bad QASM with line/column at params.qasm", () => {
    expect(() => graphFromSubmission({ graph: {}, qasm: TEXT })).toThrow(/either graph or qasm/);
    expect(() => graphFromSubmission({ qasm: 5 })).toThrow(expect.objectContaining({ codeName: "INVALID_PARAMS", data: expect.objectContaining({ field: "params.qasm" }) }));
    let err: any;
    try {
      graphFromSubmission({ qasm: "OPENQASM 2.0;\nqreg q[1];\nwhile (true) { }\n" });
    } catch (e) {
      err = e;
    }
    expect(err.codeName).toBe("INVALID_GRAPH");
    expect(err.data.field).toBe("params.qasm");
    expect(err.message).toMatch(/line 3/);
  });

  it("qasmResult keys a job's counts by the classical bits", () => {
    const g = graphFromSubmission({ qasm: TEXT }) as QvmGraph;
    const order = g.resources.events;
    const raw = { [order.map((e) => (e.includes("c_1") ? "1" : "0")).join("")]: 10 };
    expect(qasmResult(g, order, raw)).toEqual({ bits: ["c[0]", "c[1]"], counts: { "01": 10 } });
    expect(qasmResult({ version: "0.1", program: { nodes: [] }, resources: { vqs: [], events: [] } }, [], {})).toBeUndefined();
  });
});

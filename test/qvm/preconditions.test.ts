// SPEC preconditions: INJECT_T_STATE and OPEN_CHAN need freshly allocated or
// reset qubits. The verifier refuses a graph where it cannot tell the qubit
// is |0⟩ on every path; the executing kernel checks the state itself.
import { describe, expect, it } from "vitest";
import { verifyGraph } from "../../kernel/qvm/verifier.js";
import type { QvmGraph, QvmNode } from "../../kernel/qvm/graph.js";
import { createKernel } from "../../kernel/index.js";

function graph(body: QvmNode[], chs: string[] = []): QvmGraph {
  const nodes: QvmNode[] = [{ id: "a", op: "ALLOC_LQ", args: { n: 3 }, vqs: ["q0", "q1", "q2"] }, ...body, { id: "f", op: "FREE_LQ", vqs: ["q0", "q1", "q2"] }];
  return { version: "0.1", program: { nodes }, resources: { vqs: ["q0", "q1", "q2"], chs, events: nodes.flatMap((n) => n.produces ?? []) } };
}
const T = (id = "t"): QvmNode => ({ id, op: "INJECT_T_STATE", vqs: ["q0"] });
const chan: QvmNode[] = [{ id: "o", op: "OPEN_CHAN", vqs: ["q0", "q1"], chs: ["c"] }, { id: "cl", op: "CLOSE_CHAN", chs: ["c"] }];
const errors = (g: QvmGraph) => verifyGraph(g).errors.map((e) => ({ code: e.code, node: e.node, field: e.field }));

describe("verifier: fresh-qubit preconditions", () => {
  it("accepts fresh and reset qubits", () => {
    expect(errors(graph([T()]))).toEqual([]);
    expect(errors(graph([{ id: "h", op: "APPLY_H", vqs: ["q0"] }, { id: "m", op: "MEASURE_Z", vqs: ["q0"], produces: ["e"] }, { id: "r", op: "RESET", vqs: ["q0"] }, T()]))).toEqual([]);
    expect(errors(graph(chan, ["c"]))).toEqual([]);
    // a guarded reset of a fresh qubit leaves it fresh
    expect(errors(graph([{ id: "m", op: "MEASURE_Z", vqs: ["q2"], produces: ["e"] }, { id: "r", op: "RESET", vqs: ["q0"], guard: { event: "e", equals: 1 } }, T()]))).toEqual([]);
  });

  it("refuses INJECT_T_STATE after a gate, naming node and operand", () => {
    const g = graph([{ id: "x", op: "APPLY_X", vqs: ["q0"] }, T()]);
    expect(errors(g)).toEqual([{ code: "LINEARITY_VIOLATION", node: "t", field: "vqs[0]" }]);
    expect(verifyGraph(g).errors[0]!.message).toMatch(/freshly allocated or reset.*node 'x'/);
  });

  it("refuses OPEN_CHAN on a qubit in |+⟩ and after a guarded gate (it cannot tell)", () => {
    expect(errors(graph([{ id: "h", op: "APPLY_H", vqs: ["q1"] }, ...chan], ["c"]))).toEqual([{ code: "LINEARITY_VIOLATION", node: "o", field: "vqs[1]" }]);
    const guarded = graph([{ id: "m", op: "MEASURE_Z", vqs: ["q2"], produces: ["e"] }, { id: "x", op: "APPLY_X", vqs: ["q0"], guard: { event: "e", equals: 1 } }, ...chan], ["c"]);
    expect(errors(guarded)).toEqual([{ code: "LINEARITY_VIOLATION", node: "o", field: "vqs[0]" }]);
  });

  it("refuses a second INJECT_T_STATE on the same qubit", () => {
    expect(errors(graph([T("t1"), T("t2")]))).toEqual([{ code: "LINEARITY_VIOLATION", node: "t2", field: "vqs[0]" }]);
  });
});

describe("kernel: the state itself is checked at run time", () => {
  it("q_apply INJECT_T_STATE on |1⟩ is refused without effect; on H·H|0⟩ = |0⟩ it runs", async () => {
    const k = await createKernel({ inMemory: true, demoTenant: true });
    try {
      const { session_id } = await k.call("q_negotiate_caps", { token: k.demoToken });
      const call = (m: string, p: Record<string, unknown>) => k.call(m, { session_id, ...p });
      const { vqs } = await call("q_alloc", { n: 1 });
      await call("q_apply", { op: "X", vqs });
      await expect(call("q_apply", { op: "INJECT_T_STATE", vqs })).rejects.toMatchObject({ codeName: "LINEARITY_VIOLATION", data: { field: "vqs[0]", rule: "needs_fresh_qubit" } });
      const amp = await call("q_amplitudes", { vqs });
      expect(amp.probabilities[1]).toBeCloseTo(1, 12); // still |1⟩: the refusal left no trace
      await call("q_reset", { vq: vqs[0] });
      await call("q_apply", { op: "H", vqs });
      await call("q_apply", { op: "H", vqs });
      await call("q_apply", { op: "INJECT_T_STATE", vqs });
      const t = await call("q_amplitudes", { vqs });
      expect(t.probabilities[1]).toBeCloseTo(0.5, 12);
      await call("q_release", { vqs });
    } finally {
      await k.close();
    }
  });
});

// q_submit {qasm}: OpenQASM text goes through the same verifier and mediation
// as a graph; its size is bounded before it is parsed.
import { describe, expect, it } from "vitest";
import { ROOMY, caught, kernelWithAdmin } from "../kernel/helpers.js";

const BELL = `OPENQASM 2.0;
include "qelib1.inc";
qreg q[2];
creg c[2];
h q[0];
cx q[0], q[1];
measure q -> c;
`;

describe("q_submit with OpenQASM text", () => {
  it("runs, refuses bad text with line and column, and refuses oversize text before parsing", async () => {
    const K = await kernelWithAdmin();
    const { token } = await K.A("q_create_tenant", { name: "qa", rights: ["CAP_ALLOC", "CAP_MEASURE"], quota: ROOMY });
    const sid = (await K.k.call("q_negotiate_caps", { token })).session_id;
    const call = (m: string, p: Record<string, unknown>) => K.k.call(m, { session_id: sid, ...p });
    const { job_id } = await call("q_submit", { qasm: BELL, policy: { shots: 100, seed: 1 } });
    const r = await call("q_wait", { job_id });
    expect(r.state).toBe("completed");
    for (const k of Object.keys(r.counts)) expect(["00", "11"]).toContain(k.replace(/-/g, ""));
    const bad = await caught(call("q_submit", { qasm: BELL.replace("cx q[0], q[1];", "cx q[0] q[1];") }));
    expect(bad?.codeName).toBe("INVALID_GRAPH");
    expect(bad.data.field).toBe("params.qasm");
    expect(bad.data.line).toBe(6);
    const both = await caught(call("q_submit", { qasm: BELL, graph: {} }));
    expect(both?.codeName).toBe("INVALID_PARAMS");
    const huge = await caught(call("q_submit", { qasm: BELL + "// x\n".repeat(20_000) }));
    expect(huge?.codeName).toBe("RESOURCE_EXHAUSTED");
    expect(huge.data.field).toBe("params.qasm");
    // without CAP_MEASURE the derived rights refuse it, as for a graph
    const { token: t2 } = await K.A("q_create_tenant", { name: "qb", rights: ["CAP_ALLOC"], quota: ROOMY });
    const sid2 = (await K.k.call("q_negotiate_caps", { token: t2 })).session_id;
    expect((await caught(K.k.call("q_submit", { session_id: sid2, qasm: BELL })))?.codeName).toBe("INSUFFICIENT_CAPS");
    await K.k.close();
  });
});

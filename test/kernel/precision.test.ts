// KernelOptions.precision reaches every simulator the kernel makes (the eager
// machine and each job's), so `qmk run --precision single` needs no access to
// kernel/sim from the CLI (the layering test holds).
import { describe, expect, it } from "vitest";
import { ROOMY, g, kernelWithAdmin } from "./helpers.js";

describe("kernel precision", () => {
  it("single precision: the eager machine and jobs run complex64, with the same physics", async () => {
    const K = await kernelWithAdmin({ precision: "single" });
    expect(K.k.internals.machine.sim.precision).toBe("single");
    const { token } = await K.A("q_create_tenant", { name: "p", rights: ["CAP_ALLOC", "CAP_MEASURE"], quota: ROOMY });
    const sid = (await K.k.call("q_negotiate_caps", { token })).session_id;
    const graph = g(
      [
        { id: "a", op: "ALLOC_LQ", args: { n: 2 }, vqs: ["q", "r"] },
        { id: "h", op: "APPLY_H", vqs: ["q"] },
        { id: "c", op: "APPLY_CNOT", vqs: ["q", "r"] },
        { id: "m", op: "MEASURE_Z", vqs: ["q"], produces: ["e0"] },
        { id: "m2", op: "MEASURE_Z", vqs: ["r"], produces: ["e1"] },
        { id: "f", op: "FREE_LQ", vqs: ["q", "r"] },
      ],
      ["q", "r"],
      ["e0", "e1"],
    );
    const { job_id } = await K.k.call("q_submit", { session_id: sid, graph, policy: { shots: 200, seed: 3 } });
    const r = await K.k.call("q_wait", { session_id: sid, job_id });
    expect(Object.keys(r.counts).sort()).toEqual(["00", "11"]);
    await K.k.close();
  });
});

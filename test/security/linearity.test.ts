// Attack class 4: use after measure / free, double free, duplicate operands
// and aliasing — through raw syscalls and through hand-written graphs
// (LINEARITY_VIOLATION; graph errors name the node id and the field).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  MODES, alloc, attack, auditMark, denied, expectAudited, expectVictimStatistics, expectVictimUntouched, graph, makeWorld, prepareVictim, printTally,
  type Victim, type World, useWorldWithVictim } from "./harness.js";

afterAll(() => printTally("linearity"));

const A = { id: "a", op: "ALLOC_LQ", args: { n: 2, profile: "logical:Surface(d=3)" }, vqs: ["q", "r"] };
const M = (id: string, q: string, e: string, op = "MEASURE_Z") => ({ id, op, vqs: [q], produces: [e] });

const GRAPH_CASES: Array<[string, any[], string, string]> = [
  ["use after measure", [A, M("m", "q", "e"), { id: "h", op: "APPLY_H", vqs: ["q"] }], "h", "vqs[0]"],
  ["double measure", [A, M("m", "q", "e"), M("m2", "q", "e2", "MEASURE_X")], "m2", "vqs[0]"],
  ["use after free", [A, { id: "f", op: "FREE_LQ", vqs: ["q"] }, { id: "h", op: "APPLY_H", vqs: ["q"] }], "h", "vqs[0]"],
  ["double free", [A, { id: "f", op: "FREE_LQ", vqs: ["q"] }, { id: "f2", op: "FREE_LQ", vqs: ["q"] }], "f2", "vqs[0]"],
  ["CNOT q,q", [A, { id: "x", op: "APPLY_CNOT", vqs: ["q", "q"] }], "x", "vqs[1]"],
  ["SWAP q,q", [A, { id: "s", op: "APPLY_SWAP", vqs: ["r", "r"] }], "s", "vqs[1]"],
  ["MEASURE_BELL q,q", [A, { id: "b", op: "MEASURE_BELL", vqs: ["q", "q"], produces: ["e", "e2"] }], "b", "vqs[1]"],
  ["alias in ALLOC", [{ id: "a", op: "ALLOC_LQ", args: { n: 2 }, vqs: ["q", "q"] }], "a", "vqs[1]"],
  ["alias in FREE", [A, { id: "f", op: "FREE_LQ", vqs: ["q", "q"] }], "f", "vqs[1]"],
  ["re-allocating a live handle", [A, { id: "a2", op: "ALLOC_LQ", args: { n: 1 }, vqs: ["q"] }], "a2", "vqs[0]"],
  ["COND_PAULI after free", [A, M("m", "q", "e"), { id: "f", op: "FREE_LQ", vqs: ["q"] }, { id: "c", op: "COND_PAULI", vqs: ["q"], inputs: ["e"], args: { mask: "X" } }], "c", "vqs[0]"],
  ["CNOT onto a measured qubit", [A, M("m", "r", "e"), { id: "x", op: "APPLY_CNOT", vqs: ["q", "r"] }], "x", "vqs[1]"],
];

describe.each(MODES)("linearity attacks (%s)", (mode) => {
  let w: World;
  let v: Victim;
  useWorldWithVictim(mode, (world, victim) => ((w = world), (v = victim)));

  it("raw syscalls: use after measure, double measure, duplicate operands", async () => {
    const { alice } = w.p;
    const [q, r] = await alloc(alice, 2);
    for (const op of ["CNOT", "SWAP", "CZ", "MEASURE_BELL", "TELEPORT_CNOT"]) {
      const d = await denied(w, `duplicate operand ${op}`, "LINEARITY_VIOLATION", "linearity.violation", () => alice.q("q_apply", { op, vqs: [q, q] }), { op: "q_apply" });
      expect(d.data.field).toMatch(/vqs\[1\]/);
    }
    await denied(w, "q_open_chan on q,q", "LINEARITY_VIOLATION", "linearity.violation", () => alice.q("q_open_chan", { vqs: [q, q] }));
    await alice.q("q_measure", { vq: q });
    await denied(w, "gate after measure", "LINEARITY_VIOLATION", "linearity.violation", () => alice.q("q_apply", { op: "H", vqs: [q] }));
    await denied(w, "double measure", "LINEARITY_VIOLATION", "linearity.violation", () => alice.q("q_measure", { vq: q, basis: "X" }));
    await denied(w, "CNOT with measured target", "LINEARITY_VIOLATION", "linearity.violation", () => alice.q("q_apply", { op: "CNOT", vqs: [r, q] }));
    // RESET revives (allowed), then gates work again
    await alice.q("q_reset", { vq: q });
    await alice.q("q_apply", { op: "H", vqs: [q] });
    await alice.q("q_release", { vqs: [q, r] });
    await expectVictimUntouched(v);
  });

  it("raw syscalls: use after free, double free, aliasing in release", async () => {
    const { alice } = w.p;
    const [q, r] = await alloc(alice, 2);
    await denied(w, "release q,q", "LINEARITY_VIOLATION", "linearity.violation", () => alice.q("q_release", { vqs: [q, q] }));
    await alice.q("q_release", { vqs: [q] });
    await denied(w, "double free", "LINEARITY_VIOLATION", "linearity.violation", () => alice.q("q_release", { vqs: [q] }));
    await denied(w, "gate after free", "LINEARITY_VIOLATION", "linearity.violation", () => alice.q("q_apply", { op: "X", vqs: [q] }));
    await denied(w, "measure after free", "LINEARITY_VIOLATION", "linearity.violation", () => alice.q("q_measure", { vq: q }));
    await denied(w, "reset after free", "LINEARITY_VIOLATION", "linearity.violation", () => alice.q("q_reset", { vq: q }));
    await denied(w, "CNOT with a freed control", "LINEARITY_VIOLATION", "linearity.violation", () => alice.q("q_apply", { op: "CNOT", vqs: [q, r] }));
    await denied(w, "amplitudes after free", "LINEARITY_VIOLATION", "linearity.violation", () => alice.q("q_amplitudes", { vqs: [q] }));
    await denied(w, "release live+freed together", "LINEARITY_VIOLATION", "linearity.violation", () => alice.q("q_release", { vqs: [r, q] }));
    // the refused batch release freed nothing: r is still usable
    await alice.q("q_apply", { op: "H", vqs: [r] });
    await alice.q("q_release", { vqs: [r] });
    await expectVictimUntouched(v);
  });

  it("hand-written graphs: every violation names the node id and the field", async () => {
    const { alice } = w.p;
    for (const [name, nodes, node, field] of GRAPH_CASES) {
      const d = await denied(w, `graph ${name}`, "LINEARITY_VIOLATION", "linearity.violation", () =>
        alice.q("q_submit", { graph: graph(nodes, ["q", "r"], ["e", "e2"]), policy: { shots: 2, seed: 1 } }), { op: "q_submit", tenant: "alice" });
      expect(d.data.node, name).toBe(node);
      expect(d.data.field, name).toBe(field);
    }
    // strict mode: a leak is an error
    const leaky = graph([A, M("m", "q", "e")], ["q", "r"], ["e"]);
    const d = await denied(w, "strict-mode leak", "LINEARITY_VIOLATION", "linearity.violation", () =>
      alice.q("q_submit", { graph: leaky, policy: { shots: 1, strict: true } }));
    expect(d.data.node ?? d.data.field).toBeTruthy();
    await expectVictimUntouched(v);
  });

  it("guard-dependent use after measure is caught statically or at run time (the backstop)", async () => {
    const { alice } = w.p;
    const g = graph(
      [
        A,
        { id: "hr", op: "APPLY_H", vqs: ["r"] },
        M("mr", "r", "e"),
        { id: "mq", op: "MEASURE_Z", vqs: ["q"], produces: ["e2"], guard: { event: "e", equals: 1 } },
        { id: "hq", op: "APPLY_H", vqs: ["q"] },
        M("end", "q", "e3"),
      ],
      ["q", "r"],
      ["e", "e2", "e3"],
    );
    const mark = await auditMark(w);
    tallyGuard: {
      const sub = await alice.q("q_submit", { graph: g, policy: { shots: 32, seed: 5 } }).then((x: any) => x, (e: any) => e);
      if (sub.codeName) {
        await attack(`${w.mode}: guarded use-after-measure (static)`, "LINEARITY_VIOLATION", () => Promise.reject(sub));
        expect(sub.data.node).toBe("hq");
        await expectAudited(w, mark, { type: "linearity.violation", reason: "LINEARITY_VIOLATION" });
        break tallyGuard;
      }
      const res = await alice.q("q_wait", { job_id: sub.job_id, timeout_ms: 20_000 });
      await attack(`${w.mode}: guarded use-after-measure (run time)`, "LINEARITY_VIOLATION", async () => {
        if (res.state !== "failed") return;
        throw { codeName: res.error.name, code: res.error.code };
      });
      expect(res.error.data.node).toBe("hq");
    }
    await expectVictimUntouched(v);
  });

  it("the victim's statistics are unchanged (5σ)", async () => {
    await expectVictimStatistics(v, 40);
  });
});

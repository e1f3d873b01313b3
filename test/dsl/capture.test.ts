// Capture mode: the same program text builds a QVM graph that the kernel's
// static verifier accepts; JSON and OpenQASM 3 exports.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { verifyGraph } from "../../kernel/qvm/verifier.js";
import {
  circuit,
  cx,
  free,
  freeAll,
  h,
  ifOne,
  ifZero,
  injectT,
  measure,
  measureAngle,
  measureBell,
  measureX,
  measureY,
  reset,
  rz,
  teleportCnot,
  u,
  x,
  z,
  QmkError,
  type QubitSource,
} from "../../dsl/index.js";

function bell<T extends string>(s: QubitSource<T>) {
  const [a, b] = s.alloc(2);
  h(a);
  cx(a, b);
  measure(a);
  measure(b);
  const out = { a: a.bit, b: b.bit };
  free(a);
  free(b);
  return out;
}

describe("capture", () => {
  test("Bell pair graph verifies", () => {
    const c = circuit("alice", bell);
    const g = c.toGraph();
    expect(g.program.nodes.map((n) => n.op)).toEqual([
      "ALLOC_LQ",
      "APPLY_H",
      "APPLY_CNOT",
      "MEASURE_Z",
      "MEASURE_Z",
      "FREE_LQ",
      "FREE_LQ",
    ]);
    expect(g.resources).toEqual({ vqs: ["q0", "q1"], chs: [], events: ["m0", "m1"] });
    expect(g.caps).toEqual(["CAP_ALLOC", "CAP_MEASURE"]);
    const v = verifyGraph(g, { strict: true });
    expect(v.errors).toEqual([]);
    expect(v.warnings).toEqual([]);
    expect(v.valid).toBe(true);
    expect(c.outputs.map((o) => o.name)).toEqual(["a", "b"]);
  });

  test("ifOne / ifZero become guards; every basis, reset, magic, teleport, u", () => {
    const c = circuit("alice", (s) => {
      const [m, t, r] = s.alloc(3);
      h(m);
      measureX(m);
      ifOne(m, () => z(t));
      ifZero(m.bit, () => x(t));
      injectT(r);
      teleportCnot(t, r);
      u(t, 0.1, "pi/3", 0.2);
      rz(r, "theta/2");
      measureY(t);
      measureAngle(r, "pi/4");
      reset(r);
      measure(r);
      freeAll([m, t, r]);
      return [m, t, r];
    });
    const g = c.toGraph();
    const guarded = g.program.nodes.filter((n) => n.guard);
    expect(guarded.map((n) => [n.op, n.guard])).toEqual([
      ["APPLY_Z", { event: "m0", equals: 1 }],
      ["APPLY_X", { event: "m0", equals: 0 }],
    ]);
    expect(g.caps).toEqual(["CAP_ALLOC", "CAP_TELEPORT", "CAP_MAGIC", "CAP_MEASURE"]);
    expect(c.params).toEqual(["theta"]);
    // unbound parameter → the verifier says so; bound → valid
    const unbound = verifyGraph(g, { params: {} });
    expect(unbound.valid).toBe(false);
    const v = verifyGraph(g, { params: { theta: 0.5 }, strict: true });
    expect(v.errors).toEqual([]);
    expect(v.valid).toBe(true);
    const bound = c.bind({ theta: 0.5 });
    expect(bound.program.nodes.find((n) => n.op === "APPLY_RZ")!.args!.theta).toBe(0.25);
    expect(verifyGraph(bound, { strict: true }).valid).toBe(true);
    expect(c.outputs.map((o) => o.name)).toEqual(["0", "1", "2"]);
  });

  test("Bell measurement produces two events", () => {
    const c = circuit("alice", (s) => {
      const [a, b] = s.alloc(2);
      h(a);
      measureBell(a, b);
      return { x: a.bellBits[0], z: a.bellBits[1] };
    });
    const nd = c.toGraph().program.nodes.find((n) => n.op === "MEASURE_BELL")!;
    expect(nd.produces).toEqual(["m0", "m1"]);
    expect(verifyGraph(c.toGraph()).valid).toBe(true);
  });

  test("linearity errors are raised while capturing, before any graph exists", () => {
    expect(() =>
      circuit("alice", (s) => {
        const q = s.qubit();
        const alias = q;
        measure(q);
        h(alias);
      }),
    ).toThrow(QmkError);
    // guarded consuming ops cannot be captured
    expect(() =>
      circuit("alice", (s) => {
        const [a, b] = s.alloc(2);
        measure(a);
        ifOne(a, () => measure(b));
      }),
    ).toThrow(/inside ifOne/);
    // captured circuits have no outcome
    expect(() =>
      circuit("alice", (s) => {
        const q = s.qubit();
        measure(q);
        return { v: q.outcome } as never;
      }),
    ).toThrow(/captured, not run/);
  });

  test("a leak is a verifier warning (error in strict mode)", () => {
    const c = circuit("alice", (s) => {
      const q = s.qubit();
      h(q);
    });
    const v = verifyGraph(c.toGraph());
    expect(v.valid).toBe(true);
    expect(v.warnings.length).toBeGreaterThan(0);
    expect(verifyGraph(c.toGraph(), { strict: true }).valid).toBe(false);
  });

  test("OpenQASM 3 for every basis, Bell measurement, magic, reset", () => {
    const qasm = circuit("alice", (s) => {
      const [a, b, c, d, e] = s.alloc(5);
      injectT(a);
      measureAngle(a, -0.5);
      measureX(b);
      measureY(c);
      reset(c);
      measureBell(d, e);
    }).toQasm3();
    expect(qasm).toContain("// inject_t_state_1: INJECT_T_STATE (T magic state from a fresh qubit)\nh q[0];\nt q[0];\nry(-(-0.5)) q[0];\nc[0] = measure q[0];");
    expect(qasm).toContain("h q[1];\nc[1] = measure q[1];");
    expect(qasm).toContain("sdg q[2];\nh q[2];\nc[2] = measure q[2];\nreset q[2];");
    expect(qasm).toContain("cx q[3], q[4];\nh q[3];\nc[3] = measure q[3];\nc[4] = measure q[4];");
  });

  test("save as JSON and export OpenQASM 3", () => {
    const c = circuit("alice", (s) => {
      const [a, b] = s.alloc(2);
      h(a);
      cx(a, b);
      rz(b, "theta");
      measure(a);
      ifOne(a, () => x(b));
      measure(b);
      return { a, b };
    });
    const dir = mkdtempSync(join(tmpdir(), "qmk-dsl-"));
    c.save(join(dir, "bell.qvm.json"));
    const back = JSON.parse(readFileSync(join(dir, "bell.qvm.json"), "utf8"));
    expect(back).toEqual(c.toGraph());
    expect(JSON.parse(JSON.stringify(c))).toEqual(c.toGraph());
    const qasm = c.toQasm3();
    expect(qasm).toBe(
      [
        "OPENQASM 3.0;",
        'include "stdgates.inc";',
        "input float[64] theta;",
        "qubit[2] q;",
        "bit[2] c;",
        "// alloc_0: ALLOC_LQ q[0], q[1] profile logical:Surface(d=3)",
        "h q[0];",
        "cx q[0], q[1];",
        "rz(theta) q[1];",
        "c[0] = measure q[0];",
        "if (c[0] == 1) {",
        "  x q[1];",
        "}",
        "c[1] = measure q[1];",
        "",
      ].join("\n"),
    );
  });
});

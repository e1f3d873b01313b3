import { describe, expect, it } from "vitest";
import { parseAsm } from "../../kernel/qvm/asm.js";
import { verifyGraph } from "../../kernel/qvm/verifier.js";
import { QmkError } from "../../kernel/errors.js";
import { loadConformance } from "./helpers.js";

describe(".qvm.asm parser", () => {
  it("teleportation.qvm.asm gives the expected graph", () => {
    const g = loadConformance("teleportation.qvm.asm");
    expect(g.version).toBe("0.1");
    expect(g.caps).toEqual(["CAP_ALLOC"]);
    expect(g.resources).toEqual({ vqs: ["q0", "q1", "q2"], chs: [], events: ["m0", "m1", "m2"] });
    const byId = Object.fromEntries(g.program.nodes.map((n) => [n.id, n]));
    expect(byId.alloc).toEqual({ id: "alloc", op: "ALLOC_LQ", caps: ["CAP_ALLOC"], args: { n: 3, profile: "logical:surface_code(d=3)" }, vqs: ["q0", "q1", "q2"] });
    expect(byId.corr_x).toEqual({ id: "corr_x", op: "APPLY_X", vqs: ["q2"], guard: { event: "m1", equals: 1 } });
    expect(byId.m0).toEqual({ id: "m0", op: "MEASURE_Z", vqs: ["q0"], produces: ["m0"] });
    expect(byId.fence).toEqual({ id: "fence", op: "FENCE_EPOCH" });
    expect(g.program.nodes.map((n) => n.id)).toEqual(["alloc", "prep", "bell_h", "bell_cnot", "cnot_meas", "h_meas", "m0", "m1", "fence", "corr_x", "corr_z", "m2", "free"]);
  });

  it("supports short names, positional count, angle expressions, inputs, channels, comments in strings", () => {
    const g = parseAsm(`
      .version 0.1
      .caps CAP_ALLOC, CAP_LINK
      .metadata author="x; y"
      a: ALLOC_LQ 2, profile="logical:SHYPS(d=9)", tenant=alice -> q0, q1   ; two qubits
      o: OPEN_CHAN q0, q1 -> ch
      r: RZ q0, theta=atan2(1, 2) * pi/4
      u: U q1, theta=theta/2, phi=0, lambda=-1.5e-1
      use: USE_CHAN ch
      c: CLOSE_CHAN ch
      m: MEASURE_Z q0 -> e0
      p: COND_PAULI q1, e0, mask=X
      f: FREE_LQ q0, q1
    `);
    const n = Object.fromEntries(g.program.nodes.map((x) => [x.id, x]));
    expect(g.caps).toEqual(["CAP_ALLOC", "CAP_LINK"]);
    expect(g.metadata).toEqual({ author: "x; y" });
    expect(n.a!.args).toEqual({ n: 2, profile: "logical:SHYPS(d=9)", tenant: "alice" });
    expect(n.r).toMatchObject({ op: "APPLY_RZ", args: { theta: "atan2(1, 2) * pi/4" } });
    expect(n.u!.args).toEqual({ theta: "theta/2", phi: 0, lambda: -0.15 });
    expect(n.o).toMatchObject({ vqs: ["q0", "q1"], chs: ["ch"] });
    expect(n.use).toMatchObject({ chs: ["ch"] });
    expect(n.p).toMatchObject({ vqs: ["q1"], inputs: ["e0"], args: { mask: "X" } });
    expect(g.resources.chs).toEqual(["ch"]);
    const r = verifyGraph(g, { params: { theta: 1 }, strict: true });
    expect(r.errors).toEqual([]);
  });

  it.each([
    ["unknown opcode", "a: ALLOC_LQ 1 -> q\nb: TOFFOLI q", 2, "op"],
    ["missing label", "APPLY_H q", 1, "id"],
    ["bad guard value", ".version 0.1\n\nh: APPLY_H q if m==2", 3, "guard.equals"],
    ["compound guard", "h: APPLY_H q if m==1 && n==0", 1, "guard"],
    ["unterminated string", 'a: ALLOC_LQ 1, profile="Surface(d=3) -> q', 1, undefined],
    ["unknown directive", ".include x.asm", 1, undefined],
    ["duplicate argument", "r: APPLY_RZ q, theta=1, theta=2", 1, "args.theta"],
    ["bad operand", "h: APPLY_H q-1", 1, "vqs"],
    ["non-integer count", "a: ALLOC_LQ two -> q", 1, "args.n"],
  ])("%s → error names line %i", (_n, src, line, field) => {
    try {
      parseAsm(src);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(QmkError);
      const q = e as QmkError;
      expect(q.codeName).toBe("INVALID_GRAPH");
      expect(q.data.line).toBe(line);
      expect(q.message).toMatch(new RegExp(`^line ${line}:`));
      if (field) expect(q.data.field).toBe(field);
    }
  });

  it("static errors in asm graphs are caught by the verifier", () => {
    const g = parseAsm("a: ALLOC_LQ n=1 -> q\nm: MEASURE_Z q -> e\nh: H q");
    expect(verifyGraph(g).errors).toContainEqual(expect.objectContaining({ code: "LINEARITY_VIOLATION", node: "h", field: "vqs[0]" }));
  });
});

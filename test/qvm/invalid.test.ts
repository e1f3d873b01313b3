// Invalid graphs: each is rejected with the right code, node and field, and
// every issue names where it is.
import { describe, expect, it } from "vitest";
import { verifyGraph, type Issue } from "../../kernel/qvm/verifier.js";
import { ALLOC2, FREE2, graph } from "./helpers.js";

const H = (id: string, q = "q0") => ({ id, op: "APPLY_H", vqs: [q] });
const MZ = (id: string, q: string, ev: string) => ({ id, op: "MEASURE_Z", vqs: [q], produces: [ev] });
const CX = (id: string, a = "q0", b = "q1", args?: object) => ({ id, op: "APPLY_CNOT", vqs: [a, b], ...(args ? { args } : {}) });

interface Case {
  name: string;
  g: unknown;
  code: Issue["code"];
  node?: string;
  field?: string;
  opts?: Parameters<typeof verifyGraph>[1];
}

const cases: Case[] = [
  { name: "duplicate node id", g: graph([ALLOC2, H("h"), H("h", "q1"), FREE2]), code: "INVALID_GRAPH", node: "h", field: "id" },
  { name: "undeclared VQ handle", g: graph([ALLOC2, H("h", "qz"), FREE2]), code: "INVALID_GRAPH", node: "h", field: "vqs[0]" },
  { name: "undeclared event", g: graph([ALLOC2, MZ("m", "q0", "zz"), FREE2]), code: "INVALID_GRAPH", node: "m", field: "produces[0]" },
  {
    name: "forward event reference (input)",
    g: graph([ALLOC2, { id: "c", op: "COND_PAULI", vqs: ["q1"], inputs: ["m0"], args: { mask: "X" } }, MZ("m", "q0", "m0"), FREE2]),
    code: "INVALID_GRAPH", node: "c", field: "inputs[0]",
  },
  { name: "guard on unknown event", g: graph([ALLOC2, { ...H("h"), guard: { event: "nope", equals: 1 } }, FREE2]), code: "INVALID_GRAPH", node: "h", field: "guard.event" },
  { name: "guard on event produced later", g: graph([ALLOC2, { ...H("h"), guard: { event: "m1", equals: 1 } }, MZ("m", "q1", "m1"), FREE2]), code: "INVALID_GRAPH", node: "h", field: "guard.event" },
  { name: "guard equals 2", g: graph([ALLOC2, MZ("m", "q1", "m1"), { ...H("h"), guard: { event: "m1", equals: 2 } }, FREE2]), code: "INVALID_GRAPH", node: "h", field: "guard.equals" },
  { name: "bad operand count", g: graph([ALLOC2, { id: "cx", op: "APPLY_CNOT", vqs: ["q0"] }, FREE2]), code: "INVALID_GRAPH", node: "cx", field: "vqs" },
  { name: "ALLOC n mismatch", g: graph([{ ...ALLOC2, args: { n: 3 } }, FREE2]), code: "INVALID_GRAPH", node: "alloc", field: "args.n" },
  { name: "measure without enough events", g: graph([ALLOC2, { id: "m", op: "MEASURE_Z", vqs: ["q0"], produces: ["m0", "m1"] }, FREE2]), code: "INVALID_GRAPH", node: "m", field: "produces" },
  { name: "bad arg type (theta: bool)", g: graph([ALLOC2, { id: "r", op: "APPLY_RZ", vqs: ["q0"], args: { theta: true } }, FREE2]), code: "INVALID_GRAPH", node: "r", field: "args.theta" },
  { name: "missing required arg", g: graph([ALLOC2, { id: "r", op: "APPLY_RZ", vqs: ["q0"] }, FREE2]), code: "INVALID_GRAPH", node: "r", field: "args.theta" },
  { name: "unknown arg", g: graph([ALLOC2, { id: "h", op: "APPLY_H", vqs: ["q0"], args: { theta: 1 } }, FREE2]), code: "INVALID_GRAPH", node: "h", field: "args.theta" },
  { name: "bad angle expression", g: graph([ALLOC2, { id: "r", op: "APPLY_RZ", vqs: ["q0"], args: { theta: "pi/" } }, FREE2]), code: "INVALID_GRAPH", node: "r", field: "args.theta" },
  { name: "angle expression calling import()", g: graph([ALLOC2, { id: "r", op: "APPLY_RX", vqs: ["q0"], args: { theta: "import('fs')" } }, FREE2]), code: "INVALID_GRAPH", node: "r", field: "args.theta" },
  { name: "unknown angle parameter", g: graph([ALLOC2, { id: "r", op: "APPLY_RY", vqs: ["q0"], args: { theta: "phi/2" } }, FREE2]), code: "INVALID_GRAPH", node: "r", field: "args.theta", opts: { params: { theta: 1 } } },
  { name: "huge angle", g: graph([ALLOC2, { id: "r", op: "APPLY_RX", vqs: ["q0"], args: { theta: 1e300 } }, FREE2]), code: "INVALID_GRAPH", node: "r", field: "args.theta" },
  { name: "huge qubit count", g: graph([{ ...ALLOC2, args: { n: 1e12 } }, FREE2]), code: "INVALID_GRAPH", node: "alloc", field: "args.n" },
  { name: "bad QEC profile", g: graph([{ ...ALLOC2, args: { n: 2, profile: "logical:Surface(d=4)" } }, FREE2]), code: "INVALID_GRAPH", node: "alloc", field: "args.profile" },
  { name: "bad Pauli mask", g: graph([ALLOC2, MZ("m", "q0", "m0"), { id: "c", op: "COND_PAULI", vqs: ["q0"], inputs: ["m0"], args: { mask: "W" } }, FREE2]), code: "INVALID_GRAPH", node: "c", field: "args.mask" },
  { name: "COND_PAULI without mask", g: graph([ALLOC2, MZ("m", "q0", "m0"), { id: "c", op: "COND_PAULI", vqs: ["q0"], inputs: ["m0"] }, FREE2]), code: "INVALID_GRAPH", node: "c", field: "args.mask" },
  { name: "unknown opcode", g: graph([ALLOC2, { id: "x", op: "APPLY_TOFFOLI", vqs: ["q0"] }, FREE2]), code: "INVALID_GRAPH", node: "x", field: "op" },
  { name: "missing node field (op)", g: graph([ALLOC2, { id: "x", vqs: ["q0"] }, FREE2]), code: "INVALID_GRAPH", node: "x", field: "op" },
  { name: "missing top-level resources", g: { version: "0.1", program: { nodes: [] } }, code: "INVALID_GRAPH", field: "resources" },
  { name: "not an object at all", g: [1, 2], code: "INVALID_GRAPH", field: "graph" },
  { name: "wrong version", g: { ...graph([]), version: "9.9" }, code: "INVALID_GRAPH", field: "version" },
  { name: "unknown node field", g: graph([ALLOC2, { ...H("h"), evil: 1 }, FREE2]), code: "INVALID_GRAPH", node: "h", field: "evil" },
  { name: "bad id pattern", g: graph([ALLOC2, { ...H("h"), id: "h-1;drop" }, FREE2]), code: "INVALID_GRAPH", node: "h-1;drop", field: "id" },
  { name: "unknown capability name", g: { ...graph([ALLOC2, FREE2]), caps: ["CAP_GOD"] }, code: "INVALID_GRAPH", field: "caps[0]" },
  { name: "event produced twice", g: graph([ALLOC2, MZ("a", "q0", "m0"), MZ("b", "q1", "m0"), FREE2]), code: "INVALID_GRAPH", node: "b", field: "produces[0]" },
  // typestate (SPEC §1.4)
  { name: "use after measure", g: graph([ALLOC2, MZ("m", "q0", "m0"), H("h"), FREE2]), code: "LINEARITY_VIOLATION", node: "h", field: "vqs[0]" },
  { name: "double measure", g: graph([ALLOC2, MZ("m", "q0", "m0"), MZ("m2", "q0", "m1"), FREE2]), code: "LINEARITY_VIOLATION", node: "m2", field: "vqs[0]" },
  { name: "use after free", g: graph([ALLOC2, FREE2, H("h", "q1")]), code: "LINEARITY_VIOLATION", node: "h", field: "vqs[0]" },
  { name: "double free", g: graph([ALLOC2, FREE2, { id: "free2", op: "FREE_LQ", vqs: ["q1"] }]), code: "LINEARITY_VIOLATION", node: "free2", field: "vqs[0]" },
  { name: "CNOT q,q", g: graph([ALLOC2, CX("cx", "q0", "q0"), FREE2]), code: "LINEARITY_VIOLATION", node: "cx", field: "vqs[1]" },
  { name: "FREE_LQ q,q", g: graph([ALLOC2, { id: "f", op: "FREE_LQ", vqs: ["q0", "q0"] }, { id: "f2", op: "FREE_LQ", vqs: ["q1"] }]), code: "LINEARITY_VIOLATION", node: "f", field: "vqs[1]" },
  { name: "use before alloc", g: graph([H("h"), ALLOC2, FREE2]), code: "LINEARITY_VIOLATION", node: "h", field: "vqs[0]" },
  { name: "re-allocating a live handle", g: graph([ALLOC2, { ...ALLOC2, id: "alloc2" }, FREE2]), code: "LINEARITY_VIOLATION", node: "alloc2", field: "vqs[0]" },
  { name: "maybe-measured (guarded measure) then gate", g: graph([ALLOC2, MZ("m", "q0", "m0"), { ...MZ("g", "q1", "m1"), guard: { event: "m0", equals: 1 } }, H("h", "q1"), FREE2]), code: "LINEARITY_VIOLATION", node: "h", field: "vqs[0]" },
  { name: "leak in strict mode", g: graph([ALLOC2, H("h"), { id: "f", op: "FREE_LQ", vqs: ["q1"] }]), code: "LINEARITY_VIOLATION", node: "h", field: "vqs[0]", opts: { strict: true } },
  { name: "channel used after close", g: graph([ALLOC2, { id: "o", op: "OPEN_CHAN", vqs: ["q0", "q1"], chs: ["c"] }, { id: "cl", op: "CLOSE_CHAN", chs: ["c"] }, { id: "u", op: "USE_CHAN", chs: ["c"] }, FREE2], { chs: ["c"] }), code: "LINEARITY_VIOLATION", node: "u", field: "chs[0]" },
];

describe("invalid graphs", () => {
  it(`has at least 15 cases (${cases.length})`, () => expect(cases.length).toBeGreaterThanOrEqual(15));

  it.each(cases.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const r = verifyGraph(c.g, c.opts);
    expect(r.valid).toBe(false);
    const hit = r.errors.find((e) => e.code === c.code && e.node === c.node && e.field === c.field);
    expect(hit, JSON.stringify(r.errors)).toBeDefined();
    expect(hit!.message.length).toBeGreaterThan(0);
  });

  it("the leak is only a warning by default, and names where", () => {
    const g = graph([ALLOC2, H("h"), { id: "f", op: "FREE_LQ", vqs: ["q1"] }]);
    const r = verifyGraph(g);
    expect(r.valid).toBe(true);
    expect(r.warnings).toContainEqual(expect.objectContaining({ code: "LINEARITY_VIOLATION", node: "h", field: "vqs[0]" }));
  });

  it("collects every error, not only the first", () => {
    const g = graph([ALLOC2, { id: "x", op: "APPLY_RZ", vqs: ["q0"], args: { theta: "nope" } }, MZ("m", "q0", "m0"), H("h"), CX("cx", "q1", "q1"), FREE2, FREE2]);
    const r = verifyGraph(g);
    const codes = r.errors.map((e) => `${e.code}@${e.node}.${e.field}`);
    expect(codes).toEqual(
      expect.arrayContaining([
        "INVALID_GRAPH@x.args.theta",
        "LINEARITY_VIOLATION@h.vqs[0]",
        "LINEARITY_VIOLATION@cx.vqs[1]",
        "INVALID_GRAPH@free.id",
        "LINEARITY_VIOLATION@free.vqs[0]",
      ]),
    );
  });

  it("value-level schema errors do not hide semantic ones; a broken skeleton stops early", () => {
    const g = graph([ALLOC2, { id: "r", op: "APPLY_RZ", vqs: ["q0"], args: { theta: true } }, MZ("m", "q0", "m0"), { ...H("h"), extra: 1 }, FREE2]);
    const codes = verifyGraph(g).errors.map((e) => `${e.code}@${e.node}.${e.field}`);
    expect(codes.sort()).toEqual(["INVALID_GRAPH@h.extra", "INVALID_GRAPH@r.args.theta", "LINEARITY_VIOLATION@h.vqs[0]"]);
    const broken = graph([ALLOC2, { id: "h", op: "APPLY_H", vqs: "q0" }, MZ("m", "q0", "m0"), H("h2")]);
    expect(verifyGraph(broken).errors.map((e) => `${e.node}.${e.field}`)).toEqual(["h.vqs"]);
  });

  it("a measured qubit may be corrected, reset, and reused; freed is final", () => {
    const ok = graph([ALLOC2, MZ("m", "q0", "m0"), { id: "c", op: "COND_PAULI", vqs: ["q0"], inputs: ["m0"], args: { pauli: "X" } }, { id: "r", op: "RESET", vqs: ["q0"] }, H("h"), MZ("m2", "q0", "m1"), FREE2]);
    expect(verifyGraph(ok, { strict: true }).errors).toEqual([]);
    const bad = graph([ALLOC2, FREE2, { id: "r", op: "RESET", vqs: ["q0"] }]);
    expect(verifyGraph(bad).errors).toContainEqual(expect.objectContaining({ code: "LINEARITY_VIOLATION", node: "r" }));
  });

  it("requiredCaps are derived from the opcodes, not from the declaration", () => {
    const g = {
      ...graph([
        ALLOC2,
        { id: "t", op: "INJECT_T_STATE", vqs: ["q0"] },
        { id: "tc", op: "TELEPORT_CNOT", vqs: ["q0", "q1"] },
        { id: "mb", op: "MEASURE_BELL", vqs: ["q0", "q1"], produces: ["m0", "m1"] },
        FREE2,
      ]),
      caps: ["CAP_ALLOC"],
    };
    const r = verifyGraph(g, { strict: true });
    expect(r.errors).toEqual([]);
    expect(r.requiredCaps).toEqual(["CAP_ALLOC", "CAP_TELEPORT", "CAP_MAGIC", "CAP_MEASURE"]);
  });

  it("a Bell-index event (1 event) cannot drive a guard", () => {
    const g = graph([ALLOC2, { id: "mb", op: "MEASURE_BELL", vqs: ["q0", "q1"], produces: ["m0"] }, { id: "f", op: "FREE_LQ", vqs: ["q0", "q1"], guard: { event: "m0", equals: 1 } }]);
    expect(verifyGraph(g).errors).toContainEqual(expect.objectContaining({ node: "f", field: "guard.event" }));
  });

  it("aliases that disagree are rejected", () => {
    const g = graph([ALLOC2, MZ("m", "q0", "m0"), { id: "c", op: "COND_PAULI", vqs: ["q0"], inputs: ["m0"], args: { mask: "X", pauli: "Z" } }, FREE2]);
    expect(verifyGraph(g).errors).toContainEqual(expect.objectContaining({ node: "c", field: "args.pauli" }));
  });
});

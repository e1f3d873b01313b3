import { describe, expect, it } from "vitest";
import { executeGraph, ExecutionCancelled, shotSeed } from "../../kernel/qvm/executor.js";
import { BarePort } from "../../kernel/qvm/bare-port.js";
import type { QuantumPort, NodeCtx } from "../../kernel/qvm/port.js";
import type { QvmGraph, QvmNode } from "../../kernel/qvm/graph.js";
import { verifyGraph } from "../../kernel/qvm/verifier.js";
import { QmkError } from "../../kernel/errors.js";
import { countBit, expectBinomial, loadConformance } from "./helpers.js";

function g(nodes: QvmNode[], vqs: string[], events: string[], chs: string[] = []): QvmGraph {
  const graph: QvmGraph = { version: "0.1", program: { nodes }, resources: { vqs, chs, events } };
  const r = verifyGraph(graph, { params: { theta: Math.PI } });
  expect(r.errors).toEqual([]);
  return graph;
}
const alloc = (vqs: string[]): QvmNode => ({ id: "alloc", op: "ALLOC_LQ", args: { n: vqs.length }, vqs });
const op = (id: string, o: string, vqs: string[], extra: Partial<QvmNode> = {}): QvmNode => ({ id, op: o, vqs, ...extra });

describe("executeGraph on the bare simulator", () => {
  const tele = loadConformance("teleportation_demo.qvm.json");

  it("is deterministic for a fixed seed and varies with the seed", () => {
    const a = executeGraph(tele, new BarePort(), { shots: 300, seed: 42 });
    const b = executeGraph(tele, new BarePort(), { shots: 300, seed: 42 });
    const c = executeGraph(tele, new BarePort(), { shots: 300, seed: 43 });
    expect(b).toEqual(a);
    expect(c.counts).not.toEqual(a.counts);
    expect(shotSeed(42, 0)).not.toBe(shotSeed(42, 1));
  });

  it("reports progress and returns the last shot's events and markers", () => {
    const seen: [number, number][] = [];
    const r = executeGraph(tele, new BarePort(), { shots: 5, seed: 1, onProgress: (d, t) => seen.push([d, t]) });
    expect(seen).toEqual([1, 2, 3, 4, 5].map((d) => [d, 5]));
    expect(Object.keys(r.events).sort()).toEqual(["m_alice", "m_bob", "m_msg"]);
    expect(r.markers).toEqual(["fence1", "fence2"]);
  });

  it("cancellation between shots throws ExecutionCancelled with partial counts", () => {
    let calls = 0;
    try {
      executeGraph(tele, new BarePort(), { shots: 100, seed: 1, shouldCancel: () => ++calls > 3 });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ExecutionCancelled);
      const c = e as ExecutionCancelled;
      expect(c.shotsDone).toBe(3);
      expect(Object.values(c.partial).reduce((x, y) => x + y, 0)).toBe(3);
    }
  });

  it("binds parameters; an unbound one is an error naming node and field", () => {
    const graph = g([alloc(["q"]), op("r", "APPLY_RY", ["q"], { args: { theta: "theta" } }), op("m", "MEASURE_Z", ["q"], { produces: ["e"] })], ["q"], ["e"]);
    expect(executeGraph(graph, new BarePort(), { shots: 50, seed: 1, params: { theta: Math.PI } }).counts).toEqual({ "1": 50 });
    expect(executeGraph(graph, new BarePort(), { shots: 50, seed: 1, params: { theta: 0 } }).counts).toEqual({ "0": 50 });
    expect(() => executeGraph(graph, new BarePort(), { shots: 1, seed: 1 })).toThrow(expect.objectContaining({ codeName: "INVALID_GRAPH", data: { node: "r", field: "args.theta" } }));
  });

  it("COND_PAULI fires on the XOR of its inputs", () => {
    const graph = g(
      [
        alloc(["a", "b", "t"]),
        op("ha", "APPLY_H", ["a"]),
        op("hb", "APPLY_H", ["b"]),
        op("ma", "MEASURE_Z", ["a"], { produces: ["ea"] }),
        op("mb", "MEASURE_Z", ["b"], { produces: ["eb"] }),
        op("c", "COND_PAULI", ["t"], { inputs: ["ea", "eb"], args: { mask: "X" } }),
        op("mt", "MEASURE_Z", ["t"], { produces: ["et"] }),
      ],
      ["a", "b", "t"],
      ["ea", "eb", "et"],
    );
    const { counts } = executeGraph(graph, new BarePort(), { shots: 400, seed: 3 });
    for (const k of Object.keys(counts)) expect(Number(k[2])).toBe(Number(k[0]) ^ Number(k[1]));
    expect(Object.keys(counts).sort()).toEqual(["000", "011", "101", "110"]);
  });

  it("a skipped guarded measurement leaves '-' in the bitstring", () => {
    const graph = g(
      [alloc(["a", "b"]), op("ma", "MEASURE_Z", ["a"], { produces: ["ea"] }), op("mb", "MEASURE_Z", ["b"], { produces: ["eb"], guard: { event: "ea", equals: 1 } }), op("f", "FREE_LQ", ["a", "b"])],
      ["a", "b"],
      ["ea", "eb"],
    );
    expect(executeGraph(graph, new BarePort(), { shots: 20, seed: 1 }).counts).toEqual({ "0-": 20 });
  });

  it("OPEN_CHAN prepares Φ+; MEASURE_BELL gives the Bell index (1 event) or [xParity, zParity] (2 events)", () => {
    const mk = (pre: QvmNode[], produces: string[]) =>
      g([alloc(["a", "b"]), op("o", "OPEN_CHAN", ["a", "b"], { chs: ["ch"] }), ...pre, op("c", "CLOSE_CHAN", [], { chs: ["ch"] }), op("mb", "MEASURE_BELL", ["a", "b"], { produces })], ["a", "b"], produces, ["ch"]);
    const run = (graph: QvmGraph) => executeGraph(graph, new BarePort(), { shots: 50, seed: 9 }).counts;
    expect(run(mk([], ["e"]))).toEqual({ "0": 50 }); // Φ+
    expect(run(mk([op("x", "APPLY_X", ["b"])], ["e"]))).toEqual({ "1": 50 }); // Ψ+: zParity
    expect(run(mk([op("z", "APPLY_Z", ["a"])], ["e"]))).toEqual({ "2": 50 }); // Φ−: xParity
    expect(run(mk([op("z", "APPLY_Z", ["a"]), op("x", "APPLY_X", ["b"])], ["e0", "e1"]))).toEqual({ "11": 50 }); // Ψ−
    expect(run(mk([op("x", "APPLY_X", ["b"])], ["e0", "e1"]))).toEqual({ "01": 50 });
  });

  it("INJECT_T_STATE prepares (|0⟩+e^{iπ/4}|1⟩)/√2", () => {
    const mk = (m: string) => g([alloc(["q"]), op("t", "INJECT_T_STATE", ["q"]), op("m", m, ["q"], { produces: ["e"] })], ["q"], ["e"]);
    const N = 2000;
    const p1 = (m: string) => countBit(executeGraph(mk(m), new BarePort(), { shots: N, seed: 5 }).counts, 0, "1");
    expectBinomial(p1("MEASURE_Z"), N, 0.5);
    expectBinomial(p1("MEASURE_X"), N, (1 - Math.cos(Math.PI / 4)) / 2);
    expectBinomial(p1("MEASURE_Y"), N, (1 - Math.sin(Math.PI / 4)) / 2);
  });

  it("leaked qubits are released at the end of every shot", () => {
    const port = new BarePort();
    const graph = g([alloc(["q", "r"]), op("h", "APPLY_H", ["q"])], ["q", "r"], []);
    executeGraph(graph, port, { shots: 50, seed: 1 });
    expect(port.sim.numQubits).toBe(0);
  });

  it.each([0, -1, 1.5, 2e6, Number.NaN])("shots=%s is INVALID_PARAMS", (shots) => {
    expect(() => executeGraph(tele, new BarePort(), { shots, seed: 1 })).toThrow(expect.objectContaining({ codeName: "INVALID_PARAMS", data: { field: "shots" } }));
  });
});

describe("executeGraph through a recording port", () => {
  class Recorder implements QuantumPort {
    log: string[] = [];
    next = 0;
    alloc(ctx: NodeCtx, n: number, profile: string, tenant?: string) {
      this.log.push(`alloc ${ctx.node.id} ${n} ${profile} ${tenant ?? "-"}`);
      return Array.from({ length: n }, () => this.next++);
    }
    op(ctx: NodeCtx, opcode: string, vqs: unknown[], chs: unknown[], args: Record<string, unknown>) {
      this.log.push(`op ${ctx.node.id} ${opcode} ${JSON.stringify(vqs)} ${JSON.stringify(chs)} ${JSON.stringify(args)}`);
      if (opcode === "OPEN_CHAN") return { chs: ["CH!"] };
      if (opcode.startsWith("MEASURE")) return { outcomes: [1] };
      return {};
    }
    free(ctx: NodeCtx, vqs: unknown[]) {
      this.log.push(`free ${ctx.node.id} ${JSON.stringify(vqs)}`);
    }
    beginShot(shot: number, seed: number) {
      this.log.push(`begin ${shot} ${seed === shotSeed(7, shot)}`);
    }
    endShot(shot: number) {
      this.log.push(`end ${shot}`);
    }
  }

  it("passes evaluated args, COND_PAULI as {mask, fire}, channel refs, and brackets each shot", () => {
    const graph = g(
      [
        { id: "alloc", op: "ALLOC_LQ", args: { n: 2, profile: "logical:BaconShor(d=3)", tenant_id: "alice" }, vqs: ["a", "b"] },
        op("bar", "BAR_REGION", [], { args: { tag: "x" } }),
        op("o", "OPEN_CHAN", ["a", "b"], { chs: ["c"] }), // on fresh qubits (SPEC precondition)
        op("r", "APPLY_RZ", ["a"], { args: { theta: "pi/2" } }),
        op("u", "USE_CHAN", [], { chs: ["c"] }),
        op("m", "MEASURE_Z", ["a"], { produces: ["e"] }),
        op("p", "COND_PAULI", ["b"], { inputs: ["e"], args: { pauli: "Z" } }),
        op("f", "FREE_LQ", ["a"]),
      ],
      ["a", "b"],
      ["e"],
      ["c"],
    );
    const port = new Recorder();
    executeGraph(graph, port, { shots: 1, seed: 7 });
    expect(port.log).toEqual([
      "begin 0 true",
      "alloc alloc 2 logical:BaconShor(d=3) alice",
      "op o OPEN_CHAN [0,1] [] {}",
      `op r APPLY_RZ [0] [] {"theta":${Math.PI / 2}}`,
      'op u USE_CHAN [] ["CH!"] {}',
      "op m MEASURE_Z [0] [] {}",
      'op p COND_PAULI [1] [] {"mask":"Z","fire":true}',
      "free f [0]",
      "end 0",
    ]);
  });

  it("endShot runs even when the port throws, and the error propagates", () => {
    const port = new Recorder();
    port.op = () => {
      throw new QmkError("FIREWALL_VIOLATION", "no", { node: "h" });
    };
    const graph = g([alloc(["q"]), op("h", "APPLY_H", ["q"])], ["q"], []);
    expect(() => executeGraph(graph, port, { shots: 3, seed: 7 })).toThrow(expect.objectContaining({ codeName: "FIREWALL_VIOLATION" }));
    expect(port.log.at(-1)).toBe("end 0");
  });
});

// Static multi-tenant firewall (SPEC §2.9).
import { describe, expect, it } from "vitest";
import { verifyGraph } from "../../kernel/qvm/verifier.js";

const alloc = (id: string, tenant: string, vqs: string[], key = "tenant") => ({ id, op: "ALLOC_LQ", args: { n: vqs.length, [key]: tenant }, vqs });
const cx = (id: string, a: string, b: string, channel?: string) => ({ id, op: "APPLY_CNOT", vqs: [a, b], ...(channel ? { args: { channel } } : {}) });
const mz = (id: string, q: string, ev: string) => ({ id, op: "MEASURE_Z", vqs: [q], produces: [ev] });

function g(nodes: unknown[]) {
  return {
    version: "0.1",
    program: { nodes: [alloc("aa", "alice", ["a0", "a1"]), alloc("bb", "bob", ["b0"], "tenant_id"), alloc("cc", "carol", ["c0"]), ...nodes] },
    resources: { vqs: ["a0", "a1", "b0", "c0"], chs: ["ch"], events: ["e0", "e1", "e2"] },
  };
}
// only "alice-bob" authorizes, and only alice↔bob
const channelValid = (a: string, b: string, ch: string) => ch === "alice-bob" && [a, b].sort().join() === "alice,bob";
const fw = (r: ReturnType<typeof verifyGraph>) => r.errors.filter((e) => e.code === "FIREWALL_VIOLATION").map((e) => `${e.node}:${e.field}`);

describe("static entanglement firewall", () => {
  it("lists tenants (tenant and tenant_id alias); executing it needs CAP_ADMIN", () => {
    const r = verifyGraph(g([mz("m", "a0", "e0")]));
    expect(r.tenants).toEqual(["alice", "bob", "carol"]);
    expect(r.requiredCaps).toEqual(["CAP_ALLOC", "CAP_MEASURE", "CAP_ADMIN"]);
  });

  it("same-tenant entangling needs nothing", () => {
    expect(fw(verifyGraph(g([cx("x", "a0", "a1")])))).toEqual([]);
  });

  it("cross-tenant entangling without a channel is refused, naming node and field", () => {
    expect(fw(verifyGraph(g([cx("x", "a0", "b0")]), { channelValid }))).toEqual(["x:args.channel"]);
  });

  it("a valid channel between exactly those tenants authorizes", () => {
    expect(fw(verifyGraph(g([cx("x", "a0", "b0", "alice-bob")]), { channelValid }))).toEqual([]);
  });

  it("without the callback every cross-tenant op is refused", () => {
    expect(fw(verifyGraph(g([cx("x", "a0", "b0", "alice-bob")])))).toEqual(["x:args.channel"]);
  });

  it("a channel for another pair does not authorize", () => {
    expect(fw(verifyGraph(g([cx("x", "a0", "c0", "alice-bob")]), { channelValid }))).toEqual(["x:args.channel"]);
  });

  it("components count, not only operands: alice's CZ touching bob's component needs the channel", () => {
    const nodes = [cx("x", "a0", "b0", "alice-bob"), { id: "z", op: "APPLY_CZ", vqs: ["a1", "a0"] }];
    expect(fw(verifyGraph(g(nodes), { channelValid }))).toEqual(["z:args.channel"]);
  });

  it("measurement removes a qubit from its component", () => {
    const nodes = [cx("x", "a0", "b0", "alice-bob"), mz("m", "a0", "e0"), { id: "r", op: "RESET", vqs: ["a0"] }, cx("y", "a1", "a0")];
    expect(fw(verifyGraph(g(nodes), { channelValid }))).toEqual([]);
  });

  it("a component spanning three tenants cannot be authorized by one channel", () => {
    const ok = (a: string, b: string, ch: string) => ch === "any" && a !== b;
    const nodes = [cx("x", "a0", "b0", "any"), cx("y", "b0", "c0", "any")];
    expect(fw(verifyGraph(g(nodes), { channelValid: ok }))).toEqual(["y:vqs"]);
  });

  it.each(["APPLY_SWAP", "APPLY_CZ", "TELEPORT_CNOT", "OPEN_CHAN", "MEASURE_BELL"])("%s is entangling", (op) => {
    const node: Record<string, unknown> = { id: "x", op, vqs: ["a0", "b0"] };
    if (op === "OPEN_CHAN") node.chs = ["ch"];
    if (op === "MEASURE_BELL") node.produces = ["e0", "e1"];
    expect(fw(verifyGraph(g([node]), { channelValid }))).toEqual(["x:args.channel"]);
    node.args = { channel: "alice-bob" };
    expect(fw(verifyGraph(g([node]), { channelValid }))).toEqual([]);
  });

  it("APPLY_CPHASE keeps its theta alongside the channel", () => {
    const node = { id: "x", op: "APPLY_CPHASE", vqs: ["a0", "b0"], args: { theta: "pi/2", channel: "alice-bob" } };
    const r = verifyGraph(g([node]), { channelValid });
    expect(r.errors).toEqual([]);
  });

  it("a throwing channel authority authorizes nothing and does not crash", () => {
    const boom = () => {
      throw new Error("db down");
    };
    expect(fw(verifyGraph(g([cx("x", "a0", "b0", "alice-bob")]), { channelValid: boom }))).toEqual(["x:args.channel"]);
  });

  it("a multi-tenant graph must name the tenant of every ALLOC_LQ", () => {
    const r = verifyGraph({
      version: "0.1",
      program: { nodes: [alloc("aa", "alice", ["a0"]), { id: "anon", op: "ALLOC_LQ", args: { n: 1 }, vqs: ["x0"] }] },
      resources: { vqs: ["a0", "x0"], events: [] },
    });
    expect(r.errors).toContainEqual(expect.objectContaining({ code: "INVALID_GRAPH", node: "anon", field: "args.tenant" }));
  });

  it("reports every violating node", () => {
    const r = verifyGraph(g([cx("x", "a0", "b0"), cx("y", "a1", "c0")]), { channelValid });
    expect(fw(r)).toEqual(["x:args.channel", "y:args.channel"]);
  });
});

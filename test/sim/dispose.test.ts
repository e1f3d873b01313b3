import { describe, expect, it } from "vitest";
import { Simulator } from "../../kernel/sim/index.js";
import { QuantumMachine } from "../../kernel/machine/machine.js";

describe("dropping a state at once (no measure-out)", () => {
  it("Simulator.dispose frees the memory, draws nothing, and leaves a usable simulator", () => {
    const sim = new Simulator({ seed: 1 });
    let draws = 0;
    sim.setRandom(() => { draws++; return 0.5; });
    const q = sim.allocate(20);
    for (const id of q) sim.gate("H", [id]);
    sim.gate("CNOT", [q[0], q[19]]);
    sim.flush();
    expect(sim.memoryBytes).toBeGreaterThanOrEqual(2 ** 20 * 16);
    sim.dispose();
    expect(draws).toBe(0); // release() would have measured 20 uncertain qubits
    expect(sim.numQubits).toBe(0);
    expect(sim.memoryBytes).toBeLessThanOrEqual(65536);
    const r = sim.allocate(2);
    expect(r.every((id) => !q.includes(id))).toBe(true); // ids are never reused
    expect(Array.from(sim.probabilities())).toEqual([1, 0, 0, 0]);
  });

  it("queued (unflushed) gates are dropped with the state", () => {
    const sim = new Simulator();
    const q = sim.allocate(3);
    sim.gate("X", [q[0]]);
    sim.dispose();
    const r = sim.allocate(1);
    expect(Array.from(sim.probabilities(r))).toEqual([1, 0]);
  });

  it("QuantumMachine.discard drops every record and the state", () => {
    const m = new QuantumMachine({ maxQubits: 10 });
    const a = m.allocate("alice", "s1", 4);
    m.allocate("bob", "s2", 3);
    const gone = m.discard();
    expect(gone.length).toBe(7);
    expect(m.liveCount).toBe(0);
    expect(m.record(a[0].id)).toBeUndefined();
    expect(m.sim.numQubits).toBe(0);
    expect(m.allocate("alice", "s1", 10).length).toBe(10); // the whole capacity is back
  });
});

describe("releasing many qubits at once", () => {
  it("compacts in place and moves to a smaller memory at most once (no copy per qubit while the big memory is alive)", async () => {
    const { StateStore } = await import("../../kernel/sim/state.js");
    const { vi } = await import("vitest");
    const sim = new Simulator({ seed: 4 });
    const q = sim.allocate(23); // 128 MiB: large enough for the shrink-to-a-new-memory path
    sim.gate("H", [q[0]]);
    for (let i = 1; i < 23; i++) sim.gate("CNOT", [q[i - 1], q[i]]);
    sim.flush();
    const moves = vi.spyOn(StateStore.prototype, "shrunk");
    try {
      sim.release(q.slice(2));
      expect(moves).toHaveBeenCalledTimes(1);
    } finally { moves.mockRestore(); }
    expect(sim.memoryBytes).toBeLessThanOrEqual(65536);
    const p = sim.probabilities();
    // GHZ: the 21 released qubits collapsed the two kept ones onto 00 or 11 together
    expect(p[0] + p[3]).toBeCloseTo(1, 12);
    expect(Math.max(p[0], p[3])).toBeCloseTo(1, 12);
  });
});

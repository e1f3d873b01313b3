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

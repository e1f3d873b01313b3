// A QuantumPort straight onto kernel/sim, with no mediation: the "bare
// simulator" baseline of the mediation benchmark, and the tests' machine.
// Assumes a verified graph (it enforces nothing).
import { Simulator } from "../sim/index.js";
import { execOpcode } from "../machine/exec-op.js";
import { QmkError } from "../errors.js";
import { OPCODES } from "./opcodes.js";
import type { ChRef, NodeCtx, QuantumPort, VqRef } from "./port.js";

export class BarePort implements QuantumPort {
  readonly sim: Simulator;
  private readonly live = new Set<number>();

  constructor(opts: { seed?: number; maxQubits?: number; sim?: Simulator } = {}) {
    this.sim = opts.sim ?? new Simulator({ seed: opts.seed ?? 0, ...(opts.maxQubits !== undefined ? { maxQubits: opts.maxQubits } : {}) });
  }

  alloc(_ctx: NodeCtx, n: number): VqRef[] {
    const ids = this.sim.allocate(n);
    for (const id of ids) this.live.add(id);
    return ids;
  }

  op(ctx: NodeCtx, opcode: string, vqs: VqRef[], _chs: ChRef[], args: Record<string, unknown>): { outcomes?: number[]; chs?: ChRef[] } {
    const q = vqs as number[];
    if (!OPCODES[opcode]) throw new QmkError("INVALID_GRAPH", `unknown opcode ${opcode}`, { node: ctx.node.id, field: "op" });
    const outcomes = execOpcode(this.sim, opcode, q, args);
    if (opcode === "OPEN_CHAN") return { chs: [{ vqs: [q[0], q[1]] }] };
    return outcomes.length ? { outcomes } : {};
  }

  sample(vqs: VqRef[], shots: number): Map<string, number> {
    return this.sim.sample(vqs as number[], shots);
  }

  free(_ctx: NodeCtx, vqs: VqRef[]): void {
    const ids = vqs as number[];
    this.sim.release(ids);
    for (const id of ids) this.live.delete(id);
  }

  beginShot(_shot: number, seed: number): void {
    this.sim.setSeed(seed);
  }

  endShot(): void {
    if (this.live.size) this.sim.release([...this.live]);
    this.live.clear();
  }
}

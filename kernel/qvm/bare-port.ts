// A QuantumPort straight onto kernel/sim, with no mediation: the "bare
// simulator" baseline of the mediation benchmark, and the tests' machine.
// Assumes a verified graph (it enforces nothing).
import { Simulator, type GateName } from "../sim/index.js";
import { QmkError } from "../errors.js";
import { OPCODES } from "./opcodes.js";
import type { ChRef, NodeCtx, QuantumPort, VqRef } from "./port.js";

const MEASURE_BASIS = { MEASURE_Z: "Z", MEASURE_X: "X", MEASURE_Y: "Y" } as const;

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
    const spec = OPCODES[opcode];
    if (!spec) throw new QmkError("INVALID_GRAPH", `unknown opcode ${opcode}`, { node: ctx.node.id, field: "op" });
    if (spec.gate) {
      this.sim.gate(spec.gate as GateName, q, (spec.gateParams ?? []).map((p) => args[p] as number));
      return {};
    }
    switch (opcode) {
      case "MEASURE_Z":
      case "MEASURE_X":
      case "MEASURE_Y":
        return { outcomes: [this.sim.measure(q[0]!, MEASURE_BASIS[opcode])] };
      case "MEASURE_ANGLE":
        return { outcomes: [this.sim.measure(q[0]!, { angle: args.angle as number })] };
      case "MEASURE_BELL": {
        const idx = this.sim.measureBell(q[0]!, q[1]!);
        return { outcomes: [(idx >> 1) & 1, idx & 1] }; // [xParity, zParity]
      }
      case "RESET":
        this.sim.reset(q[0]!);
        return {};
      case "INJECT_T_STATE": // (|0⟩ + e^{iπ/4}|1⟩)/√2 from |0⟩
        this.sim.gate("H", q);
        this.sim.gate("T", q);
        return {};
      case "OPEN_CHAN": // Bell pair (|00⟩ + |11⟩)/√2
        this.sim.gate("H", [q[0]!]);
        this.sim.gate("CNOT", [q[0]!, q[1]!]);
        return { chs: [{ vqs: [q[0], q[1]] }] };
      case "COND_PAULI":
        if (args.fire === true)
          for (const p of String(args.mask)) if (p === "X" || p === "Y" || p === "Z") this.sim.gate(p, q);
        return {};
      default: // USE_CHAN, CLOSE_CHAN, markers: nothing physical
        return {};
    }
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

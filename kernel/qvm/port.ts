// The executor's only window onto a quantum machine (CONTRACTS.md). The
// kernel implements it with mediation (rights, linearity, firewall, audit);
// bare-port.ts implements it straight onto the simulator.
import type { QvmNode } from "./graph.js";

export interface NodeCtx {
  node: QvmNode;
  shot: number;
}

export type VqRef = unknown;
export type ChRef = unknown;

export interface QuantumPort {
  alloc(ctx: NodeCtx, n: number, profile: string, tenant?: string): VqRef[];
  /**
   * Runs one opcode. Measurements return `outcomes` (one bit per measured
   * qubit; MEASURE_BELL returns [xParity, zParity]); OPEN_CHAN returns `chs`.
   * Numeric args (angles) arrive already evaluated. COND_PAULI arrives as
   * `{ mask, fire }`.
   */
  op(ctx: NodeCtx, opcode: string, vqs: VqRef[], chs: ChRef[], args: Record<string, unknown>): { outcomes?: number[]; chs?: ChRef[] };
  free(ctx: NodeCtx, vqs: VqRef[]): void;
  /** optional: called before each shot with a per-shot seed derived from the job seed */
  beginShot?(shot: number, seed: number): void;
  /**
   * optional: `shots` samples of the Z outcomes of these qubits from the
   * current state, without collapsing it (bitstring char k = vqs[k]).
   * Enables the executor's sampling fast path.
   */
  sample?(vqs: VqRef[], shots: number): Map<string, number>;
  /** frees whatever is still live (leaks) */
  endShot(shot: number): void;
}

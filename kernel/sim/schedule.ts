// Cache blocking: ops that touch only the low B qubits act independently on
// each contiguous chunk of 2^B amplitudes, so a run of them can be applied
// chunk by chunk while the chunk sits in cache — one pass over memory for
// the whole run instead of one per op.
//
// The scheduler moves low ops into the current run past earlier ops they
// commute with (disjoint qubits); an op that touches a qubit already used by
// a deferred op stays behind it, so the order of non-commuting ops is kept.
import type { Op } from "./ops.js";

export type Step = Op | { kind: "run"; ops: Op[] };

export function opQubits(op: Op): number[] {
  switch (op.kind) {
    case "m1": case "phase1": case "x": return [op.q];
    case "c1": case "cnot": return [op.c, op.t];
    case "swap": case "phase2": return [op.a, op.b];
    case "m2": return [op.q0, op.q1];
  }
}

/** Diagonal ops: on a chunk, a bit ≥ B is a constant, so they reduce to a low op, a scalar or nothing (chunkOp). */
export const isDiagonal = (op: Op): boolean => op.kind === "phase1" || op.kind === "phase2";

/**
 * A run member specialised to chunk c (bits ≥ B of the index = bits of c):
 * the low op itself, or for a diagonal op with high bits the low phase it
 * becomes, a chunk-wide scalar ("scale"), or null when it is the identity there.
 */
export function chunkOp(op: Op, B: number, c: number): Op | { kind: "scale"; re: number; im: number } | null {
  if (op.kind === "phase1" && op.q >= B) return (c >> (op.q - B)) & 1 ? { kind: "scale", re: op.re, im: op.im } : null;
  if (op.kind === "phase2" && (op.a >= B || op.b >= B)) {
    const hi = [op.a, op.b].filter((q) => q >= B), lo = [op.a, op.b].filter((q) => q < B);
    if (!hi.every((q) => (c >> (q - B)) & 1)) return null;
    return lo.length ? { kind: "phase1", q: lo[0], re: op.re, im: op.im } : { kind: "scale", re: op.re, im: op.im };
  }
  return op;
}

export function schedule(ops: Op[], B: number): Step[] {
  const out: Step[] = [];
  let rest = ops;
  // diagonal ops join a run whatever their bits: QFT's CPHASE ladders become one pass
  const low = (op: Op) => isDiagonal(op) || opQubits(op).every((q) => q < B);
  while (rest.length > 0) {
    const run: Op[] = [], deferred: Op[] = [];
    const blocked = new Set<number>();
    for (const op of rest) {
      const qs = opQubits(op);
      if (low(op) && !qs.some((q) => blocked.has(q))) run.push(op);
      else { deferred.push(op); for (const q of qs) blocked.add(q); }
    }
    if (run.length === 1) out.push(run[0]);
    else if (run.length > 1) out.push({ kind: "run", ops: run });
    // the leading high ops are now executable: they only wait on ops already emitted
    let i = 0;
    while (i < deferred.length && !low(deferred[i])) out.push(deferred[i++]);
    // a blocked low op (if any) starts the next round
    rest = deferred.slice(i);
  }
  return out;
}

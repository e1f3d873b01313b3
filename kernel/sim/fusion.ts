// Gate fusion: consecutive ops are merged into blocks on ≤ 2 qubits, each
// applied in one pass over the state, so passes < gates.
//
// Invariant: last[q] is the latest queued block touching bit q. An op whose
// qubits are all inside last[q]'s qubits can be multiplied into that block,
// because every later block is disjoint from those qubits and commutes with
// it. A two-qubit op that starts a new block also swallows one-qubit blocks
// that are the latest on its qubits (same argument). The fusion is exact up
// to floating-point rounding of the matrix products (tests compare fused
// and unfused states to 1e-12).
import type { Op } from "./ops.js";
import { opQubits } from "./schedule.js";

/** Local index convention of a block: bit 0 = qs[0], bit 1 = qs[1]. */
interface Block {
  qs: number[];
  m: Float64Array; // 2×2 (8) or 4×4 (32), row-major complex interleaved
  ops: Op[];
  dead: boolean;
  /** a CZ/CPHASE block: only more phases on the same pair join it, so it stays a quarter-touching phase op that the scheduler can fold into a chunked run */
  diag?: boolean;
}

const ID4 = () => { const m = new Float64Array(32); for (let i = 0; i < 4; i++) m[(i * 4 + i) * 2] = 1; return m; };

/** c = a · b for d×d complex matrices */
function matmul(a: Float64Array, b: Float64Array, d: number): Float64Array {
  const c = new Float64Array(2 * d * d);
  for (let i = 0; i < d; i++)
    for (let k = 0; k < d; k++) {
      const ar = a[(i * d + k) * 2], ai = a[(i * d + k) * 2 + 1];
      if (ar === 0 && ai === 0) continue;
      for (let j = 0; j < d; j++) {
        const br = b[(k * d + j) * 2], bi = b[(k * d + j) * 2 + 1];
        c[(i * d + j) * 2] += ar * br - ai * bi;
        c[(i * d + j) * 2 + 1] += ar * bi + ai * br;
      }
    }
  return c;
}

/** 2×2 matrix of a one-qubit op */
function mat1(op: Op): Float64Array {
  switch (op.kind) {
    case "m1": return op.m;
    case "phase1": return Float64Array.of(1, 0, 0, 0, 0, 0, op.re, op.im);
    case "x": return Float64Array.of(0, 0, 1, 0, 1, 0, 0, 0);
    default: throw new Error(`not a one-qubit op: ${op.kind}`);
  }
}

/** 2×2 on local bit `bit` of a 2-qubit block, as 4×4 */
function embed(m: Float64Array, bit: 0 | 1): Float64Array {
  const out = new Float64Array(32);
  for (let r = 0; r < 4; r++)
    for (let c = 0; c < 4; c++) {
      const other = bit === 0 ? (r >> 1) === (c >> 1) : (r & 1) === (c & 1);
      if (!other) continue;
      const rr = bit === 0 ? r & 1 : r >> 1, cc = bit === 0 ? c & 1 : c >> 1;
      out[(r * 4 + c) * 2] = m[(rr * 2 + cc) * 2];
      out[(r * 4 + c) * 2 + 1] = m[(rr * 2 + cc) * 2 + 1];
    }
  return out;
}

/** 4×4 of a two-qubit op on the block qubits qs (local bit k = qs[k]) */
function mat2(op: Op, qs: number[]): Float64Array {
  const local = (q: number) => (q === qs[0] ? 1 : 2);
  const m = new Float64Array(32);
  const set = (r: number, c: number, re: number, im = 0) => { m[(r * 4 + c) * 2] = re; m[(r * 4 + c) * 2 + 1] = im; };
  for (let i = 0; i < 4; i++) {
    switch (op.kind) {
      case "cnot": set((i & local(op.c)) ? i ^ local(op.t) : i, i, 1); break;
      case "swap": set((i & 3) === 1 || (i & 3) === 2 ? i ^ 3 : i, i, 1); break;
      case "phase2": if (i === 3) set(3, 3, op.re, op.im); else set(i, i, 1); break;
      case "c1": {
        const cb = local(op.c), tb = local(op.t);
        if (!(i & cb)) { set(i, i, 1); break; }
        for (const r of [i & ~tb, i | tb]) {
          const e = ((r & tb ? 2 : 0) + (i & tb ? 1 : 0)) * 2;
          set(r, i, op.m[e], op.m[e + 1]);
        }
        break;
      }
      default: throw new Error(`not a two-qubit op: ${op.kind}`);
    }
  }
  return m;
}


const isZero = (m: Float64Array, i: number) => m[i] === 0 && m[i + 1] === 0;
const close = (x: number, y: number) => Math.abs(x - y) <= 1e-15;

/** Cheapest op equivalent to a fused block (diagonal → phase, controlled → c1, else dense). */
function lower(b: Block): Op {
  if (b.ops.length === 1) return b.ops[0];
  const m = b.m;
  if (b.qs.length === 1) {
    if (isZero(m, 2) && isZero(m, 4) && close(m[0], 1) && close(m[1], 0)) return { kind: "phase1", q: b.qs[0], re: m[6], im: m[7] };
    return { kind: "m1", q: b.qs[0], m };
  }
  const e = (r: number, c: number) => (r * 4 + c) * 2;
  // controlled on local bit cb: identity on the cb = 0 subspace, no mixing across it
  for (const cb of [1, 2]) {
    const tb = 3 - cb;
    let ok = true;
    for (let r = 0; r < 4 && ok; r++)
      for (let c = 0; c < 4 && ok; c++) {
        const rc = r & cb, cc = c & cb;
        if (rc !== cc) ok = isZero(m, e(r, c));
        else if (!rc) ok = r === c ? close(m[e(r, c)], 1) && close(m[e(r, c) + 1], 0) : isZero(m, e(r, c));
      }
    if (!ok) continue;
    const sub = new Float64Array(8);
    for (let r = 0; r < 2; r++)
      for (let c = 0; c < 2; c++) {
        const k = e(cb | (r ? tb : 0), cb | (c ? tb : 0));
        sub[(r * 2 + c) * 2] = m[k]; sub[(r * 2 + c) * 2 + 1] = m[k + 1];
      }
    const c = b.qs[cb - 1], t = b.qs[tb - 1];
    if (isZero(sub, 2) && isZero(sub, 4) && close(sub[0], 1) && close(sub[1], 0)) {
      const [a, bb] = [c, t];
      return { kind: "phase2", a, b: bb, re: sub[6], im: sub[7] };
    }
    return { kind: "c1", c, t, m: sub };
  }
  return { kind: "m2", q0: b.qs[0], q1: b.qs[1], m };
}

export class Fuser {
  private blocks: Block[] = [];
  private last = new Map<number, Block>();
  private count = 0;
  /** maxQubits: largest fused block (1 = only runs of one-qubit gates, 2 = also two-qubit blocks) */
  constructor(readonly enabled: boolean, readonly maxQubits: 1 | 2 = 2) {}

  get size(): number { return this.count; }

  push(op: Op): void {
    this.count++;
    const qs = opQubits(op);
    if (qs.length === 1) {
      const B = this.last.get(qs[0]);
      if (B && !B.diag) {
        B.m = matmul(B.qs.length === 1 ? mat1(op) : embed(mat1(op), B.qs[0] === qs[0] ? 0 : 1), B.m, B.qs.length === 1 ? 2 : 4);
        B.ops.push(op);
        return;
      }
      this.add({ qs, m: mat1(op), ops: [op], dead: false });
      return;
    }
    const [a, b] = qs;
    const Ba = this.last.get(a), Bb = this.last.get(b);
    if (this.maxQubits === 2 && Ba && Ba === Bb && (!Ba.diag || op.kind === "phase2")) {
      Ba.m = matmul(mat2(op, Ba.qs), Ba.m, 4);
      Ba.ops.push(op);
      return;
    }
    if (op.kind === "phase2" && this.maxQubits === 2) {
      // diagonal: never swallow one-qubit blocks into a dense 4×4 (QFT's H + CPHASE)
      this.add({ qs: [a, b], m: mat2(op, [a, b]), ops: [op], dead: false, diag: true });
      return;
    }
    if (this.maxQubits === 1) {
      // two-qubit ops are barriers, never fused: later ops on a, b start new blocks
      this.blocks.push({ qs, m: new Float64Array(0), ops: [op], dead: false });
      this.last.delete(a);
      this.last.delete(b);
      return;
    }
    const nb: Block = { qs: [a, b], m: ID4(), ops: [], dead: false };
    for (const [B, bit] of [[Ba, 0], [Bb, 1]] as const) {
      if (B && B.qs.length === 1) {
        B.dead = true;
        nb.m = matmul(embed(B.m, bit), nb.m, 4);
        nb.ops.push(...B.ops);
      }
    }
    nb.m = matmul(mat2(op, nb.qs), nb.m, 4);
    nb.ops.push(op);
    this.add(nb);
  }

  private add(B: Block): void {
    this.blocks.push(B);
    for (const q of B.qs) this.last.set(q, B);
  }

  /** The queued work as ops, in order, and an empty queue. */
  drain(): Op[] {
    const out = this.blocks.filter((b) => !b.dead).map(lower);
    this.blocks = [];
    this.last.clear();
    this.count = 0;
    return out;
  }
}

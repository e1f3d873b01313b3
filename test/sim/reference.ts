// Independent reference for tests: full 2^n × 2^n matrices built by
// Kronecker products (n ≤ 3), written from the textbook definitions and
// sharing no code with kernel/sim.
export type C = [number, number];
export type Mat = C[][];

const c = (re: number, im = 0): C => [re, im];
const mul = (a: C, b: C): C => [a[0] * b[0] - a[1] * b[1], a[0] * b[1] + a[1] * b[0]];
const add = (a: C, b: C): C => [a[0] + b[0], a[1] + b[1]];
const eip = (t: number): C => [Math.cos(t), Math.sin(t)];

export function gateMatrix(name: string, p: number[] = []): Mat {
  const r = Math.SQRT1_2;
  const [t, ph, la] = p;
  switch (name) {
    case "H": return [[c(r), c(r)], [c(r), c(-r)]];
    case "X": return [[c(0), c(1)], [c(1), c(0)]];
    case "Y": return [[c(0), c(0, -1)], [c(0, 1), c(0)]];
    case "Z": return [[c(1), c(0)], [c(0), c(-1)]];
    case "S": return [[c(1), c(0)], [c(0), c(0, 1)]];
    case "SDG": return [[c(1), c(0)], [c(0), c(0, -1)]];
    case "T": return [[c(1), c(0)], [c(0), eip(Math.PI / 4)]];
    case "TDG": return [[c(1), c(0)], [c(0), eip(-Math.PI / 4)]];
    case "RX": return [[c(Math.cos(t / 2)), c(0, -Math.sin(t / 2))], [c(0, -Math.sin(t / 2)), c(Math.cos(t / 2))]];
    case "RY": return [[c(Math.cos(t / 2)), c(-Math.sin(t / 2))], [c(Math.sin(t / 2)), c(Math.cos(t / 2))]];
    case "RZ": return [[eip(-t / 2), c(0)], [c(0), eip(t / 2)]];
    case "U": return [
      [c(Math.cos(t / 2)), mul(eip(la), c(-Math.sin(t / 2)))],
      [mul(eip(ph), c(Math.sin(t / 2))), mul(eip(ph + la), c(Math.cos(t / 2)))],
    ];
  }
  throw new Error(name);
}

/** Full matrix of a gate on the given bit positions of an n-qubit register (bit k of the index = qubit position k). */
export function fullMatrix(n: number, name: string, pos: number[], p: number[] = []): Mat {
  const N = 1 << n;
  const M: Mat = Array.from({ length: N }, () => Array.from({ length: N }, () => c(0)));
  const bit = (i: number, k: number) => (i >> k) & 1;
  if (pos.length === 1) {
    // I ⊗ … ⊗ U ⊗ … ⊗ I as a Kronecker product, factor by factor (high bit first)
    let K: Mat = [[c(1)]];
    for (let k = n - 1; k >= 0; k--) K = kron(K, k === pos[0] ? gateMatrix(name, p) : [[c(1), c(0)], [c(0), c(1)]]);
    return K;
  }
  const [a, b] = pos;
  for (let col = 0; col < N; col++) {
    const ba = bit(col, a), bb = bit(col, b);
    let row = col;
    let amp = c(1);
    if (name === "CNOT") row = ba ? col ^ (1 << b) : col;
    else if (name === "SWAP") row = (col & ~((1 << a) | (1 << b))) | (bb << a) | (ba << b);
    else if (name === "CZ") amp = ba && bb ? c(-1) : c(1);
    else if (name === "CPHASE") amp = ba && bb ? eip(p[0]) : c(1);
    else throw new Error(name);
    M[row][col] = amp;
  }
  return M;
}

export function kron(A: Mat, B: Mat): Mat {
  const out: Mat = [];
  for (let i = 0; i < A.length; i++)
    for (let k = 0; k < B.length; k++) {
      const row: C[] = [];
      for (let j = 0; j < A.length; j++) for (let l = 0; l < B.length; l++) row.push(mul(A[i][j], B[k][l]));
      out.push(row);
    }
  return out;
}

export function apply(M: Mat, re: Float64Array, im: Float64Array): { re: Float64Array; im: Float64Array } {
  const N = re.length;
  const or = new Float64Array(N), oi = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    let acc = c(0);
    for (let j = 0; j < N; j++) acc = add(acc, mul(M[i][j], [re[j], im[j]]));
    or[i] = acc[0]; oi[i] = acc[1];
  }
  return { re: or, im: oi };
}

export function maxDiff(a: { re: Float64Array; im: Float64Array }, b: { re: Float64Array; im: Float64Array }): number {
  let d = 0;
  for (let i = 0; i < a.re.length; i++) d = Math.max(d, Math.hypot(a.re[i] - b.re[i], a.im[i] - b.im[i]));
  return d;
}

/** |⟨a|b⟩|: 1 iff equal up to a global phase (for normalised vectors). */
export function overlap(a: { re: Float64Array; im: Float64Array }, b: { re: Float64Array; im: Float64Array }): number {
  let re = 0, im = 0;
  for (let i = 0; i < a.re.length; i++) {
    re += a.re[i] * b.re[i] + a.im[i] * b.im[i];
    im += a.re[i] * b.im[i] - a.im[i] * b.re[i];
  }
  return Math.hypot(re, im);
}

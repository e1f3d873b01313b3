// Pauli-sum observables: "Z0 Z1 + 0.5 X0 - 0.25", "-X0*Y2", "1e-3 Z3".
//
// Grammar (whitespace between tokens is free; a factor list may be written
// with spaces, '*' or nothing between factors: "Z0Z1" = "Z0 Z1" = "Z0*Z1"):
//   sum    := ['+'|'-'] term (('+'|'-') term)*
//   term   := number ['*'] [factors] | factors
//   factors:= factor (['*'] factor)*
//   factor := ('X'|'Y'|'Z') index | 'I' [index]
// Qubit k is the k-th qubit of the program (allocation / declaration order).
// A term naming a qubit twice is refused rather than multiplied out (X0 Y0 =
// iZ0 has a complex coefficient; a Hermitian sum never needs it).
import { QmkError } from "../errors.js";

export type Pauli = "X" | "Y" | "Z";

export interface PauliTerm {
  coeff: number;
  /** qubit index → Pauli, sorted by qubit; empty for the identity */
  ops: ReadonlyArray<readonly [number, Pauli]>;
}

export interface Observable {
  /** the text it was parsed from, normalized */
  text: string;
  /** coefficient of the identity */
  constant: number;
  /** non-identity terms, equal Pauli strings merged, zero coefficients dropped */
  terms: PauliTerm[];
  /** 1 + the largest qubit index used (0 for a constant) */
  width: number;
}

export const MAX_OBSERVABLE_LENGTH = 100_000;
export const MAX_QUBIT_INDEX = 1023;

type Tok = { kind: "num"; v: number; col: number } | { kind: "pauli"; p: "I" | Pauli; q: number | null; col: number } | { kind: "op"; v: "+" | "-" | "*"; col: number };

function bad(msg: string, col?: number): never {
  throw new QmkError("INVALID_PARAMS", col === undefined ? `observable: ${msg}` : `observable, column ${col}: ${msg}`, { field: "observable", ...(col !== undefined ? { column: col } : {}) });
}

function tokenize(s: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  const isDigit = (c: string | undefined) => c !== undefined && c >= "0" && c <= "9";
  while (i < s.length) {
    const c = s[i]!;
    const col = i + 1;
    if (c === " " || c === "\t" || c === "\n" || c === "\r") {
      i++;
    } else if (c === "+" || c === "-" || c === "*") {
      out.push({ kind: "op", v: c, col });
      i++;
    } else if (isDigit(c) || (c === "." && isDigit(s[i + 1]))) {
      let j = i;
      while (isDigit(s[j])) j++;
      if (s[j] === ".") {
        j++;
        while (isDigit(s[j])) j++;
      }
      if ((s[j] === "e" || s[j] === "E") && (isDigit(s[j + 1]) || ((s[j + 1] === "+" || s[j + 1] === "-") && isDigit(s[j + 2])))) {
        j += 2;
        while (isDigit(s[j])) j++;
      }
      const v = Number(s.slice(i, j));
      if (!Number.isFinite(v)) bad(`number ${s.slice(i, j)} is not finite`, col);
      out.push({ kind: "num", v, col });
      i = j;
    } else if ("IXYZixyz".includes(c)) {
      const p = c.toUpperCase() as "I" | Pauli;
      let j = i + 1;
      while (isDigit(s[j])) j++;
      if (j === i + 1 && p !== "I") bad(`${p} needs a qubit index, e.g. ${p}0`, col);
      const q = j > i + 1 ? Number(s.slice(i + 1, j)) : null;
      if (q !== null && (!Number.isSafeInteger(q) || q > MAX_QUBIT_INDEX)) bad(`qubit index ${s.slice(i + 1, j)} exceeds ${MAX_QUBIT_INDEX}`, col + 1);
      out.push({ kind: "pauli", p, q, col });
      i = j;
    } else {
      bad(`unexpected character '${c}' (expected a number, X/Y/Z/I with a qubit index, '+', '-' or '*')`, col);
    }
  }
  return out;
}

/** Parses a Pauli sum. Throws INVALID_PARAMS {field: "observable"} with the column. */
export function parseObservable(text: unknown): Observable {
  if (typeof text !== "string") bad("must be a string such as \"Z0 Z1 + 0.5 X0\"");
  if (text.length > MAX_OBSERVABLE_LENGTH) bad(`longer than ${MAX_OBSERVABLE_LENGTH} characters`);
  const toks = tokenize(text);
  if (toks.length === 0) bad("is empty");
  let k = 0;
  const merged = new Map<string, PauliTerm>();
  let constant = 0;
  let width = 0;
  let first = true;
  while (k < toks.length) {
    let sign = 1;
    const t0 = toks[k]!;
    if (t0.kind === "op" && (t0.v === "+" || t0.v === "-")) {
      sign = t0.v === "-" ? -1 : 1;
      k++;
    } else if (!first) {
      bad(`expected '+' or '-' between terms`, t0.col);
    } else if (t0.kind === "op") {
      bad(`unexpected '${t0.v}'`, t0.col);
    }
    first = false;
    const start = toks[k];
    if (!start) bad("ends after a sign", t0.col);
    let coeff = sign;
    let sawFactor = false;
    let sawNumber = false;
    const ops = new Map<number, Pauli>();
    while (k < toks.length) {
      const t = toks[k]!;
      if (t.kind === "op" && t.v === "*") {
        const next = toks[k + 1];
        if (!next || next.kind === "op" || (!sawFactor && !sawNumber)) bad("'*' must stand between two factors", t.col);
        k++;
        continue;
      }
      if (t.kind === "op") break;
      if (t.kind === "num") {
        if (sawNumber || sawFactor) bad("a term takes one coefficient, before its Pauli factors", t.col);
        coeff *= t.v;
        sawNumber = true;
      } else {
        sawFactor = true;
        if (t.p !== "I") {
          if (ops.has(t.q!)) bad(`qubit ${t.q} appears twice in one term`, t.col);
          ops.set(t.q!, t.p);
          width = Math.max(width, t.q! + 1);
        }
      }
      k++;
    }
    if (!sawNumber && !sawFactor) bad("empty term", start.col);
    if (ops.size === 0) {
      constant += coeff;
      continue;
    }
    const sorted = [...ops].sort((a, b) => a[0] - b[0]) as Array<[number, Pauli]>;
    const key = sorted.map(([q, p]) => `${p}${q}`).join(" ");
    const prev = merged.get(key);
    merged.set(key, { coeff: (prev?.coeff ?? 0) + coeff, ops: sorted });
  }
  const terms = [...merged.values()].filter((t) => t.coeff !== 0);
  return { text: formatObservable(constant, terms), constant, terms, width };
}

function formatObservable(constant: number, terms: readonly PauliTerm[]): string {
  const parts: string[] = [];
  const push = (c: number, body: string) => {
    const mag = Math.abs(c);
    const lead = body === "" ? String(mag) : mag === 1 ? body : `${mag} ${body}`;
    parts.push(parts.length === 0 ? (c < 0 ? `-${lead}` : lead) : `${c < 0 ? "-" : "+"} ${lead}`);
  };
  for (const t of terms) push(t.coeff, t.ops.map(([q, p]) => `${p}${q}`).join(" "));
  if (constant !== 0 || parts.length === 0) push(constant, "");
  return parts.join(" ");
}

/**
 * Groups of qubit-wise commuting terms (on every qubit the terms of a group
 * act with the same Pauli or the identity), so one setting of measurement
 * bases estimates a whole group. Greedy, heaviest terms first (the usual
 * largest-first colouring heuristic).
 */
export function groupCommuting(terms: readonly PauliTerm[]): Array<{ bases: Map<number, Pauli>; terms: PauliTerm[] }> {
  const order = [...terms].sort((a, b) => b.ops.length - a.ops.length || Math.abs(b.coeff) - Math.abs(a.coeff));
  const groups: Array<{ bases: Map<number, Pauli>; terms: PauliTerm[] }> = [];
  for (const t of order) {
    const g = groups.find((gr) => t.ops.every(([q, p]) => (gr.bases.get(q) ?? p) === p));
    if (g) {
      for (const [q, p] of t.ops) g.bases.set(q, p);
      g.terms.push(t);
    } else {
      groups.push({ bases: new Map(t.ops), terms: [t] });
    }
  }
  return groups;
}

/**
 * ⟨ψ|O|ψ⟩ on a state vector whose index bit k is qubit k (re/im of length
 * 2^n). P|i⟩ = i^{#Y} (−1)^{|i ∧ (Y|Z)|} |i ⊕ (X|Y)⟩.
 */
export function exactExpectation(obs: Observable, re: ArrayLike<number>, im: ArrayLike<number>): number {
  const dim = re.length;
  const n = Math.round(Math.log2(dim));
  if (2 ** n !== dim || im.length !== dim) throw new QmkError("INVALID_PARAMS", "state vector length must be a power of two", { field: "state" });
  if (obs.width > n) bad(`uses qubit ${obs.width - 1} but the program has ${n} qubit(s)`);
  let norm = 0;
  for (let i = 0; i < dim; i++) norm += re[i]! * re[i]! + im[i]! * im[i]!;
  let total = obs.constant * norm;
  for (const t of obs.terms) {
    let flip = 0;
    let phaseMask = 0;
    let ny = 0;
    for (const [q, p] of t.ops) {
      const b = 2 ** q;
      if (p !== "Z") flip |= b;
      if (p !== "X") phaseMask |= b;
      if (p === "Y") ny++;
    }
    // Σ_i conj(ψ[i⊕f]) · s(i) · ψ[i], s(i) = ±1; then times i^{ny}
    let accRe = 0;
    let accIm = 0;
    for (let i = 0; i < dim; i++) {
      const j = i ^ flip;
      const sgn = popcount(i & phaseMask) & 1 ? -1 : 1;
      // conj(a) * b = (ar - i ai)(br + i bi)
      const ar = re[j]!, ai = im[j]!, br = re[i]!, bi = im[i]!;
      accRe += sgn * (ar * br + ai * bi);
      accIm += sgn * (ar * bi - ai * br);
    }
    // multiply by i^{ny}: the imaginary part cancels for a Hermitian term
    const r = ny % 4 === 0 ? accRe : ny % 4 === 1 ? -accIm : ny % 4 === 2 ? -accRe : accIm;
    total += t.coeff * r;
  }
  return total;
}

function popcount(x: number): number {
  let c = 0;
  while (x) {
    x &= x - 1;
    c++;
  }
  return c;
}

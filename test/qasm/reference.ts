// An independent exact state-vector simulator for the QASM tests: written
// from the gate matrices (OpenQASM 3 spec / qelib1.inc), sharing no code
// with kernel/sim or kernel/qasm. Qubit k is bit k of the amplitude index.
type C = [number, number];
type M2 = [C, C, C, C];

const c = (re: number, im = 0): C => [re, im];
const cexp = (t: number): C => [Math.cos(t), Math.sin(t)];
const mul = (a: C, b: C): C => [a[0] * b[0] - a[1] * b[1], a[0] * b[1] + a[1] * b[0]];

export function u3(theta: number, phi: number, lambda: number): M2 {
  const co = Math.cos(theta / 2), si = Math.sin(theta / 2);
  return [c(co), mul(c(-si), cexp(lambda)), mul(c(si), cexp(phi)), mul(c(co), cexp(phi + lambda))];
}

const R = Math.SQRT1_2;
export const MATS: Record<string, (p: number[]) => M2> = {
  id: () => [c(1), c(0), c(0), c(1)],
  x: () => [c(0), c(1), c(1), c(0)],
  y: () => [c(0), c(0, -1), c(0, 1), c(0)],
  z: () => [c(1), c(0), c(0), c(-1)],
  h: () => [c(R), c(R), c(R), c(-R)],
  s: () => [c(1), c(0), c(0), c(0, 1)],
  sdg: () => [c(1), c(0), c(0), c(0, -1)],
  t: () => [c(1), c(0), c(0), cexp(Math.PI / 4)],
  tdg: () => [c(1), c(0), c(0), cexp(-Math.PI / 4)],
  sx: () => [c(0.5, 0.5), c(0.5, -0.5), c(0.5, -0.5), c(0.5, 0.5)],
  sxdg: () => [c(0.5, -0.5), c(0.5, 0.5), c(0.5, 0.5), c(0.5, -0.5)],
  rx: ([t]) => [c(Math.cos(t! / 2)), c(0, -Math.sin(t! / 2)), c(0, -Math.sin(t! / 2)), c(Math.cos(t! / 2))],
  ry: ([t]) => [c(Math.cos(t! / 2)), c(-Math.sin(t! / 2)), c(Math.sin(t! / 2)), c(Math.cos(t! / 2))],
  rz: ([t]) => [cexp(-t! / 2), c(0), c(0), cexp(t! / 2)],
  u1: ([l]) => u3(0, 0, l!),
  p: ([l]) => u3(0, 0, l!),
  u2: ([p, l]) => u3(Math.PI / 2, p!, l!),
  u3: ([t, p, l]) => u3(t!, p!, l!),
  u: ([t, p, l]) => u3(t!, p!, l!),
  U: ([t, p, l]) => u3(t!, p!, l!),
};

export class RefSim {
  re: Float64Array;
  im: Float64Array;
  constructor(readonly n: number) {
    this.re = new Float64Array(1 << n);
    this.im = new Float64Array(1 << n);
    this.re[0] = 1;
  }
  /** one-qubit matrix on `t`, applied only where every control is 1 */
  apply(m: M2, t: number, controls: number[] = []): void {
    const bt = 1 << t;
    let cm = 0;
    for (const q of controls) cm |= 1 << q;
    for (let i = 0; i < this.re.length; i++) {
      if (i & bt || (i & cm) !== cm) continue;
      const j = i | bt;
      const a: C = [this.re[i]!, this.im[i]!], b: C = [this.re[j]!, this.im[j]!];
      const na = mul(m[0], a), nb = mul(m[1], b), ma = mul(m[2], a), mb = mul(m[3], b);
      this.re[i] = na[0] + nb[0]; this.im[i] = na[1] + nb[1];
      this.re[j] = ma[0] + mb[0]; this.im[j] = ma[1] + mb[1];
    }
  }
  swap(a: number, b: number, controls: number[] = []): void {
    let cm = 0;
    for (const q of controls) cm |= 1 << q;
    for (let i = 0; i < this.re.length; i++) {
      if ((i & cm) !== cm || !(i & (1 << a)) || i & (1 << b)) continue;
      const j = (i & ~(1 << a)) | (1 << b);
      [this.re[i], this.re[j]] = [this.re[j]!, this.re[i]!];
      [this.im[i], this.im[j]] = [this.im[j]!, this.im[i]!];
    }
  }
  /** probabilities of the basis states, index bit k = qubit k */
  probabilities(): Float64Array {
    return this.re.map((r, i) => r * r + this.im[i]! ** 2);
  }
}

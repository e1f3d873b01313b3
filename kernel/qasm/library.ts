// The standard gates of qelib1.inc (OpenQASM 2.0) and stdgates.inc
// (OpenQASM 3): those QMK has an opcode for map straight to it; the others
// are defined here in OpenQASM text over those, and inlined like a user
// `gate` definition. Decompositions are qelib1.inc's (Qiskit, Apache-2.0),
// exact up to a global phase (which no measurement sees; controlled
// versions of user gates are refused, so the phase never becomes relative).

/** Gate name → opcode, operand count and parameter count (in QASM order). */
export interface Primitive {
  op: string | null; // null: identity (id, u0)
  qubits: number;
  params: number;
  /** QASM params → the opcode's args */
  args?: (p: Arg[]) => Record<string, Arg>;
}
export type Arg = number | string | import("./expr.js").Expr;

const U = (t: Arg, p: Arg, l: Arg) => ({ theta: t, phi: p, lambda: l });

export const PRIMITIVES: Readonly<Record<string, Primitive>> = {
  U: { op: "APPLY_U", qubits: 1, params: 3, args: ([t, p, l]) => U(t!, p!, l!) },
  u: { op: "APPLY_U", qubits: 1, params: 3, args: ([t, p, l]) => U(t!, p!, l!) },
  u3: { op: "APPLY_U", qubits: 1, params: 3, args: ([t, p, l]) => U(t!, p!, l!) },
  u2: { op: "APPLY_U", qubits: 1, params: 2, args: ([p, l]) => U("pi/2", p!, l!) },
  u1: { op: "APPLY_U", qubits: 1, params: 1, args: ([l]) => U(0, 0, l!) },
  p: { op: "APPLY_U", qubits: 1, params: 1, args: ([l]) => U(0, 0, l!) },
  phase: { op: "APPLY_U", qubits: 1, params: 1, args: ([l]) => U(0, 0, l!) },
  id: { op: null, qubits: 1, params: 0 },
  u0: { op: null, qubits: 1, params: 1 },
  x: { op: "APPLY_X", qubits: 1, params: 0 },
  y: { op: "APPLY_Y", qubits: 1, params: 0 },
  z: { op: "APPLY_Z", qubits: 1, params: 0 },
  h: { op: "APPLY_H", qubits: 1, params: 0 },
  s: { op: "APPLY_S", qubits: 1, params: 0 },
  sdg: { op: "APPLY_SDG", qubits: 1, params: 0 },
  t: { op: "APPLY_T", qubits: 1, params: 0 },
  tdg: { op: "APPLY_TDG", qubits: 1, params: 0 },
  rx: { op: "APPLY_RX", qubits: 1, params: 1, args: ([t]) => ({ theta: t! }) },
  ry: { op: "APPLY_RY", qubits: 1, params: 1, args: ([t]) => ({ theta: t! }) },
  rz: { op: "APPLY_RZ", qubits: 1, params: 1, args: ([t]) => ({ theta: t! }) },
  CX: { op: "APPLY_CNOT", qubits: 2, params: 0 },
  cx: { op: "APPLY_CNOT", qubits: 2, params: 0 },
  cnot: { op: "APPLY_CNOT", qubits: 2, params: 0 },
  cz: { op: "APPLY_CZ", qubits: 2, params: 0 },
  swap: { op: "APPLY_SWAP", qubits: 2, params: 0 },
  cu1: { op: "APPLY_CPHASE", qubits: 2, params: 1, args: ([t]) => ({ theta: t! }) },
  cp: { op: "APPLY_CPHASE", qubits: 2, params: 1, args: ([t]) => ({ theta: t! }) },
  cphase: { op: "APPLY_CPHASE", qubits: 2, params: 1, args: ([t]) => ({ theta: t! }) },
  ccx: { op: "APPLY_CCX", qubits: 3, params: 0 },
  toffoli: { op: "APPLY_CCX", qubits: 3, params: 0 },
  cswap: { op: "APPLY_CSWAP", qubits: 3, params: 0 },
  fredkin: { op: "APPLY_CSWAP", qubits: 3, params: 0 },
};

/** Gates without an opcode, as OpenQASM 2.0 definitions over the primitives. */
export const LIBRARY_QASM = `
gate sx a { sdg a; h a; sdg a; }
gate sxdg a { s a; h a; s a; }
gate cy a,b { sdg b; cx a,b; s b; }
gate ch a,b { s b; h b; t b; cx a,b; tdg b; h b; sdg b; }
gate crx(lambda) a,b { u1(pi/2) b; cx a,b; u3(-lambda/2,0,0) b; cx a,b; u3(lambda/2,-pi/2,0) b; }
gate cry(lambda) a,b { ry(lambda/2) b; cx a,b; ry(-lambda/2) b; cx a,b; }
gate crz(lambda) a,b { rz(lambda/2) b; cx a,b; rz(-lambda/2) b; cx a,b; }
gate cu3(theta,phi,lambda) c,t { u1((lambda+phi)/2) c; u1((lambda-phi)/2) t; cx c,t; u3(-theta/2,0,-(phi+lambda)/2) t; cx c,t; u3(theta/2,phi,0) t; }
gate cu(theta,phi,lambda,gamma) c,t { u1(gamma) c; u1((lambda+phi)/2) c; u1((lambda-phi)/2) t; cx c,t; u3(-theta/2,0,-(phi+lambda)/2) t; cx c,t; u3(theta/2,phi,0) t; }
gate csx a,b { h b; cu1(pi/2) a,b; h b; }
gate rxx(theta) a,b { u3(pi/2,theta,0) a; h b; cx a,b; u1(-theta) b; cx a,b; h b; u2(-pi,pi-theta) a; }
gate ryy(theta) a,b { rx(pi/2) a; rx(pi/2) b; cx a,b; rz(theta) b; cx a,b; rx(-pi/2) a; rx(-pi/2) b; }
gate rzz(theta) a,b { cx a,b; u1(theta) b; cx a,b; }
gate rzx(theta) a,b { h b; cx a,b; u1(theta) b; cx a,b; h b; }
gate iswap a,b { s a; s b; h a; cx a,b; cx b,a; h b; }
gate dcx a,b { cx a,b; cx b,a; }
gate ecr a,b { rzx(pi/4) a,b; x a; rzx(-pi/4) a,b; }
gate rccx a,b,c { u2(0,pi) c; u1(pi/4) c; cx b,c; u1(-pi/4) c; cx a,c; u1(pi/4) c; cx b,c; u1(-pi/4) c; u2(0,pi) c; }
gate c3x a,b,c,d { h d; p(pi/8) a; p(pi/8) b; p(pi/8) c; p(pi/8) d; cx a,b; p(-pi/8) b; cx a,b; cx b,c; p(-pi/8) c; cx a,c; p(pi/8) c; cx b,c; p(-pi/8) c; cx a,c; cx c,d; p(-pi/8) d; cx b,d; p(pi/8) d; cx c,d; p(-pi/8) d; cx a,d; p(pi/8) d; cx c,d; p(-pi/8) d; cx b,d; p(pi/8) d; cx c,d; p(-pi/8) d; cx a,d; h d; }
`;

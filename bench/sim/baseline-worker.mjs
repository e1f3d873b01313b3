// Runs one circuit on a baseline simulator (quantum-circuit or jsqubits) in a
// worker thread, so the main program can cut it off at the time limit.
// Plain JS on purpose: baselines are JS packages, and workers need no loader.
import { parentPort, workerData } from "node:worker_threads";
import QuantumCircuit from "quantum-circuit";
import { jsqubits } from "jsqubits";

const { which, circuit } = workerData;
// jsqubits drops amplitudes below roundToZero (default 1e-7), which shifts
// probabilities by ~1e-8: make it exact so the 1e-9 agreement check is fair.
jsqubits.QState.roundToZero = 0;
const { n, gates } = circuit;
const probs = new Float64Array(2 ** n);

function runQC() {
  const c = new QuantumCircuit(n);
  for (const { g, q, p } of gates) {
    if (g === "H") c.appendGate("h", q[0]);
    else if (g === "RY") c.appendGate("ry", q[0], { params: { theta: p[0] } });
    else if (g === "U") c.appendGate("u3", q[0], { params: { theta: p[0], phi: p[1], lambda: p[2] } });
    else if (g === "CNOT") c.appendGate("cx", q);
    else if (g === "CPHASE") c.appendGate("cu1", q, { params: { lambda: p[0] } });
    else if (g === "SWAP") c.appendGate("swap", q);
  }
  const t0 = performance.now();
  c.run();
  const seconds = (performance.now() - t0) / 1e3;
  for (const [k, a] of Object.entries(c.state)) probs[Number(k)] = a.re * a.re + a.im * a.im;
  return seconds;
}

function runJSQ() {
  const C = jsqubits.Complex;
  const t0 = performance.now();
  let s = jsqubits.QState.fromBits("0".repeat(n));
  for (const { g, q, p } of gates) {
    if (g === "H") s = s.hadamard(q[0]);
    else if (g === "RY") s = s.rotateY(q[0], p[0]);
    else if (g === "U") {
      const [t, f, l] = p, c = Math.cos(t / 2), si = Math.sin(t / 2);
      s = s.controlledApplicationOfqBitOperator(null, q[0], [
        [new C(c, 0), new C(-Math.cos(l) * si, -Math.sin(l) * si)],
        [new C(Math.cos(f) * si, Math.sin(f) * si), new C(Math.cos(f + l) * c, Math.sin(f + l) * c)],
      ]);
    } else if (g === "CNOT") s = s.cnot(q[0], q[1]);
    else if (g === "CPHASE") s = s.controlledR(q[0], q[1], p[0]);
    else if (g === "SWAP") s = s.swap(q[0], q[1]);
  }
  const seconds = (performance.now() - t0) / 1e3;
  s.each((cmp) => { const a = cmp.amplitude; probs[Number(cmp.index)] = a.real * a.real + a.imaginary * a.imaginary; });
  return seconds;
}

const seconds = which === "quantum-circuit" ? runQC() : runJSQ();
parentPort.postMessage({ seconds, probs }, [probs.buffer]);

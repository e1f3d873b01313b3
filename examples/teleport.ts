// Teleportation of ry(θ)|0⟩ from `msg` to `there`, with classical
// corrections as ifOne(…) — run-time branches eagerly, QVM guards when
// captured. Two variants: CNOT+H+measure, and one Bell measurement.
import {
  circuit,
  cx,
  free,
  h,
  ifOne,
  measure,
  measureBell,
  ry,
  x,
  z,
  type Angle,
  type Connection,
  type QubitSource,
} from "../dsl/index.js";
import { runIfMain } from "./_run.js";

export function teleport<T extends string>(s: QubitSource<T>, theta: Angle = "theta") {
  const [msg, here, there] = s.alloc(3);
  ry(msg, theta); // the state to send: cos(θ/2)|0⟩ + sin(θ/2)|1⟩
  h(here);
  cx(here, there); // Bell pair (here, there)
  cx(msg, here);
  h(msg);
  measure(msg);
  measure(here);
  ifOne(here, () => x(there));
  ifOne(msg, () => z(there));
  measure(there);
  const out = { result: there.bit };
  free(msg);
  free(here);
  free(there);
  return out;
}

/** Same protocol with MEASURE_BELL (events in kernel order: [xParity, zParity]). */
export function teleportBell<T extends string>(s: QubitSource<T>, theta: Angle = "theta") {
  const [msg, here, there] = s.alloc(3);
  ry(msg, theta);
  h(here);
  cx(here, there);
  measureBell(msg, here);
  const [xParity, zParity] = msg.bellBits;
  ifOne(zParity, () => x(there));
  ifOne(xParity, () => z(there));
  measure(there);
  const out = { result: there.bit };
  free(msg);
  free(here); // consumed by measureBell too (only `msg` is narrowed by the compiler; `here` is checked at run time)
  free(there);
  return out;
}

export async function main(conn: Connection, shots = 800, theta = 2 * Math.asin(Math.sqrt(0.3))) {
  const alice = await conn.tenant("alice");
  const expected = Math.sin(theta / 2) ** 2; // P(result = 1) = 0.3
  const a = await circuit(alice, (s) => teleport(s)).run({ shots, seed: 7, params: { theta } });
  const b = await circuit(alice, (s) => teleportBell(s)).run({ shots, seed: 8, params: { theta } });
  const eagerShots = 200;
  const outs = Array.from({ length: eagerShots }, () => teleport(alice, theta));
  await alice.sync(); // outcomes of a remote session are known after sync (no-op locally)
  const eagerOnes = outs.reduce((n, o) => n + o.result.value, 0);
  return {
    expected,
    captured: a.marginal("result"),
    capturedBell: b.marginal("result"),
    eager: eagerOnes / eagerShots,
  };
}

runIfMain(import.meta.url, main);

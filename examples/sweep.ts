// Parameter sweep: one captured circuit with a named angle parameter,
// bound per run; compared with the Born rule P(1) = sin²(θ/2).
import { circuit, free, measure, ry, rz, type Connection, type QubitSource } from "../dsl/index.js";
import { runIfMain } from "./_run.js";

export function rotation<T extends string>(s: QubitSource<T>) {
  const q = s.qubit();
  q.rz("phi").ry("theta"); // fluent gates; named parameters bound at run time
  rz(q, "-phi");
  measure(q);
  const out = { q: q.bit };
  free(q);
  return out;
}

export async function main(conn: Connection, points = 9, shots = 400) {
  const alice = await conn.tenant("alice");
  const c = circuit(alice, rotation);
  const rows: { theta: number; measured: number; expected: number }[] = [];
  for (let i = 0; i < points; i++) {
    const theta = (Math.PI * i) / (points - 1);
    const counts = await c.run({ shots, seed: 100 + i, params: { theta, phi: 0.3 } });
    rows.push({ theta, measured: counts.marginal("q"), expected: Math.sin(theta / 2) ** 2 });
  }
  // the same sweep eagerly, with numbers (ry) instead of named parameters
  const eager: number[] = [];
  for (const r of rows) {
    const bits = [];
    for (let k = 0; k < 50; k++) {
      const q = alice.qubit();
      ry(q, r.theta);
      measure(q);
      bits.push(q.bit);
      free(q);
    }
    await alice.sync(); // remote sessions: outcomes are known after sync (no-op locally)
    eager.push(bits.reduce((n, b) => n + b.value, 0) / 50);
  }
  return { params: c.params, rows, eager };
}

runIfMain(import.meta.url, main);

// Bell pair: the same program text runs eagerly (one shot per call, outcomes
// available at once with the embedded kernel) and as a captured QVM graph
// submitted with shots.
import { circuit, cx, free, h, measure, type Connection, type QubitSource } from "../dsl/index.js";
import { runIfMain } from "./_run.js";

export function bellPair<T extends string>(s: QubitSource<T>) {
  const [a, b] = s.alloc(2);
  h(a);
  cx(a, b);
  measure(a);
  measure(b);
  const out = { a: a.bit, b: b.bit };
  free(a);
  free(b);
  return out;
}

export async function main(conn: Connection, shots = 1000) {
  const alice = await conn.tenant("alice");

  // eager: each call is one shot
  const eager: string[] = [];
  for (let i = 0; i < 20; i++) {
    const o = bellPair(alice);
    eager.push(`${o.a.value}${o.b.value}`);
  }

  // captured: a QVM graph, verified and run by the kernel
  const c = circuit(alice, bellPair);
  const counts = await c.run({ shots, seed: 42 });
  return { eager, counts: counts.counts, p00: counts.probability("00"), qasm: c.toQasm3() };
}

runIfMain(import.meta.url, main);

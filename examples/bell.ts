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

  // eager: each call is one shot. With the embedded kernel outcomes are
  // known at once; over `qmk.connect` they are after `await alice.sync()`
  // (a no-op locally), so the example works with both.
  const shotsOut = Array.from({ length: 20 }, () => bellPair(alice));
  await alice.sync();
  const eager = shotsOut.map((o) => `${o.a.value}${o.b.value}`);

  // captured: a QVM graph, verified and run by the kernel
  const c = circuit(alice, bellPair);
  const counts = await c.run({ shots, seed: 42 });
  return { eager, counts: counts.counts, p00: counts.probability("00"), qasm: c.toQasm3() };
}

runIfMain(import.meta.url, main);

// Two tenants entangle through a channel both approved. Alice never holds a
// handle to Bob's qubit: Bob lends it to the channel for one operation, and
// Alice's cx names the channel. `cx(qa, loan)` without the channel, or with
// a channel of another pair, does not compile.
import { cx, free, h, measure, type Connection } from "../dsl/index.js";
import { runIfMain } from "./_run.js";

export async function main(conn: Connection, rounds = 8) {
  const alice = await conn.tenant("alice");
  const bob = await conn.tenant("bob");

  const request = await alice.requestChannel(bob, { maxUses: rounds });
  const ch = await bob.approve(request); // Channel<"alice", "bob">

  const pairs: [number, number][] = [];
  for (let i = 0; i < rounds; i++) {
    const qa = alice.qubit();
    const qb = bob.qubit();
    h(qa);
    const loan = bob.lend(qb, ch); // Loan<"bob">: one-use consent
    cx(qa, loan, ch); // cross-tenant CNOT through the channel
    measure(qa);
    measure(qb);
    await Promise.all([alice.sync(), bob.sync()]); // remote sessions queue; no-op locally
    pairs.push([qa.outcome, qb.outcome]);
    free(qa);
    free(qb);
  }
  await ch.revoke();
  return { pairs, correlated: pairs.every(([a, b]) => a === b) };
}

runIfMain(import.meta.url, main);

// Cross-tenant teleportation: Alice sends RY(θ)|0⟩ into a qubit Bob owns,
// over a channel both tenants approved — all in the DSL.
//
//   1. the Bell pair across tenants: h(half); cx(half, bob.lend(target, ch), ch)
//      (Bob lends his qubit for that one operation; one channel use);
//   2. Alice's Bell measurement of (psi, half): their component now spans
//      Bob's qubit too, so the firewall requires the channel (one more use):
//      measureBell(psi, half, ch);
//   3. two classical bits go to Bob, who corrects his own qubit
//      (ifOne on Alice's bits; no channel needed for a local gate).
//
// Many rounds; P(Bob measures 1) must be sin²(θ/2) within 5σ.
import { cx, free, h, ifOne, measure, measureBell, ry, x, z, type Connection } from "../dsl/index.js";
import { runIfMain } from "./_run.js";

export async function main(conn: Connection, rounds = 200, theta = 1.1) {
  const alice = await conn.tenant("alice");
  const bob = await conn.tenant("bob");

  const request = await alice.requestChannel(bob, { maxUses: 2 * rounds }); // 2 uses per teleport
  const ch = await bob.approve(request); // Channel<"alice", "bob">

  let ones = 0;
  for (let i = 0; i < rounds; i++) {
    const [psi, half] = alice.alloc(2);
    const target = bob.qubit();
    ry(psi, theta); // the state to send: cos(θ/2)|0⟩ + sin(θ/2)|1⟩
    h(half);
    cx(half, bob.lend(target, ch), ch); // Bell pair (half, target) across the channel
    measureBell(psi, half, ch); // spans Bob's qubit: needs the channel
    const [xParity, zParity] = psi.bellBits; // kernel order [xParity, zParity]
    ifOne(zParity, () => x(target)); // Bob's corrections, on his own qubit
    ifOne(xParity, () => z(target));
    measure(target);
    await Promise.all([alice.sync(), bob.sync()]); // remote sessions queue; no-op locally
    ones += target.outcome;
    free(psi);
    free(half); // consumed by measureBell too (checked at run time)
    free(target);
  }
  await Promise.all([alice.sync(), bob.sync()]);
  const status = await ch.status();
  await ch.revoke();

  const expected = Math.sin(theta / 2) ** 2;
  const measured = ones / rounds;
  const sigma = Math.sqrt((expected * (1 - expected)) / rounds);
  return { rounds, theta, expected, measured, sigma, within5Sigma: Math.abs(measured - expected) <= 5 * sigma, channel: status };
}

runIfMain(import.meta.url, main);

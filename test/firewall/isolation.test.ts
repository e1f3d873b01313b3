// Tenant isolation under random traffic (SPEC §3.1): whatever the actors try,
// only pairs joined by a channel ever share a component (never three
// tenants, even though alice holds channels to both bob and carol), each
// channel is used at most its limit, and a refused op changes nothing.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { QmkError } from "../../kernel/errors.js";
import { EntanglementFirewall } from "../../kernel/security/firewall/firewall.js";
import { EntanglementTracker } from "../../kernel/security/firewall/tracker.js";
import { fakeClock, memoryChannels, openChannel } from "./helpers.js";

const TENANTS = ["alice", "bob", "carol"];
const OPS = ["CNOT", "CZ", "SWAP", "CPHASE", "TELEPORT_CNOT", "OPEN_CHAN", "MEASURE_BELL", "H", "MEASURE_Z", "RESET"];

describe("firewall isolation under random traffic", () => {
  it("never lets a component span tenants beyond the channel's pair and use budget", () => {
    const action = fc.record({
      actor: fc.nat({ max: 2 }),
      op: fc.constantFrom(...OPS),
      i: fc.nat(),
      j: fc.nat(),
      channel: fc.constantFrom(0, 1, 2), // none, alice–bob, alice–carol
      lend: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.array(action, { maxLength: 60 }), (maxUses, actions) => {
        const clock = fakeClock();
        const channels = memoryChannels({ clock: clock.now });
        const tracker = new EntanglementTracker();
        const fw = new EntanglementFirewall(tracker, channels, clock.now);
        let q = 0;
        for (const t of TENANTS) for (let k = 0; k < 3; k++) tracker.add(q++, t);
        const ab = openChannel(channels, "alice", "bob", maxUses);
        const ac = openChannel(channels, "carol", "alice", maxUses);
        const chans = [undefined, ab, ac];
        const pairOf = new Map([[ab, "alice,bob"], [ac, "alice,carol"]]);
        const allowed = new Map([[ab, 0], [ac, 0]]);
        const usedOf = () => [ab, ac].map((c) => channels.status(c, "alice").used);

        for (const a of actions) {
          const actor = TENANTS[a.actor];
          const live = [...Array(9).keys()];
          const x = live[a.i % 9];
          const y = live[a.j % 9] === x ? live[(a.j + 1) % 9] : live[a.j % 9];
          const twoQ = !["H", "MEASURE_Z", "RESET"].includes(a.op);
          const qubits = twoQ ? [x, y] : [x];
          const ch = chans[a.channel];
          const loans: string[] = [];
          if (a.lend && ch) {
            for (const o of qubits) {
              const owner = tracker.ownerOf(o);
              if (owner === actor) continue;
              try {
                loans.push(channels.lend(ch, owner, o).id);
              } catch (e) {
                if (!(e instanceof QmkError)) throw e;
              }
            }
          }
          const before = JSON.stringify([tracker.snapshot(), usedOf()]);
          try {
            const d = fw.check({ op: a.op, qubits, actor, channel: ch, loans });
            fw.commit(d);
            if (d.channel !== null) {
              expect(d.tenants.join(",")).toBe(pairOf.get(d.channel));
              allowed.set(d.channel, allowed.get(d.channel)! + 1);
            }
          } catch (e) {
            if (!(e instanceof QmkError)) throw e;
            expect(JSON.stringify([tracker.snapshot(), usedOf()])).toBe(before);
          }
          for (const c of tracker.components()) {
            expect(c.tenants.length).toBeLessThanOrEqual(2);
            if (c.tenants.length === 2) {
              const chan = c.tenants.join(",") === "alice,bob" ? ab : ac;
              expect([...pairOf.values()]).toContain(c.tenants.join(","));
              expect(allowed.get(chan)).toBeGreaterThan(0);
            }
          }
          expect(usedOf()).toEqual([allowed.get(ab), allowed.get(ac)]);
          for (const n of usedOf()) expect(n).toBeLessThanOrEqual(maxUses);
        }
      }),
      { numRuns: 300 },
    );
  });
});

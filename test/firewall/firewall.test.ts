import { describe, expect, it } from "vitest";
import { QmkError } from "../../kernel/errors.js";
import { EntanglementFirewall } from "../../kernel/security/firewall/firewall.js";
import { EntanglementTracker } from "../../kernel/security/firewall/tracker.js";
import { judgeTenants } from "../../kernel/security/firewall/rule.js";
import { fakeClock, memoryChannels, openChannel } from "./helpers.js";

// qubits 1,2 alice; 3,4 bob; 5 carol
function setup() {
  const clock = fakeClock();
  const channels = memoryChannels({ clock: clock.now });
  const tracker = new EntanglementTracker();
  for (const [q, t] of [[1, "alice"], [2, "alice"], [3, "bob"], [4, "bob"], [5, "carol"]] as const) tracker.add(q, t);
  const fw = new EntanglementFirewall(tracker, channels, clock.now);
  return { clock, channels, tracker, fw };
}

function refusal(f: () => unknown): QmkError {
  try {
    f();
  } catch (e) {
    if (e instanceof QmkError) return e;
    throw e;
  }
  throw new Error("expected a refusal");
}

describe("judgeTenants", () => {
  it("one tenant local, two need a channel, three never", () => {
    expect(judgeTenants(["a", "a"], false)).toEqual({ ok: true, pair: null });
    expect(judgeTenants(["b", "a"], false)).toMatchObject({ ok: false, rule: "no_channel", tenants: ["a", "b"] });
    expect(judgeTenants(["b", "a"], true)).toEqual({ ok: true, pair: ["a", "b"] });
    expect(judgeTenants(["a", "b", "c"], true)).toMatchObject({ ok: false, rule: "three_or_more_tenants" });
  });
});

describe("EntanglementFirewall", () => {
  it("allows same-tenant entangling ops and records the union", () => {
    const { fw, tracker } = setup();
    const d = fw.enforce({ op: "APPLY_CNOT", qubits: [1, 2], actor: "alice" });
    expect(d.channel).toBeNull();
    expect(tracker.componentOf(1)).toEqual([1, 2]);
  });

  it("refuses a cross-tenant op without a channel, naming both tenants and the qubits", () => {
    const { fw } = setup();
    const e = refusal(() => fw.check({ op: "CNOT", qubits: [1, 3], actor: "alice" }));
    expect(e.codeName).toBe("FIREWALL_VIOLATION");
    expect(e.data).toMatchObject({ tenants: ["alice", "bob"], qubits: [1, 3], rule: "no_channel" });
  });

  it("refuses a chain through the attacker's own qubits", () => {
    const { fw, tracker, channels } = setup();
    // Legitimately, through a channel, bob's 3 ends up entangled with alice's 2.
    const ch = openChannel(channels, "alice", "bob", 1);
    const loan = channels.lend(ch, "bob", 3);
    fw.enforce({ op: "CNOT", qubits: [2, 3], actor: "alice", channel: ch, loans: [loan.id] });
    expect(tracker.tenantsOf([2])).toEqual(["alice", "bob"]);
    // Now alice entangles her fresh q1 with her own q2 without a channel: q2's component holds bob's qubit.
    const e = refusal(() => fw.check({ op: "CZ", qubits: [1, 2], actor: "alice" }));
    expect(e.codeName).toBe("FIREWALL_VIOLATION");
    expect(e.data.tenants).toEqual(["alice", "bob"]);
    // With the (now exhausted) channel it is refused too, for exhaustion.
    expect(refusal(() => fw.check({ op: "CZ", qubits: [1, 2], actor: "alice", channel: ch })).codeName).toBe("CHANNEL_EXHAUSTED");
    // Measuring q2 takes it out of bob's component, after which the op is local again.
    fw.enforce({ op: "MEASURE_Z", qubits: [2], actor: "alice" });
    fw.enforce({ op: "RESET", qubits: [2], actor: "alice" });
    expect(fw.check({ op: "CZ", qubits: [1, 2], actor: "alice" }).channel).toBeNull();
  });

  it.each(["SWAP", "TELEPORT_CNOT", "MEASURE_BELL", "OPEN_CHAN", "CPHASE", "APPLY_CZ"])("%s counts as entangling", (op) => {
    const { fw } = setup();
    expect(refusal(() => fw.check({ op, qubits: [2, 4], actor: "alice" })).codeName).toBe("FIREWALL_VIOLATION");
  });

  it("authorizes a cross-tenant op with a valid channel for exactly that pair, consuming one use and the loan", () => {
    const { fw, channels, tracker } = setup();
    const ch = openChannel(channels, "bob", "alice", 2); // direction does not matter
    const loan = channels.lend(ch, "bob", 3);
    const d = fw.check({ op: "CNOT", qubits: [1, 3], actor: "alice", channel: ch, loans: [loan.id] });
    expect(d.tenants).toEqual(["alice", "bob"]);
    expect(channels.status(ch, "alice").used).toBe(0); // check is pure
    fw.commit(d);
    expect(channels.status(ch, "alice")).toMatchObject({ used: 1, remaining: 1 });
    expect(tracker.componentOf(1)).toEqual([1, 3]);
    // The loan was one use.
    const again = refusal(() => fw.check({ op: "CZ", qubits: [2, 3], actor: "alice", channel: ch, loans: [loan.id] }));
    expect(again.codeName).toBe("FIREWALL_VIOLATION");
    expect(again.data.rule).toBe("peer_consent_required");
  });

  it("requires the peer's loan for its qubit even with a valid channel", () => {
    const { fw, channels } = setup();
    const ch = openChannel(channels, "alice", "bob");
    const e = refusal(() => fw.check({ op: "CNOT", qubits: [1, 3], actor: "alice", channel: ch }));
    expect(e.codeName).toBe("FIREWALL_VIOLATION");
    expect(e.data.rule).toBe("peer_consent_required");
    // A loan of another qubit, or on another channel, does not count.
    const other = openChannel(channels, "alice", "bob");
    const wrongChannel = channels.lend(other, "bob", 3);
    expect(refusal(() => fw.check({ op: "CNOT", qubits: [1, 3], actor: "alice", channel: ch, loans: [wrongChannel.id] })).codeName).toBe(
      "CHANNEL_UNAUTHORIZED",
    );
    const wrongQubit = channels.lend(ch, "bob", 4);
    expect(refusal(() => fw.check({ op: "CNOT", qubits: [1, 3], actor: "alice", channel: ch, loans: [wrongQubit.id] })).data.rule).toBe(
      "peer_consent_required",
    );
  });

  it("refuses a channel for the wrong pair", () => {
    const { fw, channels } = setup();
    const ch = openChannel(channels, "alice", "carol");
    const loan = channels.lend(ch, "carol", 5);
    const e = refusal(() => fw.check({ op: "CNOT", qubits: [1, 3], actor: "alice", channel: ch, loans: [loan.id] }));
    expect(e.codeName).toBe("CHANNEL_UNAUTHORIZED");
    expect(e.data).toMatchObject({ rule: "wrong_pair", tenants: ["alice", "bob"] });
  });

  it("refuses anything spanning three tenants, even with a valid channel", () => {
    const { fw, channels, tracker } = setup();
    const ab = openChannel(channels, "alice", "bob");
    fw.enforce({ op: "CNOT", qubits: [1, 3], actor: "alice", channel: ab, loans: [channels.lend(ab, "bob", 3).id] });
    const ac = openChannel(channels, "alice", "carol");
    const loan = channels.lend(ac, "carol", 5);
    const before = tracker.snapshot();
    const e = refusal(() => fw.check({ op: "CNOT", qubits: [1, 5], actor: "alice", channel: ac, loans: [loan.id] }));
    expect(e.codeName).toBe("FIREWALL_VIOLATION");
    expect(e.data).toMatchObject({ rule: "three_or_more_tenants", tenants: ["alice", "bob", "carol"] });
    // A third party acting on two lent qubits also counts as three tenants.
    expect(refusal(() => fw.check({ op: "CNOT", qubits: [2, 4], actor: "carol", channel: ab })).data.rule).toBe("three_or_more_tenants");
    expect(tracker.snapshot()).toEqual(before);
    expect(channels.status(ac, "alice").used).toBe(0);
    expect(channels.peekLoan(loan.id)).toBeDefined();
  });

  it("a refused op leaves the tracker, the channel and the loans unchanged", () => {
    const { fw, channels, tracker } = setup();
    tracker.entangle([1, 2]);
    const ch = openChannel(channels, "alice", "bob", 1);
    const loan = channels.lend(ch, "bob", 3);
    channels.consume(ch); // exhaust it
    const before = JSON.stringify([tracker.snapshot(), tracker.version, channels.status(ch, "bob")]);
    for (const req of [
      { op: "CNOT", qubits: [1, 3], actor: "alice" },
      { op: "CNOT", qubits: [1, 3], actor: "alice", channel: ch, loans: [loan.id] },
      { op: "SWAP", qubits: [2, 5], actor: "alice" },
      { op: "CNOT", qubits: [1, 1], actor: "alice" },
    ]) {
      expect(() => fw.check(req)).toThrow(QmkError);
    }
    expect(JSON.stringify([tracker.snapshot(), tracker.version, channels.status(ch, "bob")])).toBe(before);
    expect(channels.peekLoan(loan.id)?.used).toBe(false);
  });

  it("re-checks a stale decision at commit, and still records the executed op's entanglement", () => {
    const { fw, channels, tracker } = setup();
    const ab = openChannel(channels, "alice", "bob");
    const d = fw.check({ op: "CNOT", qubits: [1, 2], actor: "alice" });
    // Meanwhile (a caller bug) q2 gets entangled with bob's q3.
    fw.enforce({ op: "CNOT", qubits: [2, 3], actor: "alice", channel: ab, loans: [channels.lend(ab, "bob", 3).id] });
    expect(refusal(() => fw.commit(d)).codeName).toBe("FIREWALL_VIOLATION");
    // The op already ran on the simulator: the tracker must not forget it.
    expect(tracker.componentOf(1)).toEqual([1, 2, 3]);
    expect(channels.status(ab, "alice").used).toBe(1);
  });

  it("a failing channel write at commit still records the union", () => {
    const { fw, channels, tracker } = setup();
    const ab = openChannel(channels, "alice", "bob");
    const d = fw.check({ op: "CZ", qubits: [1, 3], actor: "alice", channel: ab, loans: [channels.lend(ab, "bob", 3).id] });
    channels.consume = () => {
      throw new Error("disk full");
    };
    expect(() => fw.commit(d)).toThrow("disk full");
    expect(tracker.componentOf(1)).toEqual([1, 3]);
  });

  it("local ops on another tenant's qubit are an ownership error; aliasing is a linearity error", () => {
    const { fw } = setup();
    expect(refusal(() => fw.check({ op: "H", qubits: [3], actor: "alice" })).codeName).toBe("ACCESS_DENIED");
    expect(refusal(() => fw.check({ op: "CNOT", qubits: [1, 1], actor: "alice" })).codeName).toBe("LINEARITY_VIOLATION");
    expect(refusal(() => fw.check({ op: "CNOT", qubits: [1, 99], actor: "alice" })).codeName).toBe("INVALID_PARAMS");
  });

  it("does not consume a channel for a same-tenant op", () => {
    const { fw, channels } = setup();
    const ch = openChannel(channels, "alice", "bob");
    fw.enforce({ op: "CNOT", qubits: [1, 2], actor: "alice", channel: ch });
    expect(channels.status(ch, "alice").used).toBe(0);
  });
});

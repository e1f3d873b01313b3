// Attack class 1: Bell-pair leakage — the attacker tries to entangle one of
// its qubits with the victim's, directly, through SWAP, through a chain of
// its own qubits, through TELEPORT_CNOT and MEASURE_BELL, with loans used
// outside their channel, across three tenants, and through graphs.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  MODES, alloc, denied, expectVictimStatistics, expectVictimUntouched, graph, makeWorld, openChannel, prepareVictim, printTally,
  type Victim, type World, useWorldWithVictim } from "./harness.js";

afterAll(() => printTally("bell-leakage"));

const TWO_QUBIT = ["CNOT", "SWAP", "CZ", "TELEPORT_CNOT", "MEASURE_BELL", "CPHASE"];
const argsOf = (op: string) => (op === "CPHASE" ? { theta: 0.7 } : undefined);

describe.each(MODES)("Bell-pair leakage (%s)", (mode) => {
  let w: World;
  let v: Victim;
  useWorldWithVictim(mode, (world, victim) => ((w = world), (v = victim)));

  it("a stolen victim VQ handle is refused in every two-qubit op (INVALID_HANDLE)", async () => {
    const { alice } = w.p;
    const [a] = await alloc(alice, 1);
    for (const op of TWO_QUBIT) {
      for (const order of [0, 1]) {
        const vqs = order ? [v.vqs[0], a] : [a, v.vqs[0]];
        const d = await denied(w, `stolen handle ${op} order ${order}`, "INVALID_HANDLE", "handle.refuse", () =>
          alice.q("q_apply", { op, vqs, ...(argsOf(op) ? { args: argsOf(op) } : {}) }), { op: "q_apply", tenant: "alice" });
        expect(d.data.field).toBe(`params.vqs[${order ? 0 : 1}]`);
      }
    }
    await denied(w, "stolen handle q_measure", "INVALID_HANDLE", "handle.refuse", () => alice.q("q_measure", { vq: v.vqs[1] }));
    await denied(w, "stolen handle q_amplitudes", "INVALID_HANDLE", "handle.refuse", () => alice.q("q_amplitudes", { vqs: [v.vqs[1]] }));
    await denied(w, "stolen handle q_open_chan", "INVALID_HANDLE", "handle.refuse", () => alice.q("q_open_chan", { vqs: [a, v.vqs[2]] }));
    await denied(w, "stolen handle q_release", "INVALID_HANDLE", "handle.refuse", () => alice.q("q_release", { vqs: [v.vqs[3]] }));
    await denied(w, "stolen handle q_reset", "INVALID_HANDLE", "handle.refuse", () => alice.q("q_reset", { vq: v.vqs[3] }));
    await expectVictimUntouched(v);
  });

  it("a loan used without naming its channel is a FIREWALL_VIOLATION, for every entangling op", async () => {
    const { alice, bob } = w.p;
    const ch = await openChannel(alice, bob, 8);
    const [a] = await alloc(alice, 1);
    const [b] = await alloc(bob, 1);
    for (const op of TWO_QUBIT) {
      const { loan } = await bob.q("q_lend_qubit", { channel: ch.bCh, vq: b });
      const d = await denied(w, `loan without channel ${op}`, "FIREWALL_VIOLATION", "firewall.violation", () =>
        alice.q("q_apply", { op, vqs: [a, loan], ...(argsOf(op) ? { args: argsOf(op) } : {}) }), { tenant: "alice" });
      expect(d.data.rule).toBe("no_channel");
      expect(d.data.tenants).toEqual(["alice", "bob"]);
    }
    // the refused ops changed nothing: b is still alone and |0⟩
    const amp = await bob.q("q_amplitudes", { vqs: [b] });
    expect(amp.probabilities[0]).toBeCloseTo(1, 12);
    const st = await alice.q("q_chan_status", { channel: ch.aCh });
    expect(st.used).toBe(0);
    await expectVictimUntouched(v);
  });

  it("a channel-entangled qubit cannot be entangled further without the channel (direct, SWAP, chain, teleport, Bell)", async () => {
    const { alice, bob } = w.p;
    const ch = await openChannel(alice, bob, 2);
    const [a0, a1, a2] = await alloc(alice, 3);
    const [b] = await alloc(bob, 1);
    await alice.q("q_apply", { op: "H", vqs: [a0] });
    const { loan } = await bob.q("q_lend_qubit", { channel: ch.bCh, vq: b });
    // positive control: the consented, channel-named op is allowed
    await alice.q("q_apply", { op: "CNOT", vqs: [a0, loan], channel: ch.aCh });
    const comps = await alice.q("q_components", {});
    expect(comps.components.some((c: any) => c.tenants.join() === "alice,bob")).toBe(true);
    // reading the joint state through the attacker's half is refused
    await denied(w, "amplitudes of a qubit entangled with the peer's", "ACCESS_DENIED", "op.deny", () => alice.q("q_amplitudes", { vqs: [a0] }));
    await denied(w, "amplitudes through a spent loan handle", "INVALID_HANDLE", "handle.refuse", () => alice.q("q_amplitudes", { vqs: [a0, loan] }));
    // chain: a1–a2 are alice's own, allowed
    await alice.q("q_apply", { op: "CNOT", vqs: [a1, a2] });
    for (const [label, op, vqs] of [
      ["direct CNOT", "CNOT", [a0, a1]],
      ["SWAP into the shared component", "SWAP", [a1, a0]],
      ["chain through own qubits", "CZ", [a2, a0]],
      ["teleport-CNOT", "TELEPORT_CNOT", [a0, a2]],
      ["MEASURE_BELL", "MEASURE_BELL", [a1, a0]],
    ] as const) {
      const d = await denied(w, `channel-entangled then ${label}`, "FIREWALL_VIOLATION", "firewall.violation", () =>
        alice.q("q_apply", { op, vqs: [...vqs] }), { tenant: "alice" });
      expect(d.data.tenants).toEqual(["alice", "bob"]);
    }
    await expectVictimUntouched(v);
  });

  it("three tenants in one component are refused even with a valid channel", async () => {
    const { alice, bob, carol } = w.p;
    const ac = await openChannel(alice, carol, 2);
    const ab = await openChannel(alice, bob, 2);
    const [a] = await alloc(alice, 1);
    const [c] = await alloc(carol, 1);
    const [b] = await alloc(bob, 1);
    const lc = await carol.q("q_lend_qubit", { channel: ac.bCh, vq: c });
    await alice.q("q_apply", { op: "CNOT", vqs: [a, lc.loan], channel: ac.aCh });
    const lb = await bob.q("q_lend_qubit", { channel: ab.bCh, vq: b });
    const d = await denied(w, "three tenants via a valid a-b channel", "FIREWALL_VIOLATION", "firewall.violation", () =>
      alice.q("q_apply", { op: "CNOT", vqs: [a, lb.loan], channel: ab.aCh }));
    expect(d.data.rule).toBe("three_or_more_tenants");
    expect(d.data.tenants).toEqual(["alice", "bob", "carol"]);
    // the wrong pair's channel is refused too
    await denied(w, "carol-component qubit with the a-c channel and bob's loan", "FIREWALL_VIOLATION", "firewall.violation", () =>
      alice.q("q_apply", { op: "CNOT", vqs: [a, lb.loan], channel: ac.aCh }));
    const amp = await bob.q("q_amplitudes", { vqs: [b] });
    expect(amp.probabilities[0]).toBeCloseTo(1, 12);
    expect((await alice.q("q_chan_status", { channel: ab.aCh })).used).toBe(0);
    await expectVictimUntouched(v);
  });

  it("multi-tenant graphs: non-admin needs CAP_ADMIN; admin needs a valid args.channel on every cross-tenant node", async () => {
    const { alice, bob } = w.p;
    const ab = await openChannel(alice, bob, 4);
    const mk = (channel?: string, extra: any[] = []) =>
      graph(
        [
          { id: "a", op: "ALLOC_LQ", args: { n: 1, tenant: "alice" }, vqs: ["qa"] },
          { id: "b", op: "ALLOC_LQ", args: { n: 1, tenant: "bob" }, vqs: ["qb"] },
          { id: "h", op: "APPLY_H", vqs: ["qa"] },
          { id: "x", op: "APPLY_CNOT", vqs: ["qa", "qb"], ...(channel ? { args: { channel } } : {}) },
          ...extra,
          { id: "ma", op: "MEASURE_Z", vqs: ["qa"], produces: ["ea"] },
          { id: "mb", op: "MEASURE_Z", vqs: ["qb"], produces: ["eb"] },
        ],
        ["qa", "qb"],
        ["ea", "eb"],
      );
    // a valid two-tenant graph from a tenant: CAP_ADMIN missing
    const d1 = await denied(w, "multi-tenant graph from non-admin", "INSUFFICIENT_CAPS", "cap.deny", () =>
      alice.q("q_submit", { graph: mk(ab.id), policy: { shots: 4, seed: 1 } }));
    expect(d1.data.missing).toContain("CAP_ADMIN");
    // a "single-tenant" graph that allocates in the victim's namespace
    const sneaky = graph([{ id: "steal", op: "ALLOC_LQ", args: { n: 1, tenant: "bob" }, vqs: ["q"] }, { id: "m", op: "MEASURE_Z", vqs: ["q"], produces: ["e"] }], ["q"], ["e"]);
    await denied(w, "graph allocating in the victim's namespace", "INSUFFICIENT_CAPS", "cap.deny", () => alice.q("q_submit", { graph: sneaky, policy: { shots: 1 } }));
    // cross-tenant node without a channel: a non-admin is refused CAP_ADMIN first (it may not run
    // multi-tenant graphs at all); for the admin the verifier names the node
    const dn = await denied(w, "cross-tenant graph without channel by a tenant", "INSUFFICIENT_CAPS", "cap.deny", () =>
      alice.q("q_submit", { graph: mk(), policy: { shots: 4, seed: 1 } }));
    expect(dn.data.missing).toContain("CAP_ADMIN");
    const da = await denied(w, "cross-tenant graph without channel by admin", "FIREWALL_VIOLATION", "firewall.violation", () =>
      w.admin.q("q_submit", { graph: mk(), policy: { shots: 4, seed: 1 } }));
    expect(da.data.node).toBe("x");
    // anyone may *verify* (not run) it: the verifier's answer is the firewall violation at node x
    const { verifyGraph } = await import("../../kernel/qvm/verifier.js");
    const vr = verifyGraph(mk());
    expect(vr.valid).toBe(false);
    expect(vr.errors.find((e) => e.code === "FIREWALL_VIOLATION")?.node).toBe("x");
    // admin naming a forged / unknown channel id
    const d3 = await denied(w, "admin graph with a forged channel id", "FIREWALL_VIOLATION", "firewall.violation", () =>
      w.admin.q("q_submit", { graph: mk("ch_" + "0".repeat(32)), policy: { shots: 4, seed: 1 } }));
    expect(d3.data.node).toBe("x");
    // admin naming a channel of a different pair
    const carol = w.p.carol;
    const ac = await openChannel(alice, carol, 4);
    const d4 = await denied(w, "admin graph with another pair's channel", "FIREWALL_VIOLATION", "firewall.violation", () =>
      w.admin.q("q_submit", { graph: mk(ac.id), policy: { shots: 4, seed: 1 } }));
    expect(d4.data.node).toBe("x");
    // three tenants in a graph: the third tenant joins the a-b component
    const three = mk(ab.id, [
      { id: "c", op: "ALLOC_LQ", args: { n: 1, tenant: "carol" }, vqs: ["qc"] },
      { id: "y", op: "APPLY_CNOT", vqs: ["qb", "qc"], args: { channel: ac.id } },
      { id: "mc", op: "MEASURE_Z", vqs: ["qc"], produces: ["ec"] },
    ]);
    three.resources.vqs.push("qc");
    three.resources.events.push("ec");
    const d5 = await denied(w, "three-tenant graph from admin", "FIREWALL_VIOLATION", "firewall.violation", () =>
      w.admin.q("q_submit", { graph: three, policy: { shots: 2, seed: 1 } }));
    expect(d5.data.node).toBe("y");
    // positive control: the admin with the right channel runs it, and the outcomes are Bell-correlated
    const job = await w.admin.q("q_submit", { graph: mk(ab.id), policy: { shots: 4, seed: 3 } });
    const res = await w.admin.q("q_wait", { job_id: job.job_id, timeout_ms: 20_000 });
    expect(res.state).toBe("completed");
    for (const k of Object.keys(res.counts)) expect(k[0]).toBe(k[1]);
    await expectVictimUntouched(v);
  });

  it("the victim's statistics are unchanged after every attack (5σ)", async () => {
    await expectVictimUntouched(v);
    await expectVictimStatistics(v, 40);
  });
});

// `npm start` / `qmk demo`: the whole story on the embedded kernel in a few
// seconds — two tenants, a Bell pair, an attack refused by the firewall, a
// channel approved, teleportation across it, and the audit log verified.
import * as fs from "node:fs";
import * as path from "node:path";
import { createKernel, type Kernel } from "../../index.js";
import { encodeEvent, leafHash, toHex, verifyInclusionJson, verifyLogDir, type AuditEvent } from "../../security/audit/index.js";
import { describeError } from "../io.js";

const RIGHTS = ["CAP_ALLOC", "CAP_MEASURE", "CAP_LINK", "CAP_TELEPORT"];
const TELEPORTS = 200;
const THETA = 1.1; // the state teleported: RY(θ)|0⟩, so P(1) = sin²(θ/2)

const say = (s = "") => process.stdout.write(s + "\n");

/** Demo tenants keep their tokens in DIR/demo-tenants.json (0600) so reruns reuse them. */
async function tenantTokens(k: Kernel, admin: string): Promise<Record<string, string>> {
  const file = k.dataDir ? path.join(k.dataDir, "demo-tenants.json") : null;
  if (file && fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, "utf8"));
  const out: Record<string, string> = {};
  for (const name of ["alice", "bob"]) out[name] = (await k.call("q_create_tenant", { session_id: admin, name, rights: RIGHTS })).token;
  if (file) fs.writeFileSync(file, JSON.stringify(out), { mode: 0o600 });
  return out;
}

function refused(label: string, fn: () => unknown): void {
  try {
    fn();
    say(`  ✗ ${label}: NOT refused`);
    process.exitCode = 1;
  } catch (e) {
    say(`  ✓ ${label}: refused — ${describeError(e)}`);
  }
}

export async function demoCommand(opts: { dataDir?: string }): Promise<number> {
  const t0 = performance.now();
  const k = await createKernel({ dataDir: opts.dataDir, demoTenant: true });
  try {
    say(`QMK demo — embedded kernel, data in ${k.dataDir}`);
    const admin = (await k.call("q_negotiate_caps", { token: k.adminToken })).session_id;
    const tokens = await tenantTokens(k, admin);
    const alice = (await k.call("q_negotiate_caps", { token: tokens.alice })).session_id;
    const bob = (await k.call("q_negotiate_caps", { token: tokens.bob })).session_id;
    const call = (m: string, p: Record<string, unknown>) => k.callSync(m, p);

    // 1. A Bell pair, as a job with 1000 shots.
    say("\n1. Alice runs a Bell pair (1000 shots)");
    const bell = {
      version: "0.1",
      program: {
        nodes: [
          { id: "a", op: "ALLOC_LQ", args: { n: 2, profile: "logical:Surface(d=3)" }, vqs: ["q0", "q1"] },
          { id: "h", op: "APPLY_H", vqs: ["q0"] },
          { id: "cx", op: "APPLY_CNOT", vqs: ["q0", "q1"] },
          { id: "m0", op: "MEASURE_Z", vqs: ["q0"], produces: ["b0"] },
          { id: "m1", op: "MEASURE_Z", vqs: ["q1"], produces: ["b1"] },
          { id: "f", op: "FREE_LQ", vqs: ["q0", "q1"] },
        ],
      },
      resources: { vqs: ["q0", "q1"], events: ["b0", "b1"] },
    };
    const job = await k.call("q_submit", { session_id: alice, graph: bell, policy: { shots: 1000, seed: 7 } });
    const res = await k.call("q_wait", { session_id: alice, job_id: job.job_id, timeout_ms: 30_000 });
    say(`  counts ${JSON.stringify(res.counts)}  (only 00 and 11: the qubits are perfectly correlated)`);

    // 2. Attacks: Alice tries to reach Bob's qubit.
    say("\n2. Alice attacks Bob's qubit");
    const [bq] = call("q_alloc", { session_id: bob, n: 1 }).vqs;
    call("q_apply", { session_id: bob, op: "RY", vqs: [bq], args: { theta: THETA } });
    const [aq, aq2] = call("q_alloc", { session_id: alice, n: 2 }).vqs;
    refused("CNOT onto Bob's qubit handle", () => call("q_apply", { session_id: alice, op: "CNOT", vqs: [aq, bq] }));
    const twoTenant = {
      version: "0.1",
      program: {
        nodes: [
          { id: "a", op: "ALLOC_LQ", args: { n: 1, tenant: "alice" }, vqs: ["x"] },
          { id: "b", op: "ALLOC_LQ", args: { n: 1, tenant: "bob" }, vqs: ["y"] },
          { id: "leak", op: "APPLY_CNOT", vqs: ["y", "x"] },
          { id: "m", op: "MEASURE_Z", vqs: ["x"], produces: ["spy"] },
        ],
      },
      resources: { vqs: ["x", "y"], events: ["spy"] },
    };
    refused("two-tenant graph submitted by Alice", () => call("q_submit", { session_id: alice, graph: twoTenant }));
    refused("the same graph from the admin, without a channel (firewall)", () => call("q_submit", { session_id: admin, graph: twoTenant }));

    // 3. The legitimate way: a channel Bob approves, and Bob's per-qubit consent.
    say("\n3. Alice requests a channel; Bob approves it");
    const req = call("q_request_channel", { session_id: alice, peer: "bob", max_uses: 2 * TELEPORTS + 1 });
    const approved = call("q_approve_channel", { session_id: bob, request_id: req.request_id });
    say(`  channel ${approved.status.state}: ${approved.status.from} ⇄ ${approved.status.to}, ${approved.status.maxUses} uses, signed by both: ${approved.status.signed}`);
    const loan = call("q_lend_qubit", { session_id: bob, channel: approved.channel, vq: bq });
    call("q_apply", { session_id: alice, op: "CNOT", vqs: [aq, loan.loan], channel: req.channel });
    say("  Alice entangles with Bob's lent qubit through the channel: allowed (1 use)");
    call("q_apply", { session_id: alice, op: "H", vqs: [aq2] });
    refused("entangling a further qubit with that pair, no channel (firewall)", () => call("q_apply", { session_id: alice, op: "CNOT", vqs: [aq2, aq] }));
    call("q_release", { session_id: alice, vqs: [aq, aq2] });
    call("q_release", { session_id: bob, vqs: [bq] });

    // 4. Teleportation across the channel: Alice sends RY(θ)|0⟩ to Bob.
    say(`\n4. Alice teleports RY(${THETA})|0⟩ to Bob across the channel, ${TELEPORTS} times`);
    let ones = 0;
    for (let i = 0; i < TELEPORTS; i++) {
      const [psi, half] = call("q_alloc", { session_id: alice, n: 2 }).vqs;
      const [target] = call("q_alloc", { session_id: bob, n: 1 }).vqs;
      call("q_apply", { session_id: alice, op: "RY", vqs: [psi], args: { theta: THETA } });
      const l = call("q_lend_qubit", { session_id: bob, channel: approved.channel, vq: target });
      call("q_open_chan", { session_id: alice, vqs: [half, l.loan], channel: req.channel });
      const [xParity, zParity] = call("q_apply", { session_id: alice, op: "MEASURE_BELL", vqs: [psi, half], channel: req.channel }).outcomes;
      // Two classical bits travel to Bob, who corrects his half.
      if (zParity) call("q_apply", { session_id: bob, op: "X", vqs: [target] });
      if (xParity) call("q_apply", { session_id: bob, op: "Z", vqs: [target] });
      ones += call("q_measure", { session_id: bob, vq: target }).outcome;
      call("q_release", { session_id: alice, vqs: [psi, half] });
      call("q_release", { session_id: bob, vqs: [target] });
    }
    const expected = Math.sin(THETA / 2) ** 2;
    const sigma = Math.sqrt((expected * (1 - expected)) / TELEPORTS);
    const p1 = ones / TELEPORTS;
    say(`  Bob measured 1 in ${ones}/${TELEPORTS} = ${p1.toFixed(3)}; expected sin²(θ/2) = ${expected.toFixed(3)} (${(Math.abs(p1 - expected) / sigma).toFixed(1)}σ)`);
    const st = call("q_chan_status", { session_id: alice, channel: req.channel });
    say(`  channel used ${st.used} of ${st.maxUses}`);

    // 5. The audit log: signed head, an inclusion proof, the whole log re-verified.
    say("\n5. Audit");
    const head = await k.call("q_audit_tree_head", { session_id: admin });
    const ev = (await k.call("q_audit_query", { session_id: admin, filters: { type: "firewall.violation" } })).events;
    say(`  signed tree head: size ${head.size}, root ${head.root.slice(0, 16)}…`);
    say(`  firewall violations logged: ${ev.length}`);
    if (ev.length) {
      const proof = await k.call("q_audit_inclusion", { session_id: admin, index: ev[0].index, tree_size: head.size });
      // the event as the kernel sent it, re-encoded as the log did (the wire type keeps type/details open)
      const mine = Buffer.from(leafHash(encodeEvent(ev[0] as AuditEvent))).toString("base64");
      verifyInclusionJson(proof);
      say(`  inclusion proof of event #${ev[0].index} (${proof.proof.length} hashes): verified; leaf matches the event bytes: ${proof.leafHash === mine}`);
    }
    if (k.dataDir) {
      await k.close();
      const r = verifyLogDir(path.join(k.dataDir, "audit"));
      say(`  qmk audit verify: ${r.ok ? "OK" : "BAD"} — ${r.size} events, root ${toHex(Buffer.from(r.root, "hex")).slice(0, 16)}…`);
    }
    say(`\ndone in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    return process.exitCode === 1 ? 1 : 0;
  } catch (e) {
    process.stderr.write(`demo failed: ${describeError(e)}\n`);
    return 1;
  } finally {
    await k.close();
  }
}

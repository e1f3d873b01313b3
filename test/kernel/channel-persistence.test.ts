// Channels survive a kernel restart with their use counts, and an edited
// channel journal (e.g. a use count rolled back) makes every channel refuse.
import { describe, it, expect } from "vitest";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { createKernel, type Kernel } from "../../kernel/index.js";

const RIGHTS = ["CAP_ALLOC", "CAP_MEASURE", "CAP_LINK"];

async function world(dir: string, tokens?: { a: string; b: string }) {
  const k = await createKernel({ dataDir: dir, fsync: false });
  const admin = (await k.call("q_negotiate_caps", { token: k.adminToken })).session_id;
  const t = tokens ?? {
    a: (await k.call("q_create_tenant", { session_id: admin, name: "alice", rights: RIGHTS })).token,
    b: (await k.call("q_create_tenant", { session_id: admin, name: "bob", rights: RIGHTS })).token,
  };
  const sa = (await k.call("q_negotiate_caps", { token: t.a })).session_id;
  const sb = (await k.call("q_negotiate_caps", { token: t.b })).session_id;
  return { k, admin, t, sa, sb };
}

async function entangleOnce(k: Kernel, sa: string, sb: string, chA: string, chB: string) {
  const [qa] = (await k.call("q_alloc", { session_id: sa, n: 1 })).vqs;
  const [qb] = (await k.call("q_alloc", { session_id: sb, n: 1 })).vqs;
  const loan = (await k.call("q_lend_qubit", { session_id: sb, channel: chB, vq: qb })).loan;
  return k.call("q_apply", { session_id: sa, op: "CNOT", vqs: [qa, loan], channel: chA });
}


/** A fresh data dir with an alice⇄bob channel of `maxUses`, used `uses` times; the kernel is closed after. */
async function usedChannel(prefix: string, maxUses: number, uses: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const w = await world(dir);
  const req = await w.k.call("q_request_channel", { session_id: w.sa, peer: "bob", max_uses: maxUses });
  const appr = await w.k.call("q_approve_channel", { session_id: w.sb, request_id: req.request_id });
  for (let i = 0; i < uses; i++) await entangleOnce(w.k, w.sa, w.sb, req.channel, appr.channel);
  await w.k.close();
  const file = path.join(dir, "channels.jsonl");
  return { dir, tokens: w.t, req, appr, file, lines: fs.readFileSync(file, "utf8").split("\n").filter(Boolean) };
}

describe("channel state across a restart", () => {
  it("keeps use counts, and fails closed when the journal is edited", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "qmk-chan-"));
    let w = await world(dir);
    const req = await w.k.call("q_request_channel", { session_id: w.sa, peer: "bob", max_uses: 2 });
    const appr = await w.k.call("q_approve_channel", { session_id: w.sb, request_id: req.request_id });
    await entangleOnce(w.k, w.sa, w.sb, req.channel, appr.channel);
    await w.k.close();

    // restart: the channel is still active with one use spent; handles are still valid
    w = await world(dir, w.t);
    const st = await w.k.call("q_chan_status", { session_id: w.sa, channel: req.channel });
    expect(st).toMatchObject({ state: "active", used: 1, signed: true });
    await entangleOnce(w.k, w.sa, w.sb, req.channel, appr.channel);
    await expect(entangleOnce(w.k, w.sa, w.sb, req.channel, appr.channel)).rejects.toMatchObject({ codeName: "CHANNEL_EXHAUSTED" });
    await w.k.close();

    // edit the journal in the middle (drop the first use record): the MAC chain no
    // longer verifies. (Cutting records off the very end is caught by the audit
    // log instead: see the next test.)
    const file = path.join(dir, "channels.jsonl");
    const lines = fs.readFileSync(file, "utf8").split("\n").filter(Boolean);
    const edited = lines.filter((l) => !(l.includes('"t":"use"') && l.includes('"used":1')));
    // (the kernel must still start when the chain is broken and the journal is behind its audit log)
    expect(edited.length).toBeLessThan(lines.length);
    fs.writeFileSync(file, edited.join("\n") + "\n");
    w = await world(dir, w.t);
    const after = await w.k.call("q_chan_status", { session_id: w.sa, channel: req.channel });
    expect(after.state).toBe("invalid");
    await expect(entangleOnce(w.k, w.sa, w.sb, req.channel, appr.channel)).rejects.toMatchObject({ codeName: expect.stringMatching(/CHANNEL_/) });
    // and a fresh, untampered kernel would have said "exhausted", not "invalid"
    await w.k.close();
  });
});

describe("a channel journal cut short", () => {
  it("cannot hand out uses again: the audit log restores the count", async () => {
    const { dir, tokens, req, appr, file, lines } = await usedChannel("qmk-chan-cut-", 2, 2);
    // cut both use records off the end of the journal (the MAC chain alone cannot see this)
    const cut = lines.filter((l) => !l.includes('"t":"use"'));
    expect(cut.length).toBe(lines.length - 2);
    fs.writeFileSync(file, cut.join("\n") + "\n");

    const w = await world(dir, tokens);
    const st = await w.k.call("q_chan_status", { session_id: w.sa, channel: req.channel });
    expect(st).toMatchObject({ used: 2, state: "exhausted" });
    await expect(entangleOnce(w.k, w.sa, w.sb, req.channel, appr.channel)).rejects.toMatchObject({ codeName: "CHANNEL_EXHAUSTED" });
    const repaired = await w.k.call("q_audit_query", { session_id: w.admin, filters: { type: "channel.use", severity: "warning" } });
    expect(repaired.events.some((e: any) => e.reason === "journal_behind_audit")).toBe(true);
    await w.k.close();
  });

  it("counts the channel uses of a multi-tenant job too", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "qmk-chan-job-"));
    let w = await world(dir);
    const req = await w.k.call("q_request_channel", { session_id: w.sa, peer: "bob", max_uses: 5 });
    await w.k.call("q_approve_channel", { session_id: w.sb, request_id: req.request_id });
    const chId = (await w.k.call("q_chan_status", { session_id: w.sa, channel: req.channel })).id;
    const nodes = [
      { id: "a", op: "ALLOC_LQ", args: { n: 1, tenant: "alice" }, vqs: ["qa"] },
      { id: "b", op: "ALLOC_LQ", args: { n: 1, tenant: "bob" }, vqs: ["qb"] },
      { id: "h", op: "APPLY_H", vqs: ["qa"] },
      { id: "x", op: "APPLY_CNOT", vqs: ["qa", "qb"], args: { channel: chId } },
      { id: "ma", op: "MEASURE_Z", vqs: ["qa"], produces: ["ea"] },
      { id: "mb", op: "MEASURE_Z", vqs: ["qb"], produces: ["eb"] },
    ];
    const j = await w.k.call("q_submit", { session_id: w.admin, graph: { version: "0.1", program: { nodes }, resources: { vqs: ["qa", "qb"], events: ["ea", "eb"] } }, policy: { shots: 3, seed: 1 } });
    expect((await w.k.call("q_wait", { session_id: w.admin, job_id: j.job_id, timeout_ms: 20_000 })).state).toBe("completed");
    await w.k.close();
    const file = path.join(dir, "channels.jsonl");
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").split("\n").filter((l) => l && !l.includes('"t":"use"')).join("\n") + "\n");
    w = await world(dir, w.t);
    expect((await w.k.call("q_chan_status", { session_id: w.sa, channel: req.channel })).used).toBe(3);
    await w.k.close();
  });
});

describe("a broken channel journal that is also behind the audit log", () => {
  it("the kernel still starts, and the channel authorizes nothing", async () => {
    const { dir, tokens, req, appr, file, lines } = await usedChannel("qmk-chan-both-", 3, 2);
    // keep one use record, rolled back to 1 without re-sealing it: the chain breaks, and the
    // journal (1 use) is behind the audit log (2 uses)
    const approveLine = lines.findIndex((l) => l.includes('"t":"approve"'));
    const tampered = [...lines.slice(0, approveLine + 1), lines[lines.length - 1].replace(/"used":\d+/, '"used":1')];
    fs.writeFileSync(file, tampered.join("\n") + "\n");
    const w = await world(dir, tokens);
    expect((await w.k.call("q_chan_status", { session_id: w.sa, channel: req.channel })).state).toBe("invalid");
    await expect(entangleOnce(w.k, w.sa, w.sb, req.channel, appr.channel)).rejects.toMatchObject({ codeName: expect.stringMatching(/^CHANNEL_/) });
    await w.k.close();
  });
});

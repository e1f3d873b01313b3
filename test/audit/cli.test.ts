// `qmk audit pubkey|checkpoint|verify|attestation verify` through bin/qmk.js,
// as a third party would run them: with the public key only (root.key is
// moved away before verifying), and a checkpoint mirror kept outside.
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { AuditLog, AuditSigner, splitNotesForTest } from "./cli-helpers.js";
import { KEY, tmpDir } from "./helpers.js";

const ROOT = path.resolve(__dirname, "../..");
const BIN = path.join(ROOT, "bin/qmk.js");
const CONF = path.join(ROOT, "test/fixtures/conformance/qvm");
const qmk = (args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: "utf8", timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

describe("qmk audit (public key only)", () => {
  it("pubkey, checkpoint, verify --checkpoint/--key, missing log/key exit 3, rollback caught, attestation verify", async () => {
    const data = tmpDir("cli");
    expect(qmk(["run", "--json", "--shots", "5", "--data-dir", data, path.join(CONF, "bell_state.qvm.asm")]).code).toBe(0);
    // the verifier needs no secret
    fs.renameSync(path.join(data, "root.key"), path.join(tmpDir("cli-key"), "root.key"));

    const pub = qmk(["audit", "pubkey", data]);
    expect(pub.code, pub.err).toBe(0);
    expect(pub.out).toMatch(/^qmk\.local\/audit\/[0-9a-f]{16}\+[0-9a-f]{8}\+[A-Za-z0-9+/]+=*\n$/);
    const cp = qmk(["audit", "checkpoint", data]);
    expect(cp.code, cp.err).toBe(0);
    expect(cp.out.split("\n").slice(0, 3)[0]).toBe(pub.out.split("+")[0]);
    const outside = path.join(tmpDir("cli-monitor"), "cp.txt");
    fs.writeFileSync(outside, cp.out);

    const ok = qmk(["audit", "verify", data, "--checkpoint", outside]);
    expect(ok.code, ok.out + ok.err).toBe(0);
    expect(ok.out).toMatch(/audit log OK: \d+ events, root [0-9a-f]{64}, (\d+)\/\1 checkpoints verified with audit\.pub; extends 1 outside checkpoint/);
    const keyFile = path.join(tmpDir("cli-pin"), "pinned.pub");
    fs.writeFileSync(keyFile, pub.out);
    expect(qmk(["audit", "verify", data, "--key", keyFile]).code).toBe(0);
    expect(qmk(["audit", "verify", data, "--key", pub.out.trim(), "--json"]).out).toMatch(/"keySource": "given"/);

    // another key: BAD (1); missing things: 3, not BAD
    const other = new AuditSigner(new Uint8Array(32).fill(9)).vkey;
    expect(qmk(["audit", "verify", data, "--key", other]).code).toBe(1);
    const none = qmk(["audit", "verify", path.join(data, "nonexistent")]);
    expect(none.code).toBe(3);
    expect(none.out).not.toMatch(/BAD/);
    expect(none.err).toMatch(/no audit log/);
    expect(qmk(["audit", "verify", data, "--checkpoint", path.join(data, "nope.txt")]).code).toBe(3);
    const audit = path.join(data, "audit");
    fs.renameSync(path.join(audit, "audit.pub"), path.join(audit, "audit.pub.away"));
    const nokey = qmk(["audit", "verify", data]);
    expect(nokey.code).toBe(3);
    expect(nokey.err).toMatch(/no verifier key/);
    expect(qmk(["audit", "pubkey", data]).code).toBe(3);
    fs.renameSync(path.join(audit, "audit.pub.away"), path.join(audit, "audit.pub"));

    // rollback to the log's very first record (its signed empty tree): OK alone, BAD against the kept checkpoint
    const ev = path.join(audit, "events.log");
    const b = fs.readFileSync(ev);
    fs.writeFileSync(ev, b.subarray(0, 8 + b.readUInt32LE(0)));
    expect(qmk(["audit", "verify", data]).code).toBe(0);
    const rolled = qmk(["audit", "verify", data, "--checkpoint", outside]);
    expect(rolled.code).toBe(1);
    expect(rolled.out).toMatch(/truncated or rolled back/);
    fs.writeFileSync(ev, b);

    // an attestation signed with the log's key verifies offline; an edited one does not
    const log = AuditLog.open({ dir: null, signingKey: KEY });
    const att = log.signAttestation({
      job_id: "job-1", tenant: "alice", graph_hash: "ab".repeat(32), started_at: 1, ended_at: 2, status: "completed",
      resources: { shots: 5 }, outcomes: { counts: { "00": 5 } }, audit: { tree_size: 1, root: "cd".repeat(32) },
    });
    const af = path.join(tmpDir("cli-att"), "att.json");
    fs.writeFileSync(af, JSON.stringify(att));
    expect(qmk(["audit", "attestation", "verify", af, "--key", log.verifierKey]).code).toBe(0);
    fs.writeFileSync(af, JSON.stringify({ ...att, tenant: "mallory" }));
    expect(qmk(["audit", "attestation", "verify", af, "--key", log.verifierKey]).code).toBe(1);
    expect(qmk(["audit", "attestation", "verify", af, "--dir", path.join(data, "nonexistent")]).code).toBe(3);
    await log.close();
  }, 120_000);
});

describe("checkpoint mirror (witness stand-in)", () => {
  it("gets every durable checkpoint before the callers are answered, and verify --checkpoint reads it back", async () => {
    const dir = tmpDir("mirror");
    const file = path.join(tmpDir("mirror-out"), "checkpoints.txt");
    const log = AuditLog.open({ dir, signingKey: KEY });
    expect(() => log.mirrorCheckpoints(path.join(dir, "inside.txt"))).toThrow(/outside the audit directory/);
    await log.durable(); // as Kernel.open does before qmk serve attaches the mirror
    const stop = log.mirrorCheckpoints(file);
    expect(splitNotesForTest(fs.readFileSync(file, "utf8"))).toHaveLength(1); // the newest durable one at once
    for (let i = 0; i < 5; i++) {
      log.append({ type: "cap.use", details: { i } });
      await log.durable();
      const notes = splitNotesForTest(fs.readFileSync(file, "utf8"));
      expect(notes[notes.length - 1]).toBe(log.lastSignedHead()!.checkpoint); // on disk when durable() resolves
    }
    stop();
    await log.close();
    const { verifyLogDir } = await import("../../kernel/security/audit/index.js");
    const r = verifyLogDir(dir, { checkpoints: splitNotesForTest(fs.readFileSync(file, "utf8")) });
    expect(r.ok).toBe(true);
    expect(r.external).toHaveLength(6);
  });
});

describe("qmk serve --checkpoint-mirror", () => {
  it("writes the log's checkpoints to a file outside the data directory; verify --checkpoint reads it", async () => {
    const data = tmpDir("serve-mirror");
    const mirror = path.join(tmpDir("serve-mirror-out"), "cps.txt");
    expect(qmk(["serve", "--data-dir", data, "--checkpoint-mirror", path.join(data, "in.txt"), "--log-level", "silent"]).code).toBe(2);
    const child = spawn(process.execPath, [BIN, "serve", "--data-dir", data, "--checkpoint-mirror", mirror, "--log-level", "silent"], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    await new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`serve did not start: ${out}`)), 60_000);
      child.stdout.on("data", (d) => {
        out += d;
        if (/checkpoints: .*\(mirror\)/.test(out)) {
          clearTimeout(t);
          resolve();
        }
      });
      child.on("exit", (c) => reject(new Error(`serve exited ${c}: ${out}`)));
    });
    const notes = splitNotesForTest(fs.readFileSync(mirror, "utf8"));
    expect(notes.length).toBeGreaterThanOrEqual(1);
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
    const r = qmk(["audit", "verify", data, "--checkpoint", mirror]);
    expect(r.code, r.out + r.err).toBe(0);
    expect(r.out).toMatch(/extends \d+ outside checkpoint/);
  }, 120_000);
});

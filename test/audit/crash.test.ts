// Crash safety: a child appending events is SIGKILLed at random moments;
// after every restart each acknowledged event is present and the log verifies.
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { AuditLog, verifyLogDir } from "../../kernel/security/audit/index.js";
import { KEY, tmpDir } from "./helpers.js";

const CHILD = path.join(import.meta.dirname, "fixtures", "crash-child.ts");
const ROUNDS = 20;

interface Ack {
  index: number;
  run: number;
  seq: number;
}

function runAndKill(dir: string, run: number, killAfterMs: number): Promise<{ acks: Ack[]; signal: string | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", CHILD, dir, String(run)], { stdio: ["ignore", "pipe", "pipe"] });
    const acks: Ack[] = [];
    let buf = "";
    let err = "";
    let timer: NodeJS.Timeout | null = null;
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (d: string) => {
      buf += d;
      let nl: number;
      while ((nl = buf.indexOf("\n")) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        const p = line.split(" ");
        if (p[0] === "ready" && !timer) timer = setTimeout(() => child.kill("SIGKILL"), killAfterMs);
        if (p[0] === "ack") acks.push({ index: +p[1], run: +p[2], seq: +p[3] });
      }
    });
    child.stderr.on("data", (d) => (err += d));
    child.on("error", reject);
    child.on("exit", (_code, signal) => {
      if (signal !== "SIGKILL") reject(new Error(`child exited on its own: ${err}`));
      else resolve({ acks, signal });
    });
  });
}

describe("crash safety (SIGKILL at random moments)", () => {
  it(`${ROUNDS} kill/restart cycles lose no acknowledged event`, async () => {
    const dir = tmpDir("crash");
    const all: Ack[] = [];
    let torn = 0;
    for (let run = 0; run < ROUNDS; run++) {
      const { acks } = await runAndKill(dir, run, 30 + Math.floor(Math.random() * 250));
      all.push(...acks);
      if (run % 3 === 1) {
        // SIGKILL rarely interrupts a write() mid-way; also simulate the torn final record an OS crash leaves.
        const junk = Buffer.from(`{"decision":null,"details":{"run":${run}`);
        const hdr = Buffer.alloc(8);
        hdr.writeUInt32LE(junk.length + 40, 0);
        fs.appendFileSync(path.join(dir, "events.log"), Buffer.concat([hdr, junk]).subarray(0, 3 + Math.floor(Math.random() * (junk.length + 5))));
      }
      const pre = verifyLogDir(dir, { signingKey: KEY });
      // A kill may leave an unacknowledged partial write; nothing else may be wrong.
      expect(pre.ok, pre.error).toBe(true);
      if (pre.tornTail) torn++;
      const log = AuditLog.open({ dir, signingKey: KEY, epochEvents: 37 });
      const byIndex = new Map(log.query({ type: "cap.use", limit: 100_000 }).map((e) => [e.index, e]));
      for (const a of all) {
        const e = byIndex.get(a.index);
        expect(e, `acknowledged event ${a.index} missing after run ${run}`).toBeDefined();
        expect(e!.details).toEqual({ run: a.run, seq: a.seq });
      }
      await log.close();
      if (run % 4 === 3 || run === ROUNDS - 1) {
        // after repair + restart the log is clean (checked every few rounds to keep the test fast on a shared CPU)
        const post = verifyLogDir(dir, { signingKey: KEY });
        expect(post).toMatchObject({ ok: true, tornTail: false });
        expect(post.headsVerified).toBe(post.heads);
      }
    }
    expect(all.length).toBeGreaterThan(ROUNDS * 10); // the children really did work before dying
    expect(torn).toBeGreaterThanOrEqual(Math.floor(ROUNDS / 3));
    console.log(`crash test: ${all.length} acknowledged events over ${ROUNDS} kills, ${torn} torn tails repaired`);
  }, 90_000);
});

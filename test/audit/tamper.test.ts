// The verifier detects a changed, deleted, swapped, inserted or truncated
// entry and names the first bad one — with the public key alone. The four
// attacks of issue 13 (an attacker with write access to the data directory)
// are each detected; the two that rewrite everything consistently need a
// checkpoint held outside the directory, which is what `--checkpoint` is for.
import * as fs from "node:fs";
import * as path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { AuditLog, AuditSigner, parseCheckpointText, parseNote, verifyLogDir } from "../../kernel/security/audit/index.js";
import { frame, isEventRecord, scanRecords } from "../../kernel/security/audit/store.js";
import { KEY, tmpDir } from "./helpers.js";

const N = 60;
let dir: string;
let file: string;
let pub: string;
/** checkpoints a monitor kept while the log grew (outside the directory) */
let kept: string[];

beforeEach(async () => {
  dir = tmpDir("tamper");
  file = path.join(dir, "events.log");
  const l = AuditLog.open({ dir, signingKey: KEY, epochEvents: 16 });
  kept = [];
  for (let i = 0; i < N; i++) {
    l.append({ type: i % 7 ? "cap.use" : "cap.deny", decision: i % 7 ? "allow" : "deny", tenant: i % 2 ? "alice" : "bob", details: { i } });
    if (i % 10 === 9) {
      await l.durable(); // one group commit, one checkpoint, per 10 events
      kept.push(l.lastSignedHead()!.checkpoint);
    }
  }
  await l.close();
  pub = fs.readFileSync(path.join(dir, "audit.pub"), "utf8").trim();
});

const records = (): Buffer[] => scanRecords(fs.readFileSync(file)).records.map((r) => Buffer.from(r));
const writeRecords = (rs: Buffer[]): void => fs.writeFileSync(file, Buffer.concat(rs.map(frame)));
/** position in the record list of event `i` */
const pos = (rs: Buffer[], i: number): number => {
  let n = -1;
  return rs.findIndex((r) => isEventRecord(r) && ++n === i);
};
const verify = (checkpoints: string[] = []) => verifyLogDir(dir, { checkpoints });

describe("tamper detection (public key only)", () => {
  it("the untouched log verifies with audit.pub and with a pinned key, and extends every kept checkpoint", () => {
    const rs = records();
    const events = rs.filter(isEventRecord).length;
    expect(events).toBeGreaterThan(N); // + epoch summaries
    const r = verify(kept);
    expect(r).toMatchObject({ ok: true, size: events, keySource: "audit.pub", uncovered: 0 });
    expect(r.checkpointsVerified).toBe(r.checkpoints);
    expect(r.checkpoints).toBe(rs.length - events);
    expect(r.external.every((x) => x.ok)).toBe(true);
    expect(verifyLogDir(dir, { keys: pub })).toMatchObject({ ok: true, keySource: "given" });
    // nothing secret is needed: the verifier never sees KEY, and no root.key exists
    expect(fs.readdirSync(dir).filter((f) => f.includes("key"))).toEqual([]);
  });

  it("a missing key or log is its own verdict, not BAD", () => {
    fs.rmSync(path.join(dir, "audit.pub"));
    expect(verify()).toMatchObject({ ok: false, missing: "key" });
    expect(verifyLogDir(path.join(dir, "nonexistent"))).toMatchObject({ ok: false, missing: "log" });
  });

  it("another key (pinned by the verifier) rejects the log even if audit.pub is swapped", () => {
    const other = new AuditSigner(new Uint8Array(32).fill(9)).vkey;
    expect(verifyLogDir(dir, { keys: other })).toMatchObject({ ok: false, badCheckpoint: 0 });
  });

  it("flipped byte (raw, checksum not fixed) → exact index", () => {
    const rs = records();
    const p = pos(rs, 23);
    const b = fs.readFileSync(file);
    const off = rs.slice(0, p).reduce((s, r) => s + r.length + 8, 0) + 8 + 5; // inside entry 23's payload
    b[off] ^= 0x01;
    fs.writeFileSync(file, b);
    expect(verify()).toMatchObject({ ok: false, firstBad: 23, exact: true });
  });

  it("changed byte with a re-computed checksum that breaks canonical form → exact index", () => {
    const rs = records();
    const p = pos(rs, 31);
    rs[p] = Buffer.from(rs[p].toString().replace('"index":31', '"index":031'));
    writeRecords(rs);
    expect(verify()).toMatchObject({ ok: false, firstBad: 31, exact: true });
  });

  it("semantically edited entry (valid JSON, fixed checksum) → caught by the signed root, bounded to one group commit", () => {
    const rs = records();
    const p = rs.findIndex((r, k) => k >= pos(rs, 40) && r.toString().includes('"cap.deny"'));
    const victim = rs.slice(0, p).filter(isEventRecord).length;
    rs[p] = Buffer.from(rs[p].toString().replace('"cap.deny"', '"cap.use"').replace('"deny"', '"allow"').replace('"severity":"warning"', '"severity":"info"'));
    writeRecords(rs);
    const r = verify();
    expect(r.ok).toBe(false);
    expect(r.exact).toBe(false);
    expect(r.firstBad!).toBeLessThanOrEqual(victim);
    expect(r.badBefore!).toBeGreaterThan(victim);
    expect(r.badBefore! - r.firstBad!).toBeLessThanOrEqual(12); // one batch (10 events + an epoch leaf)
  });

  it("deleted entry → its index", () => {
    const rs = records();
    rs.splice(pos(rs, 17), 1);
    writeRecords(rs);
    expect(verify()).toMatchObject({ ok: false, firstBad: 17, exact: true });
  });

  it("swapped entries → the first of the two", () => {
    const rs = records();
    const a = pos(rs, 42);
    [rs[a], rs[a + 1]] = [rs[a + 1], rs[a]];
    writeRecords(rs);
    expect(verify()).toMatchObject({ ok: false, firstBad: 42, exact: true });
  });

  it("inserted (replayed) entry → its position", () => {
    const rs = records();
    rs.splice(pos(rs, 9), 0, rs[pos(rs, 3)]);
    writeRecords(rs);
    expect(verify()).toMatchObject({ ok: false, firstBad: 9, exact: true });
  });

  it("truncated inside a group commit → the events left have no checkpoint", () => {
    const rs = records();
    writeRecords(rs.slice(0, pos(rs, 50)));
    const r = verify();
    expect(r.ok).toBe(false);
    expect(r.uncovered).toBeGreaterThan(0);
    expect(r.error).toMatch(/covered by no signature/);
  });

  it("truncated mid-record → torn tail, and the events before it are uncovered", () => {
    const b = fs.readFileSync(file);
    const rs = records();
    const cut = rs.slice(0, pos(rs, 44)).reduce((s, r) => s + r.length + 8, 0) + 11;
    fs.writeFileSync(file, b.subarray(0, cut));
    expect(verify()).toMatchObject({ ok: false, tornTail: true });
  });

  it("forged checkpoint (root of another size) → bad signature", () => {
    const rs = records();
    const k = rs.findIndex((r) => !isEventRecord(r) && parseCheckpointText(parseNote(r.toString()).text).size > 0);
    const note = rs[k].toString();
    const text = parseNote(note).text;
    const other = parseNote(rs[0].toString()).text.split("\n")[2];
    rs[k] = Buffer.from(note.replace(text, text.replace(text.split("\n")[2], other)));
    writeRecords(rs);
    expect(verify()).toMatchObject({ ok: false, badCheckpoint: 1 });
  });

  // ---- issue 13's four attacks -------------------------------------------

  it("attack 1: cutting the tail together with the checkpoints that cover it → caught by an outside checkpoint", () => {
    const rs = records();
    // cut right after the checkpoint that covers the first 30 events: a consistent, fully signed prefix
    const k = rs.findIndex((r) => !isEventRecord(r) && parseCheckpointText(parseNote(r.toString()).text).size >= 30);
    writeRecords(rs.slice(0, k + 1));
    expect(verify().ok).toBe(true); // nobody can tell from inside the directory…
    const r = verify(kept.slice(-1)); // …but the monitor's newest checkpoint can
    expect(r.ok).toBe(false);
    expect(r.external[0]).toMatchObject({ ok: false });
    expect(r.error).toMatch(/truncated or rolled back/);
  });

  it("attack 2: every deny rewritten as an allow and the signatures deleted → no checkpoint; signatures kept → root mismatch", () => {
    const flip = (r: Buffer) => Buffer.from(r.toString().replace('"type":"cap.deny"', '"type":"cap.use"').replace('"decision":"deny"', '"decision":"allow"').replace('"severity":"warning"', '"severity":"info"'));
    const rs = records();
    writeRecords(rs.filter(isEventRecord).map(flip));
    expect(verify()).toMatchObject({ ok: false, checkpoints: 0 });
    expect(verify().error).toMatch(/no checkpoint/);
    writeRecords(rs.map((r) => (isEventRecord(r) ? flip(r) : r)));
    expect(verify()).toMatchObject({ ok: false, exact: false });
    expect(verify().error).toMatch(/root mismatch/);
  });

  it("attack 3: the log replaced with an empty one → no checkpoint; with only its signed empty tree → caught outside", () => {
    const rs = records();
    fs.writeFileSync(file, "");
    expect(verify()).toMatchObject({ ok: false, size: 0, checkpoints: 0 });
    // The first record of every log is its signed empty tree: a replay of just that verifies alone…
    expect(parseCheckpointText(parseNote(rs[0].toString()).text).size).toBe(0);
    writeRecords(rs.slice(0, 1));
    expect(verify()).toMatchObject({ ok: true, size: 0 });
    // …and a kept checkpoint shows the rollback.
    expect(verify(kept.slice(0, 1))).toMatchObject({ ok: false, external: [{ ok: false }] });
  });

  it("attack 4: events edited after a SIGKILL-like stop → root mismatch; events appended after the last checkpoint → uncovered", () => {
    const rs = records();
    const p = pos(rs, N - 3);
    const edited = rs.slice();
    edited[p] = Buffer.from(rs[p].toString().replace(/"i":(\d+)/, (_m, d) => `"i":${Number(d) + 1}`));
    expect(edited[p].equals(rs[p])).toBe(false);
    writeRecords(edited);
    expect(verify()).toMatchObject({ ok: false, exact: false });
    const last = rs.filter(isEventRecord).length;
    const extra = Buffer.from(rs[p].toString().replace(/"index":\d+/, `"index":${last}`));
    writeRecords([...rs, extra]);
    expect(verify()).toMatchObject({ ok: false, uncovered: 1, firstBad: last });
  });

  it("a deleted log file is 'missing', never OK", () => {
    fs.rmSync(file);
    expect(verify()).toMatchObject({ ok: false, missing: "log" });
  });

  it("the kernel itself refuses to open a tampered log", () => {
    const rs = records();
    rs.splice(pos(rs, 5), 1);
    writeRecords(rs);
    expect(() => AuditLog.open({ dir, signingKey: KEY })).toThrow(/checkpoint for 10 entries follows entry 8/);
  });

  it("the kernel refuses a log whose checkpoints were all removed", () => {
    writeRecords(records().filter(isEventRecord));
    expect(() => AuditLog.open({ dir, signingKey: KEY })).toThrow(/no checkpoint/);
  });
});

// The verifier detects a changed, deleted, swapped, inserted or truncated
// entry and names the first bad one.
import * as fs from "node:fs";
import * as path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { AuditLog, verifyLogDir } from "../../kernel/security/audit/index.js";
import { frame, scanRecords } from "../../kernel/security/audit/store.js";
import { KEY, tmpDir } from "./helpers.js";

const N = 60;
let dir: string;
let file: string;

beforeEach(async () => {
  dir = tmpDir("tamper");
  file = path.join(dir, "events.log");
  const l = AuditLog.open({ dir, signingKey: KEY, epochEvents: 16 });
  for (let i = 0; i < N; i++) l.append({ type: i % 7 ? "cap.use" : "cap.deny", tenant: i % 2 ? "alice" : "bob", details: { i } });
  await l.close();
});

const records = (): Buffer[] => scanRecords(fs.readFileSync(file)).records.map((r) => Buffer.from(r));
const writeRecords = (rs: Buffer[]): void => fs.writeFileSync(file, Buffer.concat(rs.map(frame)));
const verify = () => verifyLogDir(dir, { signingKey: KEY });

describe("tamper detection", () => {
  it("the untouched log verifies, with and without the key", () => {
    const total = records().length;
    expect(total).toBeGreaterThan(N); // + epoch summaries
    expect(verify()).toMatchObject({ ok: true, size: total, signaturesChecked: true });
    expect(verifyLogDir(dir)).toMatchObject({ ok: true, signaturesChecked: false });
    expect(verify().headsVerified).toBe(verify().heads);
  });

  it("flipped byte (raw, checksum not fixed) → exact index", () => {
    const rs = records();
    const b = fs.readFileSync(file);
    const off = rs.slice(0, 23).reduce((s, r) => s + r.length + 8, 0) + 8 + 5; // inside entry 23's payload
    b[off] ^= 0x01;
    fs.writeFileSync(file, b);
    expect(verify()).toMatchObject({ ok: false, firstBad: 23, exact: true });
  });

  it("changed byte with a re-computed checksum that breaks canonical form → exact index", () => {
    const rs = records();
    rs[31] = Buffer.from(rs[31].toString().replace('"index":31', '"index":031'));
    writeRecords(rs);
    expect(verify()).toMatchObject({ ok: false, firstBad: 31, exact: true });
  });

  it("semantically edited entry (valid JSON, fixed checksum) → caught by the signed root, bounded range", () => {
    const rs = records();
    const victim = rs.findIndex((r, i) => i >= 40 && r.toString().includes('"cap.deny"'));
    rs[victim] = Buffer.from(rs[victim].toString().replace('"cap.deny"', '"cap.use"').replace('"severity":"warning"', '"severity":"info"'));
    writeRecords(rs);
    const r = verify();
    expect(r.ok).toBe(false);
    expect(r.exact).toBe(false);
    expect(r.firstBad!).toBeLessThanOrEqual(victim);
    expect(r.badBefore!).toBeGreaterThan(victim);
    expect(r.badBefore! - r.firstBad!).toBeLessThanOrEqual(17); // one epoch
  });

  it("deleted entry → its index", () => {
    const rs = records();
    rs.splice(17, 1);
    writeRecords(rs);
    expect(verify()).toMatchObject({ ok: false, firstBad: 17, exact: true });
  });

  it("swapped entries → the first of the two", () => {
    const rs = records();
    [rs[40], rs[41]] = [rs[41], rs[40]];
    writeRecords(rs);
    expect(verify()).toMatchObject({ ok: false, firstBad: 40, exact: true });
  });

  it("inserted (replayed) entry → its position", () => {
    const rs = records();
    rs.splice(9, 0, rs[3]);
    writeRecords(rs);
    expect(verify()).toMatchObject({ ok: false, firstBad: 9, exact: true });
  });

  it("truncated at a record boundary → first missing index", () => {
    const rs = records();
    writeRecords(rs.slice(0, 50));
    expect(verify()).toMatchObject({ ok: false, firstBad: 50, exact: true });
  });

  it("truncated mid-record → first missing index (tail torn)", () => {
    const b = fs.readFileSync(file);
    const rs = records();
    const cut = rs.slice(0, 44).reduce((s, r) => s + r.length + 8, 0) + 11;
    fs.writeFileSync(file, b.subarray(0, cut));
    expect(verify()).toMatchObject({ ok: false, firstBad: 44, tornTail: true });
  });

  it("forged signed head → bad signature; without key → root mismatch", () => {
    const hf = path.join(dir, "heads.log");
    const hs = scanRecords(fs.readFileSync(hf)).records.map((r) => JSON.parse(r.toString()));
    hs[1].root = hs[0].root;
    fs.writeFileSync(hf, Buffer.concat(hs.map((h) => frame(Buffer.from(JSON.stringify(h))))));
    expect(verify()).toMatchObject({ ok: false, badHead: 1 });
    expect(verifyLogDir(dir)).toMatchObject({ ok: false, firstBad: hs[0].size, exact: false });
  });

  it("a deleted log file does not verify", () => {
    fs.rmSync(file);
    expect(verify()).toMatchObject({ ok: false, firstBad: 0 });
  });

  it("the kernel itself refuses to open a tampered log (signed part: via the head's root)", () => {
    const rs = records();
    rs.splice(5, 1);
    writeRecords(rs);
    expect(() => AuditLog.open({ dir, signingKey: KEY })).toThrow(/root mismatch at signed head of size 16/);
  });

  it("the kernel itself refuses to open a tampered log (unsigned tail: names the entry)", async () => {
    const d2 = tmpDir("tail");
    const l = AuditLog.open({ dir: d2, signingKey: KEY, epochEvents: 0 });
    for (let i = 0; i < 10; i++) l.append({ type: "cap.use", details: { i } });
    await l.durable(); // no head signed yet: every entry is in the unsigned tail
    const f2 = path.join(d2, "events.log");
    const rs = scanRecords(fs.readFileSync(f2)).records.map((r) => Buffer.from(r));
    [rs[6], rs[7]] = [rs[7], rs[6]];
    fs.writeFileSync(f2, Buffer.concat(rs.map(frame)));
    expect(() => AuditLog.open({ dir: d2, signingKey: KEY })).toThrow(/entry 6 holds index 7/);
    await l.close().catch(() => {});
  });
});

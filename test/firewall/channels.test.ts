import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { QmkError, type ErrorName } from "../../kernel/errors.js";
import { Journal } from "../../kernel/persist/journal.js";
import { ChannelManager, type ChannelEvent } from "../../kernel/security/channels/index.js";
import { signTerms, verifyTerms } from "../../kernel/security/channels/record.js";
import { fakeClock, keyFor, memoryChannels, openChannel } from "./helpers.js";

function code(f: () => unknown): ErrorName {
  try {
    f();
  } catch (e) {
    if (e instanceof QmkError) return e.codeName;
    throw e;
  }
  throw new Error("expected a QmkError");
}

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function onDisk(clock = fakeClock()) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "qmk-chan-"));
  dirs.push(dir);
  const file = path.join(dir, "channels.jsonl");
  const open = () => new ChannelManager({ journal: Journal.open<ChannelEvent>(file, { fsync: false }), keyFor, clock: clock.now });
  return { file, open, clock };
}

describe("ChannelManager: request / approve / reject", () => {
  it("only the named peer may approve; self and third-party approval are refused", () => {
    const m = memoryChannels();
    const req = m.request("alice", "bob", { maxUses: 3 });
    expect(m.status(req, "alice").state).toBe("pending");
    expect(code(() => m.approve("alice", req))).toBe("CHANNEL_UNAUTHORIZED");
    expect(code(() => m.approve("mallory", req))).toBe("CHANNEL_UNAUTHORIZED");
    expect(code(() => m.authorize(req, "alice", "bob", Date.now()))).toBe("CHANNEL_UNAUTHORIZED");
    expect(m.approve("bob", req)).toBe(req);
    expect(m.status(req, "bob")).toMatchObject({ state: "active", from: "alice", to: "bob", signed: true, remaining: 3 });
    expect(code(() => m.approve("bob", req))).toBe("ALREADY_COMPLETED");
  });

  it("the peer may reject; a rejected request authorizes nothing and cannot be approved", () => {
    const m = memoryChannels();
    const req = m.request("alice", "bob", { maxUses: 3 });
    expect(code(() => m.reject("alice", req))).toBe("CHANNEL_UNAUTHORIZED");
    m.reject("bob", req);
    expect(m.status(req, "alice").state).toBe("rejected");
    expect(code(() => m.approve("bob", req))).toBe("ALREADY_COMPLETED");
    expect(code(() => m.authorize(req, "alice", "bob", Date.now()))).toBe("CHANNEL_UNAUTHORIZED");
  });

  it("the requester may withdraw a pending request", () => {
    const m = memoryChannels();
    const req = m.request("alice", "bob", { maxUses: 3 });
    m.revoke("alice", req);
    expect(m.status(req, "bob").state).toBe("revoked");
    expect(code(() => m.approve("bob", req))).toBe("ALREADY_COMPLETED");
  });

  it("deleting a tenant closes all its channels and requests", () => {
    const m = memoryChannels();
    const a = openChannel(m, "alice", "bob");
    const b = m.request("carol", "alice", { maxUses: 1 });
    const other = openChannel(m, "bob", "carol");
    expect(m.revokeAllOf("alice").sort()).toEqual([a, b].sort());
    expect(m.status(a, "bob").state).toBe("revoked");
    expect(m.status(b, "carol").state).toBe("revoked");
    expect(m.status(other, "bob").state).toBe("active");
    expect(m.activeCount("alice")).toBe(0);
  });

  it("validates requests", () => {
    const m = memoryChannels();
    expect(code(() => m.request("alice", "alice", { maxUses: 1 }))).toBe("INVALID_PARAMS");
    expect(code(() => m.request("alice", "bob", { maxUses: 0 }))).toBe("INVALID_PARAMS");
    expect(code(() => m.request("alice", "bob", { maxUses: 1.5 }))).toBe("INVALID_PARAMS");
    expect(code(() => m.request("alice", "bob", { maxUses: 1, expiresAt: Date.now() - 1 }))).toBe("INVALID_PARAMS");
  });

  it("non-parties cannot see, revoke or probe a channel", () => {
    const m = memoryChannels();
    const ch = openChannel(m, "alice", "bob");
    expect(code(() => m.status(ch, "carol"))).toBe("CHANNEL_UNAUTHORIZED");
    expect(code(() => m.revoke("carol", ch))).toBe("CHANNEL_UNAUTHORIZED");
    expect(code(() => m.lend(ch, "carol", 7))).toBe("CHANNEL_UNAUTHORIZED");
    expect(m.status(ch, "root", { admin: true }).state).toBe("active");
    expect(m.list("carol")).toEqual([]);
    expect(m.list("alice").map((s) => s.id)).toEqual([ch]);
  });
});

describe("ChannelManager: authorization", () => {
  it("is bound to exactly its pair (either order)", () => {
    const m = memoryChannels();
    const ch = openChannel(m, "alice", "bob");
    const now = Date.now();
    expect(() => m.authorize(ch, "alice", "bob", now)).not.toThrow();
    expect(() => m.authorize(ch, "bob", "alice", now)).not.toThrow();
    expect(code(() => m.authorize(ch, "alice", "carol", now))).toBe("CHANNEL_UNAUTHORIZED");
    expect(code(() => m.authorize("ch_nope", "alice", "bob", now))).toBe("CHANNEL_UNAUTHORIZED");
  });

  it("expires", () => {
    const clock = fakeClock();
    const m = memoryChannels({ clock: clock.now });
    const ch = openChannel(m, "alice", "bob", 5, clock.now() + 1000);
    expect(() => m.authorize(ch, "alice", "bob", clock.now() + 999)).not.toThrow();
    expect(code(() => m.authorize(ch, "alice", "bob", clock.now() + 1000))).toBe("CHANNEL_REVOKED_OR_EXPIRED");
    clock.advance(1000);
    expect(m.status(ch, "alice").state).toBe("expired");
    expect(code(() => m.consume(ch))).toBe("CHANNEL_REVOKED_OR_EXPIRED");
    expect(code(() => m.lend(ch, "bob", 1))).toBe("CHANNEL_REVOKED_OR_EXPIRED");
  });

  it("a request that expires before approval cannot be approved", () => {
    const clock = fakeClock();
    const m = memoryChannels({ clock: clock.now });
    const req = m.request("alice", "bob", { maxUses: 1, expiresAt: clock.now() + 10 });
    clock.advance(10);
    expect(code(() => m.approve("bob", req))).toBe("CHANNEL_REVOKED_OR_EXPIRED");
  });

  it("is exhausted after max uses", () => {
    const m = memoryChannels();
    const ch = openChannel(m, "alice", "bob", 3);
    for (let i = 0; i < 3; i++) m.consume(ch);
    expect(m.status(ch, "bob")).toMatchObject({ state: "exhausted", used: 3, remaining: 0 });
    expect(code(() => m.consume(ch))).toBe("CHANNEL_EXHAUSTED");
    expect(code(() => m.authorize(ch, "alice", "bob", Date.now()))).toBe("CHANNEL_EXHAUSTED");
    expect(m.status(ch, "bob").used).toBe(3);
  });

  it.each([
    ["the requester", "alice", false],
    ["the peer", "bob", false],
    ["an admin", "root", true],
  ])("is revoked by %s and then authorizes nothing", (_who, by, admin) => {
    const m = memoryChannels();
    const ch = openChannel(m, "alice", "bob");
    const loan = m.lend(ch, "bob", 3);
    m.revoke(by, ch, { admin });
    expect(m.status(ch, "alice")).toMatchObject({ state: "revoked", revokedBy: by });
    expect(code(() => m.authorize(ch, "alice", "bob", Date.now()))).toBe("CHANNEL_REVOKED_OR_EXPIRED");
    expect(code(() => m.consume(ch))).toBe("CHANNEL_REVOKED_OR_EXPIRED");
    expect(m.peekLoan(loan.id)).toBeUndefined();
    expect(code(() => m.revoke(by, ch, { admin }))).toBe("ALREADY_COMPLETED");
  });

  it("loans are one use and only by a party of the channel", () => {
    const m = memoryChannels();
    const ch = openChannel(m, "alice", "bob");
    const loan = m.lend(ch, "bob", 3);
    expect(loan).toMatchObject({ channelId: ch, tenant: "bob", qubit: 3, used: false });
    m.redeemLoan(loan.id);
    expect(code(() => m.redeemLoan(loan.id))).toBe("CHANNEL_UNAUTHORIZED");
    expect(code(() => m.redeemLoan("loan_forged"))).toBe("CHANNEL_UNAUTHORIZED");
    const l2 = m.lend(ch, "bob", 4);
    m.forgetQubit(4);
    expect(code(() => m.redeemLoan(l2.id))).toBe("CHANNEL_UNAUTHORIZED");
  });
});

describe("ChannelManager: quota", () => {
  it("counts active channels and own pending requests per tenant", () => {
    const m = memoryChannels({ quota: (t) => (t === "alice" ? 2 : 1) });
    const c1 = openChannel(m, "alice", "bob");
    const r2 = m.request("alice", "carol", { maxUses: 1 });
    expect(m.activeCount("alice")).toBe(2);
    expect(code(() => m.request("alice", "dave", { maxUses: 1 }))).toBe("QUOTA_EXCEEDED");
    // carol's slot is only taken when she approves; bob is full (quota 1).
    expect(code(() => m.request("bob", "carol", { maxUses: 1 }))).toBe("QUOTA_EXCEEDED");
    m.approve("carol", r2);
    expect(code(() => m.approve("carol", m.request("erin", "carol", { maxUses: 1 })))).toBe("QUOTA_EXCEEDED");
    // Closing a channel frees the slot.
    m.revoke("alice", c1);
    expect(() => m.request("alice", "dave", { maxUses: 1 })).not.toThrow();
  });

  it("exhausted channels do not count against the quota", () => {
    const m = memoryChannels({ quota: 1 });
    const ch = openChannel(m, "alice", "bob", 1);
    m.consume(ch);
    expect(() => openChannel(m, "alice", "bob", 1)).not.toThrow();
  });
});

describe("ChannelManager: signatures", () => {
  it("each side signs with its own key; a signature under the wrong key or role fails", () => {
    const t = { id: "ch_x", from: "alice", to: "bob", maxUses: 2, expiresAt: null, createdAt: 1 };
    const sig = signTerms(keyFor("alice"), t, "request");
    expect(verifyTerms(keyFor("alice"), t, "request", sig)).toBe(true);
    expect(verifyTerms(keyFor("bob"), t, "request", sig)).toBe(false);
    expect(verifyTerms(keyFor("alice"), t, "approve", sig)).toBe(false);
    expect(verifyTerms(keyFor("alice"), { ...t, maxUses: 3 }, "request", sig)).toBe(false);
    expect(verifyTerms(keyFor("alice"), t, "request", sig.slice(0, 62))).toBe(false);
    expect(verifyTerms(keyFor("alice"), t, "request", 42)).toBe(false);
  });

  it("a channel whose tenant key is gone (tenant deleted) is invalid", () => {
    let gone = false;
    const m = memoryChannels({ keyFor: (t) => (gone && t === "bob" ? (() => { throw new Error("no key"); })() : keyFor(t)) });
    const ch = openChannel(m, "alice", "bob");
    gone = true;
    expect(code(() => m.authorize(ch, "alice", "bob", Date.now()))).toBe("CHANNEL_UNAUTHORIZED");
    expect(m.status(ch, "alice").state).toBe("invalid");
  });
});

describe("ChannelManager: persistence", () => {
  it("state survives a reopen: approvals, uses, revocations, rejections", () => {
    const { open } = onDisk();
    const m1 = open();
    const a = openChannel(m1, "alice", "bob", 5);
    m1.consume(a);
    m1.consume(a);
    const b = openChannel(m1, "alice", "carol", 5);
    m1.revoke("root", b, { admin: true });
    const c = m1.request("bob", "carol", { maxUses: 1 });
    m1.reject("carol", c);
    const d = m1.request("carol", "alice", { maxUses: 1 });
    m1.close();

    const m2 = open();
    expect(m2.status(a, "alice")).toMatchObject({ state: "active", used: 2, remaining: 3, signed: true });
    expect(m2.status(b, "alice")).toMatchObject({ state: "revoked", revokedBy: "root" });
    expect(m2.status(c, "bob").state).toBe("rejected");
    expect(m2.status(d, "alice").state).toBe("pending");
    expect(m2.invalidRecords()).toEqual([]);
    m2.consume(a);
    m2.approve("alice", d);
    m2.close();
    const m3 = open();
    expect(m3.status(a, "bob").used).toBe(3);
    expect(m3.status(d, "carol").state).toBe("active");
    m3.close();
  });

  it.each([
    ["max_uses", (r: Record<string, unknown>) => (r.max_uses = 1000)],
    ["the pair", (r: Record<string, unknown>) => (r.to = "mallory")],
    ["the expiry", (r: Record<string, unknown>) => (r.expires_at = null)],
    ["the requester signature", (r: Record<string, unknown>) => (r.sig_from = "0".repeat(64))],
  ])("a journal line with tampered %s fails verification on reload", (_what, edit) => {
    const clock = fakeClock();
    const { file, open } = onDisk(clock);
    const m1 = open();
    const ch = openChannel(m1, "alice", "bob", 2, clock.now() + 60_000);
    m1.close();
    const lines = fs.readFileSync(file, "utf8").trim().split("\n").map((l) => JSON.parse(l));
    edit(lines.find((l) => l.t === "request"));
    fs.writeFileSync(file, lines.map((l) => JSON.stringify(l) + "\n").join(""));

    const m2 = open();
    expect(m2.invalidRecords()).toEqual([ch]);
    const pairs: [string, string][] = [["alice", "bob"], ["alice", "mallory"]];
    for (const [x, y] of pairs) expect(code(() => m2.authorize(ch, x, y, clock.now()))).toBe("CHANNEL_UNAUTHORIZED");
    expect(code(() => m2.consume(ch))).toBe("CHANNEL_UNAUTHORIZED");
    m2.close();
  });

  it("a forged approval line (peer never signed) is refused", () => {
    const { file, open, clock } = onDisk();
    const m1 = open();
    const req = m1.request("alice", "bob", { maxUses: 2 });
    m1.close();
    // Alice forges bob's approval, signing with her own key.
    const rec = JSON.parse(fs.readFileSync(file, "utf8").trim());
    const terms = { id: rec.id, from: rec.from, to: rec.to, maxUses: rec.max_uses, expiresAt: rec.expires_at, createdAt: rec.created_at };
    const forged = { t: "approve", id: req, by: "bob", sig_to: signTerms(keyFor("alice"), terms, "approve"), at: clock.now() };
    fs.appendFileSync(file, JSON.stringify(forged) + "\n");
    const m2 = open();
    expect(code(() => m2.authorize(req, "alice", "bob", clock.now()))).toBe("CHANNEL_UNAUTHORIZED");
    expect(m2.status(req, "alice").state).toBe("invalid");
    m2.close();
  });

  it("a replayed request line does not reset the use counter", () => {
    const { file, open } = onDisk();
    const m1 = open();
    const ch = openChannel(m1, "alice", "bob", 1);
    m1.consume(ch);
    m1.close();
    const first = fs.readFileSync(file, "utf8").split("\n")[0];
    fs.appendFileSync(file, first + "\n");
    const m2 = open();
    expect(m2.status(ch, "alice")).toMatchObject({ used: 1, state: "exhausted" });
    m2.close();
  });

  it("a malformed or lowered use counter never grants extra uses", () => {
    const { file, open } = onDisk();
    const m1 = open();
    const ch = openChannel(m1, "alice", "bob", 2);
    m1.consume(ch);
    m1.consume(ch);
    m1.close();
    fs.appendFileSync(file, JSON.stringify({ t: "use", id: ch, used: "x" }) + "\n" + JSON.stringify({ t: "use", id: ch, used: 0 }) + "\n");
    const m2 = open();
    expect(m2.status(ch, "alice")).toMatchObject({ used: 2, state: "exhausted" });
    expect(code(() => m2.consume(ch))).toBe("CHANNEL_EXHAUSTED");
    m2.close();
  });

  it("compacts a journal dominated by use lines without losing state", () => {
    const { file, open } = onDisk();
    const m1 = open();
    const ch = openChannel(m1, "alice", "bob", 500);
    const gone = openChannel(m1, "alice", "carol", 5);
    m1.revoke("carol", gone);
    for (let i = 0; i < 200; i++) m1.consume(ch);
    m1.close();
    const before = fs.readFileSync(file, "utf8").split("\n").length;
    const m2 = open();
    const after = fs.readFileSync(file, "utf8").split("\n").length;
    expect(after).toBeLessThan(before / 10);
    expect(m2.status(ch, "bob")).toMatchObject({ used: 200, signed: true, state: "active" });
    expect(m2.status(gone, "alice")).toMatchObject({ state: "revoked", revokedBy: "carol" });
    m2.close();
    const m3 = open();
    expect(m3.status(ch, "alice").used).toBe(200);
    expect(m3.invalidRecords()).toEqual([]);
    m3.close();
  });
});

describe("ChannelManager: journal integrity chain (optional kernel key)", () => {
  const integrityKey = keyFor("__kernel_journal__");

  function chained() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "qmk-chan-"));
    dirs.push(dir);
    const file = path.join(dir, "channels.jsonl");
    const clock = fakeClock();
    const open = () =>
      new ChannelManager({ journal: Journal.open<ChannelEvent>(file, { fsync: false }), keyFor, clock: clock.now, integrityKey });
    const lines = () => fs.readFileSync(file, "utf8").trim().split("\n");
    const rewrite = (ls: string[]) => fs.writeFileSync(file, ls.map((l) => l + "\n").join(""));
    return { open, lines, rewrite, clock };
  }

  it("an untouched chained journal reloads, compacts and keeps working", () => {
    const { open } = chained();
    const m1 = open();
    const ch = openChannel(m1, "alice", "bob", 500);
    for (let i = 0; i < 100; i++) m1.consume(ch);
    m1.close();
    const m2 = open(); // compacts
    expect(m2.integrity()).toEqual({ ok: true, brokenAt: null });
    m2.consume(ch);
    m2.close();
    const m3 = open();
    expect(m3.integrity().ok).toBe(true);
    expect(m3.status(ch, "alice")).toMatchObject({ used: 101, state: "active" });
    m3.close();
  });

  it.each([
    ["deleting a use line", (ls: string[]) => ls.filter((_, i) => i !== 3)],
    ["deleting the revoke line", (ls: string[]) => ls.filter((l) => !l.includes('"revoke"'))],
    ["editing a use counter", (ls: string[]) => ls.map((l) => l.replace('"used":2', '"used":1'))],
    ["reordering lines", (ls: string[]) => [ls[0], ls[1], ls[3], ls[2], ...ls.slice(4)]],
  ])("detects %s and fails closed", (_what, edit) => {
    const { open, lines, rewrite } = chained();
    const m1 = open();
    const ch = openChannel(m1, "alice", "bob", 5); // lines 0, 1
    m1.consume(ch); // 2
    m1.consume(ch); // 3
    const other = openChannel(m1, "alice", "carol", 5); // 4, 5
    m1.revoke("alice", other); // 6
    m1.consume(ch); // 7 (cutting lines off the end is not detectable: no external anchor)
    m1.close();
    rewrite(edit(lines()));
    const m2 = open();
    expect(m2.integrity().ok).toBe(false);
    expect(code(() => m2.authorize(ch, "alice", "bob", Date.now()))).toBe("CHANNEL_UNAUTHORIZED");
    expect(code(() => m2.authorize(other, "alice", "carol", Date.now()))).toBe("CHANNEL_UNAUTHORIZED");
    expect(code(() => m2.request("alice", "dave", { maxUses: 1 }))).toBe("CHANNEL_UNAUTHORIZED");
    m2.close();
  });

  it("without an integrity key, unchained journals load as before", () => {
    const { open: openPlain, file } = onDisk();
    const m1 = openPlain();
    const ch = openChannel(m1, "alice", "bob");
    m1.close();
    expect(fs.readFileSync(file, "utf8")).not.toContain('"mac"');
    // The same file opened with a key: lines carry no macs, so the chain fails closed.
    const m2 = new ChannelManager({ journal: Journal.open<ChannelEvent>(file, { fsync: false }), keyFor, integrityKey });
    expect(m2.integrity().ok).toBe(false);
    expect(m2.status(ch, "alice").state).toBe("invalid");
    m2.close();
  });
});

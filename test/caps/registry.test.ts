import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { Journal } from "../../kernel/persist/journal.js";
import { KeyRing } from "../../kernel/security/keys.js";
import { TOKENS_JOURNAL, TokenRegistry, type TokenRecord } from "../../kernel/security/tokens-registry.js";
import { attenuate, mintToken } from "../../kernel/security/tokens.js";
import { expectQmk, fakeClock, KEY, tmpDir } from "./helpers.js";

const T0 = 1_700_000_000_000;
const ALL = ["CAP_ALLOC", "CAP_LINK", "CAP_MEASURE", "CAP_ADMIN"] as const;

function openAt(dir: string, clock = () => T0): TokenRegistry {
  // Reopen exactly as the kernel would: root key from the directory, journal from the directory.
  return TokenRegistry.open(dir, { key: KeyRing.loadOrCreate(dir).derive("tokens"), clock });
}

describe("token registry: delegation", () => {
  it("mints a child with a new id, recording parent and depth", () => {
    const reg = new TokenRegistry({ key: KEY, clock: () => T0 });
    const root = reg.verify(reg.mint({ rights: [...ALL], tenant: "alice" }));
    const childTok = reg.delegate(root, { rights: ["CAP_ALLOC"], audience: "bob" });
    const child = reg.verify(childTok, { audience: "bob" });
    expect(child.tokenId).not.toBe(root.tokenId);
    expect(child.rights).toEqual(["CAP_ALLOC"]);
    expect(child.tenant).toBe("alice"); // inherited
    expect(child.depth).toBe(1);
    expect(reg.parentOf(child.tokenId)).toBe(root.tokenId);
    expect(reg.lineage(child.tokenId)).toEqual([child.tokenId, root.tokenId]);
  });

  it("refuses rights the parent does not hold, naming them", () => {
    const reg = new TokenRegistry({ key: KEY, clock: () => T0 });
    const root = reg.verify(reg.mint({ rights: ["CAP_ALLOC", "CAP_MEASURE"] }));
    const e = expectQmk(() => reg.delegate(root, { rights: ["CAP_ALLOC", "CAP_ADMIN"] }), "INSUFFICIENT_CAPS");
    expect(e.data.missing).toEqual(["CAP_ADMIN"]);
  });

  it("refuses an expiry later than the parent's and inherits it by default", () => {
    const reg = new TokenRegistry({ key: KEY, clock: () => T0 });
    const root = reg.verify(reg.mint({ rights: ["CAP_ALLOC"], expiresAt: T0 + 1000 }));
    expect(expectQmk(() => reg.delegate(root, { rights: ["CAP_ALLOC"], expiresAt: T0 + 1001 }), "INSUFFICIENT_CAPS").data.field).toBe("expires_at");
    expect(reg.verify(reg.delegate(root, { rights: ["CAP_ALLOC"] })).expiresAt).toBe(T0 + 1000);
    expect(reg.verify(reg.delegate(root, { rights: ["CAP_ALLOC"], expiresAt: T0 + 10 })).expiresAt).toBe(T0 + 10);
  });

  it("refuses more uses than the parent has left, and reserves the child's uses from the parent", () => {
    const reg = new TokenRegistry({ key: KEY, clock: () => T0 });
    const tok = reg.mint({ rights: ["CAP_ALLOC"], maxUses: 5 });
    const root = reg.verify(tok);
    reg.consumeUse(root.tokenId, root.maxUses);
    expectQmk(() => reg.delegate(root, { rights: ["CAP_ALLOC"], maxUses: 5 }), "INSUFFICIENT_CAPS");
    expectQmk(() => reg.delegate(root, { rights: ["CAP_ALLOC"] }), "INVALID_PARAMS"); // must say how many
    const child = reg.verify(reg.delegate(root, { rights: ["CAP_ALLOC"], maxUses: 3 }));
    expect(child.maxUses).toBe(3);
    expect(reg.verify(tok).usesRemaining).toBe(1); // 5 - 1 used - 3 reserved
    expectQmk(() => reg.delegate(reg.verify(tok), { rights: ["CAP_ALLOC"], maxUses: 2 }), "INSUFFICIENT_CAPS");
  });

  it("enforces the depth limit (global and per-token)", () => {
    const reg = new TokenRegistry({ key: KEY, clock: () => T0, maxDepth: 3 });
    let a = reg.verify(reg.mint({ rights: ["CAP_ALLOC"] }));
    for (let d = 1; d <= 3; d++) {
      a = reg.verify(reg.delegate(a, { rights: ["CAP_ALLOC"] }));
      expect(a.depth).toBe(d);
      expect(a.maxDepth).toBe(3 - d);
    }
    expect(expectQmk(() => reg.delegate(a, { rights: ["CAP_ALLOC"] }), "INSUFFICIENT_CAPS").data.field).toBe("max_depth");

    const root = reg.verify(reg.mint({ rights: ["CAP_ALLOC"], maxDepth: 1 }));
    expectQmk(() => reg.delegate(root, { rights: ["CAP_ALLOC"], maxDepth: 1 }), "INSUFFICIENT_CAPS");
    const leaf = reg.verify(reg.delegate(root, { rights: ["CAP_ALLOC"] }));
    expect(leaf.maxDepth).toBe(0);
    expectQmk(() => reg.delegate(leaf, { rights: ["CAP_ALLOC"] }), "INSUFFICIENT_CAPS");
    // an offline `depth <= 0` also stops server-side delegation
    const stopped = reg.verify(attenuate(reg.mint({ rights: ["CAP_ALLOC"] }), ["depth <= 0"]));
    expectQmk(() => reg.delegate(stopped, { rights: ["CAP_ALLOC"] }), "INSUFFICIENT_CAPS");
  });

  it("refuses to delegate for another tenant, from a revoked or expired parent", () => {
    const clock = fakeClock(T0);
    const reg = new TokenRegistry({ key: KEY, clock: clock.now });
    const root = reg.verify(reg.mint({ rights: ["CAP_ALLOC"], tenant: "alice", expiresAt: T0 + 10 }));
    expectQmk(() => reg.delegate(root, { rights: ["CAP_ALLOC"], tenant: "bob" }), "INSUFFICIENT_CAPS");
    clock.set(T0 + 10);
    expectQmk(() => reg.delegate(root, { rights: ["CAP_ALLOC"] }), "TOKEN_EXPIRED");
    clock.set(T0);
    reg.revoke(root.tokenId);
    expectQmk(() => reg.delegate(root, { rights: ["CAP_ALLOC"] }), "TOKEN_REVOKED");
  });

  it("refuses authentic tokens it never issued (fail closed on lost lineage)", () => {
    const reg = new TokenRegistry({ key: KEY, clock: () => T0 });
    expectQmk(() => reg.verify(mintToken(KEY, { rights: ["CAP_ALLOC"] })), "INVALID_TOKEN");
    // checked before anything contextual: an unissued expired token is still INVALID_TOKEN
    expectQmk(() => reg.verify(mintToken(KEY, { rights: ["CAP_ALLOC"], expiresAt: T0 - 1 })), "INVALID_TOKEN");
  });
});

describe("token registry: revocation", () => {
  it("revoking a token revokes its whole subtree, and only it", () => {
    const reg = new TokenRegistry({ key: KEY, clock: () => T0 });
    const rootTok = reg.mint({ rights: [...ALL] });
    const root = reg.verify(rootTok);
    const c1Tok = reg.delegate(root, { rights: ["CAP_ALLOC", "CAP_LINK"] });
    const c1 = reg.verify(c1Tok);
    const c2Tok = reg.delegate(c1, { rights: ["CAP_ALLOC"] });
    const c3Tok = reg.delegate(c1, { rights: ["CAP_LINK"] });
    const c4Tok = reg.delegate(root, { rights: ["CAP_MEASURE"] });
    const c2Offline = attenuate(c2Tok, ["uses <= 1"]);

    const revoked = reg.revoke(c1.tokenId);
    expect(new Set(revoked)).toEqual(new Set([c1.tokenId, decodeId(c2Tok), decodeId(c3Tok)]));
    for (const t of [c1Tok, c2Tok, c3Tok, c2Offline]) expectQmk(() => reg.verify(t), "TOKEN_REVOKED");
    expect(reg.verify(rootTok).tokenId).toBe(root.tokenId);
    expect(reg.verify(c4Tok).rights).toEqual(["CAP_MEASURE"]);
    // revocation is idempotent and permanent
    expect(reg.revoke(c1.tokenId)).toHaveLength(3);
    expect(reg.isRevoked(c1.tokenId)).toBe(true);
  });

  it("revocations and lineage survive a restart; revoking a parent after restart cascades", () => {
    const dir = tmpDir();
    let reg = openAt(dir);
    const rootTok = reg.mint({ rights: ["CAP_ALLOC", "CAP_MEASURE"] });
    const root = reg.verify(rootTok);
    const aTok = reg.delegate(root, { rights: ["CAP_ALLOC"] });
    const a = reg.verify(aTok);
    const bTok = reg.delegate(a, { rights: ["CAP_ALLOC"] });
    const xTok = reg.delegate(root, { rights: ["CAP_MEASURE"] });
    reg.revoke(a.tokenId);
    reg.close();

    reg = openAt(dir);
    expectQmk(() => reg.verify(aTok), "TOKEN_REVOKED");
    expectQmk(() => reg.verify(bTok), "TOKEN_REVOKED");
    expect(reg.verify(xTok).depth).toBe(1);
    expect(reg.verify(rootTok).tokenId).toBe(root.tokenId);
    // lineage persisted: a revocation made now still reaches children minted before the restart
    reg.revoke(root.tokenId);
    reg.close();

    reg = openAt(dir);
    for (const t of [rootTok, aTok, bTok, xTok]) expectQmk(() => reg.verify(t), "TOKEN_REVOKED");
    reg.close();
  });

  it("delegated tokens survive a restart (issued ids are remembered)", () => {
    const dir = tmpDir();
    let reg = openAt(dir);
    const child = reg.delegate(reg.verify(reg.mint({ rights: ["CAP_ALLOC"] })), { rights: ["CAP_ALLOC"] });
    reg.close();
    reg = openAt(dir);
    expect(reg.verify(child).depth).toBe(1);
    reg.close();
    // a different root key (another kernel) does not accept it
    fs.rmSync(path.join(dir, "root.key"));
    reg = openAt(dir);
    expectQmk(() => reg.verify(child), "INVALID_TOKEN");
    reg.close();
  });
});

describe("token registry: use counters", () => {
  it("use counters survive a restart", () => {
    const dir = tmpDir();
    let reg = openAt(dir);
    const tok = reg.mint({ rights: ["CAP_ALLOC"], maxUses: 3 });
    const a = reg.verify(tok);
    reg.consumeUse(a.tokenId, a.maxUses);
    reg.consumeUse(a.tokenId, a.maxUses);
    reg.close();

    reg = openAt(dir);
    expect(reg.usesConsumed(a.tokenId)).toBe(2);
    expect(reg.verify(tok).usesRemaining).toBe(1);
    reg.consumeUse(a.tokenId, a.maxUses);
    reg.close();

    reg = openAt(dir);
    expectQmk(() => reg.verify(tok), "USES_EXHAUSTED");
    expectQmk(() => reg.consumeUse(a.tokenId, 3), "USES_EXHAUSTED");
    reg.close();
  });

  it("fails closed: a use whose record cannot be written is still counted, and the call fails", () => {
    const journal = Journal.memory<TokenRecord>();
    const reg = new TokenRegistry({ key: KEY, journal, clock: () => T0 });
    const tok = reg.mint({ rights: ["CAP_ALLOC"], maxUses: 1 });
    journal.append = () => {
      throw new Error("disk full");
    };
    expect(() => reg.consumeUse(reg.verify(tok).tokenId, 1)).toThrow(/disk full/);
    expectQmk(() => reg.verify(tok), "USES_EXHAUSTED");
  });

  it("fails closed: a child whose lineage cannot be written is never handed out", () => {
    const journal = Journal.memory<TokenRecord>();
    const reg = new TokenRegistry({ key: KEY, journal, clock: () => T0 });
    const root = reg.verify(reg.mint({ rights: ["CAP_ALLOC"] }));
    journal.append = () => {
      throw new Error("disk full");
    };
    expect(() => reg.delegate(root, { rights: ["CAP_ALLOC"] })).toThrow(/disk full/);
    // and a revocation that cannot be written is still enforced in memory
    expect(() => reg.revoke(root.tokenId)).toThrow(/disk full/);
    expect(reg.isRevoked(root.tokenId)).toBe(true);
  });

  it("compacts a long journal on open without losing state", () => {
    const dir = tmpDir();
    const key = KeyRing.loadOrCreate(dir).derive("tokens");
    let reg = TokenRegistry.open(dir, { key, clock: () => T0, journalOptions: { fsync: false } });
    const tok = reg.mint({ rights: ["CAP_ALLOC"], maxUses: 20_000 });
    const id = reg.verify(tok).tokenId;
    const child = reg.delegate(reg.verify(tok), { rights: ["CAP_ALLOC"], maxUses: 10 });
    for (let i = 0; i < 10_050; i++) reg.consumeUse(id, 20_000);
    reg.revoke(reg.verify(child).tokenId);
    reg.close();
    const file = path.join(dir, TOKENS_JOURNAL);
    const before = fs.statSync(file).size;

    reg = TokenRegistry.open(dir, { key, clock: () => T0 });
    expect(fs.statSync(file).size).toBeLessThan(before / 100);
    expect(reg.usesConsumed(id)).toBe(10_060);
    expectQmk(() => reg.verify(child), "TOKEN_REVOKED");
    expect(reg.verify(tok).usesRemaining).toBe(20_000 - 10_060);
    reg.close();
    reg = TokenRegistry.open(dir, { key, clock: () => T0 });
    expect(reg.usesConsumed(id)).toBe(10_060);
    expect(reg.parentOf(reg.descendants(id)[0])).toBe(id);
    reg.close();
  });
});

function decodeId(token: string): string {
  const p = Buffer.from(token.slice(5), "base64url");
  return p.subarray(1, 1 + p[0]).toString("latin1");
}

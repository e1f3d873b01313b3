import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { HANDLE_KINDS, HandleSigner } from "../../kernel/security/handles.js";
import { expectQmk, fakeClock, KEY, OTHER_KEY } from "./helpers.js";

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.";

describe("HandleSigner", () => {
  const clock = fakeClock();
  const signer = new HandleSigner(KEY, clock.now);

  it("round-trips kind, id, tenant, session and expiry", () => {
    for (const kind of HANDLE_KINDS) {
      const h = signer.issue(kind, "id-7", "alice", "s1", 5000);
      expect(h).not.toContain("alice"); // opaque (encoded), not a readable id
      expect(signer.verify(h, { kind, tenant: "alice", session: "s1" })).toEqual({
        kind,
        id: "id-7",
        tenant: "alice",
        session: "s1",
        expiresAt: clock.now() + 5000,
      });
    }
  });

  it("refuses a handle issued to tenant A presented as tenant B", () => {
    const h = signer.issue("vq", "1", "alice", "s1");
    expect(signer.verify(h, { kind: "vq", tenant: "alice" }).id).toBe("1");
    const e = expectQmk(() => signer.verify(h, { kind: "vq", tenant: "bob" }), "INVALID_HANDLE");
    expect(e.data.field).toBe("handle");
  });

  it("refuses a handle from another session, of another kind, or signed with another key", () => {
    const h = signer.issue("vq", "1", "alice", "s1");
    expectQmk(() => signer.verify(h, { kind: "vq", tenant: "alice", session: "s2" }), "INVALID_HANDLE");
    expectQmk(() => signer.verify(h, { kind: "ch", tenant: "alice" }), "INVALID_HANDLE");
    const foreign = new HandleSigner(OTHER_KEY, clock.now).issue("vq", "1", "alice", "s1");
    expectQmk(() => signer.verify(foreign, { kind: "vq", tenant: "alice" }), "INVALID_HANDLE");
  });

  it("refuses a handle after expiry (HANDLE_EXPIRED) and accepts it just before", () => {
    const c = fakeClock(1000);
    const s = new HandleSigner(KEY, c.now);
    const h = s.issue("job", "j1", "alice", "s1", 100);
    c.set(1099);
    expect(s.verify(h, { kind: "job" }).id).toBe("j1");
    c.set(1100);
    expectQmk(() => s.verify(h, { kind: "job" }), "HANDLE_EXPIRED");
    // without a ttl (and no default) a handle does not expire
    const forever = s.issue("job", "j2", "alice", "s1");
    c.set(Number.MAX_SAFE_INTEGER);
    expect(s.verify(forever, { kind: "job" }).expiresAt).toBe(0);
    expect(s.verify(s.issue("job", "j3", "alice", "s1", Infinity), { kind: "job" }).expiresAt).toBe(0);
    expect(() => s.issue("job", "j4", "alice", "s1", -1)).toThrow();
    // the default ttl applies when none is given
    const d = new HandleSigner(KEY, c.now, { defaultTtlMs: 10 });
    c.set(0);
    const hd = d.issue("sess", "x", "a", "s");
    c.set(10);
    expectQmk(() => d.verify(hd, { kind: "sess" }), "HANDLE_EXPIRED");
  });

  it("checks authenticity before expiry: a forged expired handle is INVALID_HANDLE", () => {
    const c = fakeClock(1000);
    const h = new HandleSigner(OTHER_KEY, c.now).issue("vq", "1", "alice", "s1", 1);
    c.set(5000);
    expectQmk(() => new HandleSigner(KEY, c.now).verify(h, { kind: "vq" }), "INVALID_HANDLE");
  });

  it("refuses a handle with any one character changed, at every position", () => {
    const h = signer.issue("vq", "q-12", "alice", "sess-1", 60_000);
    let tried = 0;
    for (let i = 0; i < h.length; i++) {
      for (const ch of B64) {
        if (ch === h[i]) continue;
        const bad = h.slice(0, i) + ch + h.slice(i + 1);
        expectQmk(() => signer.verify(bad, { kind: "vq" }), "INVALID_HANDLE");
        tried++;
      }
    }
    expect(tried).toBe(h.length * (B64.length - 1));
  });

  it("property: any single-character change to any handle is refused", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...HANDLE_KINDS),
        fc.stringMatching(/^[A-Za-z0-9_-]{1,24}$/),
        fc.string({ minLength: 0, maxLength: 16 }).filter((s) => !/[\u0000-\u001f]/.test(s)),
        fc.nat(),
        fc.constantFrom(...B64),
        (kind, id, tenant, pos, ch) => {
          const h = signer.issue(kind, id, tenant, "s", 1000);
          const i = pos % h.length;
          fc.pre(h[i] !== ch);
          const bad = h.slice(0, i) + ch + h.slice(i + 1);
          expectQmk(() => signer.verify(bad, { kind }), "INVALID_HANDLE");
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("refuses truncated, extended and non-string handles", () => {
    const h = signer.issue("ch", "c", "alice", "s1");
    for (let n = 0; n < h.length; n++) expectQmk(() => signer.verify(h.slice(0, n), { kind: "ch" }), "INVALID_HANDLE");
    for (const extra of ["A", "=", ".", " ", "\n"]) expectQmk(() => signer.verify(h + extra, { kind: "ch" }), "INVALID_HANDLE");
    for (const v of [undefined, null, 42, {}, [h], "x".repeat(5000)]) expectQmk(() => signer.verify(v, { kind: "ch" }), "INVALID_HANDLE");
  });

  it("peek reads authentic handles regardless of expiry, and nothing forged", () => {
    const c = fakeClock(0);
    const s = new HandleSigner(KEY, c.now);
    const h = s.issue("loan", "l1", "bob", "s9", 5);
    c.set(100);
    expect(s.peek(h)).toMatchObject({ kind: "loan", id: "l1", tenant: "bob", expiresAt: 5 });
    expect(s.peek(new HandleSigner(OTHER_KEY, c.now).issue("loan", "l1", "bob", "s9"))).toBeUndefined();
  });

  it("refuses ambiguous input at issue time", () => {
    expect(() => signer.issue("vq", "a\u001fb", "t", "s")).toThrow();
    expect(() => signer.issue("vq", "", "t", "s")).toThrow();
    expect(() => signer.issue("nope" as never, "a", "t", "s")).toThrow();
  });

  it("verifies in a few microseconds", () => {
    const h = signer.issue("vq", "1234", "alice", "session-abc", 60_000);
    const n = 20_000;
    for (let i = 0; i < 2000; i++) signer.verify(h, { kind: "vq", tenant: "alice", session: "session-abc" });
    const t0 = performance.now();
    for (let i = 0; i < n; i++) signer.verify(h, { kind: "vq", tenant: "alice", session: "session-abc" });
    const us = ((performance.now() - t0) * 1000) / n;
    console.log(`handle verify: ${us.toFixed(2)} µs`);
    expect(us).toBeLessThan(50); // generous: the CPU is shared
  });
});

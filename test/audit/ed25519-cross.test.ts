// The audit log's Ed25519 runs on node:crypto (OpenSSL) for speed; this
// checks it, byte for byte, against @noble/curves and RFC 8032's own vector,
// so the two independent implementations can never drift apart unnoticed
// (the kernel no longer pays for the cross-check at every start).
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { privateKeyObject, publicKeyNoble, publicKeyOf, signNoble, signWith, verifyNoble, verifySignature } from "../../kernel/security/audit/ed25519.js";
import { AuditSigner } from "../../kernel/security/audit/checkpoint.js";

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");
const unhex = (s: string) => new Uint8Array(Buffer.from(s, "hex"));

describe("Ed25519: node:crypto and @noble/curves agree", () => {
  it("RFC 8032 §7.1 test 1 (empty message)", () => {
    const seed = unhex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
    expect(hex(publicKeyOf(seed))).toBe("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
    const sig = signWith(privateKeyObject(seed), new Uint8Array(0));
    expect(hex(sig)).toBe(
      "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
    );
    expect(verifySignature(sig, new Uint8Array(0), publicKeyOf(seed))).toBe(true);
  });

  it("public keys, signatures and verdicts match on 50 random keys and messages", () => {
    for (let i = 0; i < 50; i++) {
      const seed = new Uint8Array(randomBytes(32));
      const msg = new Uint8Array(randomBytes(i * 7));
      const pub = publicKeyOf(seed);
      expect(hex(pub)).toBe(hex(publicKeyNoble(seed)));
      const sig = signWith(privateKeyObject(seed), msg);
      expect(hex(sig)).toBe(hex(signNoble(seed, msg)));
      expect(verifySignature(sig, msg, pub)).toBe(true);
      expect(verifyNoble(sig, msg, pub)).toBe(true);
      const bad = sig.slice();
      bad[i % 64] ^= 1;
      expect(verifySignature(bad, msg, pub)).toBe(false);
      expect(verifyNoble(bad, msg, pub)).toBe(false);
    }
  });

  it("a checkpoint signed by either implementation is the same note", () => {
    const s = new AuditSigner(new Uint8Array(32).fill(3));
    const root = new Uint8Array(32).fill(9);
    expect(s.signCheckpoint(12, root, "node")).toBe(s.signCheckpoint(12, root, "noble"));
  });

  it("a seed that is not 32 bytes is refused", () => {
    expect(() => publicKeyOf(new Uint8Array(31))).toThrow(/32 bytes/);
    expect(() => publicKeyNoble(new Uint8Array(33))).toThrow(/32 bytes/);
  });
});

// The HMAC chain must be the libmacaroons chain: same key derivation, same
// tags. This exercises the exact functions verifyToken/attenuate use.
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { chainStart, chainStep, macaroonTag } from "../../kernel/security/tokens.js";

// libmacaroons: derived key = HMAC-SHA256(key = "macaroons-key-generator" zero-padded to 32 bytes, msg = secret)
function libmacaroonsKey(secret: string): Uint8Array {
  const generator = Buffer.alloc(32);
  generator.write("macaroons-key-generator", "utf8");
  return new Uint8Array(createHmac("sha256", generator).update(secret, "utf8").digest());
}

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");

describe("macaroon HMAC chain (libmacaroons vector)", () => {
  const key = libmacaroonsKey("this is the key");

  it("reproduces tag0 and every step", () => {
    const t0 = chainStart(key, "keyid");
    expect(hex(t0)).toBe("7cdee792511c5bc6f528485805dfe9b24e785e28e2a99301f9d711c609e38ef7");
    const t1 = chainStep(t0, "account = 3735928559");
    expect(hex(t1)).toBe("f54807f6dc6edf88bf0f7306b3822562a362533dbf7339ba61765da4bd259d87");
    const t2 = chainStep(t1, "user = alice");
    expect(hex(t2)).toBe("4be967cd1ea0c6b26baf6a4a94ee9b05b15886da0ba85e8c42a93c8d0e125efc");
  });

  it("macaroonTag folds the same chain (string and byte inputs agree)", () => {
    expect(hex(macaroonTag(key, "keyid", ["account = 3735928559", "user = alice"]))).toBe(
      "4be967cd1ea0c6b26baf6a4a94ee9b05b15886da0ba85e8c42a93c8d0e125efc",
    );
    expect(hex(macaroonTag(key, Buffer.from("keyid"), [Buffer.from("account = 3735928559")]))).toBe(
      "f54807f6dc6edf88bf0f7306b3822562a362533dbf7339ba61765da4bd259d87",
    );
  });

  it("is order-sensitive and key-sensitive", () => {
    const a = hex(macaroonTag(key, "keyid", ["user = alice", "account = 3735928559"]));
    expect(a).not.toBe("4be967cd1ea0c6b26baf6a4a94ee9b05b15886da0ba85e8c42a93c8d0e125efc");
    expect(hex(chainStart(libmacaroonsKey("this is not the key"), "keyid"))).not.toBe(
      "7cdee792511c5bc6f528485805dfe9b24e785e28e2a99301f9d711c609e38ef7",
    );
  });
});

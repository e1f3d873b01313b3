// No input, however malformed, may crash the verifiers (SPEC §4): every
// refusal is the documented QmkError, never a TypeError or RangeError.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { QmkError } from "../../kernel/errors.js";
import { HandleSigner } from "../../kernel/security/handles.js";
import { TokenRegistry } from "../../kernel/security/tokens-registry.js";
import { attenuate, inspectToken, verifyToken } from "../../kernel/security/tokens.js";
import { KEY } from "./helpers.js";

function codeOf(fn: () => unknown): string {
  try {
    fn();
    return "OK";
  } catch (e) {
    if (e instanceof QmkError) return e.codeName;
    throw e; // a crash: fails the property
  }
}

const anyInput = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.uint8Array({ maxLength: 300 }).map((b) => "qmk1_" + Buffer.from(b).toString("base64url")),
  fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString("base64url") + "." + Buffer.from(b).toString("base64url")),
  fc.anything(),
);

describe("malformed input never crashes", () => {
  const signer = new HandleSigner(KEY);
  const reg = new TokenRegistry({ key: KEY });
  const good = reg.mint({ rights: ["CAP_ALLOC"] });

  it("handles: arbitrary input → INVALID_HANDLE", () => {
    fc.assert(
      fc.property(anyInput, (x) => {
        expect(codeOf(() => signer.verify(x, { kind: "vq" }))).toBe("INVALID_HANDLE");
        expect(signer.peek(x)).toBeUndefined();
      }),
      { numRuns: 3000 },
    );
  });

  it("tokens: arbitrary input → INVALID_TOKEN (verify, registry, inspect, attenuate)", () => {
    fc.assert(
      fc.property(anyInput, (x) => {
        expect(codeOf(() => verifyToken(x, { key: KEY }))).toBe("INVALID_TOKEN");
        expect(codeOf(() => reg.verify(x))).toBe("INVALID_TOKEN");
        expect(codeOf(() => inspectToken(x as string))).toBe("INVALID_TOKEN");
        expect(codeOf(() => attenuate(x as string, ["uses <= 1"]))).toBe("INVALID_TOKEN");
      }),
      { numRuns: 3000 },
    );
  });

  it("tokens: random byte edits of a real token never verify and never crash", () => {
    const packet = Buffer.from(good.slice(5), "base64url");
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 4 }), (edits) => {
        const q = Buffer.from(packet);
        for (const [pos, x] of edits) q[pos % q.length] ^= x;
        if (q.equals(packet)) return; // two edits of one byte cancelled: that is the real token
        expect(codeOf(() => reg.verify("qmk1_" + q.toString("base64url")))).toBe("INVALID_TOKEN");
      }),
      { numRuns: 2000 },
    );
  });
});

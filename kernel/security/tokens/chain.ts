// The macaroon HMAC chain (SPEC §2.5), byte-compatible with libmacaroons:
//   tag_0 = HMAC-SHA256(key, identifier)
//   tag_i = HMAC-SHA256(tag_{i-1}, caveat_i)
// Each caveat re-keys the chain, so a holder can append caveats (attenuate)
// without the root key, but cannot drop one: that would need tag_{i-1},
// which only HMAC inversion could recover.
// Node's native HMAC: the key changes at every step, so noble's cached-key
// trick (used for handles) does not apply, and native is ~2x faster here.
import { createHmac, timingSafeEqual } from "node:crypto";

export const TAG_BYTES = 32;

const mac = (key: Uint8Array, msg: Uint8Array | string): Uint8Array =>
  new Uint8Array(createHmac("sha256", key).update(typeof msg === "string" ? Buffer.from(msg, "utf8") : msg).digest());

export function chainStart(key: Uint8Array, identifier: Uint8Array | string): Uint8Array {
  return mac(key, identifier);
}

export function chainStep(tag: Uint8Array, caveat: Uint8Array | string): Uint8Array {
  return mac(tag, caveat);
}

/** The final tag of a macaroon with this key, identifier and caveats. */
export function macaroonTag(key: Uint8Array, identifier: Uint8Array | string, caveats: readonly (Uint8Array | string)[]): Uint8Array {
  let tag = chainStart(key, identifier);
  for (const c of caveats) tag = chainStep(tag, c);
  return tag;
}

/** Constant-time tag comparison (length is public). */
export function tagsEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

// The signed part of a channel: its terms, and the two tenants' signatures over them.
//
// A channel is valid only if BOTH signatures verify: the requester's (role
// "request", its own key) and the peer's (role "approve", the peer's own key).
// The terms fix the pair, the use limit and the expiry, so editing any of
// them (e.g. in the journal) breaks both signatures.
import { hmac } from "@noble/hashes/hmac.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, hexToBytes, utf8ToBytes } from "@noble/hashes/utils.js";
import { timingSafeEqual } from "node:crypto";

export interface ChannelTerms {
  id: string;
  /** requester */
  from: string;
  /** peer who must approve */
  to: string;
  maxUses: number;
  /** ms since epoch; null = no expiry */
  expiresAt: number | null;
  createdAt: number;
}

export type SignRole = "request" | "approve";

/** Deterministic bytes to sign: a domain tag, the role, then the terms in fixed order. */
export function encodeTerms(t: ChannelTerms, role: SignRole): Uint8Array {
  return utf8ToBytes(
    "qmk/channel/v1\n" + role + "\n" + JSON.stringify([t.id, t.from, t.to, t.maxUses, t.expiresAt, t.createdAt]),
  );
}

export function signTerms(key: Uint8Array, t: ChannelTerms, role: SignRole): string {
  return bytesToHex(hmac(sha256, key, encodeTerms(t, role)));
}

/** Constant-time comparison of the expected tag with `sig` (any malformed sig → false). */
export function verifyTerms(key: Uint8Array, t: ChannelTerms, role: SignRole, sig: unknown): boolean {
  if (typeof sig !== "string" || !/^[0-9a-f]{64}$/.test(sig)) return false;
  const expected = hmac(sha256, key, encodeTerms(t, role));
  return timingSafeEqual(expected, hexToBytes(sig));
}

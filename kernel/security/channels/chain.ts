// Optional integrity chain over the channel journal. Signatures protect a
// channel's terms, but use counters and revocations are kernel facts: with
// a kernel key, every line carries mac = HMAC(key, previous mac ‖ line), so
// deleting, editing or reordering any line (e.g. dropping "use" lines to
// regain uses, or a "revoke" line to resurrect a channel) breaks the chain.
// Cutting lines off the end cannot be detected this way (no external anchor).
import { hmac } from "@noble/hashes/hmac.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, hexToBytes, utf8ToBytes } from "@noble/hashes/utils.js";
import { timingSafeEqual } from "node:crypto";

export function chainMac(key: Uint8Array, prev: string, line: object): string {
  return bytesToHex(hmac(sha256, key, utf8ToBytes("qmk/channel-journal/v1\n" + prev + "\n" + JSON.stringify(line))));
}

export function chainMacOk(key: Uint8Array, prev: string, line: object, mac: unknown): boolean {
  if (typeof mac !== "string" || !/^[0-9a-f]{64}$/.test(mac)) return false;
  return timingSafeEqual(hexToBytes(chainMac(key, prev, line)), hexToBytes(mac));
}

// Ed25519 primitives used by the audit log and tenant consent keys.
//
// Keys are 32-byte RFC 8032 seeds. node:crypto (OpenSSL) derives public
// keys, signs on the hot path and does the bulk verification: on this class
// of machine it is ~12× faster than @noble/curves (sign ≈ 30 µs vs ≈ 350 µs,
// verify ≈ 80 µs vs ≈ 900 µs), a checkpoint is signed per group commit on the
// acknowledgement path, and noble's first derivation builds its precomputed
// tables (~30 ms), which every one-shot `qmk run` paid at start. noble stays
// as the independent reference: Ed25519 is deterministic, so both produce the
// same keys and signatures (test/audit/ed25519-cross.test.ts checks it).
import { createPrivateKey, createPublicKey, sign as nodeSign, verify as nodeVerify, type KeyObject } from "node:crypto";
import { ed25519 } from "@noble/curves/ed25519.js";

const PKCS8_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");
const SPKI_PREFIX = Buffer.from("302a300506032b6570032100", "hex");

export function publicKeyOf(seed: Uint8Array): Uint8Array {
  const spki = createPublicKey(privateKeyObject(seed)).export({ format: "der", type: "spki" });
  return new Uint8Array(spki.subarray(SPKI_PREFIX.length));
}

/** The same derivation by @noble/curves (independent implementation, for cross-checks). */
export function publicKeyNoble(seed: Uint8Array): Uint8Array {
  if (!(seed instanceof Uint8Array) || seed.length !== 32) throw new Error("Ed25519 seed must be 32 bytes");
  return ed25519.getPublicKey(seed);
}

export function privateKeyObject(seed: Uint8Array): KeyObject {
  if (!(seed instanceof Uint8Array) || seed.length !== 32) throw new Error("Ed25519 seed must be 32 bytes");
  return createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, Buffer.from(seed)]), format: "der", type: "pkcs8" });
}

export function signWith(key: KeyObject, msg: Uint8Array): Uint8Array {
  return new Uint8Array(nodeSign(null, msg, key));
}

/** RFC 8032 signature by @noble/curves. */
export function signNoble(seed: Uint8Array, msg: Uint8Array): Uint8Array {
  return ed25519.sign(msg, seed);
}

const pubCache = new Map<string, KeyObject>();

function publicKeyObject(pub: Uint8Array): KeyObject {
  const k = Buffer.from(pub.buffer, pub.byteOffset, pub.byteLength).toString("hex");
  let o = pubCache.get(k);
  if (!o) {
    o = createPublicKey({ key: Buffer.concat([SPKI_PREFIX, Buffer.from(pub)]), format: "der", type: "spki" });
    if (pubCache.size > 1024) pubCache.clear();
    pubCache.set(k, o);
  }
  return o;
}

/** Ed25519 verification; false (never a throw) for malformed keys or signatures. */
export function verifySignature(sig: Uint8Array, msg: Uint8Array, pub: Uint8Array): boolean {
  if (!(sig instanceof Uint8Array) || sig.length !== 64 || !(pub instanceof Uint8Array) || pub.length !== 32) return false;
  try {
    return nodeVerify(null, msg, publicKeyObject(pub), sig);
  } catch {
    return false;
  }
}

/** Same check by @noble/curves (independent implementation, for cross-checks). */
export function verifyNoble(sig: Uint8Array, msg: Uint8Array, pub: Uint8Array): boolean {
  try {
    return sig.length === 64 && ed25519.verify(sig, msg, pub);
  } catch {
    return false;
  }
}

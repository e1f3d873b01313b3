// Signed tree heads (epoch summaries). The MAC covers the canonical JSON of
// every field but `signature`, prefixed by a domain tag so a head MAC can
// never be confused with an attestation MAC even under the same key.
import { hmac } from "@noble/hashes/hmac.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { canonicalJson } from "./encoding.js";
import { constantTimeEqual } from "./merkle.js";

const DOMAIN = "qmk-audit-sth-v1\n";

export interface TreeHead {
  /** number of leaves */
  size: number;
  /** RFC 6962 root, lowercase hex */
  root: string;
}

export interface SignedTreeHead extends TreeHead {
  v: 1;
  /** ms since epoch; strictly increasing across heads of one log */
  timestamp: number;
  /** events per tenant in leaves [0, size); events without tenant under "" */
  tenantCounts: Record<string, number>;
  /** hex HMAC-SHA256 under the audit signing key */
  signature: string;
}

export type UnsignedTreeHead = Omit<SignedTreeHead, "signature">;

export function sthMessage(h: UnsignedTreeHead): Uint8Array {
  const { v, size, root, timestamp, tenantCounts } = h;
  return new TextEncoder().encode(DOMAIN + canonicalJson({ v, size, root, timestamp, tenantCounts }));
}

export function signTreeHead(key: Uint8Array, h: UnsignedTreeHead): SignedTreeHead {
  const sig = hmac(sha256, key, sthMessage(h));
  return { ...h, signature: Buffer.from(sig).toString("hex") };
}

/** Constant-time MAC check. Returns false on any malformed head. */
export function verifyTreeHeadSignature(key: Uint8Array, h: SignedTreeHead): boolean {
  if (!h || typeof h !== "object" || typeof h.signature !== "string" || !/^[0-9a-f]{64}$/.test(h.signature)) return false;
  let msg: Uint8Array;
  try {
    msg = sthMessage(h);
  } catch {
    return false;
  }
  const want = hmac(sha256, key, msg);
  return constantTimeEqual(want, Buffer.from(h.signature, "hex"));
}

export function isSignedTreeHead(o: unknown): o is SignedTreeHead {
  const h = o as SignedTreeHead;
  return (
    !!h && typeof h === "object" && h.v === 1 && Number.isSafeInteger(h.size) && h.size >= 0 &&
    typeof h.root === "string" && /^[0-9a-f]{64}$/.test(h.root) && Number.isFinite(h.timestamp) &&
    !!h.tenantCounts && typeof h.tenantCounts === "object" && typeof h.signature === "string"
  );
}

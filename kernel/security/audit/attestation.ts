// Job attestation: a signed statement of what a finished job was and did,
// bound to the audit tree (size + root at completion) so it can be checked
// against the log with a consistency/inclusion proof later.
//
// Signed with the audit log's Ed25519 key (the one audit.pub publishes), so
// anyone holding the verifier key can check it offline:
//   signature = base64 Ed25519(key, "qmk-job-attestation-v2\n" ‖ JCS(body ‖ {v, key}))
// The domain line keeps an attestation from ever parsing as a checkpoint
// (whose first line is the log's origin) and vice versa.
import { sha256 } from "@noble/hashes/sha2.js";
import { QmkError } from "../../errors.js";
import { AuditSigner } from "./checkpoint.js";
import { verifySignature } from "./ed25519.js";
import { canonicalJson } from "./encoding.js";
import { b64decode, parseVerifierKey, type NoteVerifier } from "./note.js";

const DOMAIN = "qmk-job-attestation-v2\n";

export interface JobAttestationBody {
  job_id: string;
  tenant: string;
  /** lowercase hex SHA-256 of the canonical JSON of the submitted graph (see graphHash) */
  graph_hash: string;
  started_at: number;
  ended_at: number;
  status: "completed" | "failed" | "cancelled";
  /** e.g. { logical_qubits, physical_qubits, shots, gates, channels_used } */
  resources: Record<string, number>;
  /** e.g. { counts: {...} } */
  outcomes: Record<string, unknown>;
  audit: { tree_size: number; root: string };
}

export interface SignedAttestation extends JobAttestationBody {
  v: 2;
  /** verifier key of the signer (informational: a verifier must use the key it trusts, not this one) */
  key: string;
  /** base64 Ed25519 signature */
  signature: string;
}

/** SHA-256 over the canonical (RFC 8785) JSON of a graph: independent of key order and whitespace. */
export function graphHash(graph: unknown): string {
  return Buffer.from(sha256(new TextEncoder().encode(canonicalJson(graph)))).toString("hex");
}

/** The exact bytes that are signed. */
export function attestationMessage(att: Omit<SignedAttestation, "signature"> | SignedAttestation): Uint8Array {
  const { signature: _s, ...rest } = att as SignedAttestation;
  return new TextEncoder().encode(DOMAIN + canonicalJson(rest));
}

const legacySigners = new Map<string, AuditSigner>();
function signerFor(key: Uint8Array): AuditSigner {
  const id = Buffer.from(sha256(key)).toString("hex"); // never keep the key itself as a map key
  let s = legacySigners.get(id);
  if (!s) {
    if (legacySigners.size >= 16) legacySigners.clear();
    legacySigners.set(id, (s = new AuditSigner(key)));
  }
  return s;
}

/**
 * Sign with the log's signer (`AuditLog.signAttestation` / `log.signer`). A
 * raw key is still accepted for older callers: the Ed25519 key is then
 * derived from it the way AuditSigner derives the log's, so the attestation
 * verifies only under the verifier key of *that* derived signer, not under
 * audit.pub unless the raw key is the log's audit key.
 */
export function signAttestation(signerOrKey: AuditSigner | Uint8Array, body: JobAttestationBody): SignedAttestation {
  if (signerOrKey instanceof Uint8Array && signerOrKey.length < 16) throw new QmkError("INVALID_PARAMS", "attestation key must be ≥ 16 bytes", { field: "key" });
  const signer = signerOrKey instanceof AuditSigner ? signerOrKey : signerFor(signerOrKey);
  if (!/^[0-9a-f]{64}$/.test(body.graph_hash)) throw new QmkError("INVALID_PARAMS", "graph_hash must be 64 hex digits", { field: "graph_hash" });
  if (!(body.ended_at >= body.started_at)) throw new QmkError("INVALID_PARAMS", "ended_at before started_at", { field: "ended_at" });
  const unsigned = { ...body, v: 2 as const, key: signer.vkey };
  const sig = signer.sign(attestationMessage(unsigned));
  return { ...unsigned, signature: Buffer.from(sig).toString("base64") };
}

/**
 * True iff the record is unmodified and signed by one of `keys` (verifier key
 * strings or parsed keys). The attestation's own `key` field only selects
 * among the trusted keys; it is never trusted by itself.
 */
export function verifyAttestation(keys: string | NoteVerifier | readonly (string | NoteVerifier)[], att: SignedAttestation): boolean {
  if (!att || typeof att !== "object" || att.v !== 2 || typeof att.signature !== "string") return false;
  let sig: Uint8Array;
  let msg: Uint8Array;
  try {
    sig = b64decode(att.signature, "signature");
    msg = attestationMessage(att);
  } catch {
    return false;
  }
  const list = (Array.isArray(keys) ? keys : [keys]) as (string | NoteVerifier)[];
  for (const k of list) {
    let v: NoteVerifier;
    try {
      v = typeof k === "string" ? parseVerifierKey(k) : k;
    } catch {
      continue;
    }
    if (verifySignature(sig, msg, v.publicKey)) return true;
  }
  return false;
}

// Job attestation: a signed statement of what a finished job was and did,
// bound to the audit tree (size + root at completion) so it can be checked
// against the log with a consistency/inclusion proof later.
import { hmac } from "@noble/hashes/hmac.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { QmkError } from "../../errors.js";
import { canonicalJson } from "./encoding.js";
import { constantTimeEqual } from "./merkle.js";

const DOMAIN = "qmk-job-attestation-v1\n";

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
  v: 1;
  signature: string;
}

/** SHA-256 over the canonical (RFC 8785) JSON of a graph: independent of key order and whitespace. */
export function graphHash(graph: unknown): string {
  return Buffer.from(sha256(new TextEncoder().encode(canonicalJson(graph)))).toString("hex");
}

function message(body: JobAttestationBody & { v: 1 }): Uint8Array {
  const { signature: _s, ...rest } = body as SignedAttestation;
  return new TextEncoder().encode(DOMAIN + canonicalJson(rest));
}

export function signAttestation(key: Uint8Array, body: JobAttestationBody): SignedAttestation {
  if (key.length < 16) throw new QmkError("INVALID_PARAMS", "attestation key must be ≥ 16 bytes", { field: "key" });
  if (!/^[0-9a-f]{64}$/.test(body.graph_hash)) throw new QmkError("INVALID_PARAMS", "graph_hash must be 64 hex digits", { field: "graph_hash" });
  if (!(body.ended_at >= body.started_at)) throw new QmkError("INVALID_PARAMS", "ended_at before started_at", { field: "ended_at" });
  const withV = { ...body, v: 1 as const };
  const sig = hmac(sha256, key, message(withV));
  return { ...withV, signature: Buffer.from(sig).toString("hex") };
}

/** True iff the record is unmodified and was signed under `key` (constant-time MAC compare). */
export function verifyAttestation(key: Uint8Array, att: SignedAttestation): boolean {
  if (!att || typeof att !== "object" || att.v !== 1 || typeof att.signature !== "string" || !/^[0-9a-f]{64}$/.test(att.signature)) return false;
  let msg: Uint8Array;
  try {
    msg = message(att);
  } catch {
    return false;
  }
  return constantTimeEqual(hmac(sha256, key, msg), Buffer.from(att.signature, "hex"));
}

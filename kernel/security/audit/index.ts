// Public surface of the audit subsystem (see README.md in this folder).
export { AuditLog, EVENTS_FILE, HEADS_FILE, NODES_DIR, PUBKEY_FILE, checkpointText, type AuditLogOptions, type AppendResult } from "./log.js";
export {
  EVENT_TYPES, SEVERITIES, sanitizeDetails, looksLikeSecret,
  type AuditEvent, type AuditEventInput, type EventType, type Severity, type DetailValue,
} from "./events.js";
export { encodeEvent, decodeEvent, canonicalJson, ENCODING_VERSION, MAX_EVENT_BYTES } from "./encoding.js";
export { leafHash, nodeHash, rootFromLeafHashes, rootOfData, CompactRange, EMPTY_ROOT, toHex, fromHex, constantTimeEqual } from "./merkle.js";
export {
  verifyInclusion, verifyConsistency, verifyInclusionJson, verifyConsistencyJson, ProofError,
  type InclusionProofJson, type ConsistencyProofJson,
} from "./proofs.js";
export { signatureOf, type SignedTreeHead, type TreeHead } from "./sth.js";
export { AuditSigner, formatCheckpointText, parseCheckpointText, parseKeyFile, verifyCheckpoint, type Checkpoint } from "./checkpoint.js";
export { parseNote, parseVerifierKey, formatVerifierKey, verifyNote, keyId, NoteError, type NoteVerifier } from "./note.js";
export { type AuditQuery } from "./query.js";
export { signAttestation, verifyAttestation, attestationMessage, graphHash, type JobAttestationBody, type SignedAttestation } from "./attestation.js";
export { verifyLogDir, inclusionProofFromDir, consistencyProofFromDir, type VerifyReport, type VerifyOptions, type ExternalResult } from "./verify.js";

// C2SP tlog-checkpoint (c2sp.org/tlog-checkpoint): the tree head as a signed note.
//
//   <origin>\n<tree size, decimal>\n<base64 RFC 6962 root>\n
//
// We emit no extension lines (the spec does not recommend them: monitors
// cannot audit them). What the old HMAC heads also carried — a time and
// per-tenant counts — is a function of the leaves the checkpoint commits to
// (every event has a time and a tenant), and is summarised every epoch in an
// `audit.epoch` leaf, which the next checkpoint signs like any other leaf.
import { createHash, type KeyObject } from "node:crypto";
import { hkdf } from "@noble/hashes/hkdf.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { privateKeyObject, publicKeyOf, signNoble, signWith } from "./ed25519.js";
import { b64, b64decode, formatVerifierKey, isValidKeyName, NoteError, parseVerifierKey, signatureLine, verifyNote, type NoteVerifier } from "./note.js";

export interface Checkpoint {
  origin: string;
  size: number;
  root: Uint8Array;
}

export function formatCheckpointText(c: Checkpoint): string {
  if (!isValidKeyName(c.origin)) throw new NoteError(`invalid origin ${JSON.stringify(c.origin)}`);
  if (!Number.isSafeInteger(c.size) || c.size < 0) throw new NoteError("tree size must be a non-negative integer");
  if (c.root.length !== 32) throw new NoteError("root must be 32 bytes");
  return `${c.origin}\n${c.size}\n${b64(c.root)}\n`;
}

/** Strict parse of checkpoint note text. Extension lines are allowed by the spec but we never sign them: refuse. */
export function parseCheckpointText(text: string): Checkpoint {
  const lines = text.split("\n");
  if (lines.length !== 4 || lines[3] !== "") throw new NoteError("checkpoint must be exactly origin, size, root (no extension lines)");
  const [origin, sizeS, rootS] = lines;
  if (!isValidKeyName(origin)) throw new NoteError("checkpoint origin is invalid");
  if (!/^(0|[1-9][0-9]{0,15})$/.test(sizeS) || !Number.isSafeInteger(Number(sizeS))) throw new NoteError("checkpoint tree size is not a decimal without leading zeros");
  const root = b64decode(rootS, "checkpoint root");
  if (root.length !== 32) throw new NoteError("checkpoint root is not 32 bytes");
  return { origin, size: Number(sizeS), root };
}

/**
 * Verify a signed checkpoint: the note must verify under one of `keys`, and
 * its origin must be that key's name (the C2SP SHOULD, enforced: a key of
 * one log must not vouch for another log's tree).
 */
export function verifyCheckpoint(note: string, keys: readonly NoteVerifier[]): Checkpoint & { note: string; key: NoteVerifier } {
  const { text, signedBy } = verifyNote(note, keys);
  const c = parseCheckpointText(text);
  const key = signedBy.find((k) => k.name === c.origin);
  if (!key) throw new NoteError(`checkpoint origin ${c.origin} is not the name of the key that signed it`);
  return { ...c, note, key };
}

// ---------------------------------------------------------------------------
// The log's signer
// ---------------------------------------------------------------------------

/**
 * The audit log's Ed25519 key, derived from the kernel's audit key (itself
 * HKDF'd from root.key): seed = HKDF-SHA256(auditKey, "qmk-audit", "checkpoint-ed25519-v1").
 *
 * Key derivation and signing use node:crypto (see ed25519.ts); the tests
 * check both against @noble/curves (test/audit/ed25519-cross.test.ts).
 */
export class AuditSigner {
  readonly publicKey: Uint8Array;
  readonly name: string;
  readonly verifier: NoteVerifier;
  /** `<name>+<hex id>+<base64>` — what DIR/audit.pub and `qmk audit pubkey` publish */
  readonly vkey: string;
  private readonly key: KeyObject;
  private readonly seed: Uint8Array;

  constructor(auditKey: Uint8Array, origin?: string) {
    this.seed = hkdf(sha256, auditKey, new TextEncoder().encode("qmk-audit"), new TextEncoder().encode("checkpoint-ed25519-v1"), 32);
    this.publicKey = publicKeyOf(this.seed);
    this.key = privateKeyObject(this.seed);
    // Default origin: unique per key, so two kernels' logs never share a name.
    this.name = origin ?? `qmk.local/audit/${createHash("sha256").update(this.publicKey).digest("hex").slice(0, 16)}`;
    this.vkey = formatVerifierKey(this.name, this.publicKey);
    this.verifier = parseVerifierKey(this.vkey);
  }

  /** Raw Ed25519 signature (64 bytes). */
  sign(msg: Uint8Array): Uint8Array {
    return signWith(this.key, msg);
  }

  /** The same signature computed by @noble/curves (for cross-checks and the benchmark). */
  signNoble(msg: Uint8Array): Uint8Array {
    return signNoble(this.seed, msg);
  }

  /** A signed checkpoint note for the tree (size, root). */
  signCheckpoint(size: number, root: Uint8Array, impl: "node" | "noble" = "node"): string {
    const text = formatCheckpointText({ origin: this.name, size, root });
    return text + "\n" + signatureLine(this.name, this.publicKey, text, impl === "node" ? (m) => this.sign(m) : (m) => this.signNoble(m));
  }
}

/** Parse an audit.pub file (one verifier key per line, current first; '#' comments allowed). */
export function parseKeyFile(s: string): NoteVerifier[] {
  const keys: NoteVerifier[] = [];
  for (const line of s.split("\n")) {
    const t = line.trim();
    if (t === "" || t.startsWith("#")) continue;
    keys.push(parseVerifierKey(t));
  }
  if (keys.length === 0) throw new NoteError("key file holds no verifier key");
  return keys;
}

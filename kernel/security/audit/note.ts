// C2SP signed-note (c2sp.org/signed-note), Ed25519 only (signature type 0x01).
//
//   <text ending in "\n">
//   "\n"
//   "— <key name> <base64(key ID ‖ signature)>\n"   (one or more)
//
// key ID = SHA-256(name ‖ 0x0A ‖ 0x01 ‖ 32-byte public key)[:4], big-endian.
// Verifier key (Go's golang.org/x/mod/sumdb/note form):
//   <name>+<8 hex key ID>+<base64(0x01 ‖ public key)>
// Signatures are checked by ./ed25519.ts; a note is accepted only if a signature by a
// known key (name AND key ID match) verifies, and rejected if any known key's
// signature fails (the spec's SHOULD, taken as MUST: fail closed).
import { sha256 } from "@noble/hashes/sha2.js";
import { verifySignature } from "./ed25519.js";

export const ALG_ED25519 = 0x01;
const EM_DASH = "\u2014";
/** Verifiers must accept ≥ 16 signatures; we cap the work at that. */
export const MAX_SIGNATURES = 16;
/** A checkpoint is ~200 bytes; anything near this is not a note we produce. */
export const MAX_NOTE_BYTES = 1 << 16;

export class NoteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NoteError";
  }
}

export interface NoteVerifier {
  name: string;
  /** uint32 key ID */
  id: number;
  publicKey: Uint8Array;
}

export interface NoteSignature {
  name: string;
  id: number;
  /** raw signature bytes (64 for Ed25519) */
  sig: Uint8Array;
}

const B64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Strict standard base64 (RFC 4648 §4): canonical padding, decodes back to the same string. */
export function b64decode(s: string, what: string): Uint8Array {
  if (s.length % 4 !== 0 || !B64.test(s)) throw new NoteError(`${what} is not base64`);
  const b = Buffer.from(s, "base64");
  if (b.toString("base64") !== s) throw new NoteError(`${what} is not canonical base64`);
  return new Uint8Array(b);
}

export function b64(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("base64");
}

export function isValidKeyName(name: string): boolean {
  // non-empty, no Unicode spaces, no '+'; we also refuse control characters
  return typeof name === "string" && name.length > 0 && name.length <= 256 && !/[\s+\p{Z}\p{Cc}]/u.test(name);
}

export function keyId(name: string, publicKey: Uint8Array): number {
  const n = new TextEncoder().encode(name);
  const buf = new Uint8Array(n.length + 2 + publicKey.length);
  buf.set(n, 0);
  buf[n.length] = 0x0a;
  buf[n.length + 1] = ALG_ED25519;
  buf.set(publicKey, n.length + 2);
  const h = sha256(buf);
  return ((h[0] << 24) | (h[1] << 16) | (h[2] << 8) | h[3]) >>> 0;
}

const hex8 = (id: number): string => id.toString(16).padStart(8, "0");

export function formatVerifierKey(name: string, publicKey: Uint8Array): string {
  if (!isValidKeyName(name)) throw new NoteError(`invalid key name ${JSON.stringify(name)}`);
  if (publicKey.length !== 32) throw new NoteError("Ed25519 public key must be 32 bytes");
  const enc = new Uint8Array(33);
  enc[0] = ALG_ED25519;
  enc.set(publicKey, 1);
  return `${name}+${hex8(keyId(name, publicKey))}+${b64(enc)}`;
}

/** Parse `<name>+<hex8>+<base64(0x01‖pub)>`; the key ID must match the key (a mismatch is a corrupted key). */
export function parseVerifierKey(vkey: string): NoteVerifier {
  if (typeof vkey !== "string") throw new NoteError("verifier key must be a string");
  const s = vkey.trim();
  const parts = s.split("+");
  // the base64 part may itself contain '+': name and id are the first two fields
  if (parts.length < 3) throw new NoteError("verifier key must be <name>+<hex key ID>+<base64 key>");
  const name = parts[0];
  const idHex = parts[1];
  const keyB64 = parts.slice(2).join("+");
  if (!isValidKeyName(name)) throw new NoteError("verifier key has an invalid name");
  if (!/^[0-9a-f]{8}$/.test(idHex)) throw new NoteError("verifier key ID must be 8 lowercase hex digits");
  const enc = b64decode(keyB64, "verifier key");
  if (enc.length !== 33 || enc[0] !== ALG_ED25519) throw new NoteError("verifier key is not an Ed25519 (type 0x01) key");
  const publicKey = enc.subarray(1);
  const id = parseInt(idHex, 16) >>> 0;
  if (keyId(name, publicKey) !== id) throw new NoteError("verifier key ID does not match its public key");
  return { name, id, publicKey: new Uint8Array(publicKey) };
}

function checkText(text: string): void {
  if (!text.endsWith("\n")) throw new NoteError("note text must end with a newline");
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0009\u000b-\u001f]/.test(text)) throw new NoteError("note contains control characters");
}

/** One signature line for `text`, made by `sign` (Ed25519 over the UTF-8 text). */
export function signatureLine(name: string, publicKey: Uint8Array, text: string, sign: (msg: Uint8Array) => Uint8Array): string {
  checkText(text);
  const sig = sign(new TextEncoder().encode(text));
  if (sig.length !== 64) throw new NoteError("Ed25519 signature must be 64 bytes");
  const out = new Uint8Array(68);
  new DataView(out.buffer).setUint32(0, keyId(name, publicKey));
  out.set(sig, 4);
  return `${EM_DASH} ${name} ${b64(out)}\n`;
}

/** Split a signed note into its text and signature lines (no signature checked yet). */
export function parseNote(note: string): { text: string; signatures: NoteSignature[] } {
  if (typeof note !== "string") throw new NoteError("note must be a string");
  if (note.length > MAX_NOTE_BYTES) throw new NoteError("note too large");
  if (note.includes("\uFFFD")) throw new NoteError("note is not valid UTF-8");
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0009\u000b-\u001f]/.test(note)) throw new NoteError("note contains control characters");
  if (!note.endsWith("\n")) throw new NoteError("note must end with a newline");
  const sep = note.lastIndexOf("\n\n");
  if (sep < 0) throw new NoteError("note has no signature block");
  const text = note.slice(0, sep + 1);
  const lines = note.slice(sep + 2, -1).split("\n");
  if (lines.length > MAX_SIGNATURES) throw new NoteError(`note has more than ${MAX_SIGNATURES} signatures`);
  const signatures: NoteSignature[] = [];
  for (const line of lines) {
    const m = /^\u2014 (\S+) (\S+)$/u.exec(line);
    if (!m) throw new NoteError("malformed signature line");
    if (!isValidKeyName(m[1])) throw new NoteError("signature line has an invalid key name");
    const raw = b64decode(m[2], "signature");
    if (raw.length < 5) throw new NoteError("signature too short");
    const id = new DataView(raw.buffer, raw.byteOffset).getUint32(0);
    signatures.push({ name: m[1], id, sig: raw.subarray(4) });
  }
  return { text, signatures };
}

/**
 * Verify a signed note against known keys. Returns the text and the keys that
 * signed it. Unknown signatures are ignored (witness cosignatures, rotation);
 * a known key's bad signature, or no known key at all, rejects the note.
 */
export function verifyNote(note: string, known: readonly NoteVerifier[]): { text: string; signedBy: NoteVerifier[] } {
  const { text, signatures } = parseNote(note);
  const msg = new TextEncoder().encode(text);
  const signedBy: NoteVerifier[] = [];
  for (const s of signatures) {
    const k = known.find((v) => v.name === s.name && v.id === s.id);
    if (!k) continue;
    if (!verifySignature(s.sig, msg, k.publicKey)) throw new NoteError(`signature by ${s.name}+${hex8(s.id)} does not verify`);
    if (!signedBy.includes(k)) signedBy.push(k);
  }
  if (signedBy.length === 0) throw new NoteError("note is not signed by any known key");
  return { text, signedBy };
}

/**
 * Split a file of concatenated signed notes (a checkpoint mirror, a monitor's
 * store) into notes. A note ends after its last "— " line.
 */
export function splitNotes(s: string): string[] {
  const out: string[] = [];
  const lines = s.split("\n");
  let cur: string[] = [];
  let inSigs = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (i === lines.length - 1 && line === "") break; // trailing newline
    if (inSigs && !line.startsWith(`${EM_DASH} `)) {
      out.push(cur.join("\n") + "\n");
      cur = [];
      inSigs = false;
      if (line === "") continue; // blank lines between notes are allowed
    }
    if (line.startsWith(`${EM_DASH} `) && cur.length > 0 && cur[cur.length - 1] === "") inSigs = true;
    if (!inSigs && cur.length === 0 && line === "") continue;
    cur.push(line);
  }
  if (cur.length) out.push(cur.join("\n") + "\n");
  return out;
}

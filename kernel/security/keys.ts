// Kernel key material (SPEC §2.2, §2.5). One root secret per kernel; every
// signer gets its own key derived with HKDF-SHA256 so that no key ever serves
// two purposes (a handle tag can never be replayed as a token tag, etc.).
//
// The root secret lives in DIR/root.key (mode 0600) or is supplied by the
// embedder. A key file we cannot fully trust is refused, never "repaired":
// silently regenerating it would invalidate every token while hiding the
// tampering.
import * as fs from "node:fs";
import * as path from "node:path";
import { hkdf } from "@noble/hashes/hkdf.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, concatBytes, hexToBytes, randomBytes, utf8ToBytes } from "@noble/hashes/utils.js";

/** Every purpose the kernel derives a key for. Unknown purposes are refused (typos fail closed). */
export const KEY_PURPOSES = ["handles", "tokens", "audit-sth", "attestation", "channel-sign", "channel-journal", "rng"] as const;
export type KeyPurpose = (typeof KEY_PURPOSES)[number];

export const ROOT_KEY_FILE = "root.key";
export const ROOT_SECRET_BYTES = 32;

// File format: one line "qmk-root-key-v1 <64 hex> <8 hex sha256 check>\n".
// The check detects truncation and edits; the mode check detects exposure.
const HEADER = "qmk-root-key-v1";
const HKDF_SALT = utf8ToBytes("qmk/kdf/v1");

/** Key-file problems: a plain Error (not a QmkError) — this is operator misconfiguration at boot. */
export class KeyFileError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`refusing root key ${file}: ${reason}`);
    this.name = "KeyFileError";
  }
}

export class KeyRing {
  private readonly cache = new Map<string, Uint8Array>();

  private constructor(private readonly root: Uint8Array) {}

  /** Load DIR/root.key, or create it (0600, exclusive create) on first start. */
  static loadOrCreate(dataDir: string): KeyRing {
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const file = path.join(dataDir, ROOT_KEY_FILE);
    if (!fs.existsSync(file)) {
      try {
        createKeyFile(file);
      } catch (e) {
        // Lost a race with a concurrent first start: fall through and load theirs.
        if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      }
    }
    return new KeyRing(readKeyFile(file));
  }

  /** Use a secret supplied by the embedder (copied; at least 32 bytes). */
  static fromSecret(secret: Uint8Array): KeyRing {
    if (!(secret instanceof Uint8Array) || secret.length < ROOT_SECRET_BYTES) {
      throw new Error(`root secret must be at least ${ROOT_SECRET_BYTES} bytes`);
    }
    return new KeyRing(Uint8Array.from(secret));
  }

  /**
   * The 32-byte key for `purpose` (and optional `context`, e.g. a tenant id).
   * Purpose and context are length-prefixed in the HKDF info so that no two
   * (purpose, context) pairs can collide. Returns a copy: callers may not
   * mutate the cached key.
   */
  derive(purpose: KeyPurpose, context = ""): Uint8Array {
    if (!(KEY_PURPOSES as readonly string[]).includes(purpose)) {
      throw new Error(`unknown key purpose "${String(purpose)}"`);
    }
    if (typeof context !== "string") throw new Error("key context must be a string");
    const cacheKey = `${purpose}\u0000${context}`;
    let key = this.cache.get(cacheKey);
    if (!key) {
      key = hkdf(sha256, this.root, HKDF_SALT, infoFor(purpose, context), 32);
      this.cache.set(cacheKey, key);
    }
    return Uint8Array.from(key);
  }

  /** A public identifier of the root secret (for logs and diagnostics; reveals nothing usable). */
  fingerprint(): string {
    return bytesToHex(sha256(concatBytes(utf8ToBytes("qmk-root-fingerprint\u0000"), this.root))).slice(0, 16);
  }
}

function infoFor(purpose: string, context: string): Uint8Array {
  const p = utf8ToBytes(purpose);
  const c = utf8ToBytes(context);
  const out = new Uint8Array(4 + p.length + 4 + c.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, p.length);
  out.set(p, 4);
  view.setUint32(4 + p.length, c.length);
  out.set(c, 8 + p.length);
  return out;
}

function checksum(secret: Uint8Array): string {
  return bytesToHex(sha256(secret)).slice(0, 8);
}

function createKeyFile(file: string): void {
  const secret = randomBytes(ROOT_SECRET_BYTES);
  const text = `${HEADER} ${bytesToHex(secret)} ${checksum(secret)}\n`;
  // Write a private temp file completely, then link it into place: link(2)
  // never overwrites (EEXIST) and the final name never shows a partial key,
  // so a crash during first start cannot leave a key file we must refuse.
  const tmp = `${file}.${process.pid}.${bytesToHex(randomBytes(4))}.tmp`;
  const fd = fs.openSync(tmp, "wx", 0o600);
  try {
    fs.fchmodSync(fd, 0o600); // umask cannot loosen 0600, but be explicit
    fs.writeSync(fd, text);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    fs.linkSync(tmp, file);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
  syncDir(path.dirname(file));
}

function syncDir(dir: string): void {
  try {
    const fd = fs.openSync(dir, "r");
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // not supported on every platform; the key file itself is already synced
  }
}

function readKeyFile(file: string): Uint8Array {
  const lst = fs.lstatSync(file);
  if (lst.isSymbolicLink()) throw new KeyFileError(file, "is a symbolic link");
  if (!lst.isFile()) throw new KeyFileError(file, "is not a regular file");
  if (process.platform !== "win32") {
    if ((lst.mode & 0o077) !== 0) {
      throw new KeyFileError(file, `permissions ${(lst.mode & 0o777).toString(8)} are too open (need 600)`);
    }
    if (typeof process.getuid === "function" && lst.uid !== process.getuid()) {
      throw new KeyFileError(file, "is owned by another user");
    }
  }
  const text = fs.readFileSync(file, "utf8");
  const m = /^qmk-root-key-v1 ([0-9a-f]{64}) ([0-9a-f]{8})\n?$/.exec(text);
  if (!m) throw new KeyFileError(file, "malformed or wrong length");
  const secret = hexToBytes(m[1]);
  if (checksum(secret) !== m[2]) throw new KeyFileError(file, "checksum mismatch (file was modified)");
  return secret;
}

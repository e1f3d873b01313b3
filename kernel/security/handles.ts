// Signed resource handles (SPEC §2.2). Every VQ/CH/job/session/request/loan id
// a tenant sees is `base64url(body) "." base64url(tag)` where
//   body = "h1" US kind US id US tenant US session US expiry   (US = 0x1f)
//   tag  = HMAC-SHA256(handles key, body)
// The body is readable by its holder (it names only the holder's own tenant),
// but it cannot be changed: any edit breaks the tag, and non-canonical
// base64url is refused so that no two strings denote the same handle.
import { timingSafeEqual } from "node:crypto";
import { hmac, type _HMAC } from "@noble/hashes/hmac.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { QmkError } from "../errors.js";

export const HANDLE_KINDS = ["vq", "ch", "job", "sess", "req", "loan"] as const;
export type HandleKind = (typeof HANDLE_KINDS)[number];

export interface HandleClaims {
  kind: HandleKind;
  id: string;
  tenant: string;
  session: string;
  /** ms since epoch; 0 = does not expire */
  expiresAt: number;
}

export interface HandleExpectation {
  kind: HandleKind;
  /** when given, the handle must have been issued to this tenant */
  tenant?: string;
  /** when given, the handle must have been issued in this session */
  session?: string;
}

export interface HandleSignerOptions {
  /** default lifetime of issued handles in ms (0 = no expiry; default 0) */
  defaultTtlMs?: number;
}

const US = "\u001f";
const VERSION = "h1";
const TAG_BYTES = 32;
/** Longest handle we even try to decode (bounds work done on hostile input). */
export const MAX_HANDLE_LENGTH = 1024;

interface ParsedHandle {
  body: Buffer;
  tag: Buffer;
  parts: string[];
  expiresAt: number;
}

const PARSE_CACHE_SIZE = 4096;

function badHandle(why: string, field: string): QmkError {
  return new QmkError("INVALID_HANDLE", `invalid handle (${why})`, { field });
}

export class HandleSigner {
  private readonly parsed = new Map<string, ParsedHandle>();
  private readonly base: _HMAC<any>;
  private readonly scratch: _HMAC<any>;
  private readonly out = new Uint8Array(TAG_BYTES);
  private readonly defaultTtlMs: number;

  constructor(
    key: Uint8Array,
    private readonly clock: () => number = Date.now,
    opts: HandleSignerOptions = {},
  ) {
    if (!(key instanceof Uint8Array) || key.length < 32) throw new Error("handle key must be ≥ 32 bytes");
    // Keyed state computed once; each MAC clones it (saves two SHA-256 blocks per verify).
    this.base = hmac.create(sha256, key);
    this.scratch = this.base.clone();
    this.defaultTtlMs = opts.defaultTtlMs ?? 0;
  }

  /** Sign a handle. `ttlMs` 0 or Infinity = never expires (default: the signer's defaultTtlMs). */
  issue(kind: HandleKind, id: string, tenant: string, session: string, ttlMs?: number): string {
    if (!(HANDLE_KINDS as readonly string[]).includes(kind)) throw new Error(`unknown handle kind ${kind}`);
    for (const [name, v] of [["id", id], ["tenant", tenant], ["session", session]] as const) {
      // Control characters would make the body ambiguous; ids are kernel-made, so this is a bug.
      if (typeof v !== "string" || /[\u0000-\u001f]/.test(v)) throw new Error(`handle ${name} must be printable text`);
    }
    if (id.length === 0) throw new Error("handle id must be non-empty");
    const ttl = ttlMs ?? this.defaultTtlMs;
    if (Number.isNaN(ttl) || ttl < 0) throw new Error("handle ttl must be ≥ 0");
    // 0 or Infinity: no expiry. Otherwise an absolute ms deadline.
    const expiresAt = ttl === 0 || !Number.isFinite(ttl) ? 0 : Math.floor(this.clock() + ttl);
    const body = Buffer.from([VERSION, kind, id, tenant, session, String(expiresAt)].join(US), "utf8");
    const handle = `${body.toString("base64url")}.${Buffer.from(this.mac(body)).toString("base64url")}`;
    if (handle.length > MAX_HANDLE_LENGTH) throw new Error("handle too long");
    return handle;
  }

  /**
   * Check a handle presented by a caller. Throws INVALID_HANDLE (malformed,
   * tampered, wrong kind, foreign tenant or session) or HANDLE_EXPIRED.
   * Authenticity is checked before anything in the body is believed.
   */
  verify(handle: unknown, expect: HandleExpectation, field = "handle"): HandleClaims {
    if (typeof handle !== "string" || handle.length === 0 || handle.length > MAX_HANDLE_LENGTH) throw badHandle("malformed", field);
    const p = this.parse(handle);
    if (!p) throw badHandle("malformed", field);
    // The MAC is checked on every call, in constant time; only the parsing is cached.
    if (!timingSafeEqual(this.mac(p.body), p.tag)) throw badHandle("bad signature", field);
    const [, kind, id, tenant, session] = p.parts;
    if (kind !== expect.kind) throw badHandle(`expected a ${expect.kind} handle`, field);
    if (expect.tenant !== undefined && tenant !== expect.tenant) throw badHandle("foreign tenant", field);
    if (expect.session !== undefined && session !== expect.session) throw badHandle("foreign session", field);
    if (p.expiresAt !== 0 && this.clock() >= p.expiresAt) {
      throw new QmkError("HANDLE_EXPIRED", `${kind} handle expired`, { field });
    }
    return { kind: kind as HandleKind, id, tenant, session, expiresAt: p.expiresAt };
  }

  /**
   * Decode a handle's text into body bytes, tag and fields (no MAC check).
   * Handles are presented over and over, so the decoding of recently seen
   * strings is memoized (bounded; exact-string keys, so a changed character
   * is decoded afresh).
   */
  private parse(handle: string): ParsedHandle | undefined {
    const hit = this.parsed.get(handle);
    if (hit) return hit;
    const dot = handle.indexOf(".");
    if (dot <= 0 || dot !== handle.lastIndexOf(".")) return undefined;
    const body = decodeCanonical(handle.slice(0, dot));
    const tag = decodeCanonical(handle.slice(dot + 1));
    if (!body || !tag || tag.length !== TAG_BYTES) return undefined;
    const parts = body.toString("utf8").split(US);
    if (parts.length !== 6 || parts[0] !== VERSION) return undefined;
    const p: ParsedHandle = { body, tag, parts, expiresAt: Number(parts[5]) };
    if (this.parsed.size >= PARSE_CACHE_SIZE) this.parsed.clear();
    this.parsed.set(handle, p);
    return p;
  }

  /** Read the claims of a handle that is authentic, ignoring expiry and binding (for cleanup). */
  peek(handle: unknown): HandleClaims | undefined {
    if (typeof handle !== "string") return undefined;
    const dot = handle.indexOf(".");
    const body = dot > 0 ? decodeCanonical(handle.slice(0, dot)) : undefined;
    if (!body) return undefined;
    const parts = body.toString("utf8").split(US);
    if (parts.length !== 6) return undefined;
    try {
      return this.verify(handle, { kind: parts[1] as HandleKind }, "handle");
    } catch (e) {
      if (e instanceof QmkError && e.codeName === "HANDLE_EXPIRED") {
        const [, kind, id, tenant, session, exp] = parts;
        return { kind: kind as HandleKind, id, tenant, session, expiresAt: Number(exp) };
      }
      return undefined;
    }
  }

  private mac(body: Uint8Array): Uint8Array {
    this.base._cloneInto(this.scratch);
    this.scratch.update(body).digestInto(this.out);
    return this.out;
  }
}

/** base64url decode that refuses any string that is not the canonical encoding of its bytes. */
function decodeCanonical(text: string): Buffer | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) return undefined;
  const bytes = Buffer.from(text, "base64url");
  return bytes.toString("base64url") === text ? bytes : undefined;
}

// Paste-able token serialization: "qmk1_" + base64url(packet), where
//   packet = u8 idLen, id, u8 caveatCount, { u16be len, caveat }*, tag[32]
// Decoding is strict — exact lengths, valid UTF-8, canonical base64url, no
// trailing bytes — so that a truncated or bit-flipped token never decodes to
// something the MAC check would then have to catch alone.
import { QmkError } from "../../errors.js";
import { MAX_CAVEAT_BYTES } from "./caveats.js";
import { TAG_BYTES } from "./chain.js";

export const TOKEN_PREFIX = "qmk1_";
export const MAX_CAVEATS = 32;
export const MAX_TOKEN_LENGTH = 16_384;
const ID = /^[A-Za-z0-9_-]{1,64}$/;

export interface RawToken {
  id: string;
  caveats: string[];
  tag: Uint8Array;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

const invalid = (why: string) => new QmkError("INVALID_TOKEN", `invalid token (${why})`, { field: "token" });

export function encodeToken(t: RawToken): string {
  if (!ID.test(t.id)) throw new Error("token id must be 1-64 base64url characters");
  if (t.caveats.length > MAX_CAVEATS) throw new QmkError("INVALID_PARAMS", `at most ${MAX_CAVEATS} caveats`, { field: "caveats" });
  if (t.tag.length !== TAG_BYTES) throw new Error("bad tag length");
  const parts: Buffer[] = [Buffer.from([t.id.length]), Buffer.from(t.id, "ascii"), Buffer.from([t.caveats.length])];
  for (const c of t.caveats) {
    const b = Buffer.from(c, "utf8");
    if (b.length > MAX_CAVEAT_BYTES) throw new QmkError("INVALID_PARAMS", "caveat too long", { field: "caveats" });
    const len = Buffer.alloc(2);
    len.writeUInt16BE(b.length);
    parts.push(len, b);
  }
  parts.push(Buffer.from(t.tag));
  return TOKEN_PREFIX + Buffer.concat(parts).toString("base64url");
}

export function decodeToken(token: unknown): RawToken {
  if (typeof token !== "string") throw invalid("not a string");
  const text = token.trim(); // tolerate a pasted trailing newline; nothing else
  if (text.length > MAX_TOKEN_LENGTH) throw invalid("too long");
  if (!text.startsWith(TOKEN_PREFIX)) throw invalid("unknown format or version");
  const b64 = text.slice(TOKEN_PREFIX.length);
  if (!/^[A-Za-z0-9_-]+$/.test(b64)) throw invalid("malformed");
  const buf = Buffer.from(b64, "base64url");
  if (buf.toString("base64url") !== b64) throw invalid("malformed");

  let p = 0;
  const take = (n: number): Buffer => {
    if (p + n > buf.length) throw invalid("truncated");
    const out = buf.subarray(p, p + n);
    p += n;
    return out;
  };
  const idLen = take(1)[0];
  const id = take(idLen).toString("latin1");
  if (!ID.test(id)) throw invalid("bad id");
  const count = take(1)[0];
  if (count > MAX_CAVEATS) throw invalid("too many caveats");
  const caveats: string[] = [];
  for (let i = 0; i < count; i++) {
    const len = take(2).readUInt16BE(0);
    if (len > MAX_CAVEAT_BYTES) throw invalid("caveat too long");
    try {
      caveats.push(utf8.decode(take(len)));
    } catch (e) {
      if (e instanceof QmkError) throw e;
      throw invalid("caveat is not UTF-8");
    }
  }
  const tag = Uint8Array.from(take(TAG_BYTES));
  if (p !== buf.length) throw invalid("trailing bytes");
  return { id, caveats, tag };
}

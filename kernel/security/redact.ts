// Secrets never echo. A caller who pastes a token (or a signed handle) into
// the wrong field must not find it again in an error message, a log line or
// the audit log, where other readers (auditors, operators) would see it.
import { TOKEN_PREFIX } from "./tokens/codec.js";

// A capability token: the prefix and its base64url packet.
const TOKEN_SHAPED = new RegExp(`${TOKEN_PREFIX}[A-Za-z0-9_-]{8,}`, "g");
// A signed handle: base64url body, a dot, a 43-character base64url HMAC-SHA256 tag.
const HANDLE_SHAPED = /[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g;

/** `s` with anything token- or handle-shaped replaced by a short, non-reversible marker. */
export function redactSecrets(s: string): string {
  if (s.length < 24) return s;
  return s.replace(TOKEN_SHAPED, `${TOKEN_PREFIX}[redacted]`).replace(HANDLE_SHAPED, "[redacted handle]");
}

/** Deep copy of plain data with every string redacted (bounded depth: audit details are small). */
export function redactDeep<T>(v: T, depth = 0): T {
  if (typeof v === "string") return redactSecrets(v) as T;
  if (depth > 8 || v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) return v.map((x) => redactDeep(x, depth + 1)) as T;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[k] = redactDeep(x, depth + 1);
  return out as T;
}

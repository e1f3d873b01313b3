// Audit event vocabulary: types, severities, and the secret guard that keeps
// tokens and keys out of a log that third parties will read.
import { createHash } from "node:crypto";
import { QmkError } from "../../errors.js";

/** Every event type the kernel logs (SPEC §2.3: ≥ 20, each with a default severity). */
export const EVENT_TYPES = {
  "tenant.create": "notice",
  "tenant.suspend": "warning",
  "tenant.resume": "notice",
  "tenant.delete": "warning",
  "session.open": "info",
  "session.deny": "warning",
  "cap.grant": "notice",
  "cap.use": "info",
  "cap.deny": "warning",
  "cap.delegate": "notice",
  "cap.revoke": "notice",
  "handle.refuse": "warning",
  "qubit.alloc": "info",
  "qubit.free": "info",
  "op.allow": "debug",
  "op.deny": "warning",
  "job.submit": "info",
  "job.start": "info",
  "job.complete": "info",
  "job.fail": "error",
  "job.cancel": "notice",
  "channel.request": "notice",
  "channel.approve": "notice",
  "channel.reject": "notice",
  "channel.use": "info",
  "channel.revoke": "notice",
  "channel.expire": "info",
  "firewall.violation": "critical",
  "linearity.violation": "error",
  "quota.exceeded": "warning",
  "rate.limited": "warning",
  "policy.change": "notice",
  "policy.deny": "warning",
  "key.rotate": "notice",
  "audit.epoch": "info",
  "audit.open": "info",
  // restart cut events that no checkpoint covered (never acknowledged: a crash mid-commit, or appended by someone else)
  "audit.recover": "warning",
} as const satisfies Record<string, Severity>;

export type EventType = keyof typeof EVENT_TYPES;

/** Ordered low → high; queries filter by a minimum. */
export const SEVERITIES = ["debug", "info", "notice", "warning", "error", "critical"] as const;
export type Severity = (typeof SEVERITIES)[number];
const SEVERITY_RANK: Record<string, number> = Object.fromEntries(SEVERITIES.map((s, i) => [s, i]));

export function severityRank(s: string): number {
  const r = SEVERITY_RANK[s];
  if (r === undefined) throw new QmkError("INVALID_PARAMS", `unknown severity "${s}"`, { field: "severity" });
  return r;
}

export type DetailValue = string | number | boolean | null | DetailValue[] | { [k: string]: DetailValue };

/** What a caller hands to `AuditLog.append`. Time and index are assigned by the log. */
export interface AuditEventInput {
  type: EventType;
  severity?: Severity;
  tenant?: string | null;
  session?: string | null;
  /** operation / syscall name, e.g. "q_apply" */
  op?: string | null;
  /** "allow" | "deny" for mediation decisions */
  decision?: "allow" | "deny" | null;
  /** why (rule name, error code) */
  reason?: string | null;
  details?: Record<string, unknown>;
}

/** A logged event: exactly the fields that are encoded and hashed. */
export interface AuditEvent {
  index: number;
  time: number;
  type: EventType;
  severity: Severity;
  tenant: string | null;
  session: string | null;
  op: string | null;
  decision: "allow" | "deny" | null;
  reason: string | null;
  details: Record<string, DetailValue>;
}

export function isEventType(t: unknown): t is EventType {
  return typeof t === "string" && Object.prototype.hasOwnProperty.call(EVENT_TYPES, t);
}

// ---------------------------------------------------------------------------
// Secret guard.
//
// RULE (documented in README.md of this folder):
//  1. A detail whose key names a secret — after lower-casing and removing
//     "_" and "-", the key contains token, secret, password, passphrase,
//     privatekey, apikey, signingkey, rootkey, mac, tag, signature,
//     credential, authorization, cookie or handle — is redacted, unless the
//     key ends in "id" and the value is a string of ≤ 64 characters
//     (token ids are public identifiers, full tokens are not).
//  2. Any string value (at any depth, also `session`) of ≥ 40 characters made
//     only of base64/base64url/hex/JWT characters and containing both a
//     letter and a digit is treated as a bearer credential and redacted —
//     except exactly-64-hex-digit digests under a key named root, hash,
//     digest or ending in "hash"/"root" (Merkle roots and graph hashes are public).
//  3. Binary values (Uint8Array/Buffer) are always redacted.
// Redaction replaces the value by "[redacted:<first 16 hex of SHA-256>]": the
// fingerprint lets an auditor correlate two events about the same secret
// without revealing it (tokens carry ≥ 128 bits of entropy, so the
// fingerprint cannot be inverted by guessing). We redact rather than throw so
// that logging can never make a mediated call fail.
// ---------------------------------------------------------------------------

const SECRET_KEY_PARTS = [
  "token", "secret", "password", "passphrase", "privatekey", "apikey", "signingkey", "rootkey",
  "mac", "tag", "signature", "credential", "authorization", "cookie", "handle",
];
const TOKENISH = /^[A-Za-z0-9+/=_.\-]{40,}$/;
const HEX64 = /^[0-9a-f]{64}$/i;

function fingerprint(v: string | Uint8Array): string {
  return "[redacted:" + createHash("sha256").update(v).digest("hex").slice(0, 16) + "]";
}

// Detail keys repeat across events: remember the verdict (bounded).
const keyVerdicts = new Map<string, boolean>();

function keyIsSecret(key: string): boolean {
  let v = keyVerdicts.get(key);
  if (v === undefined) {
    const k = key.toLowerCase().replace(/[_-]/g, "");
    v = SECRET_KEY_PARTS.some((p) => k.includes(p));
    if (keyVerdicts.size < 4096) keyVerdicts.set(key, v);
  }
  return v;
}

const digestVerdicts = new Map<string, boolean>();

function keyIsDigest(key: string): boolean {
  let v = digestVerdicts.get(key);
  if (v === undefined) {
    const k = key.toLowerCase().replace(/[_-]/g, "");
    v = k === "digest" || k.endsWith("hash") || k.endsWith("root");
    if (digestVerdicts.size < 4096) digestVerdicts.set(key, v);
  }
  return v;
}

/** True when a string looks like a bearer credential (rule 2). */
export function looksLikeSecret(v: string): boolean {
  return v.length >= 40 && TOKENISH.test(v) && /[A-Za-z]/.test(v) && /[0-9]/.test(v);
}

/** Guard one top-level string field (session id, reason…). */
export function guardString(v: string): string {
  return looksLikeSecret(v) ? fingerprint(v) : v;
}

const MAX_DEPTH = 8;

/** Rules 1–3 applied recursively; also normalises values to JSON data (no undefined, no NaN). */
export function sanitizeDetails(details: Record<string, unknown> | undefined): Record<string, DetailValue> {
  if (details === undefined || details === null) return {};
  if (typeof details !== "object" || Array.isArray(details)) {
    throw new QmkError("INVALID_PARAMS", "audit event details must be an object", { field: "details" });
  }
  return sanitizeObject(details, 0);
}

function sanitizeObject(o: Record<string, unknown>, depth: number): Record<string, DetailValue> {
  const out: Record<string, DetailValue> = {};
  for (const key of Object.keys(o)) {
    const v = o[key];
    if (v === undefined || typeof v === "function") continue;
    if (keyIsSecret(key) && !(key.toLowerCase().endsWith("id") && typeof v === "string" && v.length <= 64)) {
      out[key] = typeof v === "string" || v instanceof Uint8Array ? fingerprint(v) : "[redacted]";
      continue;
    }
    out[key] = sanitizeValue(v, key, depth + 1);
  }
  return out;
}

function sanitizeValue(v: unknown, key: string, depth: number): DetailValue {
  if (depth > MAX_DEPTH) return "[truncated]";
  if (v === null) return null;
  switch (typeof v) {
    case "string":
      if (v.length < 40) return v; // too short to be a credential (rule 2)
      if (v.length === 64 && keyIsDigest(key) && HEX64.test(v)) return v;
      return guardString(v);
    case "number":
      return Number.isFinite(v) ? v : String(v);
    case "boolean":
      return v;
    case "bigint":
      return v.toString();
    case "object":
      if (v instanceof Uint8Array) return fingerprint(v);
      if (Array.isArray(v)) return v.map((x) => sanitizeValue(x, key, depth + 1));
      if (v instanceof Date) return v.toISOString();
      if (v instanceof Map) return sanitizeObject(Object.fromEntries(v), depth);
      if (v instanceof Set) return [...v].map((x) => sanitizeValue(x, key, depth + 1));
      return sanitizeObject(v as Record<string, unknown>, depth);
    default:
      return String(v);
  }
}

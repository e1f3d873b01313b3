// Canonical byte encoding of an audit event — the exact bytes that are
// hashed into the Merkle leaf, stored on disk and re-hashed by verifiers.
//
// ENCODING (version 1): UTF-8 of the RFC 8785 (JCS) canonical JSON of
//   {"v":1,"index":…,"time":…,"type":…,"severity":…,"tenant":…,"session":…,
//    "op":…,"decision":…,"reason":…,"details":{…}}
// i.e. object keys sorted by UTF-16 code units (the envelope keys are
// emitted in that sorted order too), no whitespace, strings escaped as by
// JSON.stringify, numbers in ECMAScript shortest round-trip form, absent
// optional fields written as null. `index` is the leaf position, so an entry
// moved to another position no longer hashes to a valid leaf there, and two
// identical events never share a leaf hash.
import { QmkError } from "../../errors.js";
import { isEventType, SEVERITIES, type AuditEvent, type DetailValue } from "./events.js";

export const ENCODING_VERSION = 1;
/** Upper bound on one encoded event; larger details are a caller bug. */
export const MAX_EVENT_BYTES = 64 * 1024;

/** RFC 8785 canonical JSON of plain JSON data. */
export function canonicalJson(v: unknown): string {
  if (v === null) return "null";
  switch (typeof v) {
    case "string":
      return JSON.stringify(v);
    case "number":
      if (!Number.isFinite(v)) throw new QmkError("INVALID_PARAMS", "non-finite number in canonical JSON", { field: "details" });
      return JSON.stringify(v);
    case "boolean":
      return v ? "true" : "false";
    case "object": {
      if (Array.isArray(v)) return "[" + v.map(canonicalJson).join(",") + "]";
      const o = v as Record<string, unknown>;
      const keys = Object.keys(o);
      if (keys.length > 1) keys.sort(); // default sort = UTF-16 code unit order, as RFC 8785 requires
      let s = "{";
      let first = true;
      for (const k of keys) {
        const x = o[k];
        if (x === undefined) continue;
        s += (first ? "" : ",") + JSON.stringify(k) + ":" + canonicalJson(x);
        first = false;
      }
      return s + "}";
    }
    default:
      throw new QmkError("INVALID_PARAMS", `cannot encode ${typeof v} in canonical JSON`, { field: "details" });
  }
}

const str = (s: string | null): string => (s === null ? "null" : JSON.stringify(s));

/** Encode an event (fields already sanitized). Envelope keys are written in sorted order. */
export function encodeEvent(e: AuditEvent): Buffer {
  return encodeEventPrefixed(e).subarray(1);
}

/**
 * The encoding preceded by one 0x00 byte — the RFC 6962 leaf prefix — so the
 * append path hashes and stores the same allocation without copying.
 */
export function encodeEventPrefixed(e: AuditEvent): Buffer {
  const text =
    '{"decision":' + str(e.decision) +
    ',"details":' + canonicalJson(e.details) +
    ',"index":' + e.index +
    ',"op":' + str(e.op) +
    ',"reason":' + str(e.reason) +
    ',"session":' + str(e.session) +
    ',"severity":' + JSON.stringify(e.severity) +
    ',"tenant":' + str(e.tenant) +
    ',"time":' + e.time +
    ',"type":' + JSON.stringify(e.type) +
    ',"v":' + ENCODING_VERSION + "}";
  const len = Buffer.byteLength(text, "utf8");
  if (len > MAX_EVENT_BYTES) {
    throw new QmkError("INVALID_PARAMS", `audit event is ${len} bytes (max ${MAX_EVENT_BYTES})`, { field: "details" });
  }
  const out = Buffer.allocUnsafe(len + 1);
  out[0] = 0x00;
  out.write(text, 1, "utf8");
  return out;
}

const nullableString = (v: unknown): v is string | null => v === null || typeof v === "string";

/**
 * Decode and validate canonical bytes. Re-encoding must reproduce the input
 * exactly — a verifier thereby rejects any non-canonical (e.g. hand-edited) record.
 */
export function decodeEvent(bytes: Uint8Array): AuditEvent {
  let o: Record<string, unknown>;
  try {
    o = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8"));
  } catch {
    throw new QmkError("INVALID_PARAMS", "audit record is not valid JSON", { field: "record" });
  }
  if (
    o === null || typeof o !== "object" || o.v !== ENCODING_VERSION ||
    !Number.isSafeInteger(o.index) || (o.index as number) < 0 ||
    typeof o.time !== "number" || !isEventType(o.type) ||
    !(SEVERITIES as readonly unknown[]).includes(o.severity) ||
    !nullableString(o.tenant) || !nullableString(o.session) || !nullableString(o.op) ||
    !(o.decision === null || o.decision === "allow" || o.decision === "deny") ||
    !nullableString(o.reason) ||
    o.details === null || typeof o.details !== "object" || Array.isArray(o.details)
  ) {
    throw new QmkError("INVALID_PARAMS", "audit record does not match encoding v1", { field: "record" });
  }
  const e: AuditEvent = {
    index: o.index as number,
    time: o.time as number,
    type: o.type,
    severity: o.severity as AuditEvent["severity"],
    tenant: o.tenant as string | null,
    session: o.session as string | null,
    op: o.op as string | null,
    decision: o.decision as AuditEvent["decision"],
    reason: o.reason as string | null,
    details: o.details as Record<string, DetailValue>,
  };
  if (!encodeEvent(e).equals(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))) {
    throw new QmkError("INVALID_PARAMS", "audit record is not in canonical form", { field: "record" });
  }
  return e;
}

// Query filters over decoded events. Tenant scoping (CAP_AUDIT vs own
// tenant) is the mediator's job; this module only applies the filters.
import { QmkError } from "../../errors.js";
import { isEventType, severityRank, type AuditEvent, type EventType, type Severity } from "./events.js";

export interface AuditQuery {
  type?: EventType | EventType[];
  tenant?: string;
  session?: string;
  /** exact severity or list of severities */
  severity?: Severity | Severity[];
  /** this severity or higher */
  minSeverity?: Severity;
  decision?: "allow" | "deny";
  /** time ≥ since (ms) */
  since?: number;
  /** time < until (ms) */
  until?: number;
  /** only events with index > after (cursor for paging) */
  after?: number;
  /** max results (default 1000, max 100 000) */
  limit?: number;
}

export const DEFAULT_LIMIT = 1000;
export const MAX_LIMIT = 100_000;

/** Validate filters once and return a predicate plus the result limit. */
export interface CompiledQuery {
  match: (e: AuditEvent) => boolean;
  limit: number;
  after: number;
  until: number | undefined;
  /**
   * Byte strings every matching record must contain. Exact because the
   * encoding is canonical (`"tenant":"alice"` is how that field is always
   * written); a hit inside `details` is only a false positive, removed by `match`.
   */
  needles: Buffer[];
}

export function compileQuery(q: AuditQuery = {}): CompiledQuery {
  if (q === null || typeof q !== "object") throw new QmkError("INVALID_PARAMS", "filters must be an object", { field: "filters" });
  const types = q.type === undefined ? null : new Set(Array.isArray(q.type) ? q.type : [q.type]);
  if (types) for (const t of types) if (!isEventType(t)) throw new QmkError("INVALID_PARAMS", `unknown event type "${String(t)}"`, { field: "filters.type" });
  const sevs = q.severity === undefined ? null : new Set(Array.isArray(q.severity) ? q.severity : [q.severity]);
  if (sevs) for (const s of sevs) severityRank(s);
  const minRank = q.minSeverity === undefined ? -1 : severityRank(q.minSeverity);
  for (const f of ["since", "until", "after"] as const) {
    if (q[f] !== undefined && !Number.isFinite(q[f])) throw new QmkError("INVALID_PARAMS", `${f} must be a number`, { field: `filters.${f}` });
  }
  const limit = q.limit === undefined ? DEFAULT_LIMIT : q.limit;
  if (!Number.isSafeInteger(limit) || limit < 0 || limit > MAX_LIMIT) {
    throw new QmkError("INVALID_PARAMS", `limit must be an integer in [0, ${MAX_LIMIT}]`, { field: "filters.limit" });
  }
  const after = q.after ?? -1;
  const match = (e: AuditEvent): boolean =>
    e.index > after &&
    (types === null || types.has(e.type)) &&
    (q.tenant === undefined || e.tenant === q.tenant) &&
    (q.session === undefined || e.session === q.session) &&
    (sevs === null || sevs.has(e.severity)) &&
    (minRank < 0 || severityRank(e.severity) >= minRank) &&
    (q.decision === undefined || e.decision === q.decision) &&
    (q.since === undefined || e.time >= q.since) &&
    (q.until === undefined || e.time < q.until);
  const needles: Buffer[] = [];
  const field = (k: string, v: unknown): void => void needles.push(Buffer.from(`"${k}":${JSON.stringify(v)}`, "utf8"));
  if (typeof q.tenant === "string") field("tenant", q.tenant);
  if (typeof q.session === "string") field("session", q.session);
  if (types && types.size === 1) field("type", [...types][0]);
  if (q.decision !== undefined) field("decision", q.decision);
  return { match, limit, after, until: q.until, needles };
}

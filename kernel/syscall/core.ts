// The kernel's state and its one dispatch path. `dispatch` is the only way
// from a method name to a handler; every handler except the two public ones
// runs inside `mediate` (kernel/security/mediator.ts).
import * as fs from "node:fs";
import * as path from "node:path";
import { randomBytes } from "node:crypto";
import { QmkError, isQmkError, type ErrorName } from "../errors.js";
import { Journal } from "../persist/journal.js";
import { KeyRing } from "../security/keys.js";
import { HandleSigner, type HandleKind, type HandleClaims } from "../security/handles.js";
import { TokenRegistry } from "../security/tokens-registry.js";
import { PolicyEngine, type PolicyRecord } from "../security/policy/index.js";
import { TenantRegistry } from "../security/tenants/index.js";
import { ChannelManager, type ChannelEvent } from "../security/channels/index.js";
import { AuditLog, type AuditEventInput, type EventType } from "../security/audit/index.js";
import { RIGHTS, type Right } from "../security/rights.js";
import { mediate, denyEventFor, type Stage } from "../security/mediator.js";
import { EntropySource } from "../security/entropy.js";
import { PREAUTH_WINDOW_MS, PreAuthLedger, type PreAuthSummary } from "../security/preauth.js";
import { redactDeep, redactSecrets } from "../security/redact.js";
import type { TokenAuthority } from "../security/tokens.js";
import { QuantumMachine, type QubitRecord } from "../machine/machine.js";
import { FairScheduler } from "../jobs/scheduler.js";
import type { JobRecord } from "../jobs/jobs.js";
import { METHODS } from "./methods.js";
import { validateParams } from "./validate.js";
import { asParams, type Params } from "./params.js";
import type { CallContext, MethodSpec, SessionRecord } from "./context.js";

export interface KernelOptions {
  /** data directory (default ./.qmk, or $QMK_DATA_DIR) */
  dataDir?: string;
  /** keep nothing on disk (tests, throwaway notebooks) */
  inMemory?: boolean;
  /** the embedder's root secret (32 bytes) instead of DIR/root.key */
  rootSecret?: Uint8Array;
  /** simulator seed for eager measurements */
  seed?: number;
  clock?: () => number;
  /**
   * Window over which repeated refusals before authentication are counted
   * into one summary event instead of one event each (default 60 000 ms;
   * 0 logs every refusal in full — for tests and operators who prefer it).
   */
  preAuthWindowMs?: number;
  /** largest number of live eager qubits (default 24) */
  maxEagerQubits?: number;
  /** largest number of qubits one job may hold (default 28) */
  maxJobQubits?: number;
  /** amplitudes of every simulator this kernel makes: "double" (complex128, default) or "single" (complex64) */
  precision?: "double" | "single";
  /** physical qubits in the machine's pool */
  poolSize?: number;
  /** audit epoch: sign a tree head every N events (default 1000) */
  epochEvents?: number;
  epochMs?: number;
  /** fsync the state journals (default true; tests may disable) */
  fsync?: boolean;
  /** session lifetime in ms (default 24 h) */
  sessionTtlMs?: number;
  /** create the demo tenant on first start (the embedded default does) */
  demoTenant?: boolean;
  /** test hook: called as each mediation stage begins (stage recorder) */
  onStage?: (stage: Stage, method: string) => void;
}

export const ADMIN_TENANT = "admin";
/** How long a finished job stays readable (README: Known limits). */
export const JOB_RETENTION_MS = 3600_000;
export const DEMO_TENANT = "demo";

export function defaultDataDir(): string {
  return process.env.QMK_DATA_DIR || path.resolve(".qmk");
}

export class KernelCore {
  readonly clock: () => number;
  readonly dataDir: string | null;
  readonly keys: KeyRing;
  readonly handles: HandleSigner;
  readonly tokens: TokenRegistry;
  readonly tenants: TenantRegistry;
  readonly policy: PolicyEngine;
  readonly channels: ChannelManager;
  readonly audit: AuditLog;
  readonly machine: QuantumMachine;
  readonly scheduler: FairScheduler;
  readonly sessions = new Map<string, SessionRecord>();
  readonly jobs = new Map<string, JobRecord>();
  /** per tenant, its finished jobs' ids, oldest first (bounded by its retained_jobs quota and JOB_RETENTION_MS) */
  private readonly finishedJobs = new Map<string, string[]>();
  readonly openChans = new Map<string, { tenant: string; qubits: [number, number]; channel: string | null; open: boolean }>();
  /** qubit → the Bell-pair record it belongs to (a qubit is in at most one: records are bounded by live qubits) */
  private readonly pairOfQubit = new Map<number, string>();
  /** measurement randomness: one private stream per session and per job */
  readonly entropy: EntropySource;
  /** refusals before a caller is known, aggregated per window */
  private readonly preauth: PreAuthLedger;
  readonly onStage?: (stage: Stage, method: string) => void;
  /** physical allocation → qubits of it still held (released when the last one is freed) */
  readonly allocRefs = new Map<string, number>();
  readonly maxJobQubits: number;
  readonly precision: "double" | "single" | undefined;
  readonly sessionTtlMs: number;
  adminToken = "";
  demoToken: string | null = null;
  private lastSweep = 0;
  private closed = false;

  constructor(opts: KernelOptions = {}) {
    this.clock = opts.clock ?? Date.now;
    this.dataDir = opts.inMemory ? null : path.resolve(opts.dataDir ?? defaultDataDir());
    const dir = this.dataDir;
    if (dir) fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const fsync = opts.fsync ?? true;

    this.keys = opts.rootSecret ? KeyRing.fromSecret(opts.rootSecret) : dir ? KeyRing.loadOrCreate(dir) : KeyRing.fromSecret(randomBytes(32));
    this.handles = new HandleSigner(this.keys.derive("handles"), this.clock);
    this.tokens = dir
      ? TokenRegistry.open(dir, { key: this.keys.derive("tokens"), clock: this.clock, journalOptions: { fsync } })
      : new TokenRegistry({ key: this.keys.derive("tokens"), clock: this.clock });
    try {
      this.audit = AuditLog.open({
        dir: dir ? path.join(dir, "audit") : null,
        signingKey: this.keys.derive("audit-sth"),
        epochEvents: opts.epochEvents ?? 1000,
        epochMs: opts.epochMs ?? 0,
        clock: this.clock,
      });
    } catch (e) {
      this.tokens.close();
      // The audit log's lock is the data directory's: one kernel process per directory.
      if (isQmkError(e) && e.data.rule === "log_locked") {
        throw new QmkError("RESOURCE_EXHAUSTED", `data directory ${dir} is in use by another kernel process (pid ${String(e.data.pid)}); stop it or choose another --data-dir`, { field: "dataDir" });
      }
      throw e;
    }
    this.tenants = dir
      ? TenantRegistry.open(dir, { fsync, clock: this.clock, poolSize: opts.poolSize, onScrub: (e) => this.scrubbed(e) })
      : TenantRegistry.memory({ clock: this.clock, poolSize: opts.poolSize, onScrub: (e) => this.scrubbed(e) });
    // The simulator state did not survive a restart: give back what was tied to it.
    this.tenants.releaseLive();
    this.policy = new PolicyEngine({
      clock: this.clock,
      builtinLimits: (t) => this.tenants.quotaOf(t),
      usage: (t, r) => this.tenants.used(t, r),
      journal: dir ? Journal.open<PolicyRecord>(path.join(dir, "policy.jsonl"), { fsync }) : undefined,
    });
    this.channels = new ChannelManager({
      journal: dir ? Journal.open<ChannelEvent>(path.join(dir, "channels.jsonl"), { fsync }) : Journal.memory<ChannelEvent>(),
      keyFor: (t) => this.keys.derive("channel-sign", t),
      // use counts and revocations are MAC-chained too, so an edited journal shuts channels off
      integrityKey: this.keys.derive("channel-journal"),
      quota: (t) => this.tenants.quotaOf(t)?.channels ?? 0,
      clock: this.clock,
    });
    this.reconcileChannelUses();
    this.preauth = new PreAuthLedger(opts.preAuthWindowMs ?? PREAUTH_WINDOW_MS);
    this.entropy = new EntropySource(this.keys.derive("rng"), opts.seed);
    // the channel manager owns the channel count (expiry included); usage and telemetry show its figure
    this.tenants.delegateUsage("channels", (t) => this.channels.activeCount(t));
    this.scheduler = new FairScheduler(undefined, undefined, (t) => this.tenants.quotaOf(t)?.scheduler_weight);
    this.onStage = opts.onStage;
    this.precision = opts.precision;
    this.machine = new QuantumMachine({ maxQubits: opts.maxEagerQubits ?? 24, channels: this.channels, clock: this.clock, precision: opts.precision });
    this.maxJobQubits = opts.maxJobQubits ?? 28;
    this.sessionTtlMs = opts.sessionTtlMs ?? 24 * 3600_000;
    this.bootstrap(opts.demoTenant ?? false);
    this.audit.append({ type: "audit.open", details: { tree_size: this.audit.size } });
  }

  /**
   * The audit log is tamper-evident and append-only; the channel journal's
   * MAC chain cannot see records cut off its end. Every channel use is in the
   * audit log (`channel.use`, with `uses` for a job's total), so on start-up
   * a journal that is behind is brought up to the audited count.
   */
  private reconcileChannelUses(): void {
    if (this.audit.size === 0 || this.channels.ids().length === 0) return;
    const audited = new Map<string, number>();
    let after = -1;
    for (;;) {
      const page = this.audit.query({ type: "channel.use", after, limit: 100_000 });
      for (const e of page) {
        const ch = e.details.channel;
        if (typeof ch === "string") audited.set(ch, (audited.get(ch) ?? 0) + (typeof e.details.uses === "number" ? e.details.uses : 1));
        after = e.index;
      }
      if (page.length < 100_000) break;
    }
    for (const [id, used] of audited) {
      try {
        if (this.channels.reconcileUses(id, used)) {
          this.audit.append({ type: "channel.use", severity: "warning", reason: "journal_behind_audit", details: { repaired: id, used, uses: 0 } });
        }
      } catch (e) {
        // A journal whose MAC chain is already broken authorizes nothing (fail closed); nothing to repair.
        if (!isQmkError(e)) throw e;
      }
    }
  }

  /** First start: the admin tenant and its token (DIR/admin.token, 0600); optionally the demo tenant. */
  private bootstrap(demo: boolean): void {
    const adminFile = this.dataDir ? path.join(this.dataDir, "admin.token") : null;
    if (!this.tenants.get(ADMIN_TENANT)) {
      this.tenants.create(ADMIN_TENANT, { quota: { logical_qubits: 24, sessions: 64, api_calls_per_minute: 1_000_000 } });
      this.audit.append({ type: "tenant.create", tenant: ADMIN_TENANT, details: { bootstrap: true } });
    }
    if (adminFile && fs.existsSync(adminFile)) {
      this.adminToken = fs.readFileSync(adminFile, "utf8").trim();
    } else {
      this.adminToken = this.tokens.mint({ rights: [...RIGHTS], tenant: ADMIN_TENANT });
      this.audit.append({ type: "cap.grant", tenant: ADMIN_TENANT, details: { bootstrap: true, rights: [...RIGHTS] } });
      if (adminFile) fs.writeFileSync(adminFile, this.adminToken + "\n", { mode: 0o600 });
    }
    if (demo) {
      const demoFile = this.dataDir ? path.join(this.dataDir, "demo.token") : null;
      if (demoFile && fs.existsSync(demoFile) && this.tenants.get(DEMO_TENANT)) {
        this.demoToken = fs.readFileSync(demoFile, "utf8").trim();
      } else {
        if (!this.tenants.get(DEMO_TENANT)) this.tenants.create(DEMO_TENANT);
        const rights: Right[] = ["CAP_ALLOC", "CAP_MEASURE", "CAP_LINK", "CAP_TELEPORT", "CAP_MAGIC"];
        this.demoToken = this.tokens.mint({ rights, tenant: DEMO_TENANT });
        this.audit.append({ type: "tenant.create", tenant: DEMO_TENANT, details: { bootstrap: true } });
        if (demoFile) fs.writeFileSync(demoFile, this.demoToken + "\n", { mode: 0o600 });
      }
    }
  }

  private scrubbed(e: unknown): void {
    // Physical qubits reset before reuse: auditable as a kernel housekeeping event.
    if (!this.closed) this.audit.append({ type: "qubit.free", details: { scrub: e as Record<string, unknown> } });
  }

  /** A fresh opaque id: random, so it tells a tenant nothing about what others do. */
  nextId(prefix: string): string {
    return `${prefix}_${randomBytes(12).toString("base64url")}`;
  }

  // ---- the one door ---------------------------------------------------

  /** Synchronous dispatch. Every q_* call of every transport ends here. */
  dispatch(method: string, rawParams: unknown): unknown {
    if (this.closed) throw new QmkError("RESOURCE_EXHAUSTED", "kernel is closed", { field: "method" });
    this.sweep();
    const spec: MethodSpec | undefined = Object.hasOwn(METHODS, method) ? METHODS[method] : undefined;
    if (!spec) throw new QmkError("METHOD_NOT_FOUND", `unknown method ${String(method).slice(0, 64)}`, { field: "method" });
    try {
      let p: Params;
      try {
        p = asParams(rawParams);
        // the method table's wire shape (schema.ts), before any effect
        validateParams(method, p);
      } catch (e) {
        this.auditPreAuth(method, e);
        throw e;
      }
      return mediate(this, spec, p);
    } catch (e) {
      if (isQmkError(e)) throw redactError(e);
      // A bug, not bad input: log it (no internals to the caller) and fail closed.
      this.audit.append({ type: "op.deny", severity: "error", op: method, decision: "deny", reason: "INTERNAL_ERROR" });
      throw new QmkError("INTERNAL_ERROR", "internal error", { method });
    }
  }

  /**
   * Append a decision; if its details cannot be encoded (too large, odd
   * values from user input) the decision is still logged, with its details
   * cut down to the error code — a decision is never lost.
   */
  record(ev: AuditEventInput): void {
    try {
      this.audit.append(ev);
    } catch (e) {
      if (!isQmkError(e) || e.codeName === "INTERNAL_ERROR") throw e;
      const code = (ev.details as { code?: unknown } | undefined)?.code;
      this.audit.append({ ...ev, details: { truncated: true, ...(typeof code === "number" ? { code } : {}) } });
    }
  }

  auditAllow(spec: MethodSpec, ctx: CallContext, rights: Right[]): void {
    this.record({
      type: (ctx.audit.type ?? spec.event ?? "op.allow") as EventType,
      tenant: ctx.tenant,
      session: ctx.session.id,
      op: spec.name,
      decision: "allow",
      details: { ...ctx.audit.details, ...(rights.length ? { rights } : {}) },
    });
  }

  auditDeny(method: string, session: SessionRecord | undefined, e: unknown): void {
    if (!isQmkError(e)) return;
    const d = e.data;
    const details: Record<string, unknown> = { code: e.code, message: redactSecrets(e.message) };
    for (const k of ["field", "node", "missing", "rule", "tenants", "violation", "limit", "used", "requested", "token_id"]) {
      if (d[k] !== undefined) details[k] = redactDeep(d[k]);
    }
    if (details.token_id === undefined && session) details.token_id = session.authority.tokenId;
    this.record({
      type: denyEventFor(e.codeName),
      // An authentic token or session names its tenant even when refused (revoked, suspended, …).
      tenant: session?.tenant ?? (typeof d.tenant === "string" ? d.tenant : null),
      session: session?.id ?? null,
      op: method,
      decision: "deny",
      reason: e.codeName,
      details,
    });
  }

  /**
   * A refusal before the caller is known to be within its limits: the first
   * of its kind per window is logged in full, the rest are counted into one
   * summary event when the window closes (kernel/security/preauth.ts).
   */
  auditPreAuth(method: string, e: unknown, session?: SessionRecord): void {
    if (!isQmkError(e)) return;
    const tenant = typeof e.data.tenant === "string" ? e.data.tenant : (session?.tenant ?? null);
    const tokenId = typeof e.data.token_id === "string" ? e.data.token_id : (session?.authority.tokenId ?? null);
    const kind = { method, reason: e.codeName, tenant, tokenId };
    if (this.preauth.note(kind, this.clock(), (s) => this.auditPreAuthSummaries(s))) this.auditDeny(method, session, e);
  }

  private auditPreAuthSummaries(summaries: PreAuthSummary[]): void {
    for (const s of summaries) {
      this.record({
        type: s.reason === "*" ? "session.deny" : denyEventFor(s.reason as ErrorName),
        tenant: s.tenant,
        session: null,
        op: s.method,
        decision: "deny",
        reason: s.reason === "*" ? "AGGREGATED" : s.reason,
        details: {
          aggregated: true,
          count: s.suppressed,
          window_start: s.windowStart,
          window_end: s.windowEnd,
          ...(s.tokenId ? { token_id: s.tokenId } : {}),
        },
      });
    }
  }

  /** q_negotiate_caps, after every stage passed: the new session and its handle. */
  openSession(auth: TokenAuthority, tenant: string, granted: Right[], denied: Right[], now: number): unknown {
    this.tenants.charge(tenant, "sessions");
    const id = this.nextId("s");
    const ttl = Math.min(this.sessionTtlMs, auth.expiresAt !== undefined ? Math.max(1, auth.expiresAt - now) : Infinity);
    const handle = this.handles.issue("sess", id, tenant, id, ttl);
    this.sessions.set(id, {
      id,
      handle,
      tenant,
      authority: auth,
      rights: new Set(granted),
      openedAt: now,
      expiresAt: now + ttl,
      random: this.entropy.forSession(tenant, id),
    });
    this.audit.append({
      type: "session.open",
      tenant,
      session: id,
      op: "q_negotiate_caps",
      decision: "allow",
      details: { token_id: auth.tokenId, granted, denied },
    });
    return { session_id: handle, tenant, granted, denied, quota: this.tenants.quotaOf(tenant), expires_at: now + ttl };
  }

  /** A Bell pair opened by q_open_chan; a newer pair on the same qubit replaces an older record. */
  trackPair(id: string, rec: { tenant: string; qubits: [number, number]; channel: string | null; open: boolean }): void {
    for (const q of rec.qubits) this.dropPairOf(q);
    this.openChans.set(id, rec);
    for (const q of rec.qubits) this.pairOfQubit.set(q, id);
  }

  private dropPairOf(q: number): void {
    const old = this.pairOfQubit.get(q);
    if (old === undefined) return;
    const rec = this.openChans.get(old);
    this.openChans.delete(old);
    if (rec) for (const m of rec.qubits) if (this.pairOfQubit.get(m) === old) this.pairOfQubit.delete(m);
  }

  // ---- sessions and handles ------------------------------------------

  issue(kind: HandleKind, id: string, ctx: { tenant: string; session: { id: string } }, ttlMs?: number): string {
    return this.handles.issue(kind, id, ctx.tenant, ctx.session.id, ttlMs);
  }

  /** Verify a resource handle the caller presented: right kind, its own tenant (and session for qubits). */
  own(kind: HandleKind, h: unknown, ctx: CallContext, field: string, sameSession = false): HandleClaims {
    return this.handles.verify(h, { kind, tenant: ctx.tenant, ...(sameSession ? { session: ctx.session.id } : {}) }, field);
  }

  /** Bookkeeping once qubits are gone: their outstanding loans, and their share of a physical allocation. */
  qubitsFreed(recs: readonly QubitRecord[]): void {
    for (const r of recs) {
      this.channels.forgetQubit(r.id);
      this.dropPairOf(r.id);
      if (r.alloc) this.releaseAllocRef(r.alloc);
    }
  }

  private releaseAllocRef(alloc: string): void {
    const left = (this.allocRefs.get(alloc) ?? 1) - 1;
    if (left > 0) {
      this.allocRefs.set(alloc, left);
      return;
    }
    this.allocRefs.delete(alloc);
    this.tenants.releaseLogical(alloc);
  }

  /**
   * Expired sessions are closed and the qubits bound to them freed, at most
   * once a second (cheap enough to piggy-back on dispatch, no timer needed).
   */
  /**
   * A finished job is kept for its owner to read (status, counts,
   * attestation) — but not forever: at most the tenant's retained_jobs
   * quota, each for at most JOB_RETENTION_MS after it ended.
   */
  retainJob(job: JobRecord): void {
    if (this.closed || !this.jobs.has(job.id)) return;
    let ids = this.finishedJobs.get(job.tenant);
    if (!ids) this.finishedJobs.set(job.tenant, (ids = []));
    ids.push(job.id);
    const keep = this.tenants.quotaOf(job.tenant)?.retained_jobs ?? 64;
    while (ids.length > keep) this.jobs.delete(ids.shift()!);
  }

  private expireJobs(now: number): void {
    for (const [tenant, ids] of this.finishedJobs) {
      while (ids.length) {
        const j = this.jobs.get(ids[0]);
        if (j && (j.endedAt ?? now) > now - JOB_RETENTION_MS) break;
        ids.shift();
        if (j) this.jobs.delete(j.id);
      }
      if (ids.length === 0) this.finishedJobs.delete(tenant);
    }
  }

  sweep(now = this.clock()): void {
    if (now - this.lastSweep < 1000) return;
    this.lastSweep = now;
    this.expireJobs(now);
    this.preauth.roll(now, (s) => this.auditPreAuthSummaries(s));
    for (const s of [...this.sessions.values()]) {
      if (now >= s.expiresAt) {
        this.closeSession(s.id, "HANDLE_EXPIRED");
        this.audit.append({ type: "session.deny", tenant: s.tenant, session: s.id, reason: "HANDLE_EXPIRED", details: { expired: true } });
      }
    }
  }

  /**
   * Why recently closed sessions closed, so a client hears TOKEN_REVOKED
   * rather than a bare "unknown session" (bounded: oldest forgotten first).
   */
  readonly closedSessions = new Map<string, ErrorName>();

  closeSession(id: string, reason: ErrorName = "AUTH_FAILED"): void {
    const s = this.sessions.get(id);
    if (!s) return;
    this.sessions.delete(id);
    this.closedSessions.set(id, reason);
    if (this.closedSessions.size > 10_000) this.closedSessions.delete(this.closedSessions.keys().next().value!);
    // Qubits are bound to the session that allocated them: nobody else can name them now.
    const orphans = this.machine.qubitsOf(s.tenant).filter((q) => q.session === id);
    this.qubitsFreed(this.machine.forceFree(orphans.map((q) => q.id)));
    try {
      this.tenants.release(s.tenant, "sessions");
    } catch {
      /* tenant deleted: nothing left to release */
    }
  }

  // ---- lifecycle ------------------------------------------------------

  async close(): Promise<void> {
    if (this.closed) return;
    this.preauth.roll(this.clock(), (s) => this.auditPreAuthSummaries(s), true);
    this.closed = true;
    this.scheduler.remove(() => true);
    await this.audit.close();
    this.tokens.close();
    this.tenants.close();
    this.channels.close();
  }
}

/** The error a caller sees: nothing token- or handle-shaped echoed back (a pasted secret stays secret). */
function redactError(e: QmkError): QmkError {
  const message = redactSecrets(e.message);
  const data = redactDeep(e.data);
  if (message === e.message && JSON.stringify(data) === JSON.stringify(e.data)) return e;
  return new QmkError(e.codeName, message, data);
}

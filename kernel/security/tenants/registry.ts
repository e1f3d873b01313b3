// TenantRegistry (SPEC §2.1): lifecycle, quotas, usage and the physical-qubit
// pool, persisted through the journal. Every mutation is one journal record,
// appended before the call returns; on open the records are replayed through
// the same code paths (the pool is deterministic, and replay checks that it
// reproduces the recorded extents).
//
// Deleted names: a deleted tenant's record stays as a tombstone. Creating the
// name again is refused unless the admin asks for it explicitly
// (`reuseDeletedName`), and even then the new tenant gets a new id
// (`name#2`): tokens and handles are bound to the id, so nothing issued to the
// deleted tenant ever works for its successor.
import { randomBytes } from "node:crypto";
import * as path from "node:path";
import { QmkError } from "../../errors.js";
import { Journal } from "../../persist/journal.js";
import { PhysicalPool, type Extent, type ScrubEvent } from "./pool.js";
import { validateTenantName, tenantIdFor, qualify } from "./names.js";
import { emptyUsage, isUsageField, validateQuota, type Quota, type Usage, type UsageField } from "./quota.js";

export type TenantStatus = "active" | "suspended" | "deleted";

export interface TenantInfo {
  id: string;
  name: string;
  generation: number;
  status: TenantStatus;
  createdAt: number;
  quota: Quota;
  usage: Usage;
  /** prefix of every resource id scoped to this tenant */
  namespace: string;
}

export interface PhysicalAllocation {
  id: string;
  tenant: string;
  logical: number;
  perLogical: number;
  physical: number;
  extents: Extent[];
}

export interface DeletedTenant {
  tenant: TenantInfo;
  /** what the tenant held; the registry has already returned it. The kernel must
   *  free the simulator qubits of `allocations` and close sessions, jobs and channels. */
  released: { usage: Usage; allocations: PhysicalAllocation[] };
}

/** Counted resources charged directly; qubits go through allocateLogical. */
export type CountedField = "channels" | "sessions" | "concurrent_jobs";
const COUNTED: readonly string[] = ["channels", "sessions", "concurrent_jobs"];

export type TenantRecord =
  | { t: "pool"; size: number }
  | { t: "create"; id: string; name: string; gen: number; quota: Quota; at: number }
  | { t: "status"; id: string; status: "active" | "suspended" }
  | { t: "quota"; id: string; quota: Quota }
  | { t: "delete"; id: string }
  | { t: "charge"; id: string; field: CountedField; n: number }
  | { t: "palloc"; alloc: string; id: string; logical: number; perLogical: number; extents: Extent[] }
  | { t: "pfree"; alloc: string }
  | { t: "scrub" }
  | { t: "releaseLive"; fields: UsageField[] }
  | { t: "snapshot"; tenants: TenantSnapshot[]; allocs: PhysicalAllocation[]; dirty: Extent[]; scrubbedQubits: number; scrubEvents: number; allocSeq: number };

interface TenantSnapshot {
  id: string;
  name: string;
  gen: number;
  status: TenantStatus;
  at: number;
  quota: Quota;
  usage: Usage;
}

export interface TenantRegistryOptions {
  /** physical qubits in the machine (default 100 000); fixed at first open */
  poolSize?: number;
  fsync?: boolean;
  clock?: () => number;
  /** every scrub (reset of released physical qubits before reuse) — feed to the audit log */
  onScrub?: (e: ScrubEvent) => void;
  /** on open, rewrite the journal as one snapshot when it holds more records than this (default 10 000) */
  compactAfter?: number;
}

interface Tenant {
  id: string;
  name: string;
  generation: number;
  status: TenantStatus;
  createdAt: number;
  quota: Quota;
  usage: Usage;
  allocations: Set<string>;
}

export const DEFAULT_POOL_SIZE = 100_000;

export class TenantRegistry {
  private readonly tenants = new Map<string, Tenant>();
  /** counted fields whose figure another subsystem owns (delegateUsage) */
  private readonly delegated = new Map<string, (tenant: string) => number>();
  /** name → ids ever created with it, oldest first */
  private readonly byName = new Map<string, string[]>();
  private readonly allocs = new Map<string, PhysicalAllocation>();
  private allocSeq = 0;
  private replaying = false;
  private readonly clock: () => number;
  readonly pool: PhysicalPool;

  private constructor(
    private readonly journal: Journal<TenantRecord>,
    opts: TenantRegistryOptions,
  ) {
    this.clock = opts.clock ?? Date.now;
    const records = journal.replay();
    const first = records[0];
    const recordedSize = first?.t === "pool" ? first.size : undefined;
    if (recordedSize !== undefined && opts.poolSize !== undefined && opts.poolSize !== recordedSize)
      throw new QmkError("INVALID_PARAMS", `poolSize ${opts.poolSize} differs from the recorded ${recordedSize}`, { field: "poolSize" });
    const size = recordedSize ?? opts.poolSize ?? DEFAULT_POOL_SIZE;
    // Replayed scrubs were already reported in a previous life; only new ones go to the listener.
    this.pool = new PhysicalPool(size, (e) => {
      if (!this.replaying) opts.onScrub?.(e);
    });
    this.replaying = true;
    try {
      for (const r of records) this.apply(r);
    } finally {
      this.replaying = false;
    }
    if (recordedSize === undefined) this.journal.append({ t: "pool", size });
    else if (records.length > (opts.compactAfter ?? 10_000)) this.compact();
  }

  /** Rewrite the journal as a single snapshot of the current state (atomic). */
  compact(): void {
    const snap: TenantRecord = {
      t: "snapshot",
      tenants: [...this.tenants.values()].map((t) => ({
        id: t.id,
        name: t.name,
        gen: t.generation,
        status: t.status,
        at: t.createdAt,
        quota: t.quota,
        usage: t.usage,
      })),
      allocs: [...this.allocs.values()],
      dirty: this.pool.dirtyExtents(),
      scrubbedQubits: this.pool.scrubbedQubits,
      scrubEvents: this.pool.scrubEvents,
      allocSeq: this.allocSeq,
    };
    this.journal.compact([{ t: "pool", size: this.pool.size }, snap]);
  }

  /** Registry persisted at `dir/tenants.jsonl`. */
  static open(dir: string, opts: TenantRegistryOptions = {}): TenantRegistry {
    return new TenantRegistry(Journal.open<TenantRecord>(path.join(dir, "tenants.jsonl"), { fsync: opts.fsync }), opts);
  }

  static memory(opts: TenantRegistryOptions = {}): TenantRegistry {
    return new TenantRegistry(Journal.memory<TenantRecord>(), opts);
  }

  close(): void {
    this.journal.close();
  }

  // ---- lifecycle -------------------------------------------------------

  create(name: unknown, opts: { quota?: unknown; reuseDeletedName?: boolean } = {}): TenantInfo {
    const n = validateTenantName(name);
    const quota = validateQuota(opts.quota);
    const ids = this.byName.get(n) ?? [];
    const latest = ids.length ? this.tenants.get(ids[ids.length - 1]) : undefined;
    if (latest && latest.status !== "deleted")
      throw new QmkError("INVALID_PARAMS", `tenant "${n}" already exists`, { field: "name", tenant: latest.id });
    if (latest && !opts.reuseDeletedName)
      throw new QmkError("INVALID_PARAMS", `tenant name "${n}" belonged to a deleted tenant; re-creating it needs reuseDeletedName (it gets a new id)`, {
        field: "name",
      });
    const gen = ids.length + 1;
    const id = tenantIdFor(n, gen);
    return this.commit({ t: "create", id, name: n, gen, quota, at: this.clock() }, () => this.info(id));
  }

  suspend(id: string): TenantInfo {
    this.live(id);
    return this.commit({ t: "status", id, status: "suspended" }, () => this.info(id));
  }

  resume(id: string): TenantInfo {
    this.live(id);
    return this.commit({ t: "status", id, status: "active" }, () => this.info(id));
  }

  /** Mark deleted and give back everything it held (pool blocks go dirty, usage to zero). */
  delete(id: string): DeletedTenant {
    const t = this.live(id);
    const usage = { ...t.usage };
    const allocations = [...t.allocations].map((a) => cloneAlloc(this.allocs.get(a)!));
    this.commit({ t: "delete", id });
    return { tenant: this.info(id), released: { usage, allocations } };
  }

  get(id: string): TenantInfo | undefined {
    return this.tenants.has(id) ? this.info(id) : undefined;
  }

  /** The current (not deleted) tenant called `name`. */
  byTenantName(name: string): TenantInfo | undefined {
    const ids = this.byName.get(name);
    const t = ids && this.tenants.get(ids[ids.length - 1]);
    return t && t.status !== "deleted" ? this.info(t.id) : undefined;
  }

  list(opts: { includeDeleted?: boolean } = {}): TenantInfo[] {
    return [...this.tenants.values()].filter((t) => opts.includeDeleted || t.status !== "deleted").map((t) => this.info(t.id));
  }

  /** Throws unless the tenant exists, is not deleted and is not suspended. */
  assertActive(id: string): void {
    const t = this.live(id);
    if (t.status === "suspended") throw new QmkError("TENANT_SUSPENDED", `tenant ${id} is suspended`, { tenant: id });
  }

  // ---- quotas and usage ------------------------------------------------

  /** Live quota object (read-only; cheap enough for the policy hot path). */
  /** Status only, without copying the tenant (the mediator asks on every call). */
  statusOf(id: string): TenantStatus | undefined {
    return this.tenants.get(id)?.status;
  }

  quotaOf(id: string): Readonly<Quota> | undefined {
    return this.tenants.get(id)?.quota;
  }

  setQuota(id: string, patch: unknown): Quota {
    const t = this.live(id);
    // Lowering a quota below current usage is allowed: nothing is revoked, new charges are refused.
    const quota = validateQuota(patch, t.quota);
    return this.commit({ t: "quota", id, quota }, () => ({ ...quota }));
  }

  /**
   * Hands a counted field to the subsystem that owns it: the kernel's channel
   * manager counts a tenant's active channels (it alone knows when one
   * expires), so usage shows its figure and nobody charges the field here.
   * One owner per counter: a charge or release of a delegated field throws.
   */
  delegateUsage(field: "channels", count: (tenant: string) => number): void {
    this.delegated.set(field, count);
  }

  usageOf(id: string): Usage | undefined {
    const t = this.tenants.get(id);
    if (!t) return undefined;
    const u = { ...t.usage };
    for (const field of this.delegated.keys()) u[field as CountedField] = this.held(t, field as CountedField);
    return u;
  }

  /** Current holding of a usage resource (for PolicyEngine `usage`); undefined for anything else. */
  used(id: string, resource: string): number | undefined {
    const t = this.tenants.get(id);
    return t && isUsageField(resource) ? this.held(t, resource) : undefined;
  }

  /** What `t` holds of `field`: the owner's count for a delegated field (nothing once deleted), else the registry's. */
  private held(t: Tenant, field: UsageField): number {
    const count = this.delegated.get(field);
    if (!count) return t.usage[field];
    return t.status === "deleted" ? 0 : count(t.id);
  }

  charge(id: string, field: CountedField, n = 1): void {
    if (!COUNTED.includes(field)) throw new QmkError("INVALID_PARAMS", `cannot charge ${String(field)} directly`, { field: "field" });
    if (this.delegated.has(field)) throw new QmkError("INTERNAL_ERROR", `${field} is counted by its owner, not charged`, { field });
    positiveInt(n, "n");
    this.assertActive(id);
    const t = this.tenants.get(id)!;
    checkQuota(t, field, n);
    this.commit({ t: "charge", id, field, n });
  }

  /** Give back a counted resource; a no-op for a deleted tenant (delete released everything). */
  release(id: string, field: CountedField, n = 1): void {
    if (!COUNTED.includes(field)) throw new QmkError("INVALID_PARAMS", `cannot release ${String(field)} directly`, { field: "field" });
    if (this.delegated.has(field)) throw new QmkError("INTERNAL_ERROR", `${field} is counted by its owner, not released`, { field });
    positiveInt(n, "n");
    const t = this.known(id);
    if (t.status === "deleted") return;
    if (t.usage[field] < n)
      throw new QmkError("INVALID_PARAMS", `release of ${n} ${field} exceeds the ${t.usage[field]} held`, { field, used: t.usage[field], requested: n });
    this.commit({ t: "charge", id, field, n: -n });
  }

  /** Tenants with a fair-share reserve on the shared machine (quota reserved_qubits > 0). */
  withReserve(): Array<{ id: string; reserve: number }> {
    const out: Array<{ id: string; reserve: number }> = [];
    for (const t of this.tenants.values()) if (t.status !== "deleted" && t.quota.reserved_qubits > 0) out.push({ id: t.id, reserve: t.quota.reserved_qubits });
    return out;
  }

  /** Sum of reserved_qubits over live tenants, with `id`'s replaced by `reserve` (to check a change). */
  reservedTotal(id?: string, reserve?: number): number {
    let sum = 0;
    for (const t of this.tenants.values()) if (t.status !== "deleted") sum += t.id === id && reserve !== undefined ? reserve : t.quota.reserved_qubits;
    return id !== undefined && reserve !== undefined && !this.tenants.has(id) ? sum + reserve : sum;
  }

  /** Would charging `n` of `field` fit the quota? Throws QUOTA_EXCEEDED like charge would; holds nothing. */
  checkFree(id: string, field: CountedField, n = 1): void {
    this.assertActive(id);
    checkQuota(this.tenants.get(id)!, field, n);
  }

  /** Per-job limit check (nothing is held). */
  checkGatesPerJob(id: string, gates: number): void {
    const t = this.known(id);
    if (gates > t.quota.gates_per_job)
      throw new QmkError("QUOTA_EXCEEDED", `job has ${gates} gates, quota gates_per_job is ${t.quota.gates_per_job}`, {
        field: "gates_per_job",
        limit: t.quota.gates_per_job,
        used: 0,
        requested: gates,
        tenant: id,
      });
  }

  // ---- physical pool ---------------------------------------------------

  /**
   * Allocate `n` logical qubits costing `perLogical` physical qubits each
   * (from `parseProfile(profile).physicalPerLogical`): charges both quotas and
   * assigns n·perLogical physical qubits exclusively to the tenant.
   */
  allocateLogical(id: string, n: number, perLogical: number): PhysicalAllocation {
    positiveInt(n, "n");
    positiveInt(perLogical, "perLogical");
    this.assertActive(id);
    const t = this.tenants.get(id)!;
    checkQuota(t, "logical_qubits", n);
    checkQuota(t, "physical_qubits", n * perLogical);
    // Random, not a sequence: the id shows up in the tenant's own audit events and must not count others' allocations.
    let alloc: string;
    do alloc = `pq-${randomBytes(9).toString("base64url")}`;
    while (this.allocs.has(alloc));
    const extents = this.pool.assign(alloc, id, n * perLogical);
    try {
      // Live allocations are released on every restart (releaseLive), so they need no fsync.
      this.journal.append({ t: "palloc", alloc, id, logical: n, perLogical, extents }, { durable: false });
    } catch (e) {
      this.pool.release(alloc); // conservative: the qubits come back dirty
      throw e;
    }
    this.record(alloc, id, n, perLogical, extents);
    return cloneAlloc(this.allocs.get(alloc)!);
  }

  releaseLogical(allocId: string): void {
    if (!this.allocs.has(allocId)) throw new QmkError("INVALID_PARAMS", `unknown physical allocation ${allocId}`, { field: "allocation" });
    this.commit({ t: "pfree", alloc: allocId });
  }

  allocation(allocId: string): PhysicalAllocation | undefined {
    const a = this.allocs.get(allocId);
    return a && cloneAlloc(a);
  }

  allocationsOf(id: string): PhysicalAllocation[] {
    return [...(this.tenants.get(id)?.allocations ?? [])].map((a) => cloneAlloc(this.allocs.get(a)!));
  }

  /** Reset every dirty physical qubit now; returns how many. */
  scrubDirty(): number {
    if (this.pool.dirty === 0) return 0;
    const n = this.pool.dirty;
    this.commit({ t: "scrub" });
    return n;
  }

  /**
   * After a restart the simulator state is gone: release the usage tied to it
   * (qubit allocations → pool blocks dirty; sessions, jobs). Channels survive
   * in the channel manager, so the default keeps them.
   */
  releaseLive(fields: UsageField[] = ["logical_qubits", "physical_qubits", "sessions", "concurrent_jobs"]): void {
    for (const f of fields) if (!isUsageField(f)) throw new QmkError("INVALID_PARAMS", `unknown usage field ${String(f)}`, { field: "fields" });
    this.commit({ t: "releaseLive", fields });
  }

  // ---- internals -------------------------------------------------------

  private commit<R>(rec: TenantRecord, result?: () => R): R {
    this.journal.append(rec, { durable: isDurable(rec) });
    this.apply(rec);
    return result ? result() : (undefined as R);
  }

  /** The one place state changes, used both live and on replay. */
  private apply(r: TenantRecord): void {
    switch (r.t) {
      case "pool":
        return;
      case "snapshot": {
        for (const t of r.tenants) {
          this.tenants.set(t.id, {
            id: t.id,
            name: t.name,
            generation: t.gen,
            status: t.status,
            createdAt: t.at,
            quota: t.quota,
            usage: t.usage,
            allocations: new Set(),
          });
          const ids = this.byName.get(t.name) ?? [];
          ids[t.gen - 1] = t.id;
          this.byName.set(t.name, ids);
        }
        for (const a of r.allocs) {
          this.allocs.set(a.id, a);
          this.tenants.get(a.tenant)!.allocations.add(a.id);
        }
        this.pool.restore(r.allocs, r.dirty, r);
        this.allocSeq = r.allocSeq;
        return;
      }
      case "create": {
        this.tenants.set(r.id, {
          id: r.id,
          name: r.name,
          generation: r.gen,
          status: "active",
          createdAt: r.at,
          quota: r.quota,
          usage: emptyUsage(),
          allocations: new Set(),
        });
        const ids = this.byName.get(r.name) ?? [];
        ids.push(r.id);
        this.byName.set(r.name, ids);
        return;
      }
      case "status":
        this.tenants.get(r.id)!.status = r.status;
        return;
      case "quota":
        this.tenants.get(r.id)!.quota = r.quota;
        return;
      case "delete": {
        const t = this.tenants.get(r.id)!;
        for (const a of [...t.allocations]) this.free(a);
        t.usage = emptyUsage();
        t.status = "deleted";
        return;
      }
      case "charge":
        this.tenants.get(r.id)!.usage[r.field] += r.n;
        return;
      case "palloc": {
        // Only reached on replay: the pool must reproduce exactly what was recorded.
        const got = this.pool.assign(r.alloc, r.id, r.logical * r.perLogical);
        if (JSON.stringify(got) !== JSON.stringify(r.extents))
          throw new QmkError("INTERNAL_ERROR", `tenant journal replay diverged at ${r.alloc}`);
        this.record(r.alloc, r.id, r.logical, r.perLogical, r.extents);
        return;
      }
      case "pfree":
        this.free(r.alloc);
        return;
      case "scrub":
        this.pool.scrubDirty();
        return;
      case "releaseLive":
        for (const t of this.tenants.values()) {
          if (r.fields.includes("logical_qubits") || r.fields.includes("physical_qubits")) for (const a of [...t.allocations]) this.free(a);
          for (const f of r.fields) if (f !== "logical_qubits" && f !== "physical_qubits") t.usage[f] = 0;
        }
        return;
    }
  }

  private record(alloc: string, id: string, logical: number, perLogical: number, extents: Extent[]): void {
    this.allocSeq++;
    this.allocs.set(alloc, { id: alloc, tenant: id, logical, perLogical, physical: logical * perLogical, extents });
    const t = this.tenants.get(id)!;
    t.allocations.add(alloc);
    t.usage.logical_qubits += logical;
    t.usage.physical_qubits += logical * perLogical;
  }

  private free(alloc: string): void {
    const a = this.allocs.get(alloc)!;
    this.pool.release(alloc);
    this.allocs.delete(alloc);
    const t = this.tenants.get(a.tenant)!;
    t.allocations.delete(alloc);
    t.usage.logical_qubits -= a.logical;
    t.usage.physical_qubits -= a.physical;
  }

  private known(id: string): Tenant {
    const t = typeof id === "string" ? this.tenants.get(id) : undefined;
    if (!t) throw new QmkError("INVALID_PARAMS", `unknown tenant ${String(id)}`, { field: "tenant_id" });
    return t;
  }

  private live(id: string): Tenant {
    const t = this.known(id);
    if (t.status === "deleted") throw new QmkError("INVALID_PARAMS", `tenant ${id} was deleted`, { field: "tenant_id" });
    return t;
  }

  private info(id: string): TenantInfo {
    const t = this.tenants.get(id)!;
    return {
      id: t.id,
      name: t.name,
      generation: t.generation,
      status: t.status,
      createdAt: t.createdAt,
      quota: { ...t.quota },
      usage: this.usageOf(id)!,
      namespace: qualify(t.id, ""),
    };
  }
}

function checkQuota(t: Tenant, field: UsageField, n: number): void {
  const limit = t.quota[field];
  const used = t.usage[field];
  if (used + n > limit)
    throw new QmkError("QUOTA_EXCEEDED", `${field}: ${used} held + ${n} requested > quota ${limit}`, { field, limit, used, requested: n, tenant: t.id });
}

function positiveInt(n: unknown, field: string): void {
  if (typeof n !== "number" || !Number.isSafeInteger(n) || n < 1) throw new QmkError("INVALID_PARAMS", `${field} must be a positive integer`, { field });
}

function cloneAlloc(a: PhysicalAllocation): PhysicalAllocation {
  return { ...a, extents: a.extents.map((e) => [e[0], e[1]] as Extent) };
}

/**
 * Records about live simulator state (physical allocations, sessions, jobs)
 * are released on every restart by releaseLive, so losing one in a crash is
 * harmless and they skip the fsync; everything else is durable.
 */
function isDurable(rec: TenantRecord): boolean {
  if (rec.t === "pfree" || rec.t === "scrub") return false;
  if (rec.t === "charge") return rec.field !== "sessions" && rec.field !== "concurrent_jobs";
  return true;
}

// Weighted fair queuing of job slices across tenants.
//
// Jobs run cooperatively in slices (a few shots each). After every slice
// the scheduler picks the runnable job whose tenant has the smallest
// virtual time, so one tenant's long job can delay another tenant's job by
// at most one slice per competing tenant — the bound timing isolation needs.
// Virtual time advances by measured slice cost ÷ tenant weight.

export interface SliceTask {
  readonly tenant: string;
  /**
   * orders this tenant's own tasks (higher first, default 0). It never
   * changes the tenant's share: that is the operator's weight.
   */
  readonly priority?: number;
  /** Run one slice; return true when the task is finished. */
  runSlice(): boolean;
  /** Called once if runSlice throws; the task is dropped. */
  fail(e: unknown): void;
}

export class FairScheduler {
  private readonly queues = new Map<string, SliceTask[]>();
  private readonly vtime = new Map<string, number>();
  private readonly weights = new Map<string, number>();
  private globalV = 0;
  private scheduled = false;
  /** slices run so far (telemetry) */
  slices = 0;

  constructor(
    private readonly defer: (fn: () => void) => void = (fn) => setImmediate(fn),
    /** clock for measuring slice cost (ms); tests pass a fake one */
    private readonly now: () => number = () => performance.now(),
    /** the operator's weight for a tenant (quota scheduler_weight); setWeight overrides it */
    private readonly weightOf: (tenant: string) => number | undefined = () => undefined,
  ) {}

  /** An operator's setting (CAP_ADMIN through the tenant's quota): the tenant's share of the machine. */
  setWeight(tenant: string, weight: number): void {
    if (!(weight > 0) || !Number.isFinite(weight)) throw new RangeError("weight must be a positive number");
    this.weights.set(tenant, weight);
  }

  enqueue(task: SliceTask): void {
    let q = this.queues.get(task.tenant);
    if (!q) this.queues.set(task.tenant, (q = []));
    // A tenant that was idle re-enters at the current virtual time, so idling
    // does not bank credit it could later use to starve others.
    if (q.length === 0) this.vtime.set(task.tenant, Math.max(this.vtime.get(task.tenant) ?? 0, this.globalV));
    // Highest priority first; equal priorities keep their order (FIFO, then round-robin).
    const pr = task.priority ?? 0;
    let i = q.length;
    while (i > 0 && (q[i - 1].priority ?? 0) < pr) i--;
    q.splice(i, 0, task);
    this.kick();
  }

  /** Drop every queued task that matches (cancellation, tenant deletion). */
  remove(pred: (t: SliceTask) => boolean): void {
    for (const [tenant, q] of this.queues) {
      const kept = q.filter((t) => !pred(t));
      if (kept.length) this.queues.set(tenant, kept);
      else this.queues.delete(tenant);
    }
  }

  get pending(): number {
    let n = 0;
    for (const q of this.queues.values()) n += q.length;
    return n;
  }

  private kick(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    this.defer(() => this.step());
  }

  private pickTenant(): string | undefined {
    let best: string | undefined;
    let bestV = Infinity;
    for (const [tenant, q] of this.queues) {
      if (q.length === 0) continue;
      const v = this.vtime.get(tenant) ?? 0;
      if (v < bestV) {
        bestV = v;
        best = tenant;
      }
    }
    return best;
  }

  private step(): void {
    this.scheduled = false;
    const tenant = this.pickTenant();
    if (tenant === undefined) return;
    const q = this.queues.get(tenant)!;
    const task = q[0];
    const t0 = this.now();
    let done = false;
    try {
      done = task.runSlice();
    } catch (e) {
      done = true;
      task.fail(e);
    }
    this.slices++;
    const cost = Math.max(this.now() - t0, 1e-3);
    const w = this.weights.get(tenant) ?? this.weightOf(tenant) ?? 1;
    const v = (this.vtime.get(tenant) ?? 0) + cost / (w > 0 ? w : 1);
    this.vtime.set(tenant, v);
    this.globalV = Math.max(this.globalV, Math.min(...[...this.queues.keys()].map((t) => this.vtime.get(t) ?? 0)));
    if (done) {
      // The task may already be gone (cancelled inside its own slice).
      const i = q.indexOf(task);
      if (i >= 0) q.splice(i, 1);
    } else if (q[0] === task) {
      // Round-robin among one tenant's jobs of the same priority.
      const pr = task.priority ?? 0;
      let j = 1;
      while (j < q.length && (q[j].priority ?? 0) === pr) j++;
      q.splice(j - 1, 0, q.shift()!);
    }
    if (q.length === 0) this.queues.delete(tenant);
    if (this.pending > 0) this.kick();
  }
}

// Jobs: a verified QVM graph run for some shots on a private quantum
// machine, in fair-scheduled slices. Every node goes through the mediated
// port below — rights re-checked at execution, then the machine's firewall
// and linearity checks — so a graph reaches the simulator only the way an
// eager call does.
import { QmkError, isQmkError } from "../errors.js";
import type { QvmGraph } from "../qvm/graph.js";
import { OPCODES } from "../qvm/opcodes.js";
import { ExecutionCancelled } from "../qvm/executor.js";
import { GraphRun } from "../qvm/stepper.js";
import type { GraphVerification, VerifyResult } from "../qvm/verifier.js";
import { GraphHasher } from "./graph-hasher.js";
import { shotSource } from "../security/entropy.js";
import { recheckToken, tenantStage } from "../security/mediator.js";
import type { NodeCtx, QuantumPort, VqRef, ChRef } from "../qvm/port.js";
import { parseProfile } from "../qec/profiles.js";
import { QuantumMachine } from "../machine/machine.js";
import { graphHash, type SignedAttestation } from "../security/audit/index.js";
import type { Right } from "../security/rights.js";
import { GRAPH_NODE_METHOD, decisionError } from "../security/policy/index.js";
import type { KernelCore } from "../syscall/core.js";
import type { SessionRecord } from "../syscall/context.js";

export type JobState = "queued" | "running" | "completed" | "failed" | "cancelled";

export interface JobError {
  code: number;
  name: string;
  message: string;
  data: Record<string, unknown>;
}

export interface JobRecord {
  id: string;
  handle: string;
  tenant: string;
  session: SessionRecord;
  graph: QvmGraph;
  graphHash: string;
  shots: number;
  /** the explicit seed, if the submitter gave one (then the job replays exactly) */
  seed: number;
  /** the job's private randomness (from its seed, or fresh from the kernel key) */
  entropy: Uint8Array;
  /** orders this tenant's own jobs (higher first); never another tenant's */
  priority: number;
  params: Record<string, number>;
  /** resources.events of the graph (the graph itself is dropped when the job ends) */
  eventsOrder: readonly string[];
  /** multi-tenant graph (CAP_ADMIN) */
  multiTenant: boolean;
  state: JobState;
  submittedAt: number;
  startedAt?: number;
  endedAt?: number;
  shotsDone: number;
  counts: Record<string, number>;
  events: Record<string, number>;
  warnings: string[];
  error?: JobError;
  attestation?: SignedAttestation;
  /** physical allocations charged for the job's lifetime */
  allocations: string[];
  channelUses: number;
  cancel(reason: string): void;
  /** resolved when the job reaches a final state */
  done: Promise<void>;
}

/**
 * A large submission, accepted before it is verified: its verification and
 * graph hash run as the job's first slices (PREPARE_NODES per slice), in the
 * submitter's fair share, instead of inside q_submit (issue 12 §7).
 */
export interface PendingPreparation {
  verification: GraphVerification;
  /** After verification: the graph to run, or a throw (a QmkError) that fails the job. */
  accept(v: VerifyResult): QvmGraph;
}

/** Nodes verified (or hashed) per slice while a job is being prepared: a few ms. */
export const PREPARE_NODES = 4096;

/**
 * Work per scheduler slice, in amplitude updates: one node on n qubits costs
 * 2^n plus NODE_OVERHEAD (its mediation: rights, policy, firewall, linearity).
 * 2^22 is a few milliseconds of simulator time, so a cheap call of another
 * tenant waits at most about one slice per competing tenant. One gate on a
 * very large state (more than 2^22 amplitudes) cannot be split: the bound is
 * then one gate (README, Known limits).
 */
export const SLICE_WORK = 2 ** 22;
const NODE_OVERHEAD = 2 ** 13;

/**
 * The executor's window onto a job's machine. Each call is one graph node;
 * refusals carry the node id so errors point into the graph.
 */
export class MediatedPort implements QuantumPort {
  readonly machine: QuantumMachine;
  private live = new Set<number>();
  leaks = 0;
  channelUses = 0;
  /** per channel id, for the audit log (one channel.use event per channel at the end of the job) */
  readonly usesByChannel = new Map<string, number>();

  constructor(
    private readonly k: KernelCore,
    private readonly job: JobRecord,
  ) {
    this.machine = new QuantumMachine({ maxQubits: k.maxJobQubits, channels: k.channels, clock: k.clock, precision: k.precision });
    // Sampling (the executor's fast path) only for single-tenant jobs: a
    // multi-tenant graph spends a channel use per shot, so every shot must run.
    if (!job.multiTenant) {
      this.sample = (vqs, shots) => {
        if (this.shotRandom) this.machine.sim.setRandom(this.shotRandom); // the samples continue the first shot's stream
        return this.machine.sim.sample((vqs as number[]).map((id) => this.machine.record(id)!.simId), shots);
      };
    }
  }

  sample?: (vqs: VqRef[], shots: number) => Map<string, number>;

  private guard<T>(ctx: NodeCtx, fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      if (isQmkError(e) && e.data.node === undefined) throw new QmkError(e.codeName, `node ${ctx.node.id}: ${e.message}`, { ...e.data, node: ctx.node.id });
      throw e;
    }
  }

  /**
   * Rights and policy are checked again for every node at execution time:
   * the session may have lost rights, and rules may deny an opcode, since
   * submission. Rate limits are for the eager API (cost 0 here); a job is
   * bounded by jobs/minute and gates per job instead.
   */
  private requireRights(ctx: NodeCtx, opcode: string): void {
    const missing = (OPCODES[opcode]?.caps ?? []).filter((r: Right) => !this.job.session.rights.has(r));
    if (missing.length) throw new QmkError("INSUFFICIENT_CAPS", `${opcode} needs ${missing.join(", ")}`, { node: ctx.node.id, field: "op", missing });
    const d = this.k.policy.evaluate({ tenant: this.job.tenant, method: GRAPH_NODE_METHOD, opcode, cost: 0 });
    if (!d.allow) {
      const e = decisionError(d);
      throw new QmkError(e.codeName, `node ${ctx.node.id}: ${e.message}`, { ...e.data, node: ctx.node.id });
    }
  }

  alloc(ctx: NodeCtx, n: number, _profile: string, tenant?: string): VqRef[] {
    return this.guard(ctx, () => {
      this.requireRights(ctx, "ALLOC_LQ");
      const recs = this.machine.allocate(tenant ?? this.job.tenant, this.job.session.id, n);
      for (const r of recs) this.live.add(r.id);
      return recs.map((r) => r.id);
    });
  }

  op(ctx: NodeCtx, opcode: string, vqs: VqRef[], _chs: ChRef[], args: Record<string, unknown>): { outcomes?: number[]; chs?: ChRef[] } {
    return this.guard(ctx, () => {
      this.requireRights(ctx, opcode);
      const ids = vqs as number[];
      if (ids.length === 0) return {};
      const actor = this.machine.record(ids[0])?.tenant ?? this.job.tenant;
      const channel = typeof args.channel === "string" ? args.channel : undefined;
      // An orchestrator (CAP_ADMIN) acts for both tenants: it gives the peer's one-use consent itself.
      const loans: string[] = [];
      if (channel !== undefined && this.job.multiTenant) {
        for (const id of ids) {
          const owner = this.machine.record(id)?.tenant;
          if (owner !== undefined && owner !== actor) loans.push(this.k.channels.lend(channel, owner, id).id);
        }
      }
      const r = this.machine.operate({
        actor,
        opcode,
        qubits: ids,
        args,
        ...(this.shotRandom ? { random: this.shotRandom } : {}),
        ...(channel !== undefined ? { channel } : {}),
        ...(loans.length ? { loans } : {}),
        labels: ctx.node.vqs,
      });
      if (r.channel) {
        this.channelUses++;
        this.usesByChannel.set(r.channel, (this.usesByChannel.get(r.channel) ?? 0) + 1);
      }
      if (opcode === "OPEN_CHAN") return { outcomes: r.outcomes, chs: [{ pair: [...ids] }] };
      return { outcomes: r.outcomes };
    });
  }

  free(ctx: NodeCtx, vqs: VqRef[]): void {
    this.guard(ctx, () => {
      const ids = vqs as number[];
      const owner = this.machine.record(ids[0])?.tenant ?? this.job.tenant;
      this.machine.free(owner, ids, ctx.node.vqs, this.shotRandom);
      for (const id of ids) this.live.delete(id);
    });
  }


  beginShot(_shot: number, seed: number): void {
    // Each shot draws from its own stream of the job's entropy: replayable alone, shared with nobody.
    this.shotRandom = shotSource(this.job.entropy, seed);
  }

  /** the current shot's stream; every draw of the shot (measure, free) comes from it */
  private shotRandom: (() => number) | undefined;

  /** Work one node costs now (see SLICE_WORK). */
  nodeCost(): number {
    return 2 ** this.machine.liveCount + NODE_OVERHEAD;
  }

  endShot(): void {
    // Leaks: the kernel frees them either way (SPEC §1.4); the verifier already warned.
    const left = [...this.live].filter((id) => this.machine.record(id));
    if (left.length) this.leaks += left.length;
    if (left.length > 0 && left.length === this.machine.liveCount) this.machine.discard(); // drop the state, no measure-out
    else this.machine.forceFree(left);
    this.live.clear();
  }
}

/** Physical cost of a graph: its ALLOC_LQ nodes, per tenant. */
export function graphAllocations(graph: QvmGraph, owner: string): Array<{ tenant: string; n: number; perLogical: number }> {
  const out: Array<{ tenant: string; n: number; perLogical: number }> = [];
  for (const node of graph.program.nodes) {
    if (node.op !== "ALLOC_LQ") continue;
    const a = node.args ?? {};
    const tenant = (a.tenant ?? a.tenant_id ?? owner) as string;
    out.push({ tenant, n: Number(a.n), perLogical: parseProfile(a.profile).physicalPerLogical });
  }
  return out;
}

export function createJob(
  k: KernelCore,
  init: Omit<JobRecord, "state" | "shotsDone" | "counts" | "events" | "warnings" | "allocations" | "channelUses" | "cancel" | "done" | "graphHash" | "eventsOrder">,
  onFinished: (job: JobRecord) => void = () => {},
  pending?: PendingPreparation,
): JobRecord {
  let prep: PendingPreparation | null = pending ?? null;
  let hasher: GraphHasher | null = null;
  let resolveDone!: () => void;
  const done = new Promise<void>((r) => (resolveDone = r));
  let port: MediatedPort | null = null;
  let run: GraphRun | null = null;

  const job: JobRecord = {
    ...init,
    graphHash: prep ? "" : graphHash(init.graph),
    eventsOrder: prep ? [] : init.graph.resources.events,
    state: "queued",
    shotsDone: 0,
    counts: {},
    events: {},
    warnings: [],
    allocations: [],
    channelUses: 0,
    done,
    cancel(reason: string) {
      if (job.state === "queued" || job.state === "running") {
        k.scheduler.remove((t) => t === task);
        finish("cancelled", new QmkError("CANCELLED", `job cancelled: ${reason}`, { reason }));
      }
    },
  };

  const release = () => {
    for (const a of job.allocations) k.tenants.releaseLogical(a);
    job.allocations = [];
    if (port) port.machine.discard(); // the job's private state goes at once, nothing measured
    try {
      k.tenants.release(job.tenant, "concurrent_jobs");
    } catch {
      /* tenant deleted meanwhile */
    }
  };

  /** Exception-safe: whatever goes wrong here, the job ends, its waiters wake and the scheduler goes on. */
  function finish(state: "completed" | "failed" | "cancelled", err?: unknown): void {
    if (job.state === "completed" || job.state === "failed" || job.state === "cancelled") return;
    try {
      settle(state, err);
    } catch (e) {
      if (process.env.QMK_DEBUG_JOBS) console.error(e);
      // A bug in the bookkeeping: the job still ends (failed), and the log says so.
      job.state = "failed";
      job.error ??= { code: -32603, name: "INTERNAL_ERROR", message: "job bookkeeping failed", data: {} };
      try {
        k.audit.append({ type: "job.fail", tenant: job.tenant, session: job.session.id, op: "job", decision: "deny", reason: "INTERNAL_ERROR", details: { job: job.id } });
      } catch {
        /* the kernel is closing: nothing more can be recorded */
      }
    } finally {
      // The graph (and its metadata) is not kept once the job is over: only what status views need.
      job.graph = { version: job.graph.version, program: { nodes: [] }, resources: job.graph.resources } as unknown as QvmGraph;
      run = null;
      port = null;
      resolveDone();
      onFinished(job);
    }
  }

  function settle(state: "completed" | "failed" | "cancelled", err?: unknown): void {
    job.state = state;
    job.endedAt = k.clock();
    if (port) {
      job.channelUses = port.channelUses;
      if (port.leaks) job.warnings.push(`${port.leaks} qubit(s) left live at the end of a shot were freed by the kernel`);
    }
    release();
    if (err !== undefined) {
      const e = isQmkError(err) ? err : new QmkError("INTERNAL_ERROR", "job failed", {});
      job.error = { code: e.code, name: e.codeName, message: e.message, data: { ...e.data } };
      if (isQmkError(err) && state === "failed") k.auditDeny("q_submit", job.session, err);
    }
    for (const [channel, uses] of port?.usesByChannel ?? []) {
      k.audit.append({ type: "channel.use", tenant: job.tenant, session: job.session.id, op: "job", decision: "allow", details: { channel, uses, job: job.id } });
    }
    const type = state === "completed" ? "job.complete" : state === "failed" ? "job.fail" : "job.cancel";
    k.audit.append({
      type,
      tenant: job.tenant,
      session: job.session.id,
      op: "job",
      decision: state === "completed" ? "allow" : state === "failed" ? "deny" : null,
      ...(job.error ? { reason: job.error.name } : {}),
      details: { job: job.id, shots: job.shotsDone, graph_hash: job.graphHash, channel_uses: job.channelUses },
    });
    const head = k.audit.treeHead();
    job.attestation = k.audit.signAttestation({
      job_id: job.id,
      tenant: job.tenant,
      graph_hash: job.graphHash,
      started_at: job.startedAt ?? job.endedAt,
      ended_at: job.endedAt,
      status: state,
      resources: {
        shots: job.shotsDone,
        nodes: job.graph.program.nodes.length,
        logical_qubits: graphAllocations(job.graph, job.tenant).reduce((s, a) => s + a.n, 0),
        channel_uses: job.channelUses,
      },
      outcomes: { counts: job.counts },
      audit: { tree_size: head.size, root: head.root },
    });
  }

  /** Before every slice: the token may have been revoked or expired, the tenant suspended, since submission. */
  function recheck(): void {
    // The mediator's token and tenant stages, repeated (the session stays open for its other calls).
    recheckToken(k, job.session, k.clock(), false);
    tenantStage(k, job.tenant);
  }

  /** One slice of preparation; true once the job is verified and hashed. */
  function prepare(): boolean {
    const p = prep!;
    if (!hasher) {
      if (!p.verification.advance(PREPARE_NODES)) return false;
      let g: QvmGraph;
      try {
        g = p.accept(p.verification.result);
      } catch (e) {
        // never verified: keep nothing of it (finish and attestation see an empty graph)
        job.graph = { version: "0.1", program: { nodes: [] }, resources: { vqs: [], chs: [], events: [] } } as unknown as QvmGraph;
        prep = null;
        throw e;
      }
      job.graph = g;
      job.eventsOrder = g.resources.events;
      job.warnings.push(...p.verification.result.warnings.map((w) => (w.node ? `node ${w.node}: ` : "") + w.message));
      hasher = new GraphHasher(g);
      return false;
    }
    if (!hasher.advance(PREPARE_NODES)) return false;
    job.graphHash = hasher.digest;
    prep = null;
    hasher = null;
    return true;
  }

  function start(): void {
    for (const a of graphAllocations(job.graph, job.tenant)) job.allocations.push(k.tenants.allocateLogical(a.tenant, a.n, a.perLogical).id);
    port = new MediatedPort(k, job);
    const p = port;
    run = new GraphRun(job.graph, p, { shots: job.shots, seed: job.seed, params: job.params, cost: () => p.nodeCost() });
    job.state = "running";
    job.startedAt = k.clock();
    k.audit.append({ type: "job.start", tenant: job.tenant, session: job.session.id, op: "job", details: { job: job.id } });
  }

  const task = {
    tenant: job.tenant,
    priority: job.priority,
    runSlice(): boolean {
      if (job.state === "queued" || job.state === "running") recheck();
      if (prep && job.state === "queued" && !prepare()) return false;
      if (job.state === "queued") start();
      if (job.state !== "running") return true;
      const finished = run!.advance(SLICE_WORK);
      // The simulator queues gates for fusion (up to 256) and applies them at
      // its next read: without this, the work of several slices would land in
      // one, and another tenant's call would wait for all of it. Flushing here
      // keeps each slice's simulator time inside the slice that scheduled it.
      port!.machine.sim.flush();
      job.counts = run!.counts;
      job.events = run!.events;
      job.shotsDone = run!.shotsDone;
      if (finished) {
        finish("completed");
        return true;
      }
      return false;
    },
    fail(e: unknown): void {
      if (e instanceof ExecutionCancelled || job.state === "cancelled") return;
      finish("failed", e);
    },
  };

  k.scheduler.enqueue(task);
  return job;
}

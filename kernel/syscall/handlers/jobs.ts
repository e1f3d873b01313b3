// Jobs: q_submit (verify → rights from opcodes → quotas → enqueue),
// q_status, q_wait, q_cancel, q_get_telemetry, q_attestation.
import { QmkError } from "../../errors.js";
import { GraphVerification, verifyGraph, type VerifyOptions } from "../../qvm/verifier.js";
import { parseAsm } from "../../qvm/asm.js";
import { graphFromSubmission } from "../../qasm/submission.js";
import type { QvmGraph } from "../../qvm/graph.js";
import { MAX_SHOTS } from "../../qvm/executor.js";
import { requiredRights } from "../../qvm/opcodes.js";
import { createJob, type JobRecord } from "../../jobs/jobs.js";
import type { Right } from "../../security/rights.js";
import type { KernelCore } from "../core.js";
import type { CallContext } from "../context.js";
import { optInt, optObj, type Params } from "../params.js";

/** Largest graph accepted before any verification work is done. */
export const MAX_GRAPH_NODES = 100_000;
/** Largest graph `metadata` (JSON bytes): a job keeps nothing a tenant can grow without bound. */
export const MAX_METADATA_BYTES = 64 * 1024;

/** The graph as an object (a .qvm.asm text parsed once; the parse is shared by the later stages). */
const parsed = new WeakMap<Params, unknown>();

function graphParam(p: Params): unknown {
  const hit = parsed.get(p);
  if (hit !== undefined) return hit;
  if (p.qasm !== undefined) {
    // OpenQASM text: translated to a graph here, then the same verifier and mediation
    const out = graphFromSubmission(p);
    parsed.set(p, out);
    return out;
  }
  const g = p.graph;
  if (typeof g === "string") {
    // the upstream .qvm.asm text form
    const out = parseAsm(g);
    parsed.set(p, out);
    return out;
  }
  if (g === null || typeof g !== "object" || Array.isArray(g)) throw new QmkError("INVALID_PARAMS", "graph must be a QVM graph object or .qvm.asm text", { field: "params.graph" });
  const nodes = (g as { program?: { nodes?: unknown } }).program?.nodes;
  if (Array.isArray(nodes) && nodes.length > MAX_GRAPH_NODES) {
    throw new QmkError("RESOURCE_EXHAUSTED", `graph has ${nodes.length} nodes; the limit is ${MAX_GRAPH_NODES}`, { field: "params.graph.program.nodes", limit: MAX_GRAPH_NODES });
  }
  return g;
}

function paramBindings(p: Params): Record<string, number> {
  const raw = optObj(p, "params") ?? {};
  for (const [k, v] of Object.entries(raw)) {
    if (typeof v !== "number" || !Number.isFinite(v)) throw new QmkError("INVALID_PARAMS", `parameter ${k} must be a finite number`, { field: `params.params.${k}` });
  }
  return raw as Record<string, number>;
}

/** The verification result is cached on the params object: rights derivation and the handler share it. */
const verified = new WeakMap<Params, ReturnType<typeof verifyGraph>>();

function verifyOptions(k: KernelCore, p: Params): VerifyOptions {
  return {
    params: paramBindings(p),
    strict: (optObj(p, "policy") ?? {}).strict === true,
    channelValid: (a, b, ch) => {
      try {
        k.channels.authorize(ch, a, b, k.clock());
        return true;
      } catch {
        return false;
      }
    },
  };
}

function verifyParams(k: KernelCore, p: Params): ReturnType<typeof verifyGraph> {
  let v = verified.get(p);
  if (!v) {
    v = verifyGraph(graphParam(p), verifyOptions(k, p));
    verified.set(p, v);
  }
  return v;
}

/**
 * Graphs above this many nodes are verified inside the job's first slices
 * (kernel/jobs/jobs.ts PendingPreparation), not inside q_submit: verifying and
 * hashing 100 000 nodes takes a few hundred ms, which would stall every
 * tenant's calls. Their verification errors come back from q_wait / q_status
 * (state failed, the same code and data as q_submit would have given).
 */
export const SYNC_VERIFY_NODES = 4096;

function nodeCount(g: unknown): number {
  const nodes = (g as { program?: { nodes?: unknown } } | null)?.program?.nodes;
  return Array.isArray(nodes) ? nodes.length : 0;
}

/**
 * Limits stage: the graph's size against the tenant's gates_per_job quota
 * (and the kernel's caps), and a free concurrent-jobs slot — before the graph
 * is parsed or verified.
 */
export function submitSize(k: KernelCore, tenant: string, p: Params): void {
  if (typeof p.qasm === "string" && p.qasm.length > MAX_QASM_SUBMIT) {
    throw new QmkError("RESOURCE_EXHAUSTED", `OpenQASM text is ${p.qasm.length} characters; q_submit takes at most ${MAX_QASM_SUBMIT} (convert larger programs with qmk convert --to json: graphs are verified in slices)`, { field: "params.qasm", limit: MAX_QASM_SUBMIT });
  }
  const g = p.graph;
  if (typeof g === "string") {
    if (g.length > MAX_ASM_TEXT) throw new QmkError("RESOURCE_EXHAUSTED", `graph text is ${g.length} characters; the limit is ${MAX_ASM_TEXT}`, { field: "params.graph", limit: MAX_ASM_TEXT });
    // one node per line at most: a cheap upper bound before parsing
    let lines = 1;
    for (let i = g.indexOf("\n"); i >= 0 && lines <= MAX_GRAPH_NODES; i = g.indexOf("\n", i + 1)) lines++;
    if (lines > MAX_GRAPH_NODES + 64) throw new QmkError("RESOURCE_EXHAUSTED", `graph text has more than ${MAX_GRAPH_NODES} lines`, { field: "params.graph", limit: MAX_GRAPH_NODES });
  } else if (g !== null && typeof g === "object" && !Array.isArray(g)) {
    const nodes = (g as { program?: { nodes?: unknown } }).program?.nodes;
    if (Array.isArray(nodes)) {
      if (nodes.length > MAX_GRAPH_NODES) {
        throw new QmkError("RESOURCE_EXHAUSTED", `graph has ${nodes.length} nodes; the limit is ${MAX_GRAPH_NODES}`, { field: "params.graph.program.nodes", limit: MAX_GRAPH_NODES });
      }
      k.tenants.checkGatesPerJob(tenant, nodes.length);
    }
    const meta = (g as { metadata?: unknown }).metadata;
    if (meta !== undefined) {
      let bytes = Infinity;
      try {
        bytes = JSON.stringify(meta)?.length ?? 0;
      } catch {
        /* cyclic or odd values: refused below */
      }
      if (bytes > MAX_METADATA_BYTES) {
        throw new QmkError("RESOURCE_EXHAUSTED", `graph metadata is larger than ${MAX_METADATA_BYTES} bytes`, { field: "params.graph.metadata", limit: MAX_METADATA_BYTES });
      }
    }
  }
  k.tenants.checkFree(tenant, "concurrent_jobs", 1);
}

/**
 * OpenQASM text a q_submit may carry: parsing cannot be split into slices and
 * runs on the kernel's one thread (about 2 ms per KiB with the SLL parser), so
 * 64 KiB bounds the stall at about 100 ms.
 */
export const MAX_QASM_SUBMIT = 64 * 1024;

/** .qvm.asm text accepted (the parser's own cap). */
const MAX_ASM_TEXT = 4_000_000;

/**
 * Rights derived from the graph's opcodes (not its own `caps` claim), plus
 * CAP_ADMIN for multi-tenant graphs — by a linear scan, before verification.
 * Derived even from an invalid graph, so a caller without the rights learns
 * nothing more than INSUFFICIENT_CAPS. The handler re-derives them from the
 * verified graph and refuses any difference (fail closed).
 */
export function submitRights(_k: KernelCore, p: Params): readonly Right[] {
  const g = graphParam(p) as { program?: { nodes?: unknown } };
  const nodes = Array.isArray(g.program?.nodes) ? (g.program!.nodes as unknown[]) : [];
  const ops: string[] = [];
  let multiTenant = false;
  for (const n of nodes) {
    if (n === null || typeof n !== "object") continue;
    const { op, args } = n as { op?: unknown; args?: { tenant?: unknown; tenant_id?: unknown } };
    if (typeof op === "string") ops.push(op);
    if (args && typeof args === "object" && (args.tenant !== undefined || args.tenant_id !== undefined)) multiTenant = true;
  }
  return requiredRights(ops, multiTenant ? ["CAP_ADMIN"] : []);
}

function requireValid(v: ReturnType<typeof verifyGraph>): void {
  if (v.valid) return;
  const first = v.errors[0];
  const code = first?.code === "LINEARITY_VIOLATION" || first?.code === "FIREWALL_VIOLATION" ? first.code : "INVALID_GRAPH";
  throw new QmkError(code, first ? `${first.node ? `node ${first.node}: ` : ""}${first.message}` : "invalid graph", {
    ...(first?.node ? { node: first.node } : {}),
    ...(first?.field ? { field: first.field } : {}),
    errors: v.errors.slice(0, 50),
  });
}

/**
 * The rights the verified graph needs (plus CAP_ADMIN for a multi-tenant one)
 * against the session's: the fail-closed re-check of the rights stage's scan.
 */
function requireVerifiedRights(v: ReturnType<typeof verifyGraph>, ctx: CallContext): void {
  const derived = v.tenants.length > 0 ? [...v.requiredCaps, "CAP_ADMIN" as const] : v.requiredCaps;
  const missing = derived.filter((r) => !ctx.session.rights.has(r));
  if (missing.length) throw new QmkError("INSUFFICIENT_CAPS", `q_submit needs ${missing.join(", ")}`, { missing, field: "session_id" });
}

export function submit(k: KernelCore, ctx: CallContext, p: Params): unknown {
  const policy = optObj(p, "policy") ?? {};
  const shots = optInt(policy, "shots", 1, MAX_SHOTS) ?? 1;
  const explicitSeed = optInt(policy, "seed", 0, 0xffffffff);
  // Orders this tenant's own jobs only; the tenant's share is the operator's scheduler_weight.
  const priority = optInt(policy, "priority", 1, 100) ?? 1;
  if (nodeCount(graphParam(p)) > SYNC_VERIFY_NODES) return submitDeferred(k, ctx, p, { shots, explicitSeed, priority });
  const v = verifyParams(k, p);
  requireValid(v);
  const graph = v.graph as QvmGraph;
  requireVerifiedRights(v, ctx);
  k.tenants.checkGatesPerJob(ctx.tenant, graph.program.nodes.length);
  k.tenants.charge(ctx.tenant, "concurrent_jobs");
  const id = k.nextId("j");
  const job = createJob(k, {
    id,
    handle: k.issue("job", id, ctx),
    tenant: ctx.tenant,
    session: ctx.session,
    graph,
    shots,
    seed: explicitSeed ?? 0,
    entropy: k.entropy.forJob(explicitSeed),
    priority,
    params: paramBindings(p),
    multiTenant: v.tenants.length > 0,
    submittedAt: ctx.now,
  }, (j) => k.retainJob(j));
  k.jobs.set(id, job);
  ctx.audit.type = "job.submit";
  ctx.audit.details = { job: id, graph_hash: job.graphHash, shots, nodes: graph.program.nodes.length, rights: v.requiredCaps };
  return { job_id: job.handle, warnings: v.warnings };
}

/** q_submit of a large graph: accepted now, verified and hashed in the job's own slices. */
function submitDeferred(k: KernelCore, ctx: CallContext, p: Params, o: { shots: number; explicitSeed: number | undefined; priority: number }): unknown {
  const raw = graphParam(p) as QvmGraph;
  const nodes = nodeCount(raw);
  k.tenants.checkGatesPerJob(ctx.tenant, nodes);
  const verification = new GraphVerification(raw, verifyOptions(k, p));
  k.tenants.charge(ctx.tenant, "concurrent_jobs");
  const id = k.nextId("j");
  let job: JobRecord | undefined;
  job = createJob(
    k,
    {
      id,
      handle: k.issue("job", id, ctx),
      tenant: ctx.tenant,
      session: ctx.session,
      graph: raw,
      shots: o.shots,
      seed: o.explicitSeed ?? 0,
      entropy: k.entropy.forJob(o.explicitSeed),
      priority: o.priority,
      params: paramBindings(p),
      multiTenant: false,
      submittedAt: ctx.now,
    },
    (j) => k.retainJob(j),
    {
      verification,
      accept(v) {
        // the same checks, in the same order, as the synchronous path
        requireValid(v);
        requireVerifiedRights(v, ctx);
        job!.multiTenant = v.tenants.length > 0;
        return v.graph as QvmGraph;
      },
    },
  );
  k.jobs.set(id, job);
  ctx.audit.type = "job.submit";
  ctx.audit.details = { job: id, shots: o.shots, nodes, verification: "deferred" };
  return { job_id: job.handle, warnings: [], verification: "deferred" };
}

function jobOf(k: KernelCore, ctx: CallContext, p: Params): JobRecord {
  // an operator (CAP_ADMIN) may name any tenant's job by the id q_list_jobs shows
  if (ctx.session.rights.has("CAP_ADMIN") && typeof p.job_id === "string" && k.jobs.has(p.job_id)) return k.jobs.get(p.job_id)!;
  const c = k.own("job", p.job_id, ctx, "params.job_id");
  const j = k.jobs.get(c.id);
  if (!j) throw new QmkError("JOB_NOT_FOUND", "no such job", { field: "params.job_id" });
  return j;
}

export function statusView(j: JobRecord): Record<string, unknown> {
  const final = j.state === "completed" || j.state === "failed" || j.state === "cancelled";
  return {
    job_id: j.handle,
    state: j.state,
    shots: j.shots,
    shots_done: j.shotsDone,
    submitted_at: j.submittedAt,
    ...(j.startedAt ? { started_at: j.startedAt } : {}),
    ...(j.endedAt ? { ended_at: j.endedAt } : {}),
    ...(final ? { counts: j.counts, events: j.events, events_order: j.eventsOrder } : {}),
    ...(j.warnings.length ? { warnings: j.warnings } : {}),
    ...(j.error ? { error: j.error } : {}),
  };
}

export function status(k: KernelCore, ctx: CallContext, p: Params): unknown {
  return statusView(jobOf(k, ctx, p));
}

export async function wait(k: KernelCore, ctx: CallContext, p: Params): Promise<unknown> {
  const j = jobOf(k, ctx, p);
  const timeout = optInt(p, "timeout_ms", 0, 3_600_000) ?? 60_000;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<"timeout">((r) => (timer = setTimeout(() => r("timeout"), timeout)));
  const r = await Promise.race([j.done.then(() => "done" as const), timedOut]);
  clearTimeout(timer);
  if (r === "timeout") throw new QmkError("TIMEOUT", `job still ${j.state} after ${timeout} ms`, { field: "params.timeout_ms", state: j.state });
  return statusView(j);
}

export function cancel(k: KernelCore, ctx: CallContext, p: Params): unknown {
  const j = jobOf(k, ctx, p);
  if (j.state !== "queued" && j.state !== "running") throw new QmkError("ALREADY_COMPLETED", `job already ${j.state}`, { field: "params.job_id" });
  j.cancel("cancelled by its owner");
  return { job_id: j.handle, state: j.state };
}

export function attestation(k: KernelCore, ctx: CallContext, p: Params): unknown {
  const j = jobOf(k, ctx, p);
  if (!j.attestation) throw new QmkError("JOB_NOT_FOUND", `job is ${j.state}: attestation exists once it finishes`, { field: "params.job_id" });
  return j.attestation;
}

/**
 * The caller's own figures. Kernel-wide ones (scheduler totals, the audit
 * log's size) tell a tenant how busy the others are: CAP_ADMIN only.
 */
export function telemetry(k: KernelCore, ctx: CallContext): unknown {
  const mine = [...k.jobs.values()].filter((j) => j.tenant === ctx.tenant);
  const own = {
    tenant: ctx.tenant,
    usage: k.tenants.usageOf(ctx.tenant),
    quota: k.tenants.quotaOf(ctx.tenant),
    qubits_live: k.machine.qubitsOf(ctx.tenant).length,
    jobs: Object.fromEntries(["queued", "running", "completed", "failed", "cancelled"].map((s) => [s, mine.filter((j) => j.state === s).length])),
  };
  if (!ctx.session.rights.has("CAP_ADMIN")) return own;
  return { ...own, scheduler: { pending: k.scheduler.pending, slices: k.scheduler.slices }, audit_tree_size: k.audit.size, qubits_live_total: k.machine.liveCount };
}

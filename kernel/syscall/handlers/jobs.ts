// Jobs: q_submit (verify → rights from opcodes → quotas → enqueue),
// q_status, q_wait, q_cancel, q_get_telemetry, q_attestation.
import { QmkError } from "../../errors.js";
import { verifyGraph } from "../../qvm/verifier.js";
import { parseAsm } from "../../qvm/asm.js";
import type { QvmGraph } from "../../qvm/graph.js";
import { MAX_SHOTS } from "../../qvm/executor.js";
import { createJob, type JobRecord } from "../../jobs/jobs.js";
import type { Right } from "../../security/rights.js";
import type { KernelCore } from "../core.js";
import type { CallContext } from "../context.js";
import { optInt, optObj, type Params } from "../params.js";

/** Largest graph accepted before any verification work is done. */
export const MAX_GRAPH_NODES = 100_000;

function graphParam(p: Params): unknown {
  const g = p.graph;
  if (typeof g === "string") {
    // the upstream .qvm.asm text form
    return parseAsm(g);
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

function verifyParams(k: KernelCore, p: Params): ReturnType<typeof verifyGraph> {
  let v = verified.get(p);
  if (!v) {
    v = verifyGraph(graphParam(p), {
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
    });
    verified.set(p, v);
  }
  return v;
}

/**
 * Rights derived from the graph's opcodes (not its own `caps` claim), plus
 * CAP_ADMIN for multi-tenant graphs. Derived even from an invalid graph, so a
 * caller without the rights learns nothing more than INSUFFICIENT_CAPS.
 */
export function submitRights(k: KernelCore, p: Params): readonly Right[] {
  const v = verifyParams(k, p);
  return v.tenants.length > 0 ? [...v.requiredCaps, "CAP_ADMIN"] : v.requiredCaps;
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

export function submit(k: KernelCore, ctx: CallContext, p: Params): unknown {
  const v = verifyParams(k, p);
  requireValid(v);
  const graph = v.graph as QvmGraph;
  const policy = optObj(p, "policy") ?? {};
  const shots = optInt(policy, "shots", 1, MAX_SHOTS) ?? 1;
  const seed = optInt(policy, "seed", 0, 0xffffffff) ?? Math.floor(Math.random() * 0xffffffff);
  const priority = optInt(policy, "priority", 1, 100);
  k.tenants.checkGatesPerJob(ctx.tenant, graph.program.nodes.length);
  k.tenants.charge(ctx.tenant, "concurrent_jobs");
  if (priority !== undefined) k.scheduler.setWeight(ctx.tenant, priority);
  const id = k.nextId("j");
  const job = createJob(k, {
    id,
    handle: k.issue("job", id, ctx),
    tenant: ctx.tenant,
    session: ctx.session,
    graph,
    shots,
    seed,
    params: paramBindings(p),
    multiTenant: v.tenants.length > 0,
    submittedAt: ctx.now,
  });
  k.jobs.set(id, job);
  ctx.audit.type = "job.submit";
  ctx.audit.details = { job: id, graph_hash: job.graphHash, shots, nodes: graph.program.nodes.length, rights: v.requiredCaps };
  return { job_id: job.handle, warnings: v.warnings };
}

function jobOf(k: KernelCore, ctx: CallContext, p: Params): JobRecord {
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
    ...(final ? { counts: j.counts, events: j.events, events_order: j.graph.resources.events } : {}),
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

export function telemetry(k: KernelCore, ctx: CallContext): unknown {
  const mine = [...k.jobs.values()].filter((j) => j.tenant === ctx.tenant);
  return {
    tenant: ctx.tenant,
    usage: k.tenants.usageOf(ctx.tenant),
    quota: k.tenants.quotaOf(ctx.tenant),
    qubits_live: k.machine.qubitsOf(ctx.tenant).length,
    jobs: Object.fromEntries(["queued", "running", "completed", "failed", "cancelled"].map((s) => [s, mine.filter((j) => j.state === s).length])),
    scheduler: { pending: k.scheduler.pending, slices: k.scheduler.slices },
    audit_tree_size: k.audit.size,
  };
}

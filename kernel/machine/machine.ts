// A quantum machine: one simulator plus the kernel's books about its qubits
// (owner, typestate, entanglement components). The eager path has one
// shared machine; every job gets a private one, since a job's qubits never
// meet eager qubits. All operations enter through `operate`, which runs the
// mediator's last two checks — firewall, then linearity — as pure checks,
// executes, and only then commits their state changes. A refused operation
// therefore leaves no trace.
import { Simulator } from "../sim/index.js";
import { startHelper } from "../sim/workers.js";
import { QmkError } from "../errors.js";
import { LinearTracker, type LinearEffect } from "../security/linear.js";
import { EntanglementTracker, EntanglementFirewall, type ChannelAuthority } from "../security/firewall/index.js";
import { OPCODES, type OpcodeSpec } from "../qvm/opcodes.js";
import { execOpcode } from "./exec-op.js";
import { randomBytes } from "node:crypto";
import { drbgSource } from "../security/entropy.js";

export interface QubitRecord {
  /**
   * random, unique within this machine: handles carry it, so it must tell a
   * tenant nothing about how many qubits other tenants allocated
   */
  id: number;
  tenant: string;
  session: string;
  /** id inside this machine's simulator */
  simId: number;
  /** physical allocation this qubit was charged to (shared by one q_alloc) */
  alloc?: string;
}

export interface OperateRequest {
  actor: string;
  opcode: string;
  qubits: readonly number[];
  args: Record<string, unknown>;
  channel?: string;
  loans?: readonly string[];
  /** human labels for operands in error messages (e.g. the handle names of a graph) */
  labels?: readonly string[];
  /** the caller's own measurement randomness (its session's or its job shot's stream) */
  random?: () => number;
}

export interface OperateResult {
  outcomes: number[];
  /** channel consumed by this op, if any */
  channel: string | null;
  tenants: readonly string[];
}

/** A fresh random qubit id (48 bits: exact in a double, collisions checked). */
function randomQubitId(taken: ReadonlyMap<number, unknown>): number {
  for (;;) {
    const id = randomBytes(6).readUIntBE(0, 6);
    if (id !== 0 && !taken.has(id)) return id;
  }
}

export class QuantumMachine {
  readonly sim: Simulator;
  readonly linear = new LinearTracker();
  readonly tracker = new EntanglementTracker();
  readonly firewall: EntanglementFirewall;
  private readonly qubits = new Map<number, QubitRecord>();

  private readonly channels?: ChannelAuthority & { forgetQubit?(id: number): void };

  constructor(opts: { seed?: number; maxQubits: number; channels?: ChannelAuthority & { forgetQubit?(id: number): void }; clock?: () => number; precision?: "double" | "single" }) {
    this.sim = new Simulator({ seed: opts.seed ?? 0, maxQubits: opts.maxQubits, ...(opts.precision ? { precision: opts.precision } : {}) });
    this.maxQubits = opts.maxQubits;
    this.channels = opts.channels;
    this.firewall = new EntanglementFirewall(this.tracker, opts.channels, opts.clock);
    // The machine's own stream, for draws no caller owns (kernel-initiated frees). Every
    // operation sets the stream it draws from, so no draw ever comes from whichever
    // caller's stream happened to be set last (issue 12 §1).
    this.ownRandom = drbgSource(randomBytes(32));
  }

  private readonly ownRandom: () => number;

  readonly maxQubits: number;

  get liveCount(): number {
    return this.qubits.size;
  }

  record(id: number): QubitRecord | undefined {
    return this.qubits.get(id);
  }

  /** Live qubits of a tenant on this machine. */
  countOf(tenant: string): number {
    return this.tracker.countOf(tenant);
  }

  qubitsOf(tenant: string): QubitRecord[] {
    return [...this.qubits.values()].filter((q) => q.tenant === tenant);
  }

  allocate(tenant: string, session: string, n: number, alloc?: string): QubitRecord[] {
    if (this.qubits.size + n > this.maxQubits) {
      // How much of the machine others hold is theirs to know: the refusal names only the request.
      throw new QmkError("RESOURCE_EXHAUSTED", `the simulator cannot hold ${n} more qubit(s) now`, { field: "n", requested: n });
    }
    const simIds = this.sim.allocate(n);
    return simIds.map((simId) => {
      const rec: QubitRecord = { id: randomQubitId(this.qubits), tenant, session, simId, ...(alloc ? { alloc } : {}) };
      this.qubits.set(rec.id, rec);
      this.linear.add(rec.id);
      this.tracker.add(rec.id, tenant);
      return rec;
    });
  }

  /** Firewall + linearity as pure checks, then execute, then commit. */
  operate(req: OperateRequest): OperateResult {
    const spec: OpcodeSpec | undefined = OPCODES[req.opcode];
    if (!spec) throw new QmkError("INVALID_PARAMS", `unknown opcode ${req.opcode}`, { field: "op" });
    const effect = linearEffect(spec);
    // Linearity first for operands that are gone: the firewall only knows live qubits.
    this.linear.check(req.qubits, effect, req.opcode, req.labels);
    const decision = this.firewall.check({
      op: req.opcode,
      qubits: req.qubits,
      actor: req.actor,
      ...(req.channel !== undefined ? { channel: req.channel } : {}),
      ...(req.loans?.length ? { loans: req.loans } : {}),
    });
    const simIds: number[] = [];
    for (const id of req.qubits) simIds.push(this.qubits.get(id)!.simId);
    this.sim.setRandom(req.random ?? this.ownRandom);
    const outcomes = execOpcode(this.sim, req.opcode, simIds, req.args);
    this.firewall.commit(decision);
    this.linear.commit(req.qubits, effect);
    if (effect === "consume" || effect === "revive") {
      // A loan consented to the state the qubit had; measured or reset, that state is gone.
      if (this.channels?.forgetQubit) for (const id of req.qubits) this.channels.forgetQubit(id);
      // After a reset the qubit's past (and whose qubits it met) no longer shows in its state.
      if (effect === "revive") for (const id of req.qubits) this.tracker.clearHistory(id);
    }
    return { outcomes, channel: decision.channel, tenants: decision.tenants };
  }

  /** Release qubits (live or measured); their state is discarded and the state vector shrinks. */
  free(actor: string, ids: readonly number[], labels?: readonly string[], random?: () => number): QubitRecord[] {
    this.linear.check(ids, "free", "FREE_LQ", labels);
    const recs = ids.map((id, i) => {
      const r = this.qubits.get(id)!;
      if (r.tenant !== actor) {
        throw new QmkError("ACCESS_DENIED", "qubit belongs to another tenant", { field: `vqs[${i}]` });
      }
      return r;
    });
    // freeing measures the qubits out: the caller's stream, as for any measurement
    this.sim.setRandom(random ?? this.ownRandom);
    this.sim.release(recs.map((r) => r.simId));
    this.linear.commit(ids, "free");
    for (const r of recs) {
      this.tracker.remove(r.id);
      this.qubits.delete(r.id);
    }
    return recs;
  }

  /**
   * Drops every qubit and the whole state at once, measuring nothing: for a
   * private machine whose job is finished (or whose shot left only its own
   * qubits). Same books as forceFree, without the measure-out and the copies
   * of a shrinking state.
   */
  discard(): QubitRecord[] {
    const recs = [...this.qubits.values()];
    this.sim.dispose();
    this.linear.commit(recs.map((r) => r.id), "free");
    for (const r of recs) {
      this.tracker.remove(r.id);
      this.qubits.delete(r.id);
    }
    return recs;
  }

  /** Kernel-initiated release (tenant deletion, end of a job shot): no ownership check. */
  forceFree(ids: readonly number[]): QubitRecord[] {
    const recs = ids.map((id) => this.qubits.get(id)).filter((r): r is QubitRecord => r !== undefined);
    if (recs.length === 0) return [];
    this.sim.setRandom(this.ownRandom);
    this.sim.release(recs.map((r) => r.simId));
    this.linear.commit(recs.map((r) => r.id), "free");
    for (const r of recs) {
      this.tracker.remove(r.id);
      this.qubits.delete(r.id);
    }
    return recs;
  }
}

export function linearEffect(spec: OpcodeSpec): LinearEffect {
  switch (spec.effect) {
    case "consume":
      return "consume";
    case "revive":
      return "revive";
    case "free":
      return "free";
    case "classical":
      return "classical";
    default:
      return "gate";
  }
}

/**
 * Starts the simulator's helper thread now, in the background (a server at
 * start-up), so no tenant's first large state pays for the boot.
 */
export function bootSimulatorThreads(): void {
  startHelper();
}

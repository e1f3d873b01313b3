// A small stand-in kernel for DSL tests that must not depend on the real
// one (kernel/index.ts): tokens are "tok:<tenant>", state lives in
// kernel/sim. It records every call so tests can see what the DSL sent.
//
// Its methods are typed by the kernel's method table (`Handlers`): each
// answers with the real kernel's result shape, so this double cannot drift
// from the kernel (it once answered `tenant_id` where the kernel says
// `tenant`; that no longer compiles).
import { Simulator } from "../../kernel/sim/index.js";
import { QmkError } from "../../kernel/errors.js";
import type { Transport } from "../../dsl/index.js";
import { HandlerTransport } from "../../dsl/transport/handlers.js";
import type { Handlers, MethodName, ParamsOf, Reply } from "../../dsl/transport/types.js";

const NO_QUOTA = {};

export class FakeKernel implements Transport {
  readonly kind = "custom" as const;
  readonly adminToken = "tok:admin";
  readonly calls: { method: string; params: Record<string, unknown> }[] = [];
  readonly sim: Simulator;
  private sessions = new Map<string, string>();
  private owner = new Map<string, string>(); // vq → tenant
  private n = 0;
  private requests = new Map<string, { from: string; to: string }>();
  private channels = new Map<string, { a: string; b: string }>();
  private loans = new Map<string, string>(); // loan → vq
  private readonly door: HandlerTransport;

  constructor(seed = 7, private readonly hasSync = true) {
    this.sim = new Simulator({ seed });
    this.door = new HandlerTransport(this.handlers(), { adminToken: this.adminToken });
  }

  get callSync(): Transport["callSync"] {
    return this.hasSync ? <M extends MethodName, P extends ParamsOf<M>>(m: M, p: P) => this.record(m, p, () => this.door.dispatch(m, p)) : undefined;
  }

  async call<M extends MethodName, P extends ParamsOf<M>>(method: M, params: P): Promise<Reply<M, P>> {
    await new Promise((r) => setTimeout(r, 1));
    return this.record(method, params, () => this.door.dispatch(method, params));
  }

  /** The untyped entry a JSON-RPC server hands its requests to (test/dsl/transport.test.ts). */
  dispatch(method: string, params: Record<string, unknown>): unknown {
    return this.record(method, params, () => this.door.dispatch(method as MethodName, params as never));
  }

  private record<R>(method: string, params: unknown, run: () => R): R {
    this.calls.push({ method, params: params as Record<string, unknown> });
    return run();
  }

  private tenantOf(p: { session_id?: unknown }): string {
    const t = this.sessions.get(String(p.session_id));
    if (!t) throw new QmkError("AUTH_FAILED", "no session");
    return t;
  }

  private id(vq: unknown, tenant: string, channel?: unknown): number {
    const s = String(vq);
    if (this.loans.has(s)) {
      if (!channel || !this.channels.has(String(channel))) throw new QmkError("CHANNEL_UNAUTHORIZED", "loan without channel");
      const v = this.loans.get(s)!;
      this.loans.delete(s);
      return Number(v.slice(2));
    }
    if (this.owner.get(s) !== tenant) throw new QmkError("INVALID_HANDLE", `not your handle ${s}`);
    return Number(s.slice(2));
  }

  private handlers(): Handlers {
    return {
      q_negotiate_caps: (p) => {
        const tenant = String(p.token).replace(/^tok:/, "");
        const sid = `s${this.n++}`;
        this.sessions.set(sid, tenant);
        return { session_id: sid, tenant, granted: [], denied: [], quota: NO_QUOTA, expires_at: Number.MAX_SAFE_INTEGER };
      },
      q_create_tenant: (p) => ({ tenant_id: p.name, token: `tok:${p.name}`, quota: NO_QUOTA }),
      q_list_tenants: () => ({ tenants: [] }),
      q_alloc: (p) => {
        const t = this.tenantOf(p);
        const ids = this.sim.allocate(Number(p.n));
        const vqs = ids.map((i) => `vq${i}`);
        for (const v of vqs) this.owner.set(v, t);
        return { vqs, profile: String(p.profile ?? "logical:Surface(d=3)"), physical_qubits: vqs.length };
      },
      q_apply: (p) => {
        const t = this.tenantOf(p);
        const ids = (p.vqs as unknown[]).map((v) => this.id(v, t, p.channel));
        const op = String(p.op).toUpperCase().replace(/^APPLY_/, "");
        const args = (p.args ?? {}) as Record<string, number>;
        if (op === "MEASURE_BELL") {
          const i = this.sim.measureBell(ids[0], ids[1]);
          return { outcomes: [(i >> 1) & 1, i & 1] as Array<0 | 1> }; // [xParity, zParity]
        }
        if (op === "INJECT_T_STATE") {
          this.sim.gate("H", ids);
          this.sim.gate("T", ids);
          return {};
        }
        const g = op === "TELEPORT_CNOT" ? "CNOT" : op;
        const params = g === "U" ? [args.theta, args.phi, args.lambda] : args.theta !== undefined ? [args.theta] : [];
        this.sim.gate(g as any, ids, params);
        return {};
      },
      q_measure: (p) => {
        const t = this.tenantOf(p);
        const id = this.id(p.vq, t);
        const basis = p.basis === "ANGLE" ? { angle: Number(p.angle) } : (p.basis as "Z");
        return { outcome: this.sim.measure(id, basis) };
      },
      q_reset: (p) => {
        const t = this.tenantOf(p);
        this.sim.reset(this.id(p.vq, t));
        return {};
      },
      q_release: (p) => {
        const t = this.tenantOf(p);
        const ids = (p.vqs as unknown[]).map((v) => this.id(v, t));
        this.sim.release(ids);
        return { released: ids.length };
      },
      q_request_channel: (p) => {
        const r = `req${this.n++}`;
        this.requests.set(r, { from: this.tenantOf(p), to: String(p.peer) });
        this.channels.set(`${r}:from`, { a: "", b: "" });
        return { request_id: r, channel: `${r}:from` };
      },
      q_approve_channel: (p) => {
        const r = this.requests.get(String(p.request_id));
        if (!r || r.to !== this.tenantOf(p)) throw new QmkError("CHANNEL_UNAUTHORIZED", "not your request");
        const ch = `${p.request_id}:to`;
        this.channels.set(ch, { a: r.from, b: r.to });
        const status = { id: String(p.request_id), from: r.from, to: r.to, state: "active", maxUses: 1, used: 0, remaining: 1, expiresAt: null, createdAt: 0, approvedAt: 0, revokedBy: null, signed: true };
        return { channel: ch, status };
      },
      q_lend_qubit: (p) => {
        const t = this.tenantOf(p);
        this.id(p.vq, t);
        const l = `loan${this.n++}`;
        this.loans.set(l, String(p.vq));
        return { loan: l };
      },
    };
  }
}

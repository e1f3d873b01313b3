// A small stand-in kernel for DSL tests that must not depend on the real
// one (kernel/index.ts): tokens are "tok:<tenant>", state lives in
// kernel/sim. It records every call so tests can see what the DSL sent.
import { Simulator } from "../../kernel/sim/index.js";
import { QmkError } from "../../kernel/errors.js";
import type { Transport } from "../../dsl/index.js";

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

  constructor(seed = 7, private readonly hasSync = true) {
    this.sim = new Simulator({ seed });
  }

  get callSync(): ((m: string, p: Record<string, unknown>) => any) | undefined {
    return this.hasSync ? (m, p) => this.dispatch(m, p) : undefined;
  }

  async call(method: string, params: Record<string, unknown>): Promise<any> {
    await new Promise((r) => setTimeout(r, 1));
    return this.dispatch(method, params);
  }

  private tenantOf(p: Record<string, unknown>): string {
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

  dispatch(method: string, p: Record<string, unknown>): any {
    this.calls.push({ method, params: p });
    switch (method) {
      case "q_negotiate_caps": {
        const tenant = String(p.token).replace(/^tok:/, "");
        const sid = `s${this.n++}`;
        this.sessions.set(sid, tenant);
        return { session_id: sid, tenant_id: tenant };
      }
      case "q_create_tenant":
        return { tenant_id: p.name, token: `tok:${p.name}` };
      case "q_alloc": {
        const t = this.tenantOf(p);
        const ids = this.sim.allocate(Number(p.n));
        const vqs = ids.map((i) => `vq${i}`);
        for (const v of vqs) this.owner.set(v, t);
        return { vqs };
      }
      case "q_apply": {
        const t = this.tenantOf(p);
        const ids = (p.vqs as unknown[]).map((v) => this.id(v, t, p.channel));
        const op = String(p.op).toUpperCase().replace(/^APPLY_/, "");
        const args = (p.args ?? {}) as Record<string, number>;
        if (op === "MEASURE_BELL") {
          const i = this.sim.measureBell(ids[0], ids[1]);
          return { outcomes: [(i >> 1) & 1, i & 1] }; // [xParity, zParity]
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
      }
      case "q_measure": {
        const t = this.tenantOf(p);
        const id = this.id(p.vq, t);
        const basis = p.basis === "ANGLE" ? { angle: Number(p.angle) } : (p.basis as "Z");
        return { outcome: this.sim.measure(id, basis) };
      }
      case "q_reset": {
        const t = this.tenantOf(p);
        this.sim.reset(this.id(p.vq, t));
        return {};
      }
      case "q_release": {
        const t = this.tenantOf(p);
        this.sim.release((p.vqs as unknown[]).map((v) => this.id(v, t)));
        return {};
      }
      case "q_request_channel": {
        const r = `req${this.n++}`;
        this.requests.set(r, { from: this.tenantOf(p), to: String(p.peer) });
        this.channels.set(`${r}:from`, { a: "", b: "" });
        return { request_id: r, channel: `${r}:from` };
      }
      case "q_approve_channel": {
        const r = this.requests.get(String(p.request_id));
        if (!r || r.to !== this.tenantOf(p)) throw new QmkError("CHANNEL_UNAUTHORIZED", "not your request");
        const ch = `${p.request_id}:to`;
        this.channels.set(ch, { a: r.from, b: r.to });
        return { channel: ch };
      }
      case "q_lend_qubit": {
        const t = this.tenantOf(p);
        this.id(p.vq, t);
        const l = `loan${this.n++}`;
        this.loans.set(l, String(p.vq));
        return { loan: l };
      }
      default:
        throw new QmkError("METHOD_NOT_FOUND", method);
    }
  }
}

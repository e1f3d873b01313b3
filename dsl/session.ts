// Eager sessions: each DSL operation becomes a q_* call on the kernel.
//
// Two execution disciplines (see docs in dsl/README.md):
//  - synchronous — the transport has `callSync` (embedded kernel): every op
//    runs immediately, errors throw at the call site, and `q.outcome` is
//    available right after `measure(q)`.
//  - queued — a remote transport (`qmk.connect`): ops are queued in program
//    order and sent one after the other; `await session.sync()` waits for
//    them and throws the first error. Reading an outcome before `sync()`
//    throws a clear error (it is not known yet).
import { QmkError } from "./errors.js";
import { evalAngle } from "./angles.js";
import { BitImpl, LoanImpl, QubitImpl, checkState, asQubit, pendingGuards, type Backend, type ChannelLike, type Operand } from "./runtime.js";
import type { MethodName, ParamsOf, Reply, Transport } from "./transport/types.js";

/** Params of a method as a session's caller writes them: the session adds its own `session_id`. */
export type SessionParams<M extends MethodName> = Omit<ParamsOf<M>, "session_id">;
import type {
  Angle,
  Basis,
  Channel,
  ChannelRequest,
  LiteralTenant,
  Live,
  Loan,
  Qubit,
  Right,
  Tuple,
} from "./types.js";

export const DEFAULT_PROFILE = "logical:Surface(d=3)";

/** A fixed-size group of qubits: a tuple (typed indexing: `reg[5]` on a size-3 register is a compile error; `reg.length` is N). */
export type Register<T extends string, N extends number> = Tuple<Qubit<T>, N>;

/** What both an eager session and a capture builder offer a program. */
export interface QubitSource<T extends string> {
  readonly tenant: T;
  readonly mode: "eager" | "capture";
  /** one fresh qubit in |0⟩ */
  qubit(profile?: string): Qubit<T>;
  /** n fresh qubits (a tuple when n is a literal) */
  alloc<N extends number>(n: N, profile?: string): Tuple<Qubit<T>, N>;
  /** a register: n fresh qubits with a `size` */
  register<N extends number>(n: N, profile?: string): Register<T, N>;
}

export interface ChannelOptions {
  maxUses?: number;
  /** absolute expiry, ms since epoch */
  expiresAt?: number;
}

function makeTuple<T>(items: T[], size: number): T[] & { size: number } {
  const arr = items as T[] & { size: number };
  Object.defineProperty(arr, "size", { value: size, enumerable: false });
  return arr;
}

interface Guard {
  bit: BitImpl;
  equals: 0 | 1;
}

class ChannelImpl implements ChannelLike {
  revoked = false;
  constructor(
    /** the approver's session (revoke/status go through it) */
    readonly session: EagerSession<string>,
    readonly from: string,
    readonly to: string,
    readonly id: string,
    private readonly handles: Record<string, string>,
    /** the kernel's channel id (from the approval's status) */
    readonly kernelId?: string,
  ) {}
  handleFor(tenant: string): string {
    const h = this.handles[tenant];
    if (h === undefined) throw new QmkError("CHANNEL_UNAUTHORIZED", `channel ${this.from}→${this.to} does not involve "${tenant}"`, { field: "channel" });
    return h;
  }
  async revoke(): Promise<void> {
    await this.session.sync();
    await this.session.transport.call("q_revoke_channel", { session_id: this.session.sessionId, channel: this.handleFor(this.to) });
    this.revoked = true;
  }
  async status(): Promise<unknown> {
    return this.session.transport.call("q_chan_status", { session_id: this.session.sessionId, channel: this.handleFor(this.to) });
  }
  toString(): string {
    return `Channel<${JSON.stringify(this.from)}, ${JSON.stringify(this.to)}>(${this.id.slice(0, 12)}…)`;
  }
}

export class EagerSession<T extends string> implements Backend, Session<T> {
  readonly mode = "eager" as const;
  private queue: Promise<void> = Promise.resolve();
  private asyncError: unknown = undefined;
  private nQubits = 0;
  private nEvents = 0;
  /** Parameter bindings used to evaluate angle expressions in eager ops. */
  params: Record<string, number> = {};

  constructor(
    readonly transport: Transport,
    readonly sessionId: string,
    readonly tenant: T,
    /** kernel tenant id (what peers name in channel requests) */
    readonly tenantId: string,
    readonly token: string,
    private readonly forceQueued = false,
  ) {}

  /** true when ops run synchronously (embedded kernel) */
  get synchronous(): boolean {
    return !this.forceQueued && typeof this.transport.callSync === "function";
  }

  /* ---- execution ---- */

  private exec<M extends MethodName, P extends ParamsOf<M>>(
    method: M,
    params: () => P,
    onResult?: (r: Reply<M, P>) => void,
    waitFor: Promise<unknown>[] = [],
  ): Promise<void> | undefined {
    const guards: Guard[] = pendingGuards.slice();
    if (this.synchronous) {
      if (guards.length > 0) {
        throw new QmkError(
          "INVALID_PARAMS",
          "this operation is conditioned on an outcome a queued session has not reported yet: `await session.sync()` on that session first",
          { field: "condition" },
        );
      }
      const r = this.transport.callSync!(method, params());
      onResult?.(r);
      return undefined;
    }
    // a condition measured by another (queued) session: wait for its queue as it is now
    const foreign = this.foreignWaits(guards.map((g) => g.bit));
    return (this.queue = this.queue.then(async () => {
      if (this.asyncError !== undefined) return;
      try {
        await Promise.all(foreign);
        if (!guards.every((g) => g.bit._value === g.equals)) return;
        await Promise.all(waitFor);
        const r = await this.transport.call(method, params());
        onResult?.(r);
      } catch (e) {
        this.asyncError = e;
      }
    }));
  }

  private foreignWaits(bits: BitImpl[]): Promise<unknown>[] {
    const out: Promise<unknown>[] = [];
    for (const b of bits) {
      if (b.known || b.backend === (this as Backend)) continue;
      const other = b.backend as EagerSession<string>;
      if (other.mode !== "eager") {
        throw new QmkError("INVALID_PARAMS", "a captured measurement cannot condition an eager operation", { field: "condition" });
      }
      out.push(other.queue.then(() => undefined, () => undefined));
    }
    return out;
  }

  /** Makes this session's later queued ops wait for `p` (a peer's op on a qubit this session lent). */
  _after(p: Promise<unknown>): void {
    this.queue = this.queue.then(() => p.then(() => undefined, () => undefined));
  }

  /** Waits for queued operations; throws the first error any of them raised. No-op when synchronous. */
  async sync(): Promise<void> {
    await this.queue;
    if (this.asyncError !== undefined) {
      const e = this.asyncError;
      this.asyncError = undefined;
      throw e;
    }
  }

  /** Raw q_* call with this session's id (after the queue drains), typed by the method table. */
  async call<M extends MethodName, P extends SessionParams<M>>(method: M, params?: P): Promise<Reply<M, P & { session_id: string }>> {
    await this.sync();
    const full = { ...params, session_id: this.sessionId } as P & { session_id: string } & ParamsOf<M>;
    return this.transport.call(method, full);
  }

  private pendingMessage(label: string): () => string {
    return () =>
      this.synchronous
        ? `outcome of ${label} is not available (the measurement did not run)`
        : `outcome of ${label} is not known yet: this session talks to a remote kernel, so operations are queued — \`await session.sync()\` before reading outcomes`;
  }

  private angle(a: Angle, field: string): number {
    return evalAngle(a, this.params, field);
  }

  private noConsumeInGuard(fn: string): void {
    if (pendingGuards.length > 0) {
      throw new QmkError(
        "INVALID_PARAMS",
        `${fn} inside ifOne/ifZero is not supported on a queued (remote) session: its effect on the qubit's state would depend on an outcome not known yet`,
        { field: "condition" },
      );
    }
  }

  /* ---- Backend ---- */

  allocate(n: number, profile = DEFAULT_PROFILE): QubitImpl[] {
    if (!Number.isInteger(n) || n < 1) throw new QmkError("INVALID_PARAMS", "alloc: n must be a positive integer", { field: "n" });
    this.noConsumeInGuard("alloc");
    const qs = Array.from({ length: n }, () => new QubitImpl(this, `q${this.nQubits++}`));
    this.exec(
      "q_alloc",
      () => ({ session_id: this.sessionId, n, profile }),
      (r) => {
        qs.forEach((q, i) => (q.vq = r.vqs[i]));
      },
    );
    return qs;
  }

  apply(op: string, operands: Operand[], args: Record<string, Angle>, channel?: ChannelLike): void {
    const numeric: Record<string, number> = {};
    for (const [k, v] of Object.entries(args)) numeric[k] = this.angle(v, `args.${k}`);
    const loans = operands.filter((o): o is LoanImpl => o instanceof LoanImpl);
    const done = this.exec(
      "q_apply",
      () => ({
        session_id: this.sessionId,
        op,
        vqs: operands.map((o) => (o instanceof LoanImpl ? o.handle : o.vq)),
        ...(Object.keys(numeric).length ? { args: numeric } : {}),
        ...(channel ? { channel: channel.handleFor(this.tenant) } : {}),
      }),
      undefined,
      loans.map((l) => l.ready),
    );
    // program order across sessions: the lender's later ops wait for this one
    if (done) for (const l of loans) (l.qubit.backend as EagerSession<string>)._after?.(done);
  }

  measure(q: QubitImpl, basis: Basis): BitImpl {
    this.noConsumeInGuard("measure");
    const bit = new BitImpl(this, `m${this.nEvents++}`, this.pendingMessage(q.label));
    const b = typeof basis === "object" ? { basis: "ANGLE", angle: this.angle(basis.angle, "angle") } : { basis };
    this.exec("q_measure", () => ({ session_id: this.sessionId, vq: q.vq, ...b }), (r) => (bit._value = r.outcome));
    return bit;
  }

  measureBell(a: QubitImpl, b: QubitImpl, channel?: ChannelLike): [BitImpl, BitImpl] {
    this.noConsumeInGuard("measureBell");
    const ba = new BitImpl(this, `m${this.nEvents++}`, this.pendingMessage(a.label));
    const bb = new BitImpl(this, `m${this.nEvents++}`, this.pendingMessage(b.label));
    this.exec(
      "q_apply",
      () => ({
        session_id: this.sessionId,
        op: "MEASURE_BELL",
        vqs: [a.vq, b.vq],
        ...(channel ? { channel: channel.handleFor(this.tenant) } : {}),
      }),
      (r) => {
        const o = r.outcomes ?? [];
        ba._value = o[0];
        bb._value = o[1];
      },
    );
    return [ba, bb];
  }

  reset(q: QubitImpl): void {
    this.noConsumeInGuard("reset");
    this.exec("q_reset", () => ({ session_id: this.sessionId, vq: q.vq, vqs: [q.vq] }));
  }

  free(qs: QubitImpl[]): void {
    this.noConsumeInGuard("free");
    this.exec("q_release", () => ({ session_id: this.sessionId, vqs: qs.map((q) => q.vq) }));
  }

  cond(bit: BitImpl, equals: 0 | 1, fn: () => void): void {
    if (bit.backend.mode !== "eager") {
      throw new QmkError("INVALID_PARAMS", "a captured measurement cannot condition an eager operation", { field: "condition" });
    }
    if (bit.known || (this.synchronous && (bit.backend as EagerSession<string>).synchronous)) {
      if (bit.value === equals) fn();
      return;
    }
    pendingGuards.push({ bit, equals });
    try {
      fn();
    } finally {
      pendingGuards.pop();
    }
  }

  condPauli(q: QubitImpl, mask: string, bits: BitImpl[]): void {
    this.exec(
      "q_apply",
      () => ({
        session_id: this.sessionId,
        op: "COND_PAULI",
        vqs: [q.vq],
        args: { mask, fire: bits.reduce((p, b) => p ^ b.value, 0) === 1 },
      }),
      undefined,
      this.synchronous ? [] : this.foreignWaits(bits),
    );
  }

  marker(): void {
    /* epochs and regions are graph-level hints; nothing to do eagerly */
  }

  /* ---- QubitSource ---- */

  qubit(profile?: string): Qubit<T> {
    return this.allocate(1, profile)[0] as unknown as Qubit<T>;
  }
  alloc<N extends number>(n: N, profile?: string): Tuple<Qubit<T>, N> {
    return makeTuple(this.allocate(n, profile), n) as unknown as Tuple<Qubit<T>, N>;
  }
  register<N extends number>(n: N, profile?: string): Register<T, N> {
    return makeTuple(this.allocate(n, profile), n) as unknown as Register<T, N>;
  }

  /* ---- channels ---- */

  /** Asks `peer` for a channel (q_request_channel). The peer approves with `peer.approve(req)`. */
  async requestChannel<B extends string>(
    peer: SessionLike<B> | LiteralTenant<B>,
    opts: ChannelOptions = {},
  ): Promise<ChannelRequest<T, B>> {
    await this.sync();
    const peerName = (typeof peer === "string" ? peer : (peer as SessionLike<B>).tenant) as B;
    const peerId = typeof peer === "string" ? peer : (peer as SessionLike<B>).tenantId;
    const maxUses = opts.maxUses ?? 1;
    const r = await this.transport.call("q_request_channel", {
      session_id: this.sessionId,
      peer: peerId,
      max_uses: maxUses,
      ...(opts.expiresAt !== undefined ? { expires_at: opts.expiresAt } : {}),
    });
    return { from: this.tenant, to: peerName, requestId: r.request_id, maxUses, requesterChannel: r.channel };
  }

  /** Approves a request addressed to this tenant: a `Channel<A, T>` both tenants signed. */
  async approve<A extends string>(req: ChannelRequest<A, T>): Promise<Channel<A, T>> {
    if (req.to !== this.tenant) {
      throw new QmkError("CHANNEL_UNAUTHORIZED", `request is addressed to "${req.to}", not "${this.tenant}"`, { field: "request_id" });
    }
    await this.sync();
    const r = await this.transport.call("q_approve_channel", { session_id: this.sessionId, request_id: req.requestId, approve: true });
    const mine = r.channel;
    const kernelId = r.status.id;
    return new ChannelImpl(
      this as EagerSession<string>,
      req.from,
      req.to,
      req.requestId,
      { [req.from]: req.requesterChannel, [req.to]: mine },
      kernelId,
    ) as unknown as Channel<A, T>;
  }

  /** Rejects a channel request. */
  async reject<A extends string>(req: ChannelRequest<A, T>): Promise<void> {
    await this.sync();
    await this.transport.call("q_approve_channel", { session_id: this.sessionId, request_id: req.requestId, approve: false });
  }

  /**
   * Lends one of this tenant's live qubits to a channel for ONE operation
   * (q_lend_qubit): the returned `Loan<T>` is the cross-tenant operand the
   * peer passes to `cx(own, loan, ch)`.
   */
  lend<P extends string>(q: Live<T>, ch: Channel<P, T> | Channel<T, P>): Loan<T> {
    const qi = asQubit(q, "lend");
    checkState(qi, "gate", "lend");
    this.noConsumeInGuard("lend");
    if (qi.backend !== (this as Backend)) throw new QmkError("ACCESS_DENIED", "lend: not this session's qubit", { field: "vq" });
    const chi = ch as unknown as ChannelLike;
    if (!chi || typeof chi.id !== "string") throw new QmkError("INVALID_PARAMS", "lend: expected a Channel", { field: "channel" });
    if (chi.from !== this.tenant && chi.to !== this.tenant) {
      throw new QmkError("CHANNEL_UNAUTHORIZED", `lend: channel ${chi.from}→${chi.to} does not involve "${this.tenant}"`, { field: "channel" });
    }
    if (this.synchronous) {
      const r = this.transport.callSync!("q_lend_qubit", { session_id: this.sessionId, channel: chi.handleFor(this.tenant), vq: qi.vq });
      return new LoanImpl(this.tenant, chi, qi, r.loan) as unknown as Loan<T>;
    }
    let resolve!: (h: string) => void;
    let reject!: (e: unknown) => void;
    const ready = new Promise<string>((res, rej) => ((resolve = res), (reject = rej)));
    this.queue = this.queue.then(async () => {
      try {
        const r = await this.transport.call("q_lend_qubit", { session_id: this.sessionId, channel: chi.handleFor(this.tenant), vq: qi.vq });
        resolve(r.loan);
      } catch (e) {
        reject(e);
        this.asyncError ??= e;
      }
    });
    return new LoanImpl(this.tenant, chi, qi, ready) as unknown as Loan<T>;
  }

  /** Entanglement components touching this tenant (q_components). */
  async components(): Promise<EntanglementComponents> {
    const r = await this.call("q_components");
    return { components: r.components.map((c) => ({ size: c.size, tenants: c.tenants, own: c.own, foreign: c.foreign })) };
  }

  /**
   * State of some of this tenant's live qubits (q_amplitudes) — only when
   * they are not entangled with anything outside the set. Bit k of an
   * index is qubit k of `qs`. Plain data, for notebook display.
   */
  async amplitudes(qs: readonly Qubit<T>[]): Promise<Amplitudes> {
    const list = qs.map((q) => asQubit(q, "amplitudes"));
    for (const q of list) checkState(q, "gate", "amplitudes");
    await this.sync();
    const r = await this.transport.call("q_amplitudes", { session_id: this.sessionId, vqs: list.map((q) => q.vq) });
    return { qubits: list.map((q) => q.label), re: r.re, im: r.im, probabilities: r.probabilities };
  }

  toString(): string {
    return `Session<${JSON.stringify(this.tenant)}>(${this.synchronous ? "sync" : "queued"})`;
  }
}

/** One entanglement component touching the caller (an entry of q_components). */
export interface EntanglementComponent {
  /** number of live qubits in the component (all tenants) */
  readonly size: number;
  /** tenants whose qubits it holds; more than one ⇒ cross-tenant (what the firewall polices) */
  readonly tenants: readonly string[];
  /** the caller's qubits in it, as kernel vq handles (freshly issued: not necessarily the strings the DSL holds) */
  readonly own: readonly string[];
  /** how many qubits of other tenants it holds (never their handles) */
  readonly foreign: number;
}

/** What `session.components()` returns (q_components). */
export interface EntanglementComponents {
  readonly components: readonly EntanglementComponent[];
}

/** Amplitudes of a set of qubits; bit k of an index is `qubits[k]`. */
export interface Amplitudes {
  readonly qubits: string[];
  readonly re: number[];
  readonly im: number[];
  readonly probabilities: number[];
}

/** Minimal view of a session, for channel peers. */
export interface SessionLike<T extends string> {
  readonly tenant: T;
  readonly tenantId: string;
}

/** The public type of an eager tenant session. */
export interface Session<T extends string>
  extends QubitSource<T>,
    SessionLike<T> {
  readonly mode: "eager";
  readonly sessionId: string;
  readonly token: string;
  readonly synchronous: boolean;
  params: Record<string, number>;
  sync(): Promise<void>;
  call<M extends MethodName, P extends SessionParams<M>>(method: M, params?: P): Promise<Reply<M, P & { session_id: string }>>;
  requestChannel<B extends string>(peer: SessionLike<B> | LiteralTenant<B>, opts?: ChannelOptions): Promise<ChannelRequest<T, B>>;
  approve<A extends string>(req: ChannelRequest<A, T>): Promise<Channel<A, T>>;
  reject<A extends string>(req: ChannelRequest<A, T>): Promise<void>;
  lend<P extends string>(q: Live<T>, ch: Channel<P, T> | Channel<T, P>): Loan<T>;
  components(): Promise<EntanglementComponents>;
  amplitudes(qs: readonly Qubit<T>[]): Promise<Amplitudes>;
}


export interface TenantOptions {
  rights?: Right[];
  quota?: Record<string, number>;
}

/** Where a connection remembers the tokens of tenants it created (embedded kernels: a 0600 file in the data dir). */
export interface TokenStore {
  get(tenant: string): { token: string; tenantId: string } | undefined;
  set(tenant: string, entry: { token: string; tenantId: string }): void;
}

export const DEFAULT_RIGHTS: Right[] = ["CAP_ALLOC", "CAP_MEASURE", "CAP_LINK", "CAP_TELEPORT", "CAP_MAGIC"];

/** A connection to a kernel (embedded or remote); hands out tenant sessions. */
export class Connection {
  private adminSessionId: string | undefined;
  private readonly tokens = new Map<string, { token: string; tenantId: string }>();
  private readonly sessions: EagerSession<string>[] = [];

  constructor(
    readonly transport: Transport,
    /** admin token (embedded kernel: from the kernel; remote: the token given to connect) */
    readonly token: string | undefined,
    private readonly opts: { queued?: boolean; tokenStore?: TokenStore } = {},
  ) {}

  private async adminSession(): Promise<string> {
    if (this.adminSessionId) return this.adminSessionId;
    if (!this.token) throw new QmkError("AUTH_FAILED", "this connection has no admin token", { field: "token" });
    const r = await this.transport.call("q_negotiate_caps", { token: this.token });
    this.adminSessionId = r.session_id;
    return this.adminSessionId;
  }

  /**
   * A session of tenant `name` (created with `rights` if missing; needs the
   * admin token). The name must be a string literal: it becomes the brand of
   * every qubit the session allocates.
   */
  async tenant<T extends string>(name: LiteralTenant<T>, opts: TenantOptions = {}): Promise<Session<T>> {
    const tenant = name as unknown as T;
    if (typeof tenant !== "string" || tenant.length === 0) {
      throw new QmkError("INVALID_PARAMS", "tenant name must be a non-empty string", { field: "name" });
    }
    let entry = this.tokens.get(tenant) ?? this.opts.tokenStore?.get(tenant);
    if (!entry) {
      const admin = await this.adminSession();
      let r: Reply<"q_create_tenant", ParamsOf<"q_create_tenant">>;
      try {
        r = await this.transport.call("q_create_tenant", {
          session_id: admin,
          name: tenant,
          rights: opts.rights ?? DEFAULT_RIGHTS,
          ...(opts.quota ? { quota: opts.quota } : {}),
        });
      } catch (e) {
        const exists = await this.transport
          .call("q_list_tenants", { session_id: admin })
          .then((l) => l.tenants.some((t) => t.status !== "deleted" && (t.tenant_id === tenant || t.tenant_id.replace(/#\d+$/, "") === tenant)))
          .catch(() => false);
        if (exists) {
          throw new QmkError(
            "ACCESS_DENIED",
            `tenant "${tenant}" already exists and this connection does not hold its token; use conn.session(token, "${tenant}")`,
            { field: "name" },
          );
        }
        throw e;
      }
      entry = { token: r.token, tenantId: r.tenant_id };
      this.opts.tokenStore?.set(tenant, entry);
    }
    this.tokens.set(tenant, entry);
    return this.session<T>(entry.token, tenant as LiteralTenant<T>, entry.tenantId);
  }

  /**
   * A session from a tenant token (q_negotiate_caps). Name the tenant (a
   * string literal) to brand the session's qubits; it is checked against
   * the tenant the token belongs to. Without it the brand is `string`
   * and the compiler cannot tell tenants apart (the kernel still does).
   */
  async session<T extends string = string>(token: string, tenant?: LiteralTenant<T>, tenantId?: string): Promise<Session<T>> {
    const r = await this.transport.call("q_negotiate_caps", { token });
    const actual = r.tenant;
    const want = tenant as unknown as string | undefined;
    // kernel tenant ids are the name, or `name#generation` after a re-creation
    if (want !== undefined && actual !== want && actual.replace(/#\d+$/, "") !== want) {
      throw new QmkError("AUTH_FAILED", `this token belongs to tenant "${actual}", not "${want}"`, { field: "token" });
    }
    const name = (want ?? actual) as T;
    const s = new EagerSession<T>(
      this.transport,
      r.session_id,
      name,
      tenantId ?? r.tenant,
      token,
      this.opts.queued ?? false,
    );
    this.sessions.push(s as EagerSession<string>);
    return s;
  }

  /** An admin session (needs this connection's admin token), e.g. to run a jointCircuit. */
  async admin(): Promise<Session<string>> {
    if (!this.token) throw new QmkError("AUTH_FAILED", "this connection has no admin token", { field: "token" });
    return this.session<string>(this.token);
  }

  /** Raw call on the transport, typed by the method table. */
  call<M extends MethodName, P extends ParamsOf<M>>(method: M, params: P): Promise<Reply<M, P>> {
    return this.transport.call(method, params);
  }

  async close(): Promise<void> {
    for (const s of this.sessions) await s.sync().catch(() => {});
    await this.transport.close?.();
  }
}

export { ChannelImpl };
export type { Basis };

// The qSyscall ABI as data: for every method its params and result schema
// (TypeBox, so one definition yields both the JSON Schema that ajv checks and
// the TypeScript types of `kernel.call` and the DSL's transports), its doc
// line, and — in methods.ts — its rights and handler. The README method
// reference, `qmk methods --json` and the OpenRPC document served by
// `rpc.discover` are generated from here.
//
// Param schemas state the wire shape (types, required fields); handlers keep
// the semantic checks (ranges that depend on kernel state, handle MACs).
import { Type, type Static, type TSchema } from "@sinclair/typebox";

const Str = (description?: string) => Type.String({ minLength: 1, maxLength: 64 * 1024, ...(description ? { description } : {}) });
const Session = Type.String({ minLength: 1, maxLength: 4096, description: "session handle from q_negotiate_caps" });
const Int = (description?: string) => Type.Integer(description ? { description } : {});
const Rights = Type.Array(Type.String(), { maxItems: 64, description: "rights, e.g. CAP_ALLOC" });
const Quota = Type.Record(Type.String(), Type.Number(), { description: "quota keys → limits (logical_qubits, sessions, api_calls_per_minute, …)" });
const Bits = Type.Array(Type.Union([Type.Literal(0), Type.Literal(1)]));
const Loose = <T extends Record<string, TSchema>>(props: T, description?: string) =>
  Type.Object(props, { additionalProperties: true, ...(description ? { description } : {}) });
const WithSession = <T extends Record<string, TSchema>>(props: T) => Loose({ session_id: Session, ...props });

export const JobState = Type.Union([Type.Literal("queued"), Type.Literal("running"), Type.Literal("completed"), Type.Literal("failed"), Type.Literal("cancelled")]);

const JobErrorT = Loose({ code: Type.Integer(), name: Type.String(), message: Type.String(), data: Type.Record(Type.String(), Type.Unknown()) });
const JobStatus = Loose({
  job_id: Type.String(),
  state: JobState,
  shots: Type.Integer(),
  shots_done: Type.Integer(),
  submitted_at: Type.Number(),
  started_at: Type.Optional(Type.Number()),
  ended_at: Type.Optional(Type.Number()),
  counts: Type.Optional(Type.Record(Type.String(), Type.Integer())),
  events: Type.Optional(Type.Record(Type.String(), Type.Integer())),
  events_order: Type.Optional(Type.Array(Type.String())),
  warnings: Type.Optional(Type.Array(Type.Unknown())),
  error: Type.Optional(JobErrorT),
});
/** q_wait's answer: a final state, so the counts and events are there (empty for a job that ran no shot). */
const FinalStatus = Type.Composite([
  Type.Omit(JobStatus, ["state", "counts", "events", "events_order"]),
  Type.Object({
    state: Type.Union([Type.Literal("completed"), Type.Literal("failed"), Type.Literal("cancelled")]),
    counts: Type.Record(Type.String(), Type.Integer()),
    events: Type.Record(Type.String(), Type.Integer()),
    events_order: Type.Array(Type.String()),
  }),
], { additionalProperties: true });
const TenantView = Loose({ tenant_id: Type.String(), status: Type.String(), quota: Quota, usage: Type.Record(Type.String(), Type.Number()) });
const ChannelStatusT = Loose({
  id: Type.String(),
  from: Type.String(),
  to: Type.String(),
  state: Type.String(),
  maxUses: Type.Integer(),
  used: Type.Integer(),
  remaining: Type.Integer(),
  expiresAt: Type.Union([Type.Number(), Type.Null()]),
  createdAt: Type.Number(),
  approvedAt: Type.Union([Type.Number(), Type.Null()]),
  revokedBy: Type.Union([Type.String(), Type.Null()]),
  signed: Type.Boolean(),
});
const OrNull = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const AuditEventT = Loose({
  index: Type.Integer(),
  time: Type.Number(),
  type: Type.String(),
  severity: Type.Union([Type.Literal("info"), Type.Literal("warning"), Type.Literal("error"), Type.Literal("critical")]),
  tenant: OrNull(Type.String()),
  session: OrNull(Type.String()),
  op: OrNull(Type.String()),
  decision: OrNull(Type.Union([Type.Literal("allow"), Type.Literal("deny")])),
  reason: OrNull(Type.String()),
  details: Type.Record(Type.String(), Type.Unknown()),
});
const TreeHead = Loose(
  {
    size: Type.Integer(),
    root: Type.String({ description: "hex Merkle root" }),
    timestamp: Type.Optional(Type.Number()),
    checkpoint: Type.Optional(Type.String({ description: "C2SP tlog-checkpoint signed note (Ed25519); absent with sign: false" })),
    signature: Type.Optional(Type.String({ description: "base64 key ID ‖ Ed25519 signature, as on the note's signature line" })),
    key: Type.Optional(Type.String({ description: "verifier key <origin>+<hex key ID>+<base64>, as in DIR/audit/audit.pub" })),
  },
  "the audit log's (signed) tree head",
);
const InclusionProofT = Loose({ leafIdx: Type.Integer(), treeSize: Type.Integer(), root: Type.String(), leafHash: Type.String(), proof: Type.Array(Type.String()) }, "RFC 6962 inclusion proof (base64 hashes)");
const ConsistencyProofT = Loose({ size1: Type.Integer(), size2: Type.Integer(), root1: Type.String(), root2: Type.String(), proof: Type.Array(Type.String()) }, "RFC 6962 consistency proof (base64 hashes)");
const Approved = Loose({ channel: Type.String(), status: ChannelStatusT });
const Rejected = Loose({ rejected: Type.Literal(true) });

/** Params and result schema and doc line of one method. */
export interface MethodSchema<P extends TSchema = TSchema, R extends TSchema = TSchema> {
  params: P;
  result: R;
  summary: string;
}
const m = <P extends TSchema, R extends TSchema>(params: P, result: R, summary: string): MethodSchema<P, R> => ({ params, result, summary });

export const SCHEMAS = {
  // session
  q_negotiate_caps: m(
    Loose({ token: Str("capability token"), requested: Type.Optional(Rights) }),
    Loose({ session_id: Type.String(), tenant: Type.String(), granted: Rights, denied: Rights, quota: Quota, expires_at: Type.Number() }),
    "open a session with a token; `requested` narrows the rights granted (the rest are listed as `denied`)",
  ),
  q_inspect_token: m(Loose({ token: Str() }), Loose({ version: Type.String(), id: Type.String(), caveats: Type.Array(Type.String()), fingerprint: Type.String() }), "a token's id and caveats (never its tag)"),
  q_close_session: m(WithSession({}), Loose({ closed: Type.Boolean() }), "end the caller's session; frees the qubits bound to it"),

  // administration
  q_create_tenant: m(
    WithSession({ name: Str("tenant name"), rights: Type.Optional(Rights), quota: Type.Optional(Quota), reuse_deleted_name: Type.Optional(Type.Boolean()) }),
    Loose({ tenant_id: Type.String(), token: Type.String(), quota: Quota }),
    "create a tenant and mint its first token (shown once)",
  ),
  q_suspend_tenant: m(WithSession({ tenant_id: Str() }), Loose({ tenant_id: Type.String(), status: Type.String() }), "suspend a tenant: its sessions are refused until resumed"),
  q_resume_tenant: m(WithSession({ tenant_id: Str() }), Loose({ tenant_id: Type.String(), status: Type.String() }), "resume a suspended tenant"),
  q_delete_tenant: m(
    WithSession({ tenant_id: Str() }),
    Loose({ tenant_id: Type.String(), status: Type.String(), released: Loose({ qubits: Type.Integer(), jobs: Type.Integer(), channels: Type.Integer() }) }),
    "delete a tenant, freeing its qubits, jobs, channels and sessions",
  ),
  q_list_tenants: m(WithSession({}), Loose({ tenants: Type.Array(TenantView) }), "every tenant with status, quota and usage"),
  q_set_quota: m(WithSession({ tenant_id: Str(), quota: Quota }), Loose({ tenant_id: Type.String(), quota: Quota }), "set some of a tenant's quota keys"),
  q_set_policy: m(WithSession({ rules: Type.Array(Type.Unknown()) }), Loose({ rules: Type.Array(Type.Unknown()) }), "replace the policy rules"),
  q_get_policy: m(WithSession({}), Loose({ rules: Type.Array(Type.Unknown()) }), "the current policy rules"),
  q_mint_token: m(
    WithSession({ tenant_id: Str(), rights: Rights, expires_at: Type.Optional(Int("ms since epoch")), max_uses: Type.Optional(Int()) }),
    Loose({ tenant_id: Type.String(), token: Type.String(), token_id: Type.String() }),
    "a fresh token for a tenant (not the admin tenant), audited as `cap.grant` (`qmk token mint`)",
  ),
  q_list_jobs: m(
    WithSession({ tenant_id: Type.Optional(Str()), state: Type.Optional(Type.String()) }),
    Loose({ jobs: Type.Array(Loose({ id: Type.String(), tenant: Type.String(), state: JobState, shots: Type.Integer(), shots_done: Type.Integer(), submitted_at: Type.Number() })) }),
    "jobs: the caller's own, or with CAP_ADMIN any tenant's (`tenant_id`) or all; an operator's `id` is accepted by `q_status` / `q_wait` / `q_cancel` with CAP_ADMIN (`qmk jobs`)",
  ),

  // capabilities
  q_delegate: m(
    WithSession({ rights: Type.Optional(Rights), expires_at: Type.Optional(Int()), max_uses: Type.Optional(Int()), max_depth: Type.Optional(Int()), audience: Type.Optional(Type.Unknown()) }),
    Loose({ token: Type.String(), token_id: Type.String() }),
    "derive an attenuated token from the session's own (only rights the session holds)",
  ),
  q_revoke: m(WithSession({ token: Str() }), Loose({ revoked: Type.Array(Type.String()) }), "revoke a token and every token derived from it (the caller's own lineage; any with CAP_ADMIN): `revoked` lists token ids"),

  // eager quantum operations
  q_alloc: m(WithSession({ n: Int("number of qubits"), profile: Type.Optional(Type.String()) }), Loose({ vqs: Type.Array(Type.String()), profile: Type.String(), physical_qubits: Type.Integer() }), "allocate n logical qubits in |0⟩"),
  q_apply: m(WithSession({ op: Str("opcode, e.g. H or APPLY_CNOT"), vqs: Type.Array(Type.Unknown()), args: Type.Optional(Type.Unknown()), channel: Type.Optional(Type.Unknown()) }), Loose({ outcomes: Type.Optional(Bits) }), "apply one opcode: `op` is an opcode (`APPLY_H`) or short name (`H`, `CNOT`, `RZ`, `MEASURE_BELL`, `INJECT_T_STATE`, `TELEPORT_CNOT`, …); its rights follow from the opcode"),
  q_measure: m(WithSession({ vq: Type.Unknown(), basis: Type.Optional(Type.Unknown()), angle: Type.Optional(Type.Unknown()) }), Loose({ outcome: Type.Union([Type.Literal(0), Type.Literal(1)]) }), "measure one qubit: `basis` Z (default), X, Y or ANGLE (`angle` in radians)"),
  q_reset: m(WithSession({ vq: Type.Unknown() }), Loose({}), "reset a qubit to |0⟩ (voids its loans)"),
  q_release: m(WithSession({ vqs: Type.Unknown() }), Loose({ released: Type.Integer() }), "free qubits (the state vector shrinks; voids their loans)"),
  q_lend_qubit: m(WithSession({ channel: Type.Unknown(), vq: Type.Unknown() }), Loose({ loan: Type.String() }), "the owner's one-use consent for the channel's peer to use this qubit in one entangling op; void once the owner measures, resets or frees it"),
  q_open_chan: m(WithSession({ vqs: Type.Unknown(), channel: Type.Optional(Type.Unknown()) }), Loose({ ch: Type.String() }), "a Bell pair on two of the caller's qubits `[a, b]`"),
  q_close_chan: m(WithSession({ ch: Type.Unknown() }), Loose({ closed: Type.Boolean() }), "close an in-tenant channel"),
  q_amplitudes: m(WithSession({ vqs: Type.Unknown() }), Loose({ order: Type.String(), re: Type.Array(Type.Number()), im: Type.Array(Type.Number()), probabilities: Type.Array(Type.Number()) }), "amplitudes of the caller's qubits that form whole components and never shared a state with another tenant's qubit since their last reset (else ACCESS_DENIED, rule `foreign_history`)"),
  q_components: m(WithSession({}), Loose({ components: Type.Array(Loose({ size: Type.Integer(), tenants: Type.Array(Type.String()), own: Type.Array(Type.String({ description: "the caller's qubit handles in it" })), foreign: Type.Integer({ description: "qubits of other tenants in it" }) })) }), "entanglement components touching the caller: its own handles, other tenants' qubits only counted"),

  // jobs
  q_submit: m(
    WithSession({ graph: Type.Optional(Type.Unknown({ description: "QVM graph object or .qvm.asm text" })), qasm: Type.Optional(Type.String({ description: "OpenQASM 2.0/3 program text, instead of graph (at most 64 KiB)" })), params: Type.Optional(Type.Unknown()), policy: Type.Optional(Type.Unknown()) }),
    Loose({ job_id: Type.String(), warnings: Type.Array(Type.Unknown()) }),
    "submit a job: `graph` is a QVM JSON object or `.qvm.asm` text, `qasm` OpenQASM 2.0/3 text (≤ 64 KiB, translated, then verified like a graph); `policy`: {shots, seed, priority, strict}; rights derived from the graph's opcodes (+ CAP_ADMIN for a multi-tenant graph)",
  ),
  q_status: m(WithSession({ job_id: Str() }), JobStatus, "a job's state and, once final, its counts, events and error"),
  q_wait: m(WithSession({ job_id: Str(), timeout_ms: Type.Optional(Int()) }), FinalStatus, "wait for a job to finish (TIMEOUT if it does not in time): its final status"),
  q_cancel: m(WithSession({ job_id: Str() }), Loose({ job_id: Type.String(), state: JobState }), "cancel a queued or running job (ALREADY_COMPLETED when final)"),
  q_get_telemetry: m(
    WithSession({}),
    Loose({ tenant: Type.String(), usage: Type.Unknown(), quota: Type.Unknown(), qubits_live: Type.Integer(), jobs: Type.Record(Type.String(), Type.Integer()) }),
    "the caller's own usage, quota, live qubits and job counts; kernel-wide figures (scheduler, audit tree size, all live qubits) only with CAP_ADMIN",
  ),
  q_attestation: m(WithSession({ job_id: Str() }), Loose({}, "signed attestation"), "a finished job's attestation, signed with the audit log's Ed25519 key (the one in `audit.pub`)"),

  // channels
  q_request_channel: m(WithSession({ peer: Str(), max_uses: Int(), expires_at: Type.Optional(Int()) }), Loose({ request_id: Type.String(), channel: Type.String() }), "ask a peer tenant for a channel with `max_uses` entangling uses"),
  q_approve_channel: m(WithSession({ request_id: Str(), approve: Type.Optional(Type.Boolean()) }), Type.Union([Approved, Rejected]), "approve (or, `approve: false`, reject) a channel request (the named peer only)"),
  q_revoke_channel: m(WithSession({ channel: Type.Optional(Type.Unknown()), channel_id: Type.Optional(Type.String()) }), Loose({ revoked: Type.Boolean() }), "revoke a channel: `channel` by either tenant, or `channel_id` (any channel, CAP_ADMIN)"),
  q_chan_status: m(
    WithSession({ channel: Type.Optional(Type.Unknown()), channel_id: Type.Optional(Type.String()), tenant_id: Type.Optional(Type.String()) }),
    Type.Union([Loose({ channels: Type.Array(ChannelStatusT) }), ChannelStatusT]),
    "one channel's status, or all of the caller's (with CAP_ADMIN, `tenant_id` lists a tenant's, `\"*\"` every tenant's)",
  ),

  // audit
  q_audit_query: m(WithSession({ filters: Type.Optional(Type.Unknown()) }), Loose({ events: Type.Array(AuditEventT), tree_size: Type.Optional(Type.Integer({ description: "the log's size (CAP_AUDIT only)" })) }), "audit events; without CAP_AUDIT only the caller's own, with no log index, tree size or `after`. `filters`: {type?, tenant?, session?, severity?, minSeverity?, decision?, since?, until?, after?, limit?}"),
  q_audit_tree_head: m(WithSession({ sign: Type.Optional(Type.Boolean()) }), TreeHead, "the signed tree head: `checkpoint` is the C2SP signed note, `signature` its signature line, `key` the verifier key; `sign: false` gives the live tree's {size, root}"),
  q_audit_inclusion: m(WithSession({ index: Int(), tree_size: Type.Optional(Int()) }), InclusionProofT, "RFC 9162 inclusion proof of one event"),
  q_audit_consistency: m(WithSession({ first: Int(), second: Type.Optional(Int()) }), ConsistencyProofT, "RFC 9162 consistency proof between two tree sizes"),
} as const satisfies Record<string, MethodSchema>;

export type MethodName = keyof typeof SCHEMAS;
export type ParamsOf<M extends MethodName> = Static<(typeof SCHEMAS)[M]["params"]>;
export type ResultOf<M extends MethodName> = Static<(typeof SCHEMAS)[M]["result"]>;

/**
 * The result of one call, narrowed by its params where the method table has
 * a union: q_approve_channel answers `{rejected}` only for `approve: false`,
 * q_chan_status one channel's status when one is named, else `{channels}`.
 */
export type Reply<M extends MethodName, P> = M extends "q_approve_channel"
  ? P extends { approve: false }
    ? Static<typeof Rejected>
    : Static<typeof Approved>
  : M extends "q_chan_status"
    ? P extends { channel: unknown } | { channel_id: unknown }
      ? Static<typeof ChannelStatusT>
      : { channels: Static<typeof ChannelStatusT>[] }
    : ResultOf<M>;
/** Params as a caller writes them (the session's transport may add session_id itself). */
export type CallParams<M extends MethodName> = ParamsOf<M>;

/** The method table's view for typing clients: name → {params, result}. */
export type MethodTable = { [M in MethodName]: { params: ParamsOf<M>; result: ResultOf<M> } };

/** A typed door onto a kernel: what `kernel.call`, transports and test doubles implement. */
export interface TypedCall {
  call<M extends MethodName, P extends ParamsOf<M>>(method: M, params: P): Promise<Reply<M, P>>;
}

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(SCHEMAS, name);
}

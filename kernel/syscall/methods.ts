// The qSyscall ABI: every method, the rights it needs, and its handler.
// This table is the single map from method names to code; complete
// mediation is tested by enumerating it (test/kernel/mediation.test.ts).
import type { MethodSpec } from "./context.js";
import * as session from "./handlers/session.js";
import * as admin from "./handlers/admin.js";
import * as caps from "./handlers/caps.js";
import * as eager from "./handlers/eager.js";
import * as channels from "./handlers/channels.js";
import * as jobs from "./handlers/jobs.js";
import * as audit from "./handlers/audit.js";
import * as operator from "./handlers/operator.js";

type Def = Omit<MethodSpec, "name">;

const ADMIN = ["CAP_ADMIN"] as const;
const AUDIT = ["CAP_AUDIT"] as const;

const DEFS: Record<string, Def> = {
  // session (no session yet)
  q_negotiate_caps: { rights: [], opensSession: true, grant: session.grant, summary: "{token, requested?} → {session_id, tenant, granted, denied, quota, expires_at}" },
  q_inspect_token: { rights: [], publicHandler: session.inspect, summary: "{token} → {version, id, caveats, fingerprint}" },
  q_close_session: { rights: [], handler: session.closeSession, summary: "{} → {closed} (frees the session's qubits)" },

  // administration
  q_create_tenant: { rights: ADMIN, handler: admin.createTenant, summary: "{name, rights?, quota?} → {tenant_id, token, quota}" },
  q_suspend_tenant: { rights: ADMIN, handler: admin.suspendTenant, summary: "{tenant_id} → {tenant_id, status}" },
  q_resume_tenant: { rights: ADMIN, handler: admin.resumeTenant, summary: "{tenant_id} → {tenant_id, status}" },
  q_delete_tenant: { rights: ADMIN, handler: admin.deleteTenant, summary: "{tenant_id} → {tenant_id, status, released}" },
  q_list_tenants: { rights: ADMIN, handler: admin.listTenants, summary: "{} → {tenants}" },
  q_set_quota: { rights: ADMIN, handler: admin.setQuota, summary: "{tenant_id, quota} → {tenant_id, quota}" },
  q_set_policy: { rights: ADMIN, handler: admin.setPolicy, summary: "{rules} → {rules}" },
  q_get_policy: { rights: ADMIN, handler: admin.getPolicy, summary: "{} → {rules}" },
  q_mint_token: { rights: ADMIN, handler: operator.mintToken, summary: "{tenant_id, rights, expires_at?, max_uses?} → {tenant_id, token, token_id}" },
  q_list_jobs: { rights: [], handler: operator.listJobs, summary: "{tenant_id?, state?} → {jobs} (own jobs; any tenant's with CAP_ADMIN)" },

  // capabilities
  q_delegate: { rights: [], handler: caps.delegate, summary: "{rights, expires_at?, max_uses?, max_depth?, audience?} → {token, token_id}" },
  q_revoke: { rights: [], handler: caps.revoke, summary: "{token} → {revoked: token ids}" },

  // eager quantum operations
  q_alloc: { rights: ["CAP_ALLOC"], opcode: () => "ALLOC_LQ", handler: eager.alloc, summary: "{n, profile?} → {vqs, profile, physical_qubits}" },
  q_apply: { rights: [], derive: eager.applyRights, opcode: (p) => eager.applyOpcodeOf(p), handler: eager.apply, summary: "{op, vqs, args?, channel?} → {outcomes?}" },
  q_measure: { rights: ["CAP_MEASURE"], opcode: (p) => eager.measureOpcodeOf(p), handler: eager.measure, summary: "{vq, basis?: Z|X|Y|ANGLE, angle?} → {outcome}" },
  q_reset: { rights: [], opcode: () => "RESET", handler: eager.reset, summary: "{vq} → {}" },
  q_release: { rights: [], opcode: () => "FREE_LQ", handler: eager.release, summary: "{vqs} → {released}" },
  q_lend_qubit: { rights: ["CAP_LINK"], handler: eager.lendQubit, summary: "{channel, vq} → {loan}" },
  q_open_chan: { rights: ["CAP_LINK"], opcode: () => "OPEN_CHAN", handler: eager.openChan, summary: "{vqs:[a,b], channel?} → {ch}" },
  q_close_chan: { rights: [], handler: eager.closeChan, summary: "{ch} → {closed}" },
  q_amplitudes: { rights: [], handler: eager.amplitudes, summary: "{vqs} → {re, im, probabilities}" },
  q_components: { rights: [], handler: eager.components, summary: "{} → {components}" },

  // jobs
  q_submit: { rights: [], size: jobs.submitSize, derive: jobs.submitRights, handler: jobs.submit, summary: "{graph, params?, policy?:{shots, seed, priority, strict}} → {job_id, warnings}" },
  q_status: { rights: [], handler: jobs.status, summary: "{job_id} → {state, shots_done, counts?…}" },
  q_wait: { rights: [], handler: jobs.wait, async: true, summary: "{job_id, timeout_ms?} → {state, counts, events…}" },
  q_cancel: { rights: [], handler: jobs.cancel, summary: "{job_id} → {state}" },
  q_get_telemetry: { rights: [], handler: jobs.telemetry, summary: "{} → {usage, quota, jobs, scheduler…}" },
  q_attestation: { rights: [], handler: jobs.attestation, summary: "{job_id} → signed attestation" },

  // channels
  q_request_channel: { rights: ["CAP_LINK"], handler: channels.requestChannel, summary: "{peer, max_uses, expires_at?} → {request_id, channel}" },
  q_approve_channel: { rights: ["CAP_LINK"], handler: channels.approveChannel, summary: "{request_id, approve?} → {channel, status}" },
  q_revoke_channel: { rights: ["CAP_LINK"], handler: channels.revokeChannel, summary: "{channel | channel_id (admin)} → {revoked}" },
  q_chan_status: { rights: [], handler: channels.chanStatus, summary: "{channel?} → status (or all of the caller's)" },

  // audit
  q_audit_query: { rights: [], handler: audit.query, summary: "{filters} → {events} (own events only without CAP_AUDIT)" },
  q_audit_tree_head: { rights: AUDIT, handler: audit.treeHead, summary: "{sign?} → signed tree head" },
  q_audit_inclusion: { rights: AUDIT, handler: audit.inclusion, summary: "{index, tree_size?} → inclusion proof" },
  q_audit_consistency: { rights: AUDIT, handler: audit.consistency, summary: "{first, second?} → consistency proof" },
};

export const METHODS: Readonly<Record<string, MethodSpec>> = Object.freeze(
  Object.fromEntries(Object.entries(DEFS).map(([name, d]) => [name, Object.freeze({ name, ...d })])),
);

export const METHOD_NAMES: readonly string[] = Object.keys(METHODS);

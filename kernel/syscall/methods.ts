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
  q_negotiate_caps: { rights: [], opensSession: true, grant: session.grant },
  q_inspect_token: { rights: [], publicHandler: session.inspect },
  q_close_session: { rights: [], handler: session.closeSession },

  // administration
  q_create_tenant: { rights: ADMIN, handler: admin.createTenant },
  q_suspend_tenant: { rights: ADMIN, handler: admin.suspendTenant },
  q_resume_tenant: { rights: ADMIN, handler: admin.resumeTenant },
  q_delete_tenant: { rights: ADMIN, handler: admin.deleteTenant },
  q_list_tenants: { rights: ADMIN, handler: admin.listTenants },
  q_set_quota: { rights: ADMIN, handler: admin.setQuota },
  q_set_policy: { rights: ADMIN, handler: admin.setPolicy },
  q_get_policy: { rights: ADMIN, handler: admin.getPolicy },
  q_mint_token: { rights: ADMIN, handler: operator.mintToken },
  q_list_jobs: { rights: [], handler: operator.listJobs },

  // capabilities
  q_delegate: { rights: [], handler: caps.delegate },
  q_revoke: { rights: [], handler: caps.revoke },

  // eager quantum operations
  q_alloc: { rights: ["CAP_ALLOC"], opcode: () => "ALLOC_LQ", handler: eager.alloc },
  q_apply: { rights: [], derive: eager.applyRights, opcode: (p) => eager.applyOpcodeOf(p), handler: eager.apply },
  q_measure: { rights: ["CAP_MEASURE"], opcode: (p) => eager.measureOpcodeOf(p), handler: eager.measure },
  q_reset: { rights: [], opcode: () => "RESET", handler: eager.reset },
  q_release: { rights: [], opcode: () => "FREE_LQ", handler: eager.release },
  q_lend_qubit: { rights: ["CAP_LINK"], handler: eager.lendQubit },
  q_open_chan: { rights: ["CAP_LINK"], opcode: () => "OPEN_CHAN", handler: eager.openChan },
  q_close_chan: { rights: [], handler: eager.closeChan },
  q_amplitudes: { rights: [], handler: eager.amplitudes },
  q_components: { rights: [], handler: eager.components },

  // jobs
  q_submit: { rights: [], size: jobs.submitSize, derive: jobs.submitRights, handler: jobs.submit },
  q_status: { rights: [], handler: jobs.status },
  q_wait: { rights: [], handler: jobs.wait, async: true },
  q_cancel: { rights: [], handler: jobs.cancel },
  q_get_telemetry: { rights: [], handler: jobs.telemetry },
  q_attestation: { rights: [], handler: jobs.attestation },

  // channels
  q_request_channel: { rights: ["CAP_LINK"], handler: channels.requestChannel },
  q_approve_channel: { rights: ["CAP_LINK"], handler: channels.approveChannel },
  q_revoke_channel: { rights: ["CAP_LINK"], handler: channels.revokeChannel },
  q_chan_status: { rights: [], handler: channels.chanStatus },

  // audit
  q_audit_query: { rights: [], handler: audit.query },
  q_audit_tree_head: { rights: AUDIT, handler: audit.treeHead },
  q_audit_inclusion: { rights: AUDIT, handler: audit.inclusion },
  q_audit_consistency: { rights: AUDIT, handler: audit.consistency },
};

export const METHODS: Readonly<Record<string, MethodSpec>> = Object.freeze(
  Object.fromEntries(Object.entries(DEFS).map(([name, d]) => [name, Object.freeze({ name, ...d })])),
);

export const METHOD_NAMES: readonly string[] = Object.keys(METHODS);

export { EntanglementTracker, type ComponentView, type QubitId, type TenantComponentView } from "./tracker.js";
export { EntanglementFirewall, type ChannelAuthority, type EntangleRequest, type FirewallDecision } from "./firewall.js";
export { judgeTenants, samePair, type TenantJudgement } from "./rule.js";
export { isEntangling, normalizeOp, opEffect, type OpEffect } from "./ops.js";

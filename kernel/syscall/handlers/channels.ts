// Cross-tenant channels (SPEC §2.10): request, approve/reject (peer only),
// revoke (either side or an admin), status.
import { QmkError } from "../../errors.js";
import type { KernelCore } from "../core.js";
import type { CallContext } from "../context.js";
import { int, optInt, str, type Params } from "../params.js";
import { TENANT_NAME_RE } from "../../security/tenants/names.js";
import { UNKNOWN_PEER, peerAsAsked } from "../../security/channels/manager.js";

function peerTenant(k: KernelCore, p: Params): string {
  const name = str(p, "peer", 64);
  // a name means its current generation; an id (alice#2) means exactly that tenant
  const t = k.tenants.byTenantName(name) ?? k.tenants.get(name);
  if (t && t.status !== "deleted") return t.id;
  // Issue 12 §4: whether another tenant exists must not show. A request to an
  // unknown (or deleted) peer is recorded like any other, addressed to an id no
  // tenant can hold (UNKNOWN_PEER is never a generation number), so nobody can
  // approve it; it costs the requester the same quota and expires the same way.
  const m = /^([^#]*)(#\d+)?$/.exec(name);
  if (!m || !TENANT_NAME_RE.test(m[1]!)) throw new QmkError("INVALID_PARAMS", "params.peer: tenant name must match [a-z][a-z0-9_-]{0,31}", { field: "params.peer" });
  return name + UNKNOWN_PEER;
}

export function requestChannel(k: KernelCore, ctx: CallContext, p: Params): unknown {
  const peer = peerTenant(k, p);
  const maxUses = int(p, "max_uses", 1, 1_000_000_000);
  const expiresAt = optInt(p, "expires_at", 0, Number.MAX_SAFE_INTEGER);
  const id = k.channels.request(ctx.tenant, peer, { maxUses, expiresAt: expiresAt ?? null });
  ctx.audit.type = "channel.request";
  // the requester reads this event: an unknown peer appears as it was asked for
  ctx.audit.details = { channel: id, peer: peerAsAsked(peer), max_uses: maxUses, expires_at: expiresAt ?? null };
  // The request handle goes to the peer (out of band); the channel handle is the requester's own.
  return { request_id: k.issue("req", id, ctx), channel: k.issue("ch", id, ctx) };
}

export function approveChannel(k: KernelCore, ctx: CallContext, p: Params): unknown {
  // A request handle is signed for the requester; the manager checks the caller is the named peer.
  const id = k.handles.verify(p.request_id, { kind: "req" }, "params.request_id").id;
  const approve = p.approve === undefined ? true : p.approve;
  if (typeof approve !== "boolean") throw new QmkError("INVALID_PARAMS", "approve must be a boolean", { field: "params.approve" });
  if (!approve) {
    k.channels.reject(ctx.tenant, id);
    ctx.audit.type = "channel.reject";
    ctx.audit.details = { channel: id };
    return { rejected: true };
  }
  k.channels.approve(ctx.tenant, id);
  ctx.audit.type = "channel.approve";
  ctx.audit.details = { channel: id };
  return { channel: k.issue("ch", id, ctx), status: k.channels.status(id, ctx.tenant) };
}

function channelFor(k: KernelCore, ctx: CallContext, p: Params): { id: string; admin: boolean } {
  if (p.channel_id !== undefined && ctx.session.rights.has("CAP_ADMIN")) return { id: str(p, "channel_id", 128), admin: true };
  return { id: k.own("ch", p.channel, ctx, "params.channel").id, admin: false };
}

export function revokeChannel(k: KernelCore, ctx: CallContext, p: Params): unknown {
  const { id, admin } = channelFor(k, ctx, p);
  k.channels.revoke(ctx.tenant, id, { admin });
  ctx.audit.type = "channel.revoke";
  ctx.audit.details = { channel: id, admin };
  return { revoked: true };
}

export function chanStatus(k: KernelCore, ctx: CallContext, p: Params): unknown {
  if (p.channel === undefined && p.channel_id === undefined) {
    // an operator lists any tenant's channels (tenant_id), or every channel ("*")
    if (p.tenant_id !== undefined && ctx.session.rights.has("CAP_ADMIN")) return { channels: adminList(k, str(p, "tenant_id", 64)) };
    return { channels: k.channels.list(ctx.tenant) };
  }
  const { id, admin } = channelFor(k, ctx, p);
  return k.channels.status(id, ctx.tenant, { admin });
}

function adminList(k: KernelCore, tenant: string): ReturnType<KernelCore["channels"]["list"]> {
  if (tenant !== "*") return k.channels.list(k.tenants.byTenantName(tenant)?.id ?? tenant);
  const seen = new Map<string, ReturnType<KernelCore["channels"]["list"]>[number]>();
  for (const t of k.tenants.list()) for (const c of k.channels.list(t.id)) seen.set(c.id, c);
  return [...seen.values()].sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
}

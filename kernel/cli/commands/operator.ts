// Operator commands: tenants, quotas, policy, tokens, channels, jobs and the
// audit log of a kernel, embedded (a data directory no server holds) or
// remote (`--connect`). Every command takes --json; human output is one
// line per item. Each is a thin call through the typed method table.
import { isRight, type Right } from "../../security/rights.js";
import { openClient, type Client, type ConnectOpts } from "../client.js";
import { describeError, exitCodeOf, parseNumberPairs, readInput, UsageError, writeSecret } from "../io.js";

export interface OperatorOpts extends ConnectOpts {
  json?: boolean;
}

type Out = (o: OperatorOpts, value: unknown, human: () => string) => void;
const print: Out = (o, value, human) => {
  process.stdout.write(o.json ? JSON.stringify(value, null, 2) + "\n" : human() + (human().endsWith("\n") ? "" : "\n"));
};

/** Run one operator action: open the client, act, close; errors become one line and an exit code. */
export async function operate(name: string, o: OperatorOpts, act: (c: Client) => Promise<void>): Promise<number> {
  let c: Client | undefined;
  try {
    c = await openClient(o);
    await act(c);
    return 0;
  } catch (e) {
    process.stderr.write(`qmk ${name}: ${describeError(e)}\n`);
    return exitCodeOf(e);
  } finally {
    await c?.close();
  }
}

export function parseRights(list: string | undefined, flag = "--rights"): Right[] | undefined {
  if (list === undefined) return undefined;
  const rights = list.split(",").map((s) => s.trim()).filter(Boolean);
  const bad = rights.filter((r) => !isRight(r));
  if (bad.length || rights.length === 0) throw new UsageError(`${flag}: unknown or missing right(s) ${bad.join(", ")}`);
  return rights as Right[];
}

/** ms since epoch, an ISO date, or +30m / +2h / +7d from now. */
export function parseTime(v: string, flag: string): number {
  const rel = /^\+(\d+)([smhd])$/.exec(v);
  if (rel) return Date.now() + Number(rel[1]) * { s: 1e3, m: 6e4, h: 3.6e6, d: 8.64e7 }[rel[2] as "s"];
  const n = /^\d+$/.test(v) ? Number(v) : Date.parse(v);
  if (!Number.isFinite(n)) throw new UsageError(`${flag}: expected ms, an ISO date or +N[smhd]`);
  return n;
}

function positive(v: string | undefined, flag: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag} must be a positive integer`);
  return n;
}

const quotaLine = (q: Record<string, number>) => Object.entries(q).map(([k, v]) => `${k}=${v}`).join(" ");

// ---- tenants ------------------------------------------------------------------

export function tenantCreate(name: string, o: OperatorOpts & { rights?: string; quota?: string[]; tokenOut?: string }): Promise<number> {
  return operate("tenant create", o, async (c) => {
    const rights = parseRights(o.rights);
    const quota = o.quota?.length ? parseNumberPairs(o.quota, "--quota") : undefined;
    const r = await c.call("q_create_tenant", { name, ...(rights ? { rights } : {}), ...(quota ? { quota } : {}) });
    if (o.tokenOut) writeSecret(o.tokenOut, r.token);
    // The token is shown once (or only written to the file): the kernel keeps no copy to show again.
    const shown = o.tokenOut ? { ...r, token: undefined, token_file: o.tokenOut } : r;
    print(o, shown, () => `tenant ${r.tenant_id} created\n${o.tokenOut ? `token written to ${o.tokenOut} (mode 0600)` : `token (shown once): ${r.token}`}`);
  });
}

export function tenantList(o: OperatorOpts): Promise<number> {
  return operate("tenant list", o, async (c) => {
    const r = await c.call("q_list_tenants", {});
    print(o, r, () => r.tenants.map((t) => `${t.tenant_id.padEnd(20)} ${t.status.padEnd(10)} ${quotaLine(t.quota)}`).join("\n"));
  });
}

async function findTenant(c: Client, name: string) {
  const r = await c.call("q_list_tenants", {});
  const t = r.tenants.find((x) => x.tenant_id === name) ?? r.tenants.find((x) => x.tenant_id.split("#")[0] === name && x.status !== "deleted");
  if (!t) {
    const { QmkError } = await import("../../errors.js");
    throw new QmkError("INVALID_PARAMS", `no tenant ${name}`, { field: "tenant" });
  }
  return t;
}

export function tenantShow(name: string, o: OperatorOpts): Promise<number> {
  return operate("tenant show", o, async (c) => {
    const t = await findTenant(c, name);
    print(o, t, () => `tenant ${t.tenant_id}  ${t.status}\n  quota  ${quotaLine(t.quota)}\n  usage  ${quotaLine(t.usage)}`);
  });
}

export function tenantChange(action: "suspend" | "resume" | "delete", name: string, o: OperatorOpts): Promise<number> {
  const method = ({ suspend: "q_suspend_tenant", resume: "q_resume_tenant", delete: "q_delete_tenant" } as const)[action];
  return operate(`tenant ${action}`, o, async (c) => {
    const r = await c.call(method, { tenant_id: name });
    print(o, r, () => `tenant ${r.tenant_id} ${r.status}`);
  });
}

// ---- quotas and policy --------------------------------------------------------

export function quotaShow(name: string, o: OperatorOpts): Promise<number> {
  return operate("quota show", o, async (c) => {
    const t = await findTenant(c, name);
    const view = { tenant_id: t.tenant_id, quota: t.quota, usage: t.usage };
    print(o, view, () => Object.entries(t.quota).map(([k, v]) => `${k.padEnd(26)} ${String(v).padStart(10)}   used ${t.usage[k] ?? 0}`).join("\n"));
  });
}

export function quotaSet(name: string, pairs: string[], o: OperatorOpts): Promise<number> {
  return operate("quota set", o, async (c) => {
    if (!pairs.length) throw new UsageError("quota set TENANT key=value… needs at least one key=value");
    const r = await c.call("q_set_quota", { tenant_id: name, quota: parseNumberPairs(pairs, "quota set") });
    print(o, r, () => `tenant ${r.tenant_id}: ${quotaLine(r.quota)}`);
  });
}

export function policyShow(o: OperatorOpts): Promise<number> {
  return operate("policy show", o, async (c) => {
    const r = await c.call("q_get_policy", {});
    print(o, r, () => (r.rules.length ? r.rules.map((x) => JSON.stringify(x)).join("\n") : "(no rules)"));
  });
}

export function policySet(file: string, o: OperatorOpts): Promise<number> {
  return operate("policy set", o, async (c) => {
    const text = readInput(file);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      const { QmkError } = await import("../../errors.js");
      throw new QmkError("INVALID_PARAMS", `${file} is not JSON: ${(e as Error).message}`, { field: "file" });
    }
    const rules = Array.isArray(parsed) ? parsed : (parsed as { rules?: unknown }).rules;
    if (!Array.isArray(rules)) {
      const { QmkError } = await import("../../errors.js");
      throw new QmkError("INVALID_PARAMS", `${file} must hold a list of rules or {"rules": […]}`, { field: "rules" });
    }
    const r = await c.call("q_set_policy", { rules });
    print(o, r, () => `policy: ${r.rules.length} rule(s) in force`);
  });
}

// ---- tokens -------------------------------------------------------------------

export function tokenMint(tenant: string, o: OperatorOpts & { rights?: string; expires?: string; uses?: string; tokenOut?: string }): Promise<number> {
  return operate("token mint", o, async (c) => {
    const rights = parseRights(o.rights);
    if (!rights) throw new UsageError("token mint needs --rights, e.g. --rights CAP_ALLOC,CAP_MEASURE");
    const expires = o.expires === undefined ? undefined : parseTime(o.expires, "--expires");
    const uses = positive(o.uses, "--uses");
    const r = await c.call("q_mint_token", { tenant_id: tenant, rights, ...(expires !== undefined ? { expires_at: expires } : {}), ...(uses !== undefined ? { max_uses: uses } : {}) });
    if (o.tokenOut) writeSecret(o.tokenOut, r.token);
    const shown = o.tokenOut ? { ...r, token: undefined, token_file: o.tokenOut } : r;
    print(o, shown, () => `token ${r.token_id} for ${r.tenant_id}\n${o.tokenOut ? `written to ${o.tokenOut} (mode 0600)` : r.token}`);
  });
}

export function tokenRevoke(token: string, o: OperatorOpts): Promise<number> {
  return operate("token revoke", o, async (c) => {
    const text = token === "-" ? readInput("-").trim() : token;
    const r = await c.call("q_revoke", { token: text });
    print(o, r, () => `revoked ${r.revoked.length} token(s): ${r.revoked.join(" ")}`);
  });
}

// ---- channels and jobs --------------------------------------------------------

export function channelList(o: OperatorOpts & { tenant?: string }): Promise<number> {
  return operate("channel list", o, async (c) => {
    const r = await c.call("q_chan_status", { tenant_id: o.tenant ?? "*" });
    const list = "channels" in r ? r.channels : [r];
    print(o, { channels: list }, () => (list.length ? list.map((x) => `${x.id}  ${x.from} → ${x.to}  ${x.state}  ${x.used}/${x.maxUses}`).join("\n") : "(no channels)"));
  });
}

export function channelRevoke(id: string, o: OperatorOpts): Promise<number> {
  return operate("channel revoke", o, async (c) => {
    const r = await c.call("q_revoke_channel", { channel_id: id });
    print(o, { channel_id: id, ...r }, () => `channel ${id} revoked`);
  });
}

export function jobsList(o: OperatorOpts & { tenant?: string; state?: string }): Promise<number> {
  return operate("jobs list", o, async (c) => {
    const r = await c.call("q_list_jobs", { ...(o.tenant ? { tenant_id: o.tenant } : {}), ...(o.state ? { state: o.state } : {}) });
    print(o, r, () => (r.jobs.length ? r.jobs.map((j) => `${j.id}  ${j.tenant.padEnd(16)} ${j.state.padEnd(10)} ${j.shots_done}/${j.shots}`).join("\n") : "(no jobs)"));
  });
}

export function jobsShow(id: string, o: OperatorOpts): Promise<number> {
  return operate("jobs show", o, async (c) => {
    const r = await c.call("q_status", { job_id: id });
    print(o, r, () => `job ${id}  ${r.state}  ${r.shots_done}/${r.shots} shots${r.error ? `\n  error ${r.error.name}: ${r.error.message}` : ""}`);
  });
}

export function jobsCancel(id: string, o: OperatorOpts): Promise<number> {
  return operate("jobs cancel", o, async (c) => {
    const r = await c.call("q_cancel", { job_id: id });
    print(o, r, () => `job ${id} ${r.state}`);
  });
}

// ---- audit ----------------------------------------------------------------------

export function auditQuery(o: OperatorOpts & { tenant?: string; type?: string; since?: string; severity?: string; limit?: string }): Promise<number> {
  return operate("audit query", o, async (c) => {
    const filters: Record<string, unknown> = {};
    if (o.tenant) filters.tenant = o.tenant;
    if (o.type) filters.type = o.type.includes(",") ? o.type.split(",") : o.type;
    if (o.since) filters.since = parseTime(o.since.startsWith("-") ? `${Date.now() - (parseTime("+" + o.since.slice(1), "--since") - Date.now())}` : o.since, "--since");
    if (o.severity) filters.minSeverity = o.severity;
    const limit = positive(o.limit, "--limit");
    if (limit !== undefined) filters.limit = limit;
    const r = await c.call("q_audit_query", { filters });
    print(o, r, () => r.events.map((e) => `${String(e.index).padStart(6)}  ${new Date(Number(e.time ?? 0)).toISOString()}  ${e.type.padEnd(20)} ${e.tenant ?? "-"}`).join("\n") || "(no events)");
  });
}

// The firewall rule on a set of tenants, as a pure function so the static
// verifier (kernel/qvm/verifier.ts) and the run-time firewall judge alike.

export type TenantJudgement =
  | { ok: true; pair: null } // one tenant: a local operation
  | { ok: true; pair: [string, string] } // two tenants: allowed only through a channel for exactly this pair
  | { ok: false; rule: "three_or_more_tenants" | "no_channel"; tenants: string[] };

/**
 * `tenants`: every tenant in the union of the operands' components (plus the
 * actor). `hasChannel`: whether a channel was named; its validity for the
 * returned pair is checked separately (ChannelManager.authorize).
 */
export function judgeTenants(tenants: Iterable<string>, hasChannel: boolean): TenantJudgement {
  const ts = [...new Set(tenants)].sort();
  if (ts.length <= 1) return { ok: true, pair: null };
  if (ts.length > 2) return { ok: false, rule: "three_or_more_tenants", tenants: ts };
  if (!hasChannel) return { ok: false, rule: "no_channel", tenants: ts };
  return { ok: true, pair: [ts[0], ts[1]] };
}

/** Channels are bound to an unordered pair: {from, to} must equal {a, b}. */
export function samePair(from: string, to: string, a: string, b: string): boolean {
  return (from === a && to === b) || (from === b && to === a);
}

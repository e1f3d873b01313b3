// qmk/cross-tenant: a two-qubit operation whose operands may belong to different
// tenants without a channel for exactly that pair; a channel used after revoke.
import { LIVE, REVOKED } from "../dataflow.js";
import type { Rule, RuleContext } from "./context.js";
import { plural } from "./context.js";

const fmt = (s: Set<string>) => [...s].map((t) => (t === "*" ? "a widened (string) tenant" : t)).join(" or ");

export const crossTenant: Rule = {
  id: "qmk/cross-tenant",
  description: "Cross-tenant entangling operation without a valid channel for that tenant pair.",
  check(facts, ctx) {
    for (const f of facts) {
      if (f.kind === "channel" && f.op !== "revoke") {
        for (const c of f.channels) {
          if (!c.state || !(c.state.mask & REVOKED)) continue;
          const maybe = (c.state.mask & LIVE) !== 0;
          ctx.report("qmk/cross-tenant", "error", f.node,
            `${f.op}: the channel ${maybe ? "may have been" : "was"} revoked${plural(c.state.at, ctx)} — request and approve a new channel before using it.`);
        }
      }
      if (f.kind === "component") {
        const others = f.tenants.filter((t) => t !== f.own);
        ctx.report("qmk/cross-tenant", "error", f.call,
          `${f.op}: these are ${f.own}'s qubits, but one is still entangled with ${others.join(", ")}'s${f.since !== undefined ? ` (since ${ctx.lineOf(f.since)})` : ""} — the gate would grow a cross-tenant component; measure or reset that qubit first, or pass the Channel.`);
        continue;
      }
      if (f.kind !== "operands" || f.operands.length < 2) continue;
      const [a, b] = f.operands;
      const ta = tenants(a.objs, ctx), tb = tenants(b.objs, ctx);
      if (!ta.size || !tb.size) continue; // no tenant information: nothing to prove
      const sa = sessions(a.objs, ctx), sb = sessions(b.objs, ctx);
      if (sa.size === 1 && sb.size === 1 && [...sa][0] === [...sb][0]) continue; // same session ⇒ same tenant
      const widened = ta.has("*") || tb.has("*");
      const single = ta.size === 1 && tb.size === 1;
      if (single && !widened && [...ta][0] === [...tb][0]) continue;
      const an = a.expr.getText(ctx.sf), bn = b.expr.getText(ctx.sf);
      const chObjs = (f.channel?.objs ?? []).filter((o) => ctx.an.meta[o].kind === "channel");
      if (single && !widened) {
        const [x] = ta, [y] = tb;
        if (f.op === "measureBell") {
          ctx.report("qmk/cross-tenant", "error", f.call,
            `measureBell measures ${x}'s \`${an}\` with ${y}'s \`${bn}\` — both qubits must belong to one session; entangle through a channel and measure each side separately.`);
          continue;
        }
        if (!f.channel) {
          ctx.report("qmk/cross-tenant", "error", f.call,
            `${f.op} entangles ${x}'s \`${an}\` with ${y}'s \`${bn}\` without a channel — have ${x} requestChannel(${y}), ${y} approve it and lend the qubit, then pass the Channel as the last argument.`);
          continue;
        }
        for (const c of chObjs) {
          const pair = ctx.an.meta[c].pair!;
          const p0 = tenantsOfSessions(pair[0], ctx), p1 = tenantsOfSessions(pair[1], ctx);
          if (!p0.size || !p1.size || p0.has("*") || p1.has("*")) continue;
          const ok = (p0.has(x) && p1.has(y)) || (p0.has(y) && p1.has(x));
          if (!ok) {
            ctx.report("qmk/cross-tenant", "error", f.channel.expr,
              `${f.op}: channel \`${f.channel.expr.getText(ctx.sf)}\` links ${fmt(p0)}↔${fmt(p1)}, not ${x}↔${y} — use the channel approved for exactly this pair.`);
          }
        }
        continue;
      }
      if (f.channel) continue; // uncertain tenants but a channel is supplied: the run-time check decides
      if (widened) {
        ctx.report("qmk/cross-tenant", "warning", f.call,
          `${f.op}: \`${an}\` belongs to ${fmt(ta)} and \`${bn}\` to ${fmt(tb)} — a non-literal tenant name widens the brand, so the operands may belong to different tenants; open the session with a literal tenant name or pass a Channel.`);
      } else {
        ctx.report("qmk/cross-tenant", "error", f.call,
          `${f.op}: operands may belong to different tenants (\`${an}\`: ${fmt(ta)}; \`${bn}\`: ${fmt(tb)}) — keep each tenant's qubits in separate collections or pass a Channel for the pair.`);
      }
    }
  },
};

function tenants(objs: number[], ctx: RuleContext): Set<string> {
  const out = new Set<string>();
  for (const o of objs) {
    const k = ctx.an.meta[o].kind;
    if (k === "qubit" || k === "loan") for (const t of ctx.tenantsOf(o)) out.add(t);
  }
  return out;
}

function sessions(objs: number[], ctx: RuleContext): Set<number> {
  const out = new Set<number>();
  for (const o of objs) {
    const m = ctx.an.meta[o];
    if (m.kind === "loan") { for (const s of m.sessions ?? []) out.add(s); out.add(-1 - o); continue; } // a loan is its lender's
    for (const s of ctx.an.sessionsOf(o)) out.add(s);
    if (m.tenant !== undefined && m.kind === "qubit") out.add(-1 - o); // parameter: own brand, no session
  }
  return out;
}

function tenantsOfSessions(ss: Set<number>, ctx: RuleContext): Set<string> {
  const out = new Set<string>();
  for (const s of ss) for (const t of ctx.tenantsOf(s)) out.add(t);
  return out;
}

// Complete mediation (SPEC §2.6), proved by enumeration: every method of the
// ABI table and every opcode of the opcode table is denied without its right
// (INSUFFICIENT_CAPS), without a session or with a forged one
// (INVALID_HANDLE), and allowed with it — and every one of those decisions
// is in the audit log. Plus: the simulator is imported only by the machine
// and the bare port.
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { METHOD_NAMES } from "../../kernel/index.js";
import { METHODS } from "../../kernel/syscall/methods.js";
import { OPCODES, requiredRights } from "../../kernel/qvm/opcodes.js";
import { ErrorCodes } from "../../kernel/errors.js";
import { ALL_RIGHTS, ROOMY, caught, g, graphFor, kernelWithAdmin } from "./helpers.js";
import { PREAUTH_WINDOW_MS } from "../../kernel/security/preauth.js";

type Call = (m: string, p?: Record<string, unknown>) => Promise<any>;
interface Ctx {
  call: Call; // the session under test
  full: Call; // another session of the same tenant, with every right
  peer: Call; // a second tenant
  A: Call; // admin
  uniq(): string;
}
interface Case {
  setup?: string[];
  params(c: Ctx): Promise<Record<string, unknown>>;
}

const flip = (h: string) => h.slice(0, 10) + (h[10] === "A" ? "B" : "A") + h.slice(11);

let K: Awaited<ReturnType<typeof kernelWithAdmin>>;
let opToken = "";
let opName = "op";
let ctxBase: Omit<Ctx, "call">;
let n = 0;

async function sessionWith(rights: string[]): Promise<{ sid: string; call: Call }> {
  const { session_id } = await K.k.call("q_negotiate_caps", { token: opToken, requested: [...new Set(rights)] });
  return { sid: session_id, call: (m, p = {}) => K.k.call(m, { session_id, ...p }) };
}

async function auditAfter(mark: number, f: (e: any) => boolean): Promise<any> {
  const r = await K.A("q_audit_query", { filters: { after: mark, limit: 10_000 } });
  return r.events.find(f);
}
const mark = () => K.k.internals.audit.size - 1;

const jobGraph = () => graphFor("APPLY_H");
async function newChannel(c: Ctx) {
  const req = await c.full("q_request_channel", { peer: "peer", max_uses: 4 });
  await c.peer("q_approve_channel", { request_id: req.request_id });
  return req.channel as string;
}

const CASES: Record<string, Case> = {
  q_create_tenant: { params: async (c) => ({ name: `t${c.uniq()}`, rights: ["CAP_ALLOC"] }) },
  q_suspend_tenant: { params: async (c) => ({ tenant_id: (await c.A("q_create_tenant", { name: `s${c.uniq()}` })).tenant_id }) },
  q_resume_tenant: {
    params: async (c) => {
      const id = (await c.A("q_create_tenant", { name: `r${c.uniq()}` })).tenant_id;
      await c.A("q_suspend_tenant", { tenant_id: id });
      return { tenant_id: id };
    },
  },
  q_delete_tenant: { params: async (c) => ({ tenant_id: (await c.A("q_create_tenant", { name: `d${c.uniq()}` })).tenant_id }) },
  q_list_tenants: { params: async () => ({}) },
  q_set_quota: { params: async (c) => ({ tenant_id: (await c.A("q_create_tenant", { name: `q${c.uniq()}` })).tenant_id, quota: { logical_qubits: 4 } }) },
  q_set_policy: { params: async (c) => ({ rules: (await c.A("q_get_policy")).rules }) },
  q_get_policy: { params: async () => ({}) },
  q_mint_token: { params: async (c) => ({ tenant_id: (await c.A("q_create_tenant", { name: `m${c.uniq()}` })).tenant_id, rights: ["CAP_ALLOC"] }) },
  q_list_jobs: { params: async () => ({}) },
  q_delegate: { setup: ["CAP_ALLOC"], params: async () => ({ rights: ["CAP_ALLOC"] }) },
  q_revoke: { setup: ["CAP_ALLOC"], params: async (c) => ({ token: (await c.call("q_delegate", { rights: ["CAP_ALLOC"] })).token }) },
  q_alloc: { params: async () => ({ n: 1 }) },
  q_apply: { setup: ["CAP_ALLOC"], params: async (c) => ({ op: "H", vqs: (await c.call("q_alloc", { n: 1 })).vqs }) },
  q_measure: { setup: ["CAP_ALLOC"], params: async (c) => ({ vq: (await c.call("q_alloc", { n: 1 })).vqs[0] }) },
  q_reset: { setup: ["CAP_ALLOC"], params: async (c) => ({ vq: (await c.call("q_alloc", { n: 1 })).vqs[0] }) },
  q_release: { setup: ["CAP_ALLOC"], params: async (c) => ({ vqs: (await c.call("q_alloc", { n: 1 })).vqs }) },
  q_lend_qubit: { setup: ["CAP_ALLOC"], params: async (c) => ({ channel: await newChannel(c), vq: (await c.call("q_alloc", { n: 1 })).vqs[0] }) },
  q_open_chan: { setup: ["CAP_ALLOC"], params: async (c) => ({ vqs: (await c.call("q_alloc", { n: 2 })).vqs }) },
  q_close_chan: { params: async (c) => ({ ch: (await c.full("q_open_chan", { vqs: (await c.full("q_alloc", { n: 2 })).vqs })).ch }) },
  q_amplitudes: { setup: ["CAP_ALLOC"], params: async (c) => ({ vqs: (await c.call("q_alloc", { n: 1 })).vqs }) },
  q_components: { params: async () => ({}) },
  q_submit: { params: async () => ({ graph: jobGraph(), policy: { shots: 1, seed: 1 } }) },
  q_status: { params: async (c) => ({ job_id: (await c.full("q_submit", { graph: jobGraph(), policy: { shots: 1 } })).job_id }) },
  q_wait: { params: async (c) => ({ job_id: (await c.full("q_submit", { graph: jobGraph(), policy: { shots: 1 } })).job_id, timeout_ms: 20_000 }) },
  q_cancel: { params: async (c) => ({ job_id: (await c.full("q_submit", { graph: graphFor("APPLY_CNOT"), policy: { shots: 1_000_000 } })).job_id }) },
  q_get_telemetry: { params: async () => ({}) },
  q_close_session: { params: async () => ({}) },
  q_attestation: {
    params: async (c) => {
      const j = await c.full("q_submit", { graph: jobGraph(), policy: { shots: 1 } });
      await c.full("q_wait", { job_id: j.job_id, timeout_ms: 20_000 });
      return { job_id: j.job_id };
    },
  },
  q_request_channel: { params: async () => ({ peer: "peer", max_uses: 1 }) },
  q_approve_channel: { params: async (c) => ({ request_id: (await c.peer("q_request_channel", { peer: opName, max_uses: 1 })).request_id }) },
  q_revoke_channel: { params: async (c) => ({ channel: await newChannel(c) }) },
  q_chan_status: { params: async () => ({}) },
  q_audit_query: { params: async () => ({ filters: { limit: 1 } }) },
  q_audit_tree_head: { params: async () => ({}) },
  q_audit_inclusion: { params: async () => ({ index: 0 }) },
  q_audit_consistency: { params: async () => ({ first: 1 }) },
};

function needed(method: string, params: Record<string, unknown>): string[] {
  const spec = METHODS[method];
  const need = new Set<string>(spec.rights);
  if (spec.derive) for (const r of spec.derive(K.k.internals, params)) need.add(r);
  return [...need];
}

// A clock the tests move: refusals before authentication are aggregated per
// window (kernel/security/preauth.ts), so each checked refusal starts a new one.
let now = Date.now();
const nextPreAuthWindow = () => (now += PREAUTH_WINDOW_MS + 1);

beforeAll(async () => {
  K = await kernelWithAdmin({ clock: () => now });
  await K.A("q_create_tenant", { name: "peer", rights: ALL_RIGHTS, quota: ROOMY }).then(async (p) => {
    const s = (await K.k.call("q_negotiate_caps", { token: p.token })).session_id;
    ctxBase = {
      A: K.A,
      peer: (m, q = {}) => K.k.call(m, { session_id: s, ...q }),
      full: () => Promise.reject(new Error("unset")),
      uniq: () => String(++n),
    };
  });
});
// A fresh "op" tenant per test; deleting it frees its qubits, jobs and channels.
let gen = 0;
beforeEach(async () => {
  opName = `op${++gen}`;
  const op = await K.A("q_create_tenant", { name: opName, rights: ALL_RIGHTS, quota: { ...ROOMY, logical_qubits: 24 } });
  opToken = op.token;
  ctxBase.full = (await sessionWith(ALL_RIGHTS)).call;
});
afterEach(async () => {
  await K.A("q_delete_tenant", { tenant_id: opName });
});
afterAll(async () => {
  await K?.k.close();
});

describe("every method of the ABI table", () => {
  it("the table and the cases agree (no method left untested)", () => {
    expect(Object.keys(CASES).sort()).toEqual(METHOD_NAMES.filter((m) => !METHODS[m].publicHandler && !METHODS[m].opensSession).sort());
    expect(METHOD_NAMES.filter((m) => METHODS[m].publicHandler || METHODS[m].opensSession).sort()).toEqual(["q_inspect_token", "q_negotiate_caps"]);
  });

  for (const method of METHOD_NAMES.filter((m) => !METHODS[m].publicHandler && !METHODS[m].opensSession)) {
    it(`${method}: no session / forged session → INVALID_HANDLE; lacking its right → INSUFFICIENT_CAPS; with it → allowed; all audited`, async () => {
      const c = CASES[method];
      // allowed, with exactly the needed rights (+ what the setup needs)
      const probe = await sessionWith(ALL_RIGHTS);
      const probeParams = await c.params({ ...ctxBase, call: probe.call });
      const need = needed(method, probeParams);
      const ok = await sessionWith([...need, ...(c.setup ?? [])]);
      const params = await c.params({ ...ctxBase, call: ok.call });
      let m0 = mark();
      const res = await ok.call(method, params);
      expect(res).toBeDefined();
      const allow = await auditAfter(m0, (e) => e.op === method && e.decision === "allow");
      expect(allow, `allow event for ${method}`).toBeTruthy();

      // without a session, and with a forged one
      for (const sid of [undefined, flip(ok.sid)]) {
        const p2 = { ...params, session_id: sid };
        if (sid === undefined) delete (p2 as any).session_id;
        nextPreAuthWindow();
        m0 = mark();
        const e = await caught(K.k.call(method, p2));
        expect(e?.codeName, `${method} with session ${sid ? "forged" : "missing"}`).toBe("INVALID_HANDLE");
        expect(e.code).toBe(ErrorCodes.INVALID_HANDLE);
        const ev = await auditAfter(m0, (x) => x.op === method && x.decision === "deny" && x.reason === "INVALID_HANDLE");
        expect(ev?.type).toBe("handle.refuse");
      }

      // lacking the right: a session holding every right except the needed ones
      if (need.length > 0) {
        const lacking = await sessionWith(ALL_RIGHTS.filter((r) => !need.includes(r)));
        const params3 = await c.params({ ...ctxBase, call: lacking.call }).catch(() => params);
        m0 = mark();
        const e = await caught(lacking.call(method, params3));
        expect(e?.codeName, `${method} without ${need}`).toBe("INSUFFICIENT_CAPS");
        expect(e.data.missing.sort()).toEqual([...need].sort());
        const ev = await auditAfter(m0, (x) => x.op === method && x.decision === "deny" && x.reason === "INSUFFICIENT_CAPS");
        expect(ev?.type).toBe("cap.deny");
        expect(ev.tenant).toBe(opName);
      }
    });
  }

  it("the two public methods: negotiate refuses forged tokens (audited); inspect never needs a session", async () => {
    let m0 = mark();
    const e = await caught(K.k.call("q_negotiate_caps", { token: flip(opToken) }));
    expect(e.codeName).toBe("INVALID_TOKEN");
    expect((await auditAfter(m0, (x) => x.op === "q_negotiate_caps" && x.reason === "INVALID_TOKEN"))?.type).toBe("session.deny");
    m0 = mark();
    await K.k.call("q_negotiate_caps", { token: opToken, requested: [] });
    expect((await auditAfter(m0, (x) => x.op === "q_negotiate_caps" && x.decision === "allow"))?.type).toBe("session.open");
    const info = await K.k.call("q_inspect_token", { token: opToken });
    expect(info.id).toBeTruthy();
    expect(JSON.stringify(info)).not.toContain(opToken.split(".").pop());
    m0 = mark();
    expect((await caught(K.k.call("q_inspect_token", { token: "junk" })))?.codeName).toBe("INVALID_TOKEN");
    expect(await auditAfter(m0, (x) => x.op === "q_inspect_token" && x.decision === "deny")).toBeTruthy();
  });

  it("unknown methods are refused (METHOD_NOT_FOUND), including prototype names", async () => {
    for (const m of ["q_nope", "__proto__", "constructor", "toString", "hasOwnProperty"]) {
      expect((await caught(K.k.call(m, {})))?.codeName).toBe("METHOD_NOT_FOUND");
    }
  });
});

describe("every opcode of the opcode table", () => {
  const ops = Object.keys(OPCODES);
  /** opcodes q_apply runs directly */
  const EAGER_APPLY = ops.filter((o) => !["ALLOC_LQ", "FREE_LQ", "OPEN_CHAN", "USE_CHAN", "CLOSE_CHAN", "FENCE_EPOCH", "BAR_REGION", "SET_POLICY"].includes(o));

  for (const op of ops) {
    it(`${op} in a graph: rights derived from the opcode (not the graph's caps claim), denied without, allowed with, audited`, async () => {
      const graph = graphFor(op);
      const need = requiredRights(graph.program.nodes.map((x: any) => x.op));
      for (const r of OPCODES[op].caps) expect(need).toContain(r);
      // allowed with exactly the derived rights
      const ok = await sessionWith(need);
      let m0 = mark();
      const j = await ok.call("q_submit", { graph, policy: { shots: 2, seed: 3 } });
      const res = await ok.call("q_wait", { job_id: j.job_id, timeout_ms: 20_000 });
      expect(res.state, `${op}: ${JSON.stringify(res.error)}`).toBe("completed");
      expect(await auditAfter(m0, (x) => x.op === "q_submit" && x.decision === "allow")).toBeTruthy();
      // each right the opcode needs, removed on its own
      for (const r of OPCODES[op].caps) {
        const lacking = await sessionWith(ALL_RIGHTS.filter((x) => x !== r));
        m0 = mark();
        const e = await caught(lacking.call("q_submit", { graph: { ...graph, caps: ALL_RIGHTS }, policy: { shots: 1 } }));
        expect(e?.codeName, `${op} graph without ${r}`).toBe("INSUFFICIENT_CAPS");
        expect(e.data.missing).toEqual([r]);
        const ev = await auditAfter(m0, (x) => x.op === "q_submit" && x.reason === "INSUFFICIENT_CAPS");
        expect(ev?.type).toBe("cap.deny");
      }
    });
  }

  for (const op of EAGER_APPLY) {
    it(`${op} via q_apply: denied without ${OPCODES[op].caps.join("+") || "(no right)"}, allowed with, audited`, async () => {
      const spec = OPCODES[op];
      const args: Record<string, number> = {};
      for (const [name, a] of Object.entries(spec.args)) if (a.type === "angle") args[name] = 0.25;
      const nq = typeof spec.vqs === "number" && spec.vqs > 1 ? spec.vqs : 1;
      const ok = await sessionWith([...spec.caps, "CAP_ALLOC"]);
      const vqs = (await ok.call("q_alloc", { n: nq })).vqs;
      let m0 = mark();
      const params = { op, vqs, ...(Object.keys(args).length ? { args } : {}), ...(op === "COND_PAULI" ? { args: { mask: "X", fire: true } } : {}) };
      await ok.call("q_apply", params);
      expect(await auditAfter(m0, (x) => x.op === "q_apply" && x.decision === "allow" && x.details?.opcode === op)).toBeTruthy();
      for (const r of spec.caps) {
        const lacking = await sessionWith(ALL_RIGHTS.filter((x) => x !== r));
        const vqs2 = (await lacking.call("q_alloc", { n: nq })).vqs;
        m0 = mark();
        const e = await caught(lacking.call("q_apply", { ...params, vqs: vqs2 }));
        expect(e?.codeName).toBe("INSUFFICIENT_CAPS");
        expect(e.data.missing).toEqual([r]);
        expect((await auditAfter(m0, (x) => x.op === "q_apply" && x.reason === "INSUFFICIENT_CAPS"))?.type).toBe("cap.deny");
        // the refused op did nothing: the qubits are still |0…0⟩
        const amp = await lacking.call("q_amplitudes", { vqs: vqs2 });
        expect(amp.probabilities[0]).toBeCloseTo(1, 12);
      }
    });
  }

  it("a graph that claims no caps still needs the rights of its opcodes (and claiming caps grants nothing)", async () => {
    const graph = g(
      [
        { id: "a", op: "ALLOC_LQ", args: { n: 2 }, vqs: ["q", "r"] },
        { id: "t", op: "INJECT_T_STATE", vqs: ["q"] },
        { id: "x", op: "TELEPORT_CNOT", vqs: ["q", "r"] },
        { id: "m", op: "MEASURE_X", vqs: ["q"], produces: ["e"] },
      ],
      ["q", "r"],
      ["e"],
    );
    const s = await sessionWith(["CAP_ALLOC"]);
    const e = await caught(s.call("q_submit", { graph: { ...graph, caps: ALL_RIGHTS } }));
    expect(e.codeName).toBe("INSUFFICIENT_CAPS");
    expect(e.data.missing.sort()).toEqual(["CAP_MAGIC", "CAP_MEASURE", "CAP_TELEPORT"]);
  });
});

describe("one door to the simulator", () => {
  it("kernel/sim is imported only by kernel/machine/ and kernel/qvm/bare-port.ts", () => {
    const root = path.resolve(__dirname, "../..");
    const offenders: string[] = [];
    const importers: string[] = [];
    const walk = (dir: string) => {
      for (const ent of fs.readdirSync(dir, { withFileTypes: true })) {
        if (["node_modules", ".git", "test", "bench", ".qmk", "dist"].includes(ent.name)) continue;
        const p = path.join(dir, ent.name);
        if (ent.isDirectory()) walk(p);
        else if (/\.(ts|mts|cts|js|mjs|tsx)$/.test(ent.name) && !ent.name.endsWith(".d.ts")) {
          const rel = path.relative(root, p).split(path.sep).join("/");
          if (rel.startsWith("kernel/sim/")) continue;
          const src = fs.readFileSync(p, "utf8");
          const re = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g;
          for (const m of src.matchAll(re)) {
            const spec = m[1] ?? m[2] ?? m[3];
            if (!spec.startsWith(".")) continue;
            const target = path.relative(root, path.resolve(path.dirname(p), spec)).split(path.sep).join("/");
            if (target === "kernel/sim" || target.startsWith("kernel/sim/")) {
              importers.push(rel);
              if (!(rel.startsWith("kernel/machine/") || rel === "kernel/qvm/bare-port.ts")) offenders.push(`${rel} → ${spec}`);
            }
          }
        }
      }
    };
    walk(root);
    expect(offenders).toEqual([]);
    expect(importers).toContain("kernel/machine/machine.ts");
  });
});

// Shared attack harness: one kernel per world, reached either in process
// (kernel.call) or over a real `qmk serve` TCP connection (one connection
// per principal). Every attack is counted (tried / blocked / got through),
// must be refused with the exact SPEC §4 code, must leave a matching deny
// event in the audit log, and must leave the victim's state untouched.
import { afterAll, beforeAll, expect } from "vitest";
import { createKernel, type Kernel } from "../../kernel/index.js";
import { ErrorCodes, type ErrorName } from "../../kernel/errors.js";
import { serveKernel } from "../../kernel/rpc/serve-kernel.js";
import { JsonRpcTransport } from "../../dsl/transport/jsonrpc.js";

export type Mode = "inproc" | "rpc";
export const MODES: Mode[] = ["inproc", "rpc"];

export interface Caller {
  call(method: string, params?: Record<string, unknown>): Promise<any>;
  close(): Promise<void>;
}

export interface Principal {
  name: string;
  token: string;
  sid: string;
  c: Caller;
  /** call with this principal's session filled in */
  q(method: string, params?: Record<string, unknown>): Promise<any>;
}

export const TENANT_RIGHTS = ["CAP_ALLOC", "CAP_MEASURE", "CAP_LINK", "CAP_TELEPORT", "CAP_MAGIC"];
export const GENEROUS_QUOTA = {
  api_calls_per_minute: 1_000_000,
  measurements_per_second: 1_000_000,
  allocations_per_minute: 1_000_000,
  jobs_per_minute: 100_000,
  logical_qubits: 24,
  concurrent_jobs: 16,
  channels: 64,
  sessions: 64,
};

export interface World {
  mode: Mode;
  kernel: Kernel;
  /** TCP port of `qmk serve` (rpc mode) */
  port?: number;
  admin: Principal;
  p: Record<string, Principal>;
  /** another connection (same transport) */
  connect(): Promise<Caller>;
  /** a fresh tenant */
  tenant(name: string, rights?: string[], quota?: Record<string, number>): Promise<Principal>;
  close(): Promise<void>;
}

export async function makeWorld(mode: Mode, names: string[] = ["alice", "bob", "carol"], opts: { seed?: number } = {}): Promise<World> {
  // every refusal in full (no pre-auth aggregation window): each attack checks its own event
  const kernel = await createKernel({ inMemory: true, fsync: false, seed: opts.seed ?? 1234, preAuthWindowMs: 0 });
  let server: { close(): Promise<void>; port?: number } | undefined;
  const callers: Caller[] = [];
  // the transport's pre-auth limiter has its own tests (rpc/, isolation-attacks 12b); opened wide here
  const wide = { burst: 1_000_000, perSecond: 1_000_000 };
  if (mode === "rpc") server = await serveKernel(kernel, { socketPath: null, port: 0, limits: { preAuthPerConnection: wide, preAuthPerPeer: wide } });
  const connect = async (): Promise<Caller> => {
    let c: Caller;
    if (mode === "inproc") c = { call: (m, p) => kernel.call(m, p ?? {}), close: async () => {} };
    else {
      const t = await JsonRpcTransport.connect(`tcp://127.0.0.1:${server!.port}`);
      c = { call: (m, p) => t.call(m, p ?? {}), close: () => t.close() };
    }
    callers.push(c);
    return c;
  };
  const principal = async (name: string, token: string): Promise<Principal> => {
    const c = await connect();
    const { session_id } = await c.call("q_negotiate_caps", { token });
    return { name, token, sid: session_id, c, q: (m, p = {}) => c.call(m, { session_id, ...p }) };
  };
  const admin = await principal("admin", kernel.adminToken);
  const tenant = async (name: string, rights = TENANT_RIGHTS, quota: Record<string, number> = GENEROUS_QUOTA) => {
    const t = await admin.q("q_create_tenant", { name, rights, quota });
    return principal(t.tenant_id, t.token);
  };
  const p: Record<string, Principal> = {};
  for (const n of names) p[n] = await tenant(n);
  return {
    mode,
    kernel,
    ...(server?.port !== undefined ? { port: server.port } : {}),
    admin,
    p,
    connect,
    tenant,
    close: async () => {
      for (const c of callers) await c.close().catch(() => {});
      if (server) await server.close();
      await kernel.close();
    },
  };
}

// ---- tallies ----------------------------------------------------------

export const tally = { tried: 0, blocked: 0, through: 0, wrongCode: 0 };
export const scenarios: string[] = [];

export function printTally(file: string): void {
  // eslint-disable-next-line no-console
  console.log(
    `[security:${file}] scenarios tried=${tally.tried} blocked=${tally.blocked} got-through=${tally.through} wrong-code=${tally.wrongCode}`,
  );
}

export interface Denial {
  code: number;
  codeName: string;
  data: Record<string, any>;
  message: string;
}

/** The attack must be refused with exactly `code`; counts the scenario. */
export async function attack(name: string, code: ErrorName, fn: () => Promise<unknown>): Promise<Denial> {
  tally.tried++;
  scenarios.push(name);
  let err: any;
  try {
    await fn();
  } catch (e) {
    err = e;
  }
  if (err === undefined) {
    tally.through++;
    throw new Error(`ATTACK GOT THROUGH: ${name}`);
  }
  if (err?.codeName !== code || err?.code !== ErrorCodes[code]) {
    tally.wrongCode++;
    throw new Error(`${name}: expected ${code} (${ErrorCodes[code]}), got ${err?.codeName} (${err?.code}): ${err?.message}`);
  }
  tally.blocked++;
  return { code: err.code, codeName: err.codeName, data: err.data ?? {}, message: err.message };
}

// ---- audit ------------------------------------------------------------

export async function auditMark(w: World): Promise<number> {
  const h = await w.admin.q("q_audit_tree_head", { sign: false });
  return Number(h.tree_size ?? h.size) - 1;
}

export interface DenyExpect {
  type: string;
  reason: ErrorName;
  op?: string;
  tenant?: string;
}

/** A deny event matching `e` exists after index `mark`. */
export async function expectAudited(w: World, mark: number, e: DenyExpect): Promise<any> {
  const r = await w.admin.q("q_audit_query", { filters: { decision: "deny", after: mark, limit: 1000 } });
  const hit = r.events.find(
    (ev: any) =>
      ev.type === e.type &&
      ev.reason === e.reason &&
      ev.decision === "deny" &&
      (e.op === undefined || ev.op === e.op) &&
      (e.tenant === undefined || ev.tenant === e.tenant),
  );
  expect(hit, `audit event ${JSON.stringify(e)} among ${JSON.stringify(r.events.map((x: any) => [x.type, x.reason, x.op, x.tenant]))}`).toBeTruthy();
  return hit;
}

/** attack + audit check in one */
export async function denied(w: World, name: string, code: ErrorName, type: string, fn: () => Promise<unknown>, extra: Partial<DenyExpect> = {}): Promise<Denial> {
  const mark = await auditMark(w);
  const d = await attack(`${w.mode}: ${name}`, code, fn);
  await expectAudited(w, mark, { type, reason: code, ...extra });
  return d;
}

// ---- victim state -----------------------------------------------------

export interface Victim {
  owner: Principal;
  vqs: string[];
  thetas: number[];
  /** exact amplitudes at preparation */
  amps: { re: number[]; im: number[] }[];
}

const THETAS = [0.4, 1.1, 1.9, 2.6];

/** The victim prepares RY(θ_k)|0⟩ on k qubits (each its own component). */
export async function prepareVictim(owner: Principal, thetas = THETAS): Promise<Victim> {
  const { vqs } = await owner.q("q_alloc", { n: thetas.length, profile: "logical:Surface(d=3)" });
  for (let i = 0; i < thetas.length; i++) await owner.q("q_apply", { op: "RY", vqs: [vqs[i]], args: { theta: thetas[i] } });
  const amps = [];
  for (const v of vqs) {
    const a = await owner.q("q_amplitudes", { vqs: [v] });
    amps.push({ re: a.re, im: a.im });
  }
  for (let i = 0; i < thetas.length; i++) {
    expect(amps[i].re[0]).toBeCloseTo(Math.cos(thetas[i] / 2), 12);
    expect(amps[i].re[1]).toBeCloseTo(Math.sin(thetas[i] / 2), 12);
  }
  return { owner, vqs, thetas, amps };
}

/** The victim's qubits still hold exactly RY(θ)|0⟩ and are entangled with nothing. */
export async function expectVictimUntouched(v: Victim): Promise<void> {
  for (let i = 0; i < v.vqs.length; i++) {
    const a = await v.owner.q("q_amplitudes", { vqs: [v.vqs[i]] });
    for (let b = 0; b < 2; b++) {
      expect(Math.abs(a.re[b] - v.amps[i].re[b])).toBeLessThan(1e-12);
      expect(Math.abs(a.im[b] - v.amps[i].im[b])).toBeLessThan(1e-12);
    }
  }
  const comps = await v.owner.q("q_components", {});
  for (const c of comps.components) {
    if (!c.own.some((h: string) => v.vqs.includes(h))) continue; // the victim's other (consented) qubits
    expect(c.tenants).toEqual([v.owner.name]);
    expect(c.size).toBe(1);
    expect(c.foreign).toBe(0);
  }
}

/**
 * Statistical check: measure the victim's prepared qubits, then `reps` fresh
 * repetitions of the same preparation; the frequency of 1 for each θ must be
 * sin²(θ/2) within 5σ.
 */
export async function expectVictimStatistics(v: Victim, reps = 40): Promise<void> {
  const ones = v.thetas.map(() => 0);
  const total = reps + 1;
  for (let i = 0; i < v.vqs.length; i++) ones[i] += (await v.owner.q("q_measure", { vq: v.vqs[i], basis: "Z" })).outcome;
  await v.owner.q("q_release", { vqs: v.vqs });
  for (let r = 0; r < reps; r++) {
    const { vqs } = await v.owner.q("q_alloc", { n: v.thetas.length });
    for (let i = 0; i < v.thetas.length; i++) {
      await v.owner.q("q_apply", { op: "RY", vqs: [vqs[i]], args: { theta: v.thetas[i] } });
      ones[i] += (await v.owner.q("q_measure", { vq: vqs[i], basis: "Z" })).outcome;
    }
    await v.owner.q("q_release", { vqs });
  }
  for (let i = 0; i < v.thetas.length; i++) {
    const p = Math.sin(v.thetas[i] / 2) ** 2;
    const sigma = Math.sqrt((p * (1 - p)) / total);
    expect(Math.abs(ones[i] / total - p), `θ=${v.thetas[i]}: ${ones[i]}/${total} vs p=${p}`).toBeLessThanOrEqual(5 * sigma + 1e-9);
  }
}

/** Flip one bit of a handle (in its base64url text), keeping it a plausible string. */
export function flipChar(h: string, i: number): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  const c = h[i];
  if (c === ".") return h.slice(0, i) + "A" + h.slice(i + 1);
  const idx = alphabet.indexOf(c);
  const n = alphabet[(idx ^ 1) & 63];
  return h.slice(0, i) + n + h.slice(i + 1);
}

export function graph(nodes: any[], vqs: string[], events: string[] = [], caps: string[] = []): any {
  return { version: "0.1", program: { nodes }, resources: { vqs, chs: [], events }, caps };
}

/** a requests, b approves: both tenants' channel handles, and the raw channel id (for graphs). */
export async function openChannel(a: Principal, b: Principal, maxUses = 4, expires_at?: number) {
  const req = await a.q("q_request_channel", { peer: b.name, max_uses: maxUses, ...(expires_at ? { expires_at } : {}) });
  const appr = await b.q("q_approve_channel", { request_id: req.request_id });
  const st = await a.q("q_chan_status", { channel: req.channel });
  return { aCh: req.channel as string, bCh: appr.channel as string, requestId: req.request_id as string, id: (st.id ?? st.channel_id) as string, status: st };
}

export async function alloc(p: Principal, n: number): Promise<string[]> {
  return (await p.q("q_alloc", { n })).vqs;
}

/** Per describe block: a fresh world (in process or over RPC) with Bob's victim qubits prepared; closed afterwards. */
export function useWorldWithVictim(mode: Mode, set: (w: World, v: Victim) => void): void {
  let world: World | undefined;
  beforeAll(async () => {
    world = await makeWorld(mode);
    set(world, await prepareVictim(world.p.bob));
  });
  afterAll(async () => {
    await world?.close();
  });
}

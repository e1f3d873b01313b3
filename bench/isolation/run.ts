// npm run bench:isolation [-- --quick] [-- --baseline-rev REV] [-- --no-baseline]
//
// What one tenant, with only its own token, can do to the others over
// `qmk serve` (issue 12), measured against a real server process:
//  A. a cheap eager call's latency (p50/p99/max) from tenant "light" while
//     tenant "heavy" runs the largest job its default quota allows (16
//     qubits, 100 000 gates), and on an idle server;
//  B. the server's RSS after the memory attacks: 50 submissions carrying
//     8 MiB of graph metadata, 40 unauthenticated connections each holding a
//     15 MiB partial line, 10 000 q_open_chan + loans;
//  C. audit events an unauthenticated client adds in one minute of failed
//     q_negotiate_caps as fast as it can send.
// Each figure is printed next to the same attack against a named baseline:
// the server as it was before the issue-12 work (a git worktree of
// --baseline-rev, default fb19c15), started the same way, in the same run.
// The machine may be shared: the figures are for comparison, not absolutes.
import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { JsonRpcTransport } from "../../dsl/transport/jsonrpc.js";
import { baselineCheckout, type BaselineCheckout } from "../baseline-checkout.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const QUICK = process.argv.includes("--quick");
const argOf = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const BASELINE_REV = argOf("--baseline-rev") ?? "fb19c15";
const NO_BASELINE = process.argv.includes("--no-baseline");
const FLOOD_SECONDS = Number(argOf("--flood-seconds") ?? (QUICK ? 10 : 61));
const HEAVY_GATES = QUICK ? 20_000 : 99_000;
const HEAVY_QUBITS = 16;

type Call = (m: string, p?: Record<string, unknown>) => Promise<any>;

interface Server {
  name: string;
  proc: ChildProcess;
  dir: string;
  socket: string;
  admin: Call;
  client: JsonRpcTransport;
  rssMiB(): number;
  stop(): Promise<void>;
}


async function startServer(name: string, checkout: string, extra: string[]): Promise<Server> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "qmk-iso-data-"));
  const tsx = path.join(ROOT, "node_modules/tsx/dist/cli.mjs");
  // both servers run from source through tsx: start-up is not what is measured here
  const proc = spawn(process.execPath, [tsx, path.join(checkout, "kernel/cli/main.ts"), "serve", "--data-dir", dir, ...extra], {
    cwd: checkout,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  proc.stdout!.on("data", (c) => (out += c));
  let err = "";
  proc.stderr!.on("data", (c) => (err = (err + c).slice(-2000)));
  const deadline = Date.now() + 60_000;
  let socket = "";
  while (!socket) {
    const m = /unix socket:\s+(\S+)/.exec(out);
    if (m) socket = m[1]!;
    else if (Date.now() > deadline || proc.exitCode !== null) throw new Error(`${name}: server did not start: ${out}${err}`);
    else await sleep(50);
  }
  const client = await JsonRpcTransport.connect(socket);
  const raw: Call = (m, p = {}) => (client as any).call(m, p);
  const token = fs.readFileSync(path.join(dir, "admin.token"), "utf8").trim();
  const sid = (await raw("q_negotiate_caps", { token })).session_id;
  return {
    name,
    proc,
    dir,
    socket,
    client,
    admin: (m, p = {}) => raw(m, { session_id: sid, ...p }),
    rssMiB() {
      const s = fs.readFileSync(`/proc/${proc.pid}/status`, "utf8");
      return Number(/VmRSS:\s+(\d+)/.exec(s)![1]) / 1024;
    },
    async stop() {
      await client.close().catch(() => {});
      proc.kill("SIGTERM");
      await new Promise((r) => proc.once("exit", r));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function tenant(s: Server, name: string, quota: Record<string, number> = {}): Promise<{ call: Call; conn: JsonRpcTransport }> {
  const { token } = await s.admin("q_create_tenant", { name, rights: ["CAP_ALLOC", "CAP_MEASURE", "CAP_LINK"], ...(Object.keys(quota).length ? { quota } : {}) });
  const conn = await JsonRpcTransport.connect(s.socket);
  const raw: Call = (m, p = {}) => (conn as any).call(m, p);
  const sid = (await raw("q_negotiate_caps", { token })).session_id;
  return { conn, call: (m, p = {}) => raw(m, { session_id: sid, ...p }) };
}

/** A random 16-qubit circuit of `gates` gates: the largest job the default quota (100 000 nodes) admits. */
function heavyGraph(gates: number): unknown {
  const vqs = Array.from({ length: HEAVY_QUBITS }, (_, i) => `q${i}`);
  const nodes: unknown[] = [{ id: "a", op: "ALLOC_LQ", args: { n: HEAVY_QUBITS }, vqs }];
  let x = 12345;
  const rnd = () => ((x = (x * 1103515245 + 12345) >>> 0) / 2 ** 32);
  for (let i = 0; i < gates; i++) {
    if (rnd() < 0.5) nodes.push({ id: `g${i}`, op: ["APPLY_H", "APPLY_T", "APPLY_S", "APPLY_X"][Math.floor(rnd() * 4)], vqs: [vqs[Math.floor(rnd() * HEAVY_QUBITS)]] });
    else {
      const a = Math.floor(rnd() * HEAVY_QUBITS);
      const b = (a + 1 + Math.floor(rnd() * (HEAVY_QUBITS - 1))) % HEAVY_QUBITS;
      nodes.push({ id: `g${i}`, op: "APPLY_CNOT", vqs: [vqs[a], vqs[b]] });
    }
  }
  const events = vqs.map((_, i) => `m${i}`);
  vqs.forEach((v, i) => nodes.push({ id: `m${i}`, op: "MEASURE_Z", vqs: [v], produces: [events[i]] }));
  nodes.push({ id: "f", op: "FREE_LQ", vqs });
  return { version: "0.1", program: { nodes }, resources: { vqs, chs: [], events }, caps: [] };
}

interface Latency {
  n: number;
  p50: number;
  p99: number;
  max: number;
}

function latency(samples: number[]): Latency {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? NaN;
  return { n: s.length, p50: q(0.5), p99: q(0.99), max: s[s.length - 1] ?? NaN };
}

/** A. cheap-call latency, idle and under the heavy job. */
async function benchLatency(s: Server): Promise<{ idle: Latency; loaded: Latency; jobSeconds: number }> {
  const light = await tenant(s, "light");
  const heavy = await tenant(s, "heavy");
  const [q] = (await light.call("q_alloc", { n: 1 })).vqs;
  const cheap = async (): Promise<number> => {
    const t0 = performance.now();
    await light.call("q_apply", { op: "X", vqs: [q] });
    return performance.now() - t0;
  };
  const idle: number[] = [];
  for (let i = 0; i < (QUICK ? 200 : 1000); i++) idle.push(await cheap());
  const graph = heavyGraph(HEAVY_GATES);
  const t0 = performance.now();
  let done = false;
  const job = (async () => {
    const { job_id } = await heavy.call("q_submit", { graph, policy: { shots: 1 } });
    const r = await heavy.call("q_wait", { job_id, timeout_ms: 600_000 });
    done = true;
    return r;
  })();
  const loaded: number[] = [];
  await sleep(5); // the submission is on its way
  while (!done) {
    loaded.push(await cheap());
    await sleep(2);
  }
  const r = await job;
  if (r.state !== "completed" && r.status !== "completed") throw new Error(`${s.name}: heavy job ended ${JSON.stringify(r).slice(0, 200)}`);
  const jobSeconds = (performance.now() - t0) / 1000;
  await light.conn.close();
  await heavy.conn.close();
  return { idle: latency(idle), loaded: latency(loaded), jobSeconds };
}

/** B. RSS after the memory attacks. */
async function benchMemory(s: Server): Promise<{ start: number; metadata: number; partial: number; chans: number; refusedMeta: number }> {
  const start = s.rssMiB();
  const hoarder = await tenant(s, "hoarder", { jobs_per_minute: 1000, concurrent_jobs: 64 });
  const small = { version: "0.1", program: { nodes: [{ id: "a", op: "ALLOC_LQ", args: { n: 1 }, vqs: ["q"] }, { id: "f", op: "FREE_LQ", vqs: ["q"] }] }, resources: { vqs: ["q"], chs: [], events: [] }, caps: [] };
  const blob = "x".repeat(8 * 1024 * 1024);
  let refusedMeta = 0;
  for (let i = 0; i < (QUICK ? 10 : 50); i++) {
    try {
      const { job_id } = await hoarder.call("q_submit", { graph: { ...small, metadata: { blob, i } } });
      await hoarder.call("q_wait", { job_id });
    } catch {
      refusedMeta++;
    }
  }
  await sleep(200);
  const metadata = s.rssMiB();
  // 40 connections without a credential, each sending 15 MiB of one unterminated line
  const socks: net.Socket[] = [];
  const chunk = Buffer.alloc(1024 * 1024, 0x61);
  await Promise.all(
    Array.from({ length: QUICK ? 10 : 40 }, async () => {
      const sock = net.createConnection({ path: s.socket });
      sock.on("error", () => {});
      socks.push(sock);
      await new Promise((r) => sock.once("connect", r));
      for (let i = 0; i < 15 && !sock.destroyed; i++) {
        await new Promise<void>((r) => (sock.write(chunk) ? r() : sock.once("drain", () => r())) || setTimeout(r, 2000));
      }
    }),
  );
  await sleep(500);
  const partial = s.rssMiB();
  for (const x of socks) x.destroy();
  // channel records and loans: two tenants, a channel, 10 000 open_chan/lend rounds
  const a = await tenant(s, "chana");
  const b = await tenant(s, "chanb");
  try {
    const { request_id, channel } = await a.call("q_request_channel", { peer: "chanb", max_uses: 1_000_000 });
    const { channel: bch } = await b.call("q_approve_channel", { request_id });
    const [qa, qa2] = (await a.call("q_alloc", { n: 2 })).vqs;
    const [qb] = (await b.call("q_alloc", { n: 1 })).vqs;
    for (let i = 0; i < (QUICK ? 2000 : 10_000); i++) {
      await b.call("q_lend_qubit", { channel: bch, vq: qb }).catch(() => {});
      await a.call("q_open_chan", { vqs: [qa, qa2], channel }).catch(() => {});
      await a.call("q_reset", { vq: qa }).catch(() => {});
      await a.call("q_reset", { vq: qa2 }).catch(() => {});
    }
  } catch {
    /* an old server may refuse a step; the RSS is still what it is */
  }
  await sleep(200);
  const chans = s.rssMiB();
  for (const t of [hoarder, a, b]) await t.conn.close();
  return { start, metadata, partial, chans, refusedMeta };
}

/** C. audit events added by one unauthenticated client in FLOOD_SECONDS. */
async function benchFlood(s: Server): Promise<{ calls: number; events: number; perMinute: number; rateLimited: number }> {
  const size = async () => {
    const h = await s.admin("q_audit_tree_head", { sign: false });
    return Number(h.tree_size ?? h.size);
  };
  const before = await size();
  const conn = await JsonRpcTransport.connect(s.socket);
  const end = Date.now() + FLOOD_SECONDS * 1000;
  let calls = 0;
  let rateLimited = 0;
  let c: JsonRpcTransport = conn;
  while (Date.now() < end) {
    // 64 in flight at a time, a new connection when the server closes one
    const batch = Array.from({ length: 64 }, (_, i) =>
      (c as any).call("q_negotiate_caps", { token: "qmk1_" + "A".repeat(40 + ((calls + i) % 7)) }).then(
        () => {},
        (e: any) => {
          if (e?.codeName === "RATE_LIMITED") rateLimited++;
        },
      ),
    );
    await Promise.all(batch);
    calls += 64;
    if ((c as any).closed || (c as any).failure) c = await JsonRpcTransport.connect(s.socket).catch(() => c);
  }
  await c.close().catch(() => {});
  const events = (await size()) - before - 1; // minus the admin's own tree-head call
  return { calls, events, perMinute: (events / FLOOD_SECONDS) * 60, rateLimited };
}

function fmt(x: number, d = 1): string {
  return Number.isFinite(x) ? x.toFixed(d) : "—";
}

async function measure(name: string, checkout: string, extra: string[] = []) {
  const s = await startServer(name, checkout, extra);
  try {
    const lat = await benchLatency(s);
    const mem = await benchMemory(s);
    const flood = await benchFlood(s);
    return { lat, mem, flood };
  } finally {
    await s.stop();
  }
}

async function main() {
  console.log(`bench:isolation — ${os.cpus().length} cores, load ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}${QUICK ? " (quick)" : ""}`);
  console.log(`heavy job: ${HEAVY_QUBITS} qubits, ${HEAVY_GATES} gates, 1 shot; flood: ${FLOOD_SECONDS} s\n`);
  const rows: Array<[string, Awaited<ReturnType<typeof measure>>]> = [];
  rows.push(["today (HEAD)", await measure("today", ROOT, ["--log-level", "error"])]);
  let base: BaselineCheckout | undefined;
  if (!NO_BASELINE) {
    try {
      base = baselineCheckout(ROOT, BASELINE_REV, "qmk-iso-base-");
      rows.push([`before (${BASELINE_REV})`, await measure("before", base.dir)]);
    } catch (e) {
      console.log(`baseline ${BASELINE_REV} not measured: ${(e as Error).message}`);
    } finally {
      base?.remove();
    }
  }
  const line = (label: string, f: (r: Awaited<ReturnType<typeof measure>>) => string) =>
    console.log(label.padEnd(52) + rows.map(([, r]) => f(r).padStart(22)).join(""));
  console.log("".padEnd(52) + rows.map(([n]) => n.padStart(22)).join(""));
  line("A. cheap call, idle server: p50 / p99 ms", (r) => `${fmt(r.lat.idle.p50, 2)} / ${fmt(r.lat.idle.p99, 2)}`);
  line("A. cheap call under the largest job: p50 / p99 ms", (r) => `${fmt(r.lat.loaded.p50, 2)} / ${fmt(r.lat.loaded.p99, 2)}`);
  line("A. ... worst single call ms (calls)", (r) => `${fmt(r.lat.loaded.max)} (${r.lat.loaded.n})`);
  line("A. heavy job wall time s", (r) => fmt(r.lat.jobSeconds, 2));
  line("B. server RSS at start MiB", (r) => fmt(r.mem.start, 0));
  line("B. ... after 8 MiB-metadata submissions MiB (refused)", (r) => `${fmt(r.mem.metadata, 0)} (${r.mem.refusedMeta})`);
  line("B. ... with 15 MiB partial lines held MiB", (r) => fmt(r.mem.partial, 0));
  line("B. ... after open_chan/lend rounds MiB", (r) => fmt(r.mem.chans, 0));
  line(`C. failed negotiations sent in ${FLOOD_SECONDS} s (rate-limited)`, (r) => `${r.flood.calls} (${r.flood.rateLimited})`);
  line("C. audit events added / per minute", (r) => `${r.flood.events} / ${fmt(r.flood.perMinute, 0)}`);
  console.log("\ntarget (issue 12): p99 under the largest job ≤ 50 ms; RSS bounded; pre-auth events per minute bounded, not chosen by the client");
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

// Audit log benchmark: prints measured numbers.
//   1. sync append cost
//   2. durable appends/s with 1, 64 and 1 024 callers, side by side in one
//      run: "after" (this tree: one Ed25519-signed C2SP checkpoint per group
//      commit, lone caller flushed at once), "before" (the HMAC-head log of
//      commit BEFORE_REV, extracted from git into a temp dir) and the named
//      baseline "fsync-per-event" (kernel/persist/journal.ts: write +
//      fdatasync per record); plus the cost of one checkpoint signature
//      (that is what "one signature per fsync batch" costs).
//   3. proof generation at 10^6 events (inclusion + consistency), reopen and verify time
//   4. heap/RSS growth while appending (must not grow with log size)
// Usage: npm run bench:audit [-- --events 1000000 --seconds 2 --only durable]
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as v8 from "node:v8";
import * as vm from "node:vm";
import { Journal } from "../../kernel/persist/journal.js";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { AuditLog, AuditSigner, verifyConsistencyJson, verifyInclusionJson, verifyLogDir } from "../../kernel/security/audit/index.js";

/** The last commit before issue 13 wired checkpoints into the log (HMAC heads every 1 000 events). */
const BEFORE_REV = "4ecc410";

const arg = (name: string, dflt: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const EVENTS = arg("events", 1_000_000);
const SECONDS = arg("seconds", 2);
const KEY = new Uint8Array(32).fill(7);

v8.setFlagsFromString("--expose_gc");
const gc = vm.runInNewContext("gc") as () => void;

const tmp = (tag: string): string => fs.mkdtempSync(path.join(os.tmpdir(), `qmk-bench-audit-${tag}-`));
const mb = (b: number): string => (b / 1048576).toFixed(1) + " MiB";
const fmt = (n: number): string => Math.round(n).toLocaleString("en-US");

let seq = 0;
const event = () => {
  seq++;
  return {
    type: "cap.use" as const,
    tenant: `tenant-${seq % 8}`,
    session: `sess-${seq % 64}`,
    op: "q_apply",
    decision: "allow" as const,
    details: { opcode: "APPLY_CNOT", vqs: ["vq-1", "vq-2"], seq },
  };
};

/** CPU time actually spent per event: robust when the machine is shared (wall-clock rates are not). */
function cpuNote(c0: NodeJS.CpuUsage, events: number): string {
  const c = process.cpuUsage(c0);
  const us = (c.user + c.system) / events;
  return `  [${us.toFixed(1)} CPU-µs/event ⇒ ${fmt(1e6 / us)} events per CPU-second]`;
}

function line(label: string, value: string): void {
  console.log(`  ${label.padEnd(46)} ${value}`);
}

async function syncAppendCost(): Promise<void> {
  console.log("\n[1] sync append() cost (hash + compact range + buffered write)");
  for (const mode of ["memory", "file"] as const) {
    const dir = mode === "file" ? tmp("sync") : null;
    const log = AuditLog.open({ dir, signingKey: KEY });
    const n = 200_000;
    for (let i = 0; i < 20_000; i++) log.append(event()); // warm-up
    const t0 = performance.now();
    for (let i = 0; i < n; i++) log.append(event());
    const dt = performance.now() - t0;
    line(`append() ${mode}`, `${((dt * 1000) / n).toFixed(2)} µs/event`);
    await log.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The minimum a durable log needs: append, durable, close. Both generations have it. */
interface DurableLog {
  append(e: ReturnType<typeof event>): unknown;
  durable(): Promise<void>;
  close(): Promise<void>;
}
type Opener = (dir: string) => DurableLog;

/**
 * The "before" log: kernel/security/audit at BEFORE_REV, extracted with
 * `git show` into a temp dir (node_modules linked) and imported by tsx.
 * Null (with the reason) when there is no git history, e.g. an npm tarball.
 */
async function beforeOpener(): Promise<{ open: Opener | null; why: string }> {
  const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
  try {
    const git = (...a: string[]) => execFileSync("git", a, { cwd: repo, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
    const root = tmp("before");
    const files = ["kernel/errors.ts", ...git("ls-tree", "--name-only", BEFORE_REV, "kernel/security/audit/").split("\n").filter((f) => f.endsWith(".ts"))];
    for (const f of files) {
      fs.mkdirSync(path.join(root, path.dirname(f)), { recursive: true });
      fs.writeFileSync(path.join(root, f), git("show", `${BEFORE_REV}:${f}`));
    }
    fs.writeFileSync(path.join(root, "package.json"), '{"type":"module"}');
    fs.symlinkSync(path.join(repo, "node_modules"), path.join(root, "node_modules"));
    const mod = (await import(path.join(root, "kernel/security/audit/log.ts"))) as { AuditLog: { open(o: object): DurableLog } };
    return { open: (dir) => mod.AuditLog.open({ dir, signingKey: KEY }), why: "" };
  } catch (e) {
    return { open: null, why: `not measured (${(e as Error).message.split("\n")[0]}); see bench/audit/baseline-before.md` };
  }
}

async function callersRun(open: Opener, callers: number): Promise<{ rate: number; cpu: string; extra: string }> {
  const dir = tmp("gc");
  const log = open(dir);
  let checkpoints = 0;
  const detach = log instanceof AuditLog ? log.addCheckpointListener(() => checkpoints++) : null;
  let acked = 0;
  let stop = false;
  const worker = async () => {
    while (!stop) {
      log.append(event());
      await log.durable();
      acked++;
    }
  };
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const ws = Array.from({ length: callers }, worker);
  await new Promise((r) => setTimeout(r, SECONDS * 1000));
  stop = true;
  await Promise.all(ws);
  const dt = (performance.now() - t0) / 1000;
  const cpu = cpuNote(c0, acked);
  detach?.();
  await log.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return { rate: acked / dt, cpu, extra: detach ? `, ${fmt(checkpoints)} signed checkpoints (${(acked / Math.max(1, checkpoints)).toFixed(1)} events each)` : "" };
}

function fsyncPerEvent(): number {
  const dir = tmp("base");
  const j = Journal.open<object>(path.join(dir, "j.log"), { fsync: true });
  let n = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < SECONDS * 1000) {
    j.append(event());
    n++;
  }
  const dt = (performance.now() - t0) / 1000;
  j.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return n / dt;
}

async function durableThroughput(): Promise<void> {
  console.log(`\n[2] durable appends/s (each caller: append → await durable(); ${SECONDS}s per run; one process, runs interleaved)`);
  const signer = new AuditSigner(KEY);
  const root = new Uint8Array(32).fill(1);
  for (let i = 0; i < 200; i++) signer.signCheckpoint(i, root);
  let t = performance.now();
  const N = 2000;
  for (let i = 0; i < N; i++) signer.signCheckpoint(i, root);
  const nodeUs = ((performance.now() - t) * 1000) / N;
  t = performance.now();
  for (let i = 0; i < 200; i++) signer.signCheckpoint(i, root, "noble");
  const nobleUs = ((performance.now() - t) * 1000) / 200;
  line("one checkpoint signature (Ed25519, node:crypto)", `${nodeUs.toFixed(1)} µs  (@noble/curves: ${nobleUs.toFixed(0)} µs) — paid once per group commit`);
  const before = await beforeOpener();
  const after: Opener = (dir) => AuditLog.open({ dir, signingKey: KEY });
  const rows: string[][] = [];
  for (const callers of [1, 64, 1024]) {
    const base = fsyncPerEvent();
    const b = before.open ? await callersRun(before.open, callers) : null;
    const a = await callersRun(after, callers);
    line(`after:  ${callers} caller(s), signed checkpoint per commit`, `${fmt(a.rate)} events/s${a.cpu}${a.extra}`);
    line(`before: ${callers} caller(s), HMAC head every 1000 (${BEFORE_REV})`, b ? `${fmt(b.rate)} events/s${b.cpu}` : before.why);
    line(`baseline fsync-per-event (persist/journal.ts)`, `${fmt(base)} events/s`);
    rows.push([String(callers), fmt(base), b ? fmt(b.rate) : "—", fmt(a.rate), (a.rate / base).toFixed(2) + "×", b ? (b.rate / base).toFixed(2) + "×" : "—"]);
  }
  {
    // Producer that appends in bursts of 1000 and awaits durability of each burst.
    const dir = tmp("burst");
    const log = AuditLog.open({ dir, signingKey: KEY });
    let acked = 0;
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    while (performance.now() - t0 < SECONDS * 1000) {
      for (let i = 0; i < 1000; i++) log.append(event());
      await log.durable();
      acked += 1000;
    }
    const dt = (performance.now() - t0) / 1000;
    line("after: bursts of 1000", `${fmt(acked / dt)} events/s${cpuNote(c0, acked)}`);
    await log.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  console.log("\n  side by side (events/s; ratio to fsync-per-event):");
  console.log("  callers | fsync-per-event | before (HMAC heads) | after (signed checkpoints) | after/fsync | before/fsync");
  for (const r of rows) console.log(`  ${r[0].padStart(7)} | ${r[1].padStart(15)} | ${r[2].padStart(19)} | ${r[3].padStart(26)} | ${r[4].padStart(11)} | ${r[5].padStart(12)}`);
}

async function atScale(): Promise<void> {
  console.log(`\n[3]+[4] ${fmt(EVENTS)} events in a file-backed log`);
  const dir = tmp("scale");
  let log = AuditLog.open({ dir, signingKey: KEY });
  const samples: string[] = [];
  let base: NodeJS.MemoryUsage | null = null; // first sample, after warm-up
  const t0 = performance.now();
  const step = EVENTS / 10;
  for (let i = 1; i <= EVENTS; i++) {
    log.append(event());
    if (i % 10_000 === 0) await log.durable();
    if (i % step === 0) {
      gc();
      const m = process.memoryUsage();
      base ??= m;
      samples.push(`${fmt(i).padStart(9)} events: heap ${mb(m.heapUsed).padStart(10)} (Δ ${mb(m.heapUsed - base.heapUsed)}), rss ${mb(m.rss)} (Δ ${mb(m.rss - base.rss)})`);
    }
  }
  await log.durable();
  const buildS = (performance.now() - t0) / 1000;
  line("append + durable (batches of 10k)", `${buildS.toFixed(1)} s (${fmt(EVENTS / buildS)} events/s)`);
  console.log("  memory while appending (after GC; Δ vs the first sample):");
  for (const s of samples) console.log("    " + s);

  const size = log.size;
  const P = 10_000;
  const idx = Array.from({ length: P }, () => Math.floor(Math.random() * size));
  let t = performance.now();
  const times: number[] = [];
  const c0 = process.cpuUsage();
  for (const i of idx) {
    const s = performance.now();
    log.inclusionProof(i);
    times.push(performance.now() - s);
  }
  const incMs = (performance.now() - t) / P;
  const cpu = process.cpuUsage(c0);
  times.sort((a, b) => a - b);
  const q = (p: number): string => (times[Math.floor(P * p)] * 1000).toFixed(1);
  line(`inclusion proof at size ${fmt(size)} (${fmt(P)} random)`, `mean ${(incMs * 1000).toFixed(1)} µs, p50 ${q(0.5)} µs, p99 ${q(0.99)} µs, max ${(times[P - 1] * 1000).toFixed(0)} µs`);
  line("  CPU time per inclusion proof", `${((cpu.user + cpu.system) / P).toFixed(1)} µs (wall-clock tails above this are scheduling on a shared CPU)`);
  const p = log.inclusionProof(idx[0]);
  verifyInclusionJson(p);
  line("  proof length / verified", `${p.proof.length} hashes / ok`);
  t = performance.now();
  for (let k = 0; k < 1000; k++) {
    const a = 1 + Math.floor(Math.random() * (size - 1));
    log.consistencyProof(a, size);
  }
  line("consistency proof (1000 random first sizes)", `mean ${(((performance.now() - t) / 1000) * 1000).toFixed(1)} µs`);
  verifyConsistencyJson(log.consistencyProof(123_457, size));
  await log.close();

  t = performance.now();
  log = AuditLog.open({ dir, signingKey: KEY });
  line("reopen (re-read + verify + rebuild nodes)", `${((performance.now() - t) / 1000).toFixed(1)} s`);
  await log.close();
  t = performance.now();
  const rep = verifyLogDir(dir);
  line("verifyLogDir (public key only)", `${((performance.now() - t) / 1000).toFixed(1)} s, ok=${rep.ok}, checkpoints=${rep.checkpointsVerified}/${rep.checkpoints}`);
  const sz = fs.statSync(path.join(dir, "events.log")).size;
  line("events.log size", `${mb(sz)} (${(sz / size).toFixed(0)} B/event)`);
  fs.rmSync(dir, { recursive: true, force: true });
}

console.log(`QMK audit benchmark — node ${process.version}, ${os.cpus().length} CPU(s), load avg ${os.loadavg().map((x) => x.toFixed(1)).join(" ")}, tmp ${os.tmpdir()}`);
const only = process.argv.includes("--only") ? process.argv[process.argv.indexOf("--only") + 1] : null;
// The scale run goes first so its RSS numbers are not inflated by the other phases' garbage.
if (!only || only === "scale") await atScale();
if (!only || only === "sync") await syncAppendCost();
if (!only || only === "durable") await durableThroughput();

// Audit log benchmark: prints measured numbers.
//   1. sync append cost
//   2. durable appends/s: AuditLog group commit vs the named baseline
//      "fsync-per-event" (kernel/persist/journal.ts: write + fdatasync per record)
//   3. proof generation at 10^6 events (inclusion + consistency), reopen and verify time
//   4. heap/RSS growth while appending (must not grow with log size)
// Usage: npm run bench:audit [-- --events 1000000 --seconds 2]
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as v8 from "node:v8";
import * as vm from "node:vm";
import { Journal } from "../../kernel/persist/journal.js";
import { AuditLog, verifyConsistencyJson, verifyInclusionJson, verifyLogDir } from "../../kernel/security/audit/index.js";

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

async function durableThroughput(): Promise<void> {
  console.log(`\n[2] durable appends/s (each caller: append → await durable(); ${SECONDS}s per run)`);
  for (const callers of [1, 64, 1024]) {
    const dir = tmp("gc");
    const log = AuditLog.open({ dir, signingKey: KEY });
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
    line(`AuditLog group commit, ${callers} concurrent caller(s)`, `${fmt(acked / dt)} events/s${cpuNote(c0, acked)}`);
    await log.close();
    fs.rmSync(dir, { recursive: true, force: true });
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
    line("AuditLog group commit, bursts of 1000", `${fmt(acked / dt)} events/s${cpuNote(c0, acked)}`);
    await log.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  {
    const dir = tmp("base");
    const j = Journal.open<object>(path.join(dir, "j.log"), { fsync: true });
    let n = 0;
    const t0 = performance.now();
    while (performance.now() - t0 < SECONDS * 1000) {
      j.append(event());
      n++;
    }
    const dt = (performance.now() - t0) / 1000;
    line("baseline fsync-per-event (persist/journal.ts)", `${fmt(n / dt)} events/s (bound by fdatasync latency, not CPU)`);
    j.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
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
  const rep = verifyLogDir(dir, { signingKey: KEY });
  line("verifyLogDir", `${((performance.now() - t) / 1000).toFixed(1)} s, ok=${rep.ok}, heads=${rep.heads}`);
  const sz = fs.statSync(path.join(dir, "events.log")).size;
  line("events.log size", `${mb(sz)} (${(sz / size).toFixed(0)} B/event)`);
  fs.rmSync(dir, { recursive: true, force: true });
}

console.log(`QMK audit benchmark — node ${process.version}, ${os.cpus().length} CPU(s), load avg ${os.loadavg().map((x) => x.toFixed(1)).join(" ")}, tmp ${os.tmpdir()}`);
// The scale run goes first so its RSS numbers are not inflated by the other phases' garbage.
await atScale();
await syncAppendCost();
await durableThroughput();

// Two-core execution of large passes: one helper thread runs the same WASM
// kernels on the same shared WebAssembly.Memory and takes half of each
// pass's index range (splitGeometry). The simulator's API is synchronous, so
// the main thread does its half and then blocks in Atomics.wait until the
// helper reports done; no state is ever copied.
//
// Control block (Int32Array over a SharedArrayBuffer):
//   [SEQ] command counter, [DONE] last finished command, [CMD] kernel index
//   (−1 = bind to the memory sent on the port), [NI] #int args, [READY],
//   [ARGS…] int args; f64 args in a parallel Float64Array.
// Command −2 runs a program (a cache-blocked run, schedule.ts) on a range of
// chunks: ints = [nCalls, chunkBytes, c0, c1, then per call k, nInts, ints…],
// f64 = per call nF64, f64s….
import { MessageChannel, Worker, receiveMessageOnPort } from "node:worker_threads";
import { cpus } from "node:os";
import { compiled, KERNEL_NAMES, splitGeometry, UNROLLED, type Call, type Exec, type KernelName, type WasmExports } from "./kernels/wasm.js";
import { WA, type WasmMemory } from "./wasm-api.js";
import { QmkError } from "../errors.js";

const SEQ = 0, DONE = 1, CMD = 2, NI = 3, NF = 4, READY = 5, ERR = 6, ARGS = 8;
const NAMES: KernelName[] = KERNEL_NAMES;

// The helper's body. It is compiled inside the worker with `new Function`, so
// a failure to even parse it (or a name that clashes with the host's scope)
// is caught by the bootstrap and reported through the control block instead
// of leaving the main thread blocked in Atomics.wait. It declares nothing
// called `module`, `exports` or `require`: Deno evaluates eval-workers in a
// CommonJS-like scope that already has those bindings.
const BODY = `
const { wasmModule, ctrl, f64buf, port } = workerData;
const c = new Int32Array(ctrl), f = new Float64Array(f64buf);
const NAMES = ${JSON.stringify(NAMES)};
let ex = null, seen = 0;
Atomics.store(c, ${READY}, 1); Atomics.notify(c, ${READY});
for (;;) {
  Atomics.wait(c, ${SEQ}, seen);
  seen = Atomics.load(c, ${SEQ});
  try {
    const cmd = c[${CMD}];
    if (cmd === -1) {
      const m = receiveMessageOnPort(port).message;
      ex = new WebAssembly.Instance(wasmModule, { e: { m } }).exports;
    } else if (cmd === -2) {
      const A = ${ARGS}, nCalls = c[A], chunk = c[A + 1] >>> 0, c0 = c[A + 2], c1 = c[A + 3];
      const calls = [];
      let ip = A + 4, fp = 0;
      for (let i = 0; i < nCalls; i++) {
        const fn = ex[NAMES[c[ip]]], ni = c[ip + 1], args = [0];
        for (let j = 0; j < ni; j++) args.push(c[ip + 2 + j]);
        ip += 2 + ni;
        const nf = f[fp++];
        for (let j = 0; j < nf; j++) args.push(f[fp++]);
        calls.push([fn, args]);
      }
      for (let ch = c0; ch < c1; ch++)
        for (const [fn, args] of calls) { args[0] = ch * chunk; fn(...args); }
    } else {
      const args = [];
      for (let i = 0; i < c[${NI}]; i++) args.push(c[${ARGS} + i]);
      for (let i = 0; i < c[${NF}]; i++) args.push(f[i]);
      ex[NAMES[cmd]](...args);
    }
  } catch (err) {
    port.postMessage(String(err && err.stack || err));
    Atomics.store(c, ${ERR}, 1);
  }
  Atomics.store(c, ${DONE}, seen); Atomics.notify(c, ${DONE});
}`;

// Bootstrap: the only code the host parses directly. It names nothing that a
// host scope could already declare, and reports any failure (READY = −1, the
// message on the port) before rethrowing.
const workerSource = (body: string): string => `(function (req) {
  const wt = req("node:worker_threads");
  const c = new Int32Array(wt.workerData.ctrl);
  try {
    new Function("workerData", "receiveMessageOnPort", ${JSON.stringify(body)})(wt.workerData, wt.receiveMessageOnPort);
  } catch (err) {
    try { wt.workerData.port.postMessage(String(err && err.stack || err)); } catch {}
    Atomics.store(c, ${READY}, -1); Atomics.notify(c, ${READY});
    throw err;
  }
})(require);`;

class Helper {
  private readonly c = new Int32Array(new SharedArrayBuffer(4 * 16384));
  private readonly f = new Float64Array(new SharedArrayBuffer(8 * 16384));
  private readonly port: MessageChannel;
  private readonly worker: Worker;
  private bound: WasmMemory | null = null;
  ok = true;
  failure: string | null = null;

  constructor(module: object, body = BODY, private readonly warn = true) {
    this.port = new MessageChannel();
    this.worker = new Worker(workerSource(body), {
      eval: true,
      workerData: { wasmModule: module, ctrl: this.c.buffer, f64buf: this.f.buffer, port: this.port.port2 },
      transferList: [this.port.port2],
    });
    this.worker.unref(); // never keeps the process alive
    this.worker.on("error", (err) => this.fail(String(err)));
    // Booting a thread takes ~100 ms; nothing waits for it. Until the thread
    // reports READY, `usable` is false and every pass runs on the main thread
    // alone, so the first large state of a server or of `qmk run` does not
    // stall the event loop (another tenant's call) for the boot.
    this.bootDeadline = Date.now() + 10_000;
  }

  private booted = false;
  private readonly bootDeadline: number;

  /** The thread runs and is bound to nothing broken; false while it boots or after it failed. */
  get usable(): boolean {
    if (!this.ok) return false;
    if (this.booted) return true;
    const ready = Atomics.load(this.c, READY);
    if (ready === 1) return (this.booted = true);
    // The bootstrap reports a failure at once (READY = −1); the deadline only
    // covers a worker that never ran at all.
    if (ready === -1) this.fail(this.message() ?? "unknown error");
    else if (Date.now() > this.bootDeadline) this.fail("did not start within 10 s");
    if (!this.ok) void this.worker.terminate();
    return false;
  }

  /** Blocks until the thread has booted or failed (probeHelper only). */
  awaitBoot(): void {
    Atomics.wait(this.c, READY, 0, 10_000);
    if (!this.usable && this.ok) this.fail("did not start within 10 s");
  }

  private message(): string | undefined {
    const m = receiveMessageOnPort(this.port.port1);
    return m ? String(m.message) : undefined;
  }

  private fail(why: string): void {
    if (!this.ok) return;
    this.ok = false;
    this.failure = why;
    // one warning per process: the simulator stays correct on one thread
    if (this.warn) process.emitWarning(`simulator helper thread unavailable, using one thread: ${why.split("\n")[0]}`, "QmkSimulatorWarning");
  }

  private post(cmd: number): void {
    this.c[CMD] = cmd;
    Atomics.add(this.c, SEQ, 1);
    Atomics.notify(this.c, SEQ);
  }

  private wait(): void {
    const seq = Atomics.load(this.c, SEQ);
    const deadline = Date.now() + 120_000;
    while (Atomics.load(this.c, DONE) !== seq) {
      Atomics.wait(this.c, DONE, Atomics.load(this.c, DONE), 1000);
      // a helper killed from outside cannot report (its 'error' event needs
      // this blocked event loop): give up after a deadline
      if (Date.now() > deadline) {
        this.fail("stopped responding");
        throw new QmkError("INTERNAL_ERROR", "simulator helper thread stopped responding; state is undefined");
      }
    }
    // a command that threw inside the helper reports at once
    if (Atomics.exchange(this.c, ERR, 0) !== 0) {
      const why = this.message() ?? "unknown error";
      this.fail(why);
      throw new QmkError("INTERNAL_ERROR", `simulator helper thread failed: ${why.split("\n")[0]}; state is undefined`);
    }
  }

  /** Lets go of `memory` (the helper's instance keeps it alive): binds a one-page memory instead. */
  unbind(memory: WasmMemory): void {
    if (this.bound !== memory || !this.ok) return;
    this.bind(new WA!.Memory({ initial: 1, maximum: 65536, shared: true }));
  }

  bind(memory: WasmMemory): void {
    if (this.bound === memory) return;
    this.port.port1.postMessage(memory);
    this.post(-1);
    this.wait();
    this.bound = memory;
  }

  start(k: KernelName, g: number[], ints: number[], f64: ArrayLike<number>): void {
    const all = [...g, ...ints];
    for (let i = 0; i < all.length; i++) this.c[ARGS + i] = all[i]; // ToInt32: 2^32 → 0, like a wasm i32
    this.c[NI] = all.length;
    for (let i = 0; i < f64.length; i++) this.f[i] = f64[i];
    this.c[NF] = f64.length;
    this.post(NAMES.indexOf(k));
  }

  /** Starts chunks [c0, c1) of a program; false if it does not fit the control buffers. */
  startProgram(calls: Call[], chunkBytes: number, c0: number, c1: number): boolean {
    let ip = ARGS + 4, fp = 0;
    for (const call of calls) {
      const ints = [...call.g, ...call.ints];
      if (ip + 2 + ints.length > this.c.length || fp + 1 + call.f64.length > this.f.length) return false;
      this.c[ip] = NAMES.indexOf(call.k);
      this.c[ip + 1] = ints.length;
      for (let j = 0; j < ints.length; j++) this.c[ip + 2 + j] = ints[j];
      ip += 2 + ints.length;
      this.f[fp++] = call.f64.length;
      for (const x of call.f64) this.f[fp++] = x;
    }
    this.c[ARGS] = calls.length;
    this.c[ARGS + 1] = chunkBytes;
    this.c[ARGS + 2] = c0;
    this.c[ARGS + 3] = c1;
    this.post(-2);
    return true;
  }

  finish(): void { this.wait(); }

  close(): void { void this.worker.terminate(); }
}

let helper: Helper | null | undefined;

function getHelper(): Helper | null {
  if (helper === undefined) {
    const mod = compiled();
    try { helper = mod && cpus().length >= 2 ? new Helper(mod) : null; } catch { helper = null; }
  }
  return helper && helper.ok ? helper : null;
}

/** True once the helper thread has booted (it boots in the background). */
export function helperUsable(): boolean {
  return helper ? helper.usable : false;
}

/** Starts the helper thread's boot now (a server at start-up), without waiting for it. */
export function startHelper(): void {
  getHelper();
}

/** Why the helper thread is not in use (null while it works or was never started). */
export function helperFailure(): string | null {
  return helper ? helper.failure : null;
}

/**
 * Boots a throwaway helper running `body` instead of the real loop (tests:
 * a body that fails to compile or throws must be reported within
 * milliseconds, not after a 10 s stall). Returns the failure, or null.
 */
export function probeHelper(body: string): { failure: string | null; ms: number } {
  const mod = compiled();
  if (!mod) throw new QmkError("INTERNAL_ERROR", "WASM SIMD kernels unavailable");
  const t0 = Date.now();
  const h = new Helper(mod, body, false);
  h.awaitBoot();
  const out = { failure: h.failure, ms: Date.now() - t0 };
  h.close();
  return out;
}

/** The helper thread stops referencing `memory` (a dropped state), so it can be collected. */
export function releaseMemory(memory: WasmMemory): void {
  if (helper && helper.ok) helper.unbind(memory);
}

/** Number of passes that were split across two threads (for tests and benchmarks). */
export const parallelStats = { splitPasses: 0 };

/** Passes over fewer amplitudes than this stay on one thread (sync costs ~10–50 µs). */
export const PARALLEL_MIN_QUBITS = 18;

/** An Exec that splits passes over ≥ 2^minQubits amplitudes with the helper thread. */
export function parallelExec(memory: WasmMemory, minQubits = PARALLEL_MIN_QUBITS): Exec | null {
  const h = getHelper();
  if (!h) return null;
  return (e: WasmExports, k, g, ints, f64, base) => {
    // bytes covered by the pass = n1·s1 (or L) — decide from the geometry
    const span = (g[0] * g[1] || g[4]) * (UNROLLED.has(k) ? 2 : 1);
    const halves = span >= 16 * 2 ** minQubits ? splitGeometry(g) : null;
    if (!halves || !h.usable) { e[k](base, ...g, ...ints, ...Array.from(f64)); return; }
    h.bind(memory);
    parallelStats.splitPasses++;
    h.start(k, [base + halves[1][0], ...halves[1].slice(1)], ints, f64);
    e[k](base + halves[0][0], ...halves[0].slice(1), ...ints, ...Array.from(f64));
    h.finish();
  };
}

/**
 * Runs a cache-blocked program (kernel calls for one chunk, base 0) over
 * `chunks` chunks of `chunkBytes`, the second half on the helper thread.
 * Returns false (nothing done) when no helper is available.
 */
export function parallelRun(memory: WasmMemory, e: WasmExports, calls: Call[], chunkBytes: number, chunks: number): boolean {
  const h = getHelper();
  if (!h || !h.usable || chunks < 2) return false;
  h.bind(memory);
  const half = chunks >> 1;
  if (!h.startProgram(calls, chunkBytes, half, chunks)) return false;
  parallelStats.splitPasses++;
  for (let ch = 0; ch < half; ch++)
    for (const { k, g, ints, f64 } of calls) e[k](ch * chunkBytes, ...g, ...ints, ...f64);
  h.finish();
  return true;
}

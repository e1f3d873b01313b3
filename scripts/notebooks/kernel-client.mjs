// A Jupyter client without Python: starts a kernel process (tslab or Deno)
// with a connection file we write, and speaks the Jupyter messaging protocol
// (v5.3) to it over zeromq — shell and control as DEALER, iopub as SUB —
// with every message signed with HMAC-SHA256 under a fresh random key.
//
// A cell is done when BOTH its execute_reply has arrived on shell and its
// `status: idle` on iopub: iopub output can trail the reply, and the idle
// status is the kernel's promise that nothing more for that request follows
// (that is how no output line gets lost).
//
// Deno's kernel breaks that promise: a cell's stdout and Deno.jupyter.display
// messages travel a separate queue and can arrive after its idle status. For
// Deno each cell is therefore followed by a flush: a silent cell that writes a
// marker to stdout and through Deno.jupyter — both queues are FIFO, so once
// both markers are in, everything the previous cell wrote is in too. Late
// messages are matched to their cell by parent msg_id, never by arrival time.
import { spawn } from "node:child_process";
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { Dealer, Subscriber } from "zeromq";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const DELIM = "<IDS|MSG>";
const PROTOCOL = "5.3";

/** The kernels this runner knows: how to start each one from this checkout's node_modules. */
export const KERNELS = {
  tslab: {
    displayName: "TypeScript",
    flush: null, // tslab publishes outputs and status on one socket, in order
    argv: (conn) => [process.execPath, [path.join(ROOT, "node_modules/tslab/bin/tslab"), "kernel", "--config-path", conn]],
  },
  deno: {
    displayName: "Deno",
    flush: (marker) => `console.log(${JSON.stringify(marker)}); await Deno.jupyter.display({ "text/plain": ${JSON.stringify(marker)} }, { raw: true });`,
    argv: (conn) => [path.join(ROOT, "node_modules/.bin/deno"), ["jupyter", "--kernel", "--conn", conn]],
  },
};

/** Ports the OS says are free right now (bound to port 0, then released). */
async function freePorts(n) {
  const servers = await Promise.all(Array.from({ length: n }, () => new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => resolve(s));
  })));
  const ports = servers.map((s) => s.address().port);
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  return ports;
}

export class KernelError extends Error {
  constructor(message, log) {
    super(log ? `${message}\n--- kernel log ---\n${log.slice(-4000)}` : message);
    this.name = "KernelError";
  }
}

/**
 * One running kernel. `await Kernel.start("tslab", { cwd })`, then
 * `await k.execute(code)` per cell, then `await k.shutdown()`.
 */
export class Kernel {
  /** @param {"tslab"|"deno"} name @param {{cwd?: string, env?: object, startupTimeoutMs?: number}} [opts] */
  static async start(name, opts = {}) {
    const spec = KERNELS[name];
    if (!spec) throw new Error(`unknown kernel '${name}' (known: ${Object.keys(KERNELS).join(", ")})`);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `qmk-kernel-${name}-`));
    const key = randomBytes(32).toString("hex");
    const [shell_port, iopub_port, stdin_port, control_port, hb_port] = await freePorts(5);
    const conn = { ip: "127.0.0.1", transport: "tcp", shell_port, iopub_port, stdin_port, control_port, hb_port, key, signature_scheme: "hmac-sha256", kernel_name: name };
    const connFile = path.join(dir, "connection.json");
    fs.writeFileSync(connFile, JSON.stringify(conn), { mode: 0o600 });
    const [cmd, args] = spec.argv(connFile);
    const child = spawn(cmd, args, {
      cwd: opts.cwd ?? process.cwd(),
      env: { ...process.env, NO_COLOR: "1", ...opts.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const k = new Kernel(name, child, conn, dir);
    try {
      await k.#connect(opts.startupTimeoutMs ?? 120_000);
    } catch (e) {
      await k.shutdown();
      throw e;
    }
    return k;
  }

  #log = "";
  #exited = null;
  #pending = new Map(); // msg_id → { state, resolve }; kept after settling so late output still finds its cell
  #shell; #control; #iopub;
  #closed = false;

  constructor(name, child, conn, dir) {
    this.name = name;
    this.child = child;
    this.conn = conn;
    this.dir = dir;
    this.session = randomUUID();
    child.stdout.on("data", (d) => { this.#log += d; });
    child.stderr.on("data", (d) => { this.#log += d; });
    this.exited = new Promise((resolve) => child.once("exit", (code, signal) => { this.#exited = { code, signal }; resolve(this.#exited); }));
    child.once("error", (e) => { this.#log += `spawn failed: ${e.message}\n`; this.#exited = { code: -1, signal: null }; });
  }

  /** what the kernel process printed on its own stdout/stderr (not cell output) */
  get log() { return this.#log; }

  #url(port) { return `${this.conn.transport}://${this.conn.ip}:${port}`; }

  #sign(parts) {
    const h = createHmac("sha256", this.conn.key);
    for (const p of parts) h.update(p);
    return h.digest("hex");
  }

  #encode(msgType, content, msgId = randomUUID()) {
    const header = { msg_id: msgId, session: this.session, username: "qmk", date: new Date().toISOString(), msg_type: msgType, version: PROTOCOL };
    const parts = [header, {}, {}, content].map((p) => JSON.stringify(p));
    return { msgId, frames: [DELIM, this.#sign(parts), ...parts] };
  }

  /** Frames → message; a bad signature is dropped (and remembered in the log), never trusted. */
  #decode(frames) {
    const i = frames.findIndex((f) => f.toString() === DELIM);
    if (i < 0 || frames.length < i + 6) return null;
    const sig = frames[i + 1].toString();
    const parts = frames.slice(i + 2, i + 6).map((f) => f.toString());
    const want = Buffer.from(this.#sign(parts));
    const got = Buffer.from(sig);
    if (got.length !== want.length || !timingSafeEqual(got, want)) {
      this.#log += "client: dropped a message with a bad signature\n";
      return null;
    }
    const [header, parent_header, metadata, content] = parts.map((p) => JSON.parse(p));
    return { header, parent_header, metadata, content, msg_type: header.msg_type };
  }

  async #connect(timeoutMs) {
    this.#shell = new Dealer({ routingId: `qmk-shell-${this.session}` });
    this.#control = new Dealer({ routingId: `qmk-control-${this.session}` });
    this.#iopub = new Subscriber();
    this.#shell.connect(this.#url(this.conn.shell_port));
    this.#control.connect(this.#url(this.conn.control_port));
    this.#iopub.connect(this.#url(this.conn.iopub_port));
    this.#iopub.subscribe();
    this.#pump(this.#iopub, (m) => this.#onIopub(m));
    this.#pump(this.#shell, (m) => this.#onReply(m));
    this.#pump(this.#control, (m) => this.#onReply(m));

    // Ready = a kernel_info_reply on shell AND its idle status on iopub (proves
    // our SUB socket is joined; zeromq drops what a PUB sends before that).
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.#exited) throw new KernelError(`${this.name} kernel exited during startup (${JSON.stringify(this.#exited)})`, this.#log);
      const req = this.#request(this.#shell, "kernel_info_request", {});
      const ok = await Promise.race([req.done.then(() => true), sleep(1000).then(() => false)]);
      if (ok) { this.info = req.state.reply.content; return; }
      this.#pending.delete(req.msgId); // a late answer to an abandoned probe is ignored
    }
    throw new KernelError(`${this.name} kernel did not answer kernel_info within ${timeoutMs} ms`, this.#log);
  }

  async #pump(sock, onMessage) {
    try {
      for await (const frames of sock) {
        const m = this.#decode(frames);
        if (m) onMessage(m);
      }
    } catch (e) {
      if (!this.#closed) this.#log += `client: socket error: ${e.message}\n`;
    }
  }

  #request(sock, msgType, content) {
    const { msgId, frames } = this.#encode(msgType, content);
    const state = { outputs: [], reply: null, idle: false, executionCount: null };
    let resolve;
    const done = new Promise((r) => { resolve = r; });
    this.#pending.set(msgId, { state, resolve });
    sock.send(frames).catch((e) => { this.#log += `client: send failed: ${e.message}\n`; });
    return { msgId, state, done };
  }

  #settle(msgId) {
    const p = this.#pending.get(msgId);
    if (p && p.state.reply && p.state.idle) p.resolve(p.state);
  }

  #onReply(m) {
    const id = m.parent_header?.msg_id;
    const p = this.#pending.get(id);
    if (!p) return;
    p.state.reply = m;
    this.#settle(id);
  }

  #onIopub(m) {
    const id = m.parent_header?.msg_id;
    const p = this.#pending.get(id);
    if (process.env.QMK_JUPYTER_DEBUG) this.#log += `iopub ${m.msg_type} parent=${id} ${p ? "" : "(no pending request)"} ${JSON.stringify(m.content).slice(0, 80)}\n`;
    if (!p) return;
    const c = m.content;
    switch (m.msg_type) {
      case "status":
        if (c.execution_state === "idle") { p.state.idle = true; this.#settle(id); }
        return;
      case "stream": {
        // Jupyter merges consecutive chunks of one stream into one output, as nbformat stores it.
        const last = p.state.outputs.at(-1);
        if (last && last.output_type === "stream" && last.name === c.name) last.text += c.text;
        else p.state.outputs.push({ output_type: "stream", name: c.name, text: c.text });
        return;
      }
      case "display_data":
        p.state.outputs.push({ output_type: "display_data", data: c.data ?? {}, metadata: c.metadata ?? {}, ...(c.transient?.display_id ? { display_id: c.transient.display_id } : {}) });
        return;
      case "update_display_data": {
        // replaces every earlier output with that display id (progress bars)
        const did = c.transient?.display_id;
        for (const o of p.state.outputs) if (did && o.display_id === did) { o.data = c.data ?? {}; o.metadata = c.metadata ?? {}; }
        return;
      }
      case "execute_result":
        p.state.outputs.push({ output_type: "execute_result", execution_count: c.execution_count ?? null, data: c.data ?? {}, metadata: c.metadata ?? {} });
        return;
      case "error":
        p.state.outputs.push({ output_type: "error", ename: c.ename ?? "", evalue: c.evalue ?? "", traceback: c.traceback ?? [] });
        return;
      case "clear_output":
        p.state.outputs.length = 0;
        return;
      case "execute_input":
        p.state.executionCount = c.execution_count ?? p.state.executionCount;
        return;
      default:
        return;
    }
  }

  /**
   * Runs one cell. Resolves with { status: "ok"|"error"|"abort", executionCount, outputs }
   * once the reply and the idle status are both in. Rejects if the kernel dies
   * or the cell outlives `timeoutMs`.
   */
  async execute(code, { timeoutMs = 180_000 } = {}) {
    const deadline = Date.now() + timeoutMs;
    const result = await this.#run(code, true, timeoutMs);
    const flush = KERNELS[this.name].flush;
    if (flush) {
      const marker = `qmk-flush-${randomUUID()}`;
      const seen = (outs) => outs.some((o) => o.output_type === "stream" && o.text.includes(marker)) && outs.some((o) => o.data?.["text/plain"] === marker);
      const f = await this.#run(flush(marker), false, Math.max(1000, deadline - Date.now()));
      while (!seen(f.outputs)) {
        if (Date.now() > deadline) throw new KernelError(`${this.name}: the output flush after a cell never completed`, this.#log);
        await sleep(5);
      }
      // Deno stamps a late stdout chunk with the request running when it is
      // forwarded, not the one that wrote it: anything besides the markers
      // that arrived under the flush cell was written by the cell before it
      // (the flush writes nothing else), so it goes back there, in order.
      for (const o of f.outputs) {
        if (o.output_type === "stream") {
          const text = o.text.split(marker + "\n").join("").split(marker).join("");
          if (!text) continue;
          const last = result.outputs.at(-1);
          if (last && last.output_type === "stream" && last.name === o.name) last.text += text;
          else result.outputs.push({ ...o, text });
        } else if (o.output_type === "display_data" && o.data?.["text/plain"] !== marker) {
          result.outputs.push(o);
        }
      }
    }
    const outputs = result.outputs.map(({ display_id, ...o }) => o);
    const c = result.reply.content;
    return { status: c.status, executionCount: c.execution_count ?? result.executionCount ?? null, outputs, reply: c };
  }

  async #run(code, storeHistory, timeoutMs) {
    if (this.#exited) throw new KernelError(`${this.name} kernel is not running (${JSON.stringify(this.#exited)})`, this.#log);
    const req = this.#request(this.#shell, "execute_request", { code, silent: false, store_history: storeHistory, user_expressions: {}, allow_stdin: false, stop_on_error: true });
    let timer;
    return await Promise.race([
      req.done,
      this.exited.then((x) => { throw new KernelError(`${this.name} kernel died while executing a cell (${JSON.stringify(x)})`, this.#log); }),
      new Promise((_, reject) => { timer = setTimeout(() => reject(new KernelError(`${this.name}: cell did not finish within ${timeoutMs} ms`, this.#log)), timeoutMs); }),
    ]).finally(() => clearTimeout(timer));
  }

  /** Asks politely on the control channel, then kills whatever is left. Idempotent. */
  async shutdown() {
    if (!this.#closed && !this.#exited && this.#control) {
      const req = this.#request(this.#control, "shutdown_request", { restart: false });
      await Promise.race([req.done, this.exited, sleep(2000)]);
    }
    this.#closed = true;
    if (!this.#exited) {
      this.child.kill("SIGTERM");
      const gone = await Promise.race([this.exited.then(() => true), sleep(3000).then(() => false)]);
      if (!gone) { this.child.kill("SIGKILL"); await this.exited; }
    }
    for (const s of [this.#shell, this.#control, this.#iopub]) s?.close();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms).unref?.());

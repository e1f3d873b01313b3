// Client side of `qmk serve`: newline-delimited JSON-RPC 2.0 over a Unix
// socket or loopback TCP (`tcp://127.0.0.1:N`). Requests carry increasing
// ids; responses are matched by id; `error` objects become QmkError with
// the SPEC §4 name, code and data.
import net from "node:net";
import { QmkError, fromRpcError } from "../errors.js";
import type { MethodName, ParamsOf, Reply, Transport } from "./types.js";

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

export class JsonRpcTransport implements Transport {
  readonly kind = "remote" as const;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private buf = "";
  private closed = false;
  private failure: Error | undefined;

  private constructor(private readonly sock: net.Socket, readonly address: string) {
    sock.setEncoding("utf8");
    sock.on("data", (chunk: string) => this.onData(chunk));
    sock.on("error", (e) => this.fail(e));
    sock.on("close", () => this.fail(new QmkError("INTERNAL_ERROR", `connection to ${address} closed`, { field: "transport" })));
  }

  /** `path/to/qmk.sock`, `unix:/path`, or `tcp://127.0.0.1:N`. */
  static connect(address: string, opts: { timeoutMs?: number } = {}): Promise<JsonRpcTransport> {
    return new Promise((resolve, reject) => {
      let sock: net.Socket;
      if (address.startsWith("tcp://")) {
        const u = new URL(address);
        sock = net.createConnection({ host: u.hostname || "127.0.0.1", port: Number(u.port) });
      } else {
        sock = net.createConnection({ path: address.replace(/^unix:/, "") });
      }
      const timer = setTimeout(() => {
        sock.destroy();
        reject(new QmkError("TIMEOUT", `could not connect to ${address}`, { field: "address" }));
      }, opts.timeoutMs ?? 10_000);
      sock.once("connect", () => {
        clearTimeout(timer);
        sock.removeAllListeners("error");
        resolve(new JsonRpcTransport(sock, address));
      });
      sock.once("error", (e) => {
        clearTimeout(timer);
        reject(new QmkError("INTERNAL_ERROR", `could not connect to ${address}: ${e.message}`, { field: "address" }));
      });
    });
  }

  /**
   * One call; the server is the kernel, so its answer has the method table's
   * shape (decoded once, here). The second overload is the untyped door for a
   * method name known only at run time (test harnesses, probes); the DSL sees
   * this class only as a `Transport`, which has the typed one alone.
   */
  call<M extends MethodName, P extends ParamsOf<M>>(method: M, params: P): Promise<Reply<M, P>>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- dynamic names: see above
  call(method: string, params?: unknown): Promise<any>;
  call<M extends MethodName, P extends ParamsOf<M>>(method: M, params: P): Promise<Reply<M, P>> {
    if (this.closed || this.failure) {
      return Promise.reject(this.failure ?? new QmkError("INTERNAL_ERROR", "transport closed", { field: "transport" }));
    }
    const id = this.nextId++;
    return new Promise<Reply<M, P>>((resolve, reject) => {
      this.pending.set(id, { resolve: (v) => resolve(v as Reply<M, P>), reject });
      this.sock.write(JSON.stringify({ jsonrpc: "2.0", id, method, params }) + "\n");
    });
  }

  private onData(chunk: string): void {
    this.buf += chunk;
    let nl: number;
    while ((nl = this.buf.indexOf("\n")) >= 0) {
      const line = this.buf.slice(0, nl).trim();
      this.buf = this.buf.slice(nl + 1);
      if (line) this.onLine(line);
    }
  }

  private onLine(line: string): void {
    let msg: { id?: unknown; result?: unknown; error?: { code?: unknown; message?: unknown; data?: unknown } };
    try {
      msg = JSON.parse(line) ?? {};
    } catch {
      return; // not ours to crash on
    }
    const id = typeof msg?.id === "number" ? msg.id : undefined;
    const p = id === undefined ? undefined : this.pending.get(id);
    if (!p) {
      // an error with id null (parse error of our request?) fails the oldest request
      if (msg?.error && this.pending.size > 0) {
        const [first, q] = this.pending.entries().next().value as [number, Pending];
        this.pending.delete(first);
        q.reject(fromRpcError(msg.error));
      }
      return;
    }
    this.pending.delete(id!);
    if (msg.error) p.reject(fromRpcError(msg.error));
    else p.resolve(msg.result);
  }

  private fail(e: Error): void {
    if (!this.failure) this.failure = e instanceof QmkError ? e : new QmkError("INTERNAL_ERROR", e.message, { field: "transport" });
    for (const p of this.pending.values()) p.reject(this.failure);
    this.pending.clear();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await new Promise<void>((r) => this.sock.end(() => r()));
    this.sock.destroy();
  }
}

// Client side of `qmk serve` over HTTP: one JSON-RPC 2.0 POST per call to an
// `http://127.0.0.1:N/` URL (node:http, keep-alive). Error objects become
// QmkError with their SPEC §4 name, code and data, as over NDJSON.
import * as http from "node:http";
import { QmkError, fromRpcError } from "../errors.js";
import type { MethodName, ParamsOf, Reply, Transport } from "./types.js";

export class HttpTransport implements Transport {
  readonly kind = "remote" as const;
  private nextId = 1;
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
  private readonly url: URL;

  constructor(readonly address: string) {
    this.url = new URL(address);
    if (this.url.protocol !== "http:") throw new QmkError("INVALID_PARAMS", `not an http:// URL: ${address}`, { field: "address" });
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
    const id = this.nextId++;
    const body = JSON.stringify({ jsonrpc: "2.0", id, method, params });
    return new Promise<Reply<M, P>>((resolve, reject) => {
      const req = http.request(
        { hostname: this.url.hostname, port: this.url.port, path: this.url.pathname || "/", method: "POST", agent: this.agent, headers: { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => {
            let msg: { result?: unknown; error?: { code?: unknown; message?: unknown; data?: unknown } };
            try {
              msg = JSON.parse(Buffer.concat(chunks).toString("utf8"));
            } catch {
              return reject(new QmkError("INTERNAL_ERROR", `HTTP ${res.statusCode} from ${this.address} without a JSON-RPC body`, { field: "transport" }));
            }
            if (msg.error) reject(fromRpcError(msg.error));
            else resolve(msg.result as Reply<M, P>);
          });
        },
      );
      req.on("error", (e) => reject(new QmkError("INTERNAL_ERROR", `could not reach ${this.address}: ${e.message}`, { field: "address" })));
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

// `qmk serve`: the qSyscall methods as JSON-RPC 2.0, newline-delimited JSON
// over a Unix socket and loopback TCP; a connection whose first line starts
// with "POST " is answered as HTTP/1.1 instead (one request per POST body).
// One misbehaving client can only hurt its own connection.
import * as net from "node:net";
import * as fs from "node:fs";
import { MAX_REQUEST_BYTES, parseRequest, toRpcError, type JsonRpcResponse } from "./jsonrpc.js";

export type Dispatch = (method: string, params: unknown) => Promise<unknown>;

export interface ServeOptions {
  socketPath?: string;
  port?: number;
  /** bind address for TCP; only loopback is allowed */
  host?: string;
  log?: (line: string) => void;
}

export interface RunningServer {
  socketPath?: string;
  port?: number;
  close(): Promise<void>;
}

async function answer(dispatch: Dispatch, text: string): Promise<JsonRpcResponse | null> {
  const parsed = parseRequest(text);
  if (!parsed.ok) return parsed.response;
  const { id, method, params } = parsed.request;
  const isNotification = !("id" in parsed.request) || id === undefined;
  try {
    const result = await dispatch(method, params);
    return isNotification ? null : { jsonrpc: "2.0", id: id ?? null, result: result ?? null };
  } catch (e) {
    return isNotification ? null : { jsonrpc: "2.0", id: id ?? null, error: toRpcError(e) };
  }
}

function handleConnection(sock: net.Socket, dispatch: Dispatch): void {
  let buf = "";
  let mode: "unknown" | "ndjson" | "http" = "unknown";
  // Each request is answered as soon as it completes (responses carry their
  // id), so a long q_wait does not hold up the answers queued behind it.
  let inFlight = 0;
  let ended = false;
  const settle = () => {
    if (ended && inFlight === 0 && !sock.destroyed) sock.end();
  };
  const handle = (line: string) => {
    inFlight++;
    void answer(dispatch, line).then((resp) => {
      send(resp);
      inFlight--;
      settle();
    });
  };
  sock.setEncoding("utf8");
  sock.on("error", () => sock.destroy());
  // A client may send its requests and close its side at once (`nc`, a pipe):
  // answer everything it sent, then close ours.
  sock.on("end", () => {
    ended = true;
    settle();
  });

  const send = (resp: JsonRpcResponse | null) => {
    if (resp && !sock.destroyed) sock.write(JSON.stringify(resp) + "\n");
  };

  // NDJSON state: the unterminated tail of the current line as a list of
  // chunks (each chunk is searched once, so a huge line costs O(n), not O(n²)),
  // and whether we are skipping the rest of a line already refused as too large.
  let parts: string[] = [];
  let partsLen = 0;
  let discarding = false;

  const ndjson = (chunk: string) => {
    for (;;) {
      const nl = chunk.indexOf("\n");
      if (nl < 0) {
        if (discarding) return;
        parts.push(chunk);
        partsLen += chunk.length;
        if (partsLen > MAX_REQUEST_BYTES) {
          // Refuse now, without buffering the rest of the line; the connection stays usable.
          parts = [];
          partsLen = 0;
          discarding = true;
          send({ jsonrpc: "2.0", id: null, error: { code: -32600, message: `request larger than ${MAX_REQUEST_BYTES} bytes`, data: { field: "request" } } });
        }
        return;
      }
      const head = chunk.slice(0, nl);
      chunk = chunk.slice(nl + 1);
      if (discarding) {
        discarding = false;
        continue;
      }
      const line = (parts.length ? parts.join("") + head : head).trim();
      parts = [];
      partsLen = 0;
      if (line.length > 0) handle(line);
    }
  };

  sock.on("data", (chunk: string) => {
    if (mode === "ndjson") return ndjson(chunk);
    buf += chunk;
    // Decide the framing from the first bytes: 5 are enough to see "POST ", and a
    // shorter first line ("42\n") is NDJSON.
    if (mode === "unknown" && (buf.length >= 5 || buf.includes("\n"))) mode = buf.startsWith("POST ") ? "http" : "ndjson";
    if (mode === "http") return handleHttp();
    if (mode === "ndjson") {
      const first = buf;
      buf = "";
      ndjson(first);
    }
  });

  function handleHttp(): void {
    const headerEnd = buf.indexOf("\r\n\r\n");
    if (headerEnd < 0) {
      if (buf.length > 64 * 1024) sock.destroy();
      return;
    }
    const head = buf.slice(0, headerEnd);
    const m = /content-length:\s*(\d+)/i.exec(head);
    const len = m ? Number(m[1]) : 0;
    if (len > MAX_REQUEST_BYTES) {
      sock.end("HTTP/1.1 413 Payload Too Large\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
      return;
    }
    const body = buf.slice(headerEnd + 4);
    if (Buffer.byteLength(body) < len) return;
    buf = "";
    mode = "done" as never;
    void answer(dispatch, body).then((resp) => {
      const payload = JSON.stringify(resp ?? { jsonrpc: "2.0", id: null, result: null });
      sock.end(
        `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(payload)}\r\nConnection: close\r\n\r\n${payload}`,
      );
    });
  }
}

export async function serve(dispatch: Dispatch, opts: ServeOptions): Promise<RunningServer> {
  const servers: net.Server[] = [];
  const sockets = new Set<net.Socket>();
  const onConn = (s: net.Socket) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
    handleConnection(s, dispatch);
  };
  const out: RunningServer = { close: async () => {} };
  const listen = (srv: net.Server, arg: string | { port: number; host: string }) =>
    new Promise<void>((resolve, reject) => {
      srv.once("error", reject);
      if (typeof arg === "string") srv.listen(arg, () => resolve());
      else srv.listen(arg.port, arg.host, () => resolve());
    });

  if (opts.socketPath) {
    // A stale socket from a crashed server would make listen fail with EADDRINUSE.
    if (fs.existsSync(opts.socketPath)) fs.unlinkSync(opts.socketPath);
    const srv = net.createServer({ allowHalfOpen: true }, onConn);
    await listen(srv, opts.socketPath);
    fs.chmodSync(opts.socketPath, 0o600);
    servers.push(srv);
    out.socketPath = opts.socketPath;
  }
  if (opts.port !== undefined) {
    const host = opts.host ?? "127.0.0.1";
    if (host !== "127.0.0.1" && host !== "::1" && host !== "localhost") {
      throw new Error(`refusing to listen on non-loopback address ${host}`);
    }
    const srv = net.createServer({ allowHalfOpen: true }, onConn);
    await listen(srv, { port: opts.port, host });
    servers.push(srv);
    out.port = (srv.address() as net.AddressInfo).port;
  }
  out.close = async () => {
    for (const s of sockets) s.destroy();
    await Promise.all(servers.map((s) => new Promise<void>((r) => s.close(() => r()))));
    if (opts.socketPath && fs.existsSync(opts.socketPath)) fs.unlinkSync(opts.socketPath);
  };
  return out;
}

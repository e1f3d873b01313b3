// `qmk serve`: the qSyscall methods as JSON-RPC 2.0 over a Unix socket and
// loopback TCP. A connection whose first byte is an ASCII capital ("POST",
// "GET"…) is handed to node:http; anything else is newline-delimited JSON.
//
// One client can only hurt its own connection: every buffer is bounded per
// connection and in total (limits.ts), connections are capped per peer and
// overall, idle and slow (slowloris) connections are closed, and calls
// without a live session are rate-limited per connection and per peer
// before they reach the kernel.
import * as net from "node:net";
import * as fs from "node:fs";
import * as http from "node:http";
import type { Logger } from "pino";
import { ErrorCodes, QmkError } from "../errors.js";
import { JsonRpcEngine, type Dispatch, type RequestContext } from "./jsonrpc.js";
import { ByteBudget, DEFAULT_LIMITS, PeerTable, TokenBucket, type ServeLimits } from "./limits.js";

export type { Dispatch, RequestContext } from "./jsonrpc.js";

export interface ServeOptions {
  socketPath?: string;
  port?: number;
  /** bind address for TCP; only loopback is allowed */
  host?: string;
  limits?: Partial<ServeLimits>;
  logger?: Logger;
  /**
   * Does this call carry a live credential (a session the kernel knows)?
   * Calls that do not are rate-limited before dispatch. Default: a
   * `session_id` string is present.
   */
  authenticated?: (method: string, params: unknown) => boolean;
  clock?: () => number;
}

export interface RunningServer {
  socketPath?: string;
  port?: number;
  /** live state for tests and the operator: connections, buffered bytes */
  stats(): { connections: number; bufferedBytes: number };
  close(): Promise<void>;
}

const defaultAuthenticated = (_m: string, p: unknown) =>
  p !== null && typeof p === "object" && typeof (p as { session_id?: unknown }).session_id === "string";

/** State the server keeps for one connection, whichever framing it speaks. */
class Conn {
  authenticated = false;
  inFlight = 0;
  readonly bucket: TokenBucket;
  constructor(
    readonly sock: net.Socket,
    readonly peer: string,
    limits: ServeLimits,
    clock: () => number,
  ) {
    this.bucket = new TokenBucket(limits.preAuthPerConnection, clock);
  }
}

export async function serve(dispatch: Dispatch, opts: ServeOptions): Promise<RunningServer> {
  const limits: ServeLimits = { ...DEFAULT_LIMITS, ...opts.limits };
  const clock = opts.clock ?? Date.now;
  const log = opts.logger;
  const isAuth = opts.authenticated ?? defaultAuthenticated;
  const budget = new ByteBudget(limits.maxBufferedBytes);
  const peers = new PeerTable(limits, clock);
  const sockets = new Set<net.Socket>();

  /**
   * The gate in front of dispatch: a call without a live session spends one
   * pre-auth token of its connection and of its peer; a connection that
   * shows a live session (or negotiates one) gets the larger request limit.
   */
  const connOf = new WeakMap<net.Socket, Conn>();
  const gated = (conn: Conn): Dispatch => async (method, params, ctx) => {
    const authed = isAuth(method, params);
    if (!authed) {
      if (!conn.bucket.take()) throw new QmkError("RATE_LIMITED", "too many calls without a session on this connection; negotiate a session first, or slow down", { field: "session_id", scope: "connection" });
      if (!peers.takePreAuth(conn.peer)) throw new QmkError("RATE_LIMITED", "too many calls without a session from this peer; slow down", { field: "session_id", scope: "peer" });
    }
    const result = await dispatch(method, params, ctx);
    if (!authed) {
      // only refusals spend the pre-auth budget: a session opened (or a public call answered) gives its token back
      conn.bucket.refund();
      peers.refundPreAuth(conn.peer);
    }
    if (authed || method === "q_negotiate_caps") conn.authenticated = true;
    return result;
  };
  const engines = new WeakMap<Conn, JsonRpcEngine>();
  const engineOf = (conn: Conn) => {
    let e = engines.get(conn);
    if (!e) {
      e = new JsonRpcEngine(gated(conn), { maxBatch: limits.maxBatch, maxRequestBytes: limits.maxRequestBytes });
      engines.set(conn, e);
    }
    return e;
  };

  // ---- HTTP (node:http, fed sniffed connections) ----------------------
  const httpServer = http.createServer({ maxHeaderSize: 16 * 1024, requireHostHeader: false, requestTimeout: limits.partialRequestTimeoutMs, headersTimeout: Math.min(limits.partialRequestTimeoutMs, 30_000), keepAliveTimeout: 5_000 });
  httpServer.maxRequestsPerSocket = 1000;
  const refuse = (res: http.ServerResponse, status: number, message: string, extra: Record<string, string> = {}) => {
    const body = JSON.stringify({ jsonrpc: "2.0", id: null, error: { code: ErrorCodes.INVALID_REQUEST, message } });
    res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body), ...extra });
    res.end(body);
  };
  httpServer.on("checkContinue", (req, res) => {
    // Refuse an oversized body before the client sends it; otherwise invite it.
    const len = Number(req.headers["content-length"] ?? 0);
    if (len > limits.maxRequestBytes) {
      res.setHeader("Connection", "close");
      return refuse(res, 413, `request larger than ${limits.maxRequestBytes} bytes`);
    }
    res.writeContinue();
    httpServer.emit("request", req, res);
  });
  httpServer.on("request", (req, res) => {
    const conn = connOf.get(req.socket);
    if (!conn) return res.destroy();
    if (req.method !== "POST") return refuse(res, 405, "JSON-RPC over HTTP takes POST", { Allow: "POST" });
    const type = String(req.headers["content-type"] ?? "application/json").split(";")[0].trim().toLowerCase();
    if (type !== "application/json" && type !== "application/json-rpc" && type !== "application/jsonrequest") {
      return refuse(res, 415, "Content-Type must be application/json");
    }
    const declared = Number(req.headers["content-length"] ?? 0);
    if (declared > limits.maxRequestBytes) {
      res.setHeader("Connection", "close");
      return refuse(res, 413, `request larger than ${limits.maxRequestBytes} bytes`);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    const give = () => {
      budget.release(size);
      size = 0;
    };
    req.on("data", (c: Buffer) => {
      if (failed) return;
      if (size + c.length > limits.maxRequestBytes || !budget.reserve(c.length)) {
        failed = true;
        const over = size + c.length > limits.maxRequestBytes;
        give();
        chunks.length = 0;
        res.setHeader("Connection", "close");
        refuse(res, over ? 413 : 503, over ? `request larger than ${limits.maxRequestBytes} bytes` : "server busy: too many bytes buffered; retry later");
        req.socket.destroySoon?.();
        return;
      }
      size += c.length;
      chunks.push(c);
    });
    req.on("error", () => give());
    req.on("end", () => {
      if (failed) return;
      const text = Buffer.concat(chunks).toString("utf8");
      give();
      void engineOf(conn)
        .handle(text, { transport: "http", peer: conn.peer })
        .then((reply) => {
          if (res.destroyed) return;
          if (reply === null) {
            res.writeHead(204);
            res.end();
            return;
          }
          res.writeHead(200, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(reply) });
          res.end(reply);
        });
    });
  });
  httpServer.on("clientError", (err, sock) => {
    if (!sock.writable) return sock.destroy();
    const code = (err as { code?: string }).code;
    const status = code === "HPE_HEADER_OVERFLOW" ? 431 : code === "ERR_HTTP_REQUEST_TIMEOUT" ? 408 : 400;
    sock.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  });

  // ---- NDJSON ------------------------------------------------------------
  function ndjson(conn: Conn): (chunk: Buffer) => void {
    const sock = conn.sock;
    const engine = engineOf(conn);
    // The unterminated tail of the current line, as chunks (each searched
    // once, so a long line costs O(n)); its bytes are reserved in the budget.
    let parts: Buffer[] = [];
    let held = 0;
    let discarding = false;
    let ended = false;
    let lineStarted = 0;
    const drop = () => {
      budget.release(held);
      parts = [];
      held = 0;
    };
    sock.on("close", drop);
    const settle = () => {
      if (ended && conn.inFlight === 0 && !sock.destroyed) sock.end();
    };
    sock.on("end", () => {
      ended = true;
      settle();
    });
    const send = (text: string | null) => {
      if (text === null || sock.destroyed) return;
      sock.write(text + "\n");
      // A client that does not read its answers: stop reading its requests.
      if (sock.writableLength > limits.maxWriteBufferBytes) sock.pause();
    };
    sock.on("drain", () => {
      if (conn.inFlight < limits.maxInFlightPerConnection) sock.resume();
    });
    const handle = (line: string) => {
      conn.inFlight++;
      if (conn.inFlight >= limits.maxInFlightPerConnection) sock.pause();
      void engine.handle(line, { transport: "ndjson", peer: conn.peer }).then((reply) => {
        send(reply);
        conn.inFlight--;
        if (conn.inFlight < limits.maxInFlightPerConnection && sock.writableLength <= limits.maxWriteBufferBytes && sock.isPaused()) sock.resume();
        settle();
      });
    };
    const refuseLine = (message: string, code: number = ErrorCodes.INVALID_REQUEST) => {
      drop();
      send(JSON.stringify({ jsonrpc: "2.0", id: null, error: { code, message, data: { field: "request" } } }));
    };
    // Slowloris: a started line must be finished in time.
    const partialTimer = setInterval(() => {
      if ((held > 0 || discarding) && clock() - lineStarted > limits.partialRequestTimeoutMs) {
        log?.warn({ event: "conn.slow", peer: conn.peer, held }, "closing a connection whose request did not complete in time");
        drop();
        sock.destroy();
      }
    }, Math.max(50, Math.min(5_000, limits.partialRequestTimeoutMs / 4)));
    partialTimer.unref();
    sock.on("close", () => clearInterval(partialTimer));

    return (chunk: Buffer) => {
      for (;;) {
        const nl = chunk.indexOf(10);
        if (nl < 0) {
          if (discarding || chunk.length === 0) return;
          if (held === 0) lineStarted = clock();
          const max = conn.authenticated ? limits.maxRequestBytes : limits.maxPreAuthRequestBytes;
          if (held + chunk.length > max) {
            // Refuse now, without buffering the rest of the line; the connection stays usable.
            refuseLine(`request larger than ${max} bytes${conn.authenticated ? "" : " (before a session: negotiate first)"}`);
            discarding = true;
            return;
          }
          if (!budget.reserve(chunk.length)) {
            refuseLine("server busy: too many bytes buffered; retry later", ErrorCodes.RESOURCE_EXHAUSTED);
            log?.warn({ event: "conn.budget", peer: conn.peer, buffered: budget.used }, "buffer budget exhausted; dropping a connection's partial request");
            sock.destroy();
            return;
          }
          parts.push(chunk);
          held += chunk.length;
          return;
        }
        const head = chunk.subarray(0, nl);
        chunk = chunk.subarray(nl + 1);
        if (discarding) {
          discarding = false;
          continue;
        }
        const lineBuf = parts.length ? Buffer.concat([...parts, head]) : head;
        const max = conn.authenticated ? limits.maxRequestBytes : limits.maxPreAuthRequestBytes;
        drop();
        if (lineBuf.length > max) {
          refuseLine(`request larger than ${max} bytes`);
          continue;
        }
        const line = lineBuf.toString("utf8").trim();
        if (line.length > 0) handle(line);
      }
    };
  }

  // ---- connections ----------------------------------------------------------
  const onConn = (sock: net.Socket) => {
    const peer = sock.remoteAddress ? `${sock.remoteAddress}` : "unix";
    const admitted = peers.admit(peer);
    if (admitted !== "ok") {
      log?.warn({ event: "conn.refuse", peer, cap: admitted, connections: peers.total }, "connection cap reached");
      sock.on("error", () => {});
      sock.end(JSON.stringify({ jsonrpc: "2.0", id: null, error: new QmkError("RESOURCE_EXHAUSTED", admitted === "peer" ? "too many connections from this peer" : "too many connections", { field: "connection", limit: admitted === "peer" ? limits.maxConnectionsPerPeer : limits.maxConnections }).toJSON() }) + "\n");
      setTimeout(() => sock.destroy(), 1000).unref();
      return;
    }
    sockets.add(sock);
    const conn = new Conn(sock, peer, limits, clock);
    connOf.set(sock, conn);
    sock.on("error", () => sock.destroy());
    sock.on("close", () => {
      sockets.delete(sock);
      peers.leave(peer);
    });
    sock.setTimeout(limits.idleTimeoutMs, () => {
      log?.info({ event: "conn.idle", peer }, "closing an idle connection");
      sock.destroy();
    });
    let feed: ((c: Buffer) => void) | undefined;
    sock.on("data", function first(chunk: Buffer) {
      if (feed) return feed(chunk);
      if (chunk.length === 0) return;
      const c0 = chunk[0];
      if (c0 >= 65 && c0 <= 90) {
        // "POST /", "GET /", …: node:http takes over the socket from here.
        sock.removeListener("data", first);
        sock.pause();
        sock.unshift(chunk);
        httpServer.emit("connection", sock);
        sock.resume();
        return;
      }
      feed = ndjson(conn);
      feed(chunk);
    });
  };

  const servers: net.Server[] = [];
  const listen = (srv: net.Server, arg: string | { port: number; host: string }) =>
    new Promise<void>((resolve, reject) => {
      srv.once("error", reject);
      if (typeof arg === "string") srv.listen(arg, () => resolve());
      else srv.listen(arg.port, arg.host, () => resolve());
    });
  const guarded = (sock: net.Socket) => {
    try {
      onConn(sock);
    } catch (e) {
      // Last resort: a bug in connection setup costs that connection, not the server.
      log?.error({ event: "conn.crash", err: e instanceof Error ? e.message : String(e) }, "connection handler failed");
      sock.destroy();
    }
  };

  const out: RunningServer = { close: async () => {}, stats: () => ({ connections: peers.total, bufferedBytes: budget.used }) };
  if (opts.socketPath) {
    // A stale socket from a crashed server would make listen fail with EADDRINUSE.
    if (fs.existsSync(opts.socketPath)) fs.unlinkSync(opts.socketPath);
    const srv = net.createServer({ allowHalfOpen: true }, guarded);
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
    const srv = net.createServer({ allowHalfOpen: true }, guarded);
    await listen(srv, { port: opts.port, host });
    servers.push(srv);
    out.port = (srv.address() as net.AddressInfo).port;
  }
  out.close = async () => {
    for (const s of sockets) s.destroy();
    await Promise.all(servers.map((s) => new Promise<void>((r) => s.close(() => r()))));
    httpServer.close();
    if (opts.socketPath && fs.existsSync(opts.socketPath)) fs.unlinkSync(opts.socketPath);
  };
  return out;
}

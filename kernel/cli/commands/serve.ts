// `qmk serve` — JSON-RPC 2.0 on a Unix socket (and loopback TCP with --port).
// One structured log line per request on stderr (pino, --log-level); the
// start-up banner is on stdout.
import * as path from "node:path";
import { createKernel } from "../../index.js";
import { serveKernel } from "../../rpc/serve-kernel.js";
import { DEFAULT_LIMITS, type ServeLimits } from "../../rpc/limits.js";
import { createLogger, isLogLevel, LOG_LEVELS } from "../../rpc/log.js";
import { UsageError } from "../io.js";

export interface ServeOpts {
  dataDir?: string;
  socket?: string;
  port?: string;
  logLevel?: string;
  limit?: string[];
  /** append every new audit checkpoint to this file, outside the data directory (a witness stand-in) */
  checkpointMirror?: string;
}

/** `--limit maxConnections=64` → a partial ServeLimits (numbers; rate limits as burst/perSecond). */
export function parseLimits(list: string[] = []): Partial<ServeLimits> {
  const out: Record<string, unknown> = {};
  for (const item of list) {
    const m = /^([A-Za-z]+)=(.+)$/.exec(item);
    if (!m || !(m[1] in DEFAULT_LIMITS)) throw new UsageError(`--limit expects key=value with key one of ${Object.keys(DEFAULT_LIMITS).join(", ")}; got "${item}"`);
    const [, key, value] = m;
    if (typeof DEFAULT_LIMITS[key as keyof ServeLimits] === "object") {
      const r = /^(\d+)\/(\d+(?:\.\d+)?)$/.exec(value);
      if (!r) throw new UsageError(`--limit ${key} expects BURST/PER_SECOND, e.g. 20/5`);
      out[key] = { burst: Number(r[1]), perSecond: Number(r[2]) };
    } else {
      const n = Number(value);
      if (!Number.isInteger(n) || n <= 0) throw new UsageError(`--limit ${key} expects a positive integer`);
      out[key] = n;
    }
  }
  return out as Partial<ServeLimits>;
}

export async function serveCommand(opts: ServeOpts): Promise<void> {
  const level = opts.logLevel ?? "info";
  if (!isLogLevel(level)) throw new UsageError(`--log-level must be one of ${LOG_LEVELS.join(", ")}`);
  const port = opts.port === undefined ? undefined : Number(opts.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) throw new UsageError("--port must be 0..65535");
  const limits = parseLimits(opts.limit);
  const logger = createLogger(level);
  const kernel = await createKernel({ dataDir: opts.dataDir });
  if (opts.checkpointMirror !== undefined) {
    const mirror = path.resolve(opts.checkpointMirror);
    try {
      if ((mirror + path.sep).startsWith(path.resolve(kernel.dataDir!) + path.sep)) throw new UsageError(`--checkpoint-mirror must be outside the data directory ${kernel.dataDir} (whoever can rewrite the log could rewrite a mirror next to it)`);
      kernel.internals.audit.mirrorCheckpoints(mirror);
    } catch (e) {
      await kernel.close();
      throw e instanceof UsageError ? e : new UsageError(`--checkpoint-mirror: ${(e as Error).message}`);
    }
  }
  // Last resort: a bug that escapes a request handler costs that request, not
  // every tenant's server. It is logged (without params) and serving goes on.
  process.on("uncaughtException", (e) => logger.fatal({ event: "uncaught", err: e instanceof Error ? e.message : String(e) }, "uncaught exception; still serving"));
  process.on("unhandledRejection", (e) => logger.error({ event: "unhandled", err: e instanceof Error ? e.message : String(e) }, "unhandled rejection; still serving"));
  const srv = await serveKernel(kernel, { ...(opts.socket ? { socketPath: opts.socket } : {}), ...(port !== undefined ? { port } : {}), limits, logger });
  const dir = kernel.dataDir!;
  process.stdout.write(`qmk serve: data in ${dir}\n`);
  process.stdout.write(`  admin token: ${path.join(dir, "admin.token")} (mode 0600)\n`);
  if (srv.socketPath) process.stdout.write(`  unix socket: ${srv.socketPath}\n`);
  if (srv.port !== undefined) process.stdout.write(`  tcp:         127.0.0.1:${srv.port}\n`);
  if (opts.checkpointMirror !== undefined) process.stdout.write(`  checkpoints: ${path.resolve(opts.checkpointMirror)} (mirror)\n`);
  logger.info({ event: "serve.start", socket: srv.socketPath ?? null, port: srv.port ?? null, limits: { ...DEFAULT_LIMITS, ...limits } }, "serving");
  const stop = async () => {
    logger.info({ event: "serve.stop" }, "stopping");
    await srv.close();
    await kernel.close();
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

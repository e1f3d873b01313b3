// `qmk serve` — JSON-RPC 2.0 on a Unix socket (and loopback TCP with --port).
import * as path from "node:path";
import { createKernel } from "../../index.js";
import { serveKernel } from "../../rpc/serve-kernel.js";

export async function serveCommand(opts: { dataDir?: string; socket?: string; port?: string }): Promise<void> {
  const kernel = await createKernel({ dataDir: opts.dataDir });
  const port = opts.port === undefined ? undefined : Number(opts.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) throw new Error("--port must be 0..65535");
  const srv = await serveKernel(kernel, { ...(opts.socket ? { socketPath: opts.socket } : {}), ...(port !== undefined ? { port } : {}) });
  const dir = kernel.dataDir!;
  process.stdout.write(`qmk serve: data in ${dir}\n`);
  process.stdout.write(`  admin token: ${path.join(dir, "admin.token")} (mode 0600)\n`);
  if (srv.socketPath) process.stdout.write(`  unix socket: ${srv.socketPath}\n`);
  if (srv.port !== undefined) process.stdout.write(`  tcp:         127.0.0.1:${srv.port}\n`);
  const stop = async () => {
    await srv.close();
    await kernel.close();
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

// `qmk serve` for an open kernel: every request goes to kernel.call, the
// same door the embedded DSL uses.
import * as path from "node:path";
import type { Kernel } from "../index.js";
import { serve, type RunningServer } from "./server.js";

export interface KernelServerOptions {
  /** Unix socket path (default DATA_DIR/qmk.sock; null = no socket) */
  socketPath?: string | null;
  /** loopback TCP port (0 = pick a free one) */
  port?: number;
}

export function serveKernel(kernel: Kernel, opts: KernelServerOptions = {}): Promise<RunningServer> {
  const socketPath =
    opts.socketPath === null ? undefined : (opts.socketPath ?? (kernel.dataDir ? path.join(kernel.dataDir, "qmk.sock") : undefined));
  return serve((method, params) => kernel.call(method, params), {
    ...(socketPath ? { socketPath } : {}),
    ...(opts.port !== undefined ? { port: opts.port } : {}),
  });
}

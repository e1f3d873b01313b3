// `qmk serve` for an open kernel: every request goes to kernel.call, the
// same door the embedded DSL uses, plus `rpc.discover` (the OpenRPC
// document of the method table). Each request is logged once.
import * as path from "node:path";
import type { Logger } from "pino";
import type { Kernel } from "../index.js";
import { isQmkError } from "../errors.js";
import { serve, type RunningServer } from "./server.js";
import type { ServeLimits } from "./limits.js";
import type { RequestLogLine } from "./log.js";
import { openRpcDocument } from "../syscall/openrpc.js";
import { warmValidators } from "../syscall/validate.js";
import { bootSimulatorThreads } from "../machine/machine.js";

export interface KernelServerOptions {
  /** Unix socket path (default DATA_DIR/qmk.sock; null = no socket) */
  socketPath?: string | null;
  /** loopback TCP port (0 = pick a free one) */
  port?: number;
  limits?: Partial<ServeLimits>;
  logger?: Logger;
}

export function serveKernel(kernel: Kernel, opts: KernelServerOptions = {}): Promise<RunningServer> {
  const socketPath =
    opts.socketPath === null ? undefined : (opts.socketPath ?? (kernel.dataDir ? path.join(kernel.dataDir, "qmk.sock") : undefined));
  const core = kernel.internals;
  // A long-lived server does its one-time work now, not inside some tenant's
  // first call (where the stall would also be visible to every other tenant):
  // every method's validator is compiled, the simulator thread starts booting.
  warmValidators();
  bootSimulatorThreads();
  openRpcDocument();
  /** The tenant behind a live session handle, or null (checked by MAC; the kernel re-checks everything). */
  const sessionTenant = (params: unknown): string | null => {
    const sid = params !== null && typeof params === "object" ? (params as { session_id?: unknown }).session_id : undefined;
    if (typeof sid !== "string") return null;
    try {
      const c = core.handles.verify(sid, { kind: "sess" }, "session_id");
      const s = core.sessions.get(c.id);
      return s && s.tenant === c.tenant ? s.tenant : null;
    } catch {
      return null;
    }
  };
  const log = opts.logger;
  return serve(
    async (method, params, ctx) => {
      const t0 = performance.now();
      let tenant = sessionTenant(params);
      const line = (code: number, outcome: string): RequestLogLine => ({
        method: method.slice(0, 64),
        tenant,
        ms: Math.round((performance.now() - t0) * 1000) / 1000,
        code,
        outcome,
        transport: ctx.transport,
        peer: ctx.peer,
        ...(ctx.notification ? { notification: true } : {}),
      });
      try {
        const result = method === "rpc.discover" ? openRpcDocument() : await kernel.call(method, params ?? {});
        if (method === "q_negotiate_caps") tenant = (result as { tenant?: string }).tenant ?? null;
        log?.info(line(0, "ok"), "request");
        return result;
      } catch (e) {
        const code = isQmkError(e) ? e.code : -32603;
        const name = isQmkError(e) ? e.codeName : "INTERNAL_ERROR";
        if (name === "INTERNAL_ERROR") log?.error(line(code, name), "request");
        else log?.info(line(code, name), "request");
        throw e;
      }
    },
    {
      ...(socketPath ? { socketPath } : {}),
      ...(opts.port !== undefined ? { port: opts.port } : {}),
      ...(opts.limits ? { limits: opts.limits } : {}),
      ...(log ? { logger: log } : {}),
      authenticated: (_m, p) => sessionTenant(p) !== null,
    },
  );
}

// QMK typed quantum DSL — public surface (names fixed by docs/CONTRACTS.md).
//
//   const conn = await qmk.local();                 // embedded kernel, ./.qmk
//   const alice = await conn.tenant("alice");       // Session<"alice">
//   const q = alice.qubit();                        // Qubit<"alice">
//   h(q); q.s().rz(0.3);                            // gates: free functions or fluent
//   measure(q);                                     // q: Qubit<"alice"> & Measured
//   q.outcome;                                      // 0 | 1 (only on the measured type)
//   x(q);   // compile error: … 'Qubit<"alice"> & Measured' is not assignable to … 'Live' …
//
// See dsl/README.md for eager vs queued execution and capture mode.
import { QmkError } from "./errors.js";
import { Connection, type Session } from "./session.js";
import { EmbeddedTransport, type KernelLike } from "./transport/embedded.js";
import { JsonRpcTransport } from "./transport/jsonrpc.js";
import { HttpTransport } from "./transport/http.js";
import type { Transport } from "./transport/types.js";
import { existsSync, readFileSync, writeFileSync, chmodSync, statSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import type { TokenStore } from "./session.js";

export * from "./types.js";
export * from "./ops.js";
export { circuit, jointCircuit, Circuit, Counts, toQasm3, toQasm2, fromQasm, type QvmGraph, type QvmNode, type RunOptions } from "./capture.js";
export type { Expectation, ExpectationOptions, NoiseModel } from "./expectation.js";
export {
  Connection,
  DEFAULT_PROFILE,
  DEFAULT_RIGHTS,
  type Session,
  type QubitSource,
  type Register,
  type SessionLike,
  type ChannelOptions,
  type TenantOptions,
  type TokenStore,
  type Amplitudes,
  type EntanglementComponent,
  type EntanglementComponents,
} from "./session.js";
export { QmkError, isQmkError, ErrorCodes, type ErrorName } from "./errors.js";
export { JsonRpcTransport } from "./transport/jsonrpc.js";
export { HttpTransport } from "./transport/http.js";
export { HandlerTransport } from "./transport/handlers.js";
export { EmbeddedTransport, type KernelLike } from "./transport/embedded.js";
export type { Transport, Handlers, MethodName, ParamsOf, ResultOf, Reply } from "./transport/types.js";

export interface LocalOptions {
  /** data directory (default `QMK_DATA_DIR` or `./.qmk`) */
  dataDir?: string;
  /** keep everything in memory (tests, notebooks that should leave no trace) */
  inMemory?: boolean;
  seed?: number;
  rootSecret?: Uint8Array;
  /** queue ops and require `await session.sync()` even in-process (to test remote semantics) */
  queued?: boolean;
  /** use this kernel instead of creating one */
  kernel?: KernelLike;
}

export interface ConnectOptions {
  timeoutMs?: number;
  /**
   * Where the tokens of tenants this connection creates are kept, so that
   * `conn.tenant("alice")` re-attaches to alice on the next run instead of
   * failing on "already exists": a file, or a directory (its
   * `dsl-tenant-tokens.json`), written with mode 0600; or your own store.
   */
  tokenStore?: string | TokenStore;
}

// Resolved at run time so that type-checking the DSL (e.g. by tslab's
// TS 5.0) does not pull in the whole kernel.
const KERNEL_MODULE = "../kernel/index.js";

async function local(opts: LocalOptions = {}): Promise<Connection> {
  let kernel = opts.kernel;
  if (!kernel) {
    const mod: any = await import(/* @vite-ignore */ KERNEL_MODULE);
    if (typeof mod.createKernel !== "function") throw new QmkError("INTERNAL_ERROR", "kernel/index.js has no createKernel", {});
    const dataDir = opts.dataDir ?? process.env.QMK_DATA_DIR ?? "./.qmk";
    kernel = (await mod.createKernel({
      ...(opts.inMemory ? { inMemory: true } : { dataDir }),
      ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
      ...(opts.rootSecret ? { rootSecret: opts.rootSecret } : {}),
    })) as KernelLike;
  }
  const t = new EmbeddedTransport(kernel, !opts.kernel);
  const dir = opts.kernel || opts.inMemory ? undefined : (opts.dataDir ?? process.env.QMK_DATA_DIR ?? "./.qmk");
  return new Connection(t, kernel.adminToken, { queued: opts.queued, ...(dir ? { tokenStore: fileTokenStore(join(dir, "dsl-tenant-tokens.json")) } : {}) });
}

/** A token store path: a directory means its dsl-tenant-tokens.json. */
function storeFile(p: string): string {
  const isDir = p.endsWith("/") || (existsSync(p) && statSync(p).isDirectory());
  if (isDir) mkdirSync(p, { recursive: true, mode: 0o700 });
  return isDir ? join(p, "dsl-tenant-tokens.json") : p;
}

/** Tenant tokens a connection created, in one JSON file (mode 0600). */
function fileTokenStore(file: string): TokenStore {
  const read = (): Record<string, { token: string; tenantId: string }> => {
    try {
      return existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : {};
    } catch {
      return {};
    }
  };
  return {
    get: (t) => read()[t],
    set: (t, e) => {
      const all = read();
      all[t] = e;
      writeFileSync(file, JSON.stringify(all, null, 2) + "\n", { mode: 0o600 });
      chmodSync(file, 0o600);
    },
  };
}

/** A `qmk serve` kernel: a Unix socket path, `tcp://127.0.0.1:N` (NDJSON) or `http://127.0.0.1:N` (HTTP POST). */
async function connect(socketOrUrl: string, token: string, opts: ConnectOptions = {}): Promise<Connection> {
  const t: Transport = socketOrUrl.startsWith("http://") ? new HttpTransport(socketOrUrl) : await JsonRpcTransport.connect(socketOrUrl, opts);
  const store = opts.tokenStore === undefined ? undefined : typeof opts.tokenStore === "string" ? fileTokenStore(storeFile(opts.tokenStore)) : opts.tokenStore;
  return new Connection(t, token, store ? { tokenStore: store } : {});
}

/** A connection over any transport (tests, custom embeddings). */
function over(transport: Transport, token?: string, opts: { queued?: boolean } = {}): Connection {
  return new Connection(transport, token ?? transport.adminToken, opts);
}

/** Session factory. */
export const qmk = { local, connect, over };
export default qmk;

export type { Session as TenantSession };

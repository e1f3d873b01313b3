// The embedded kernel: what scripts, notebooks, the CLI and `qmk serve` hold.
// `call` is the asynchronous door (answers once the call's audit events are
// durable); `callSync` is the same dispatch for the in-process DSL.
import { QmkError } from "./errors.js";
import { KernelCore, type KernelOptions } from "./syscall/core.js";
import { METHODS, METHOD_NAMES } from "./syscall/methods.js";

export { QmkError, ErrorCodes, isQmkError } from "./errors.js";
export type { KernelOptions } from "./syscall/core.js";
export { METHOD_NAMES } from "./syscall/methods.js";

export class Kernel {
  private constructor(private readonly core: KernelCore) {}

  static async open(opts: KernelOptions = {}): Promise<Kernel> {
    const core = new KernelCore(opts);
    await core.audit.durable();
    return new Kernel(core);
  }

  /** Token of the admin tenant (also in DIR/admin.token, mode 0600). */
  get adminToken(): string {
    return this.core.adminToken;
  }

  /** Token of the demo tenant, when the kernel was opened with `demoTenant`. */
  get demoToken(): string | null {
    return this.core.demoToken;
  }

  get dataDir(): string | null {
    return this.core.dataDir;
  }

  get methods(): readonly string[] {
    return METHOD_NAMES;
  }

  /** Dispatch one q_* call; resolves after its audit events are on disk. */
  async call<T = any>(method: string, params: unknown = {}): Promise<T> {
    let result: unknown;
    try {
      result = this.core.dispatch(method, params);
      if (result instanceof Promise) result = await result;
    } catch (e) {
      // A refusal is acknowledged only once its audit event is durable too.
      await this.core.audit.durable();
      throw e;
    }
    await this.core.audit.durable();
    return result as T;
  }

  /** Synchronous dispatch for the in-process DSL (audit durability follows by group commit). */
  callSync<T = any>(method: string, params: unknown = {}): T {
    if (METHODS[method]?.async) throw new QmkError("INVALID_REQUEST", `${method} waits; use call()`, { field: "method" });
    return this.core.dispatch(method, params) as T;
  }

  /** Kernel internals for tests and benchmarks inside this repository (not part of the ABI). */
  get internals(): KernelCore {
    return this.core;
  }

  async close(): Promise<void> {
    await this.core.close();
  }
}

export function createKernel(opts: KernelOptions = {}): Promise<Kernel> {
  return Kernel.open(opts);
}

// The embedded kernel: what scripts, notebooks, the CLI and `qmk serve` hold.
// `call` is the asynchronous door (answers once the call's audit events are
// durable); `callSync` is the same dispatch for the in-process DSL.
import { QmkError } from "./errors.js";
import { KernelCore, type KernelOptions } from "./syscall/core.js";
import { METHODS, METHOD_NAMES } from "./syscall/methods.js";
import type { MethodName, ParamsOf, Reply } from "./syscall/schema.js";

export { QmkError, ErrorCodes, isQmkError } from "./errors.js";
export type { KernelOptions } from "./syscall/core.js";
export { METHOD_NAMES } from "./syscall/methods.js";
export type { MethodName, ParamsOf, ResultOf, Reply, MethodTable, TypedCall } from "./syscall/schema.js";

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

  /**
   * Dispatch one q_* call; resolves after its audit events are on disk.
   * Typed by the method table (kernel/syscall/schema.ts): a known method's
   * params and result have its schema's types. The second overload is the
   * untyped escape hatch for a method name only known at run time (a
   * generic test helper, a probe of bad input); the DSL's transports and the
   * CLI do not have it (dsl/transport/types.ts).
   */
  call<M extends MethodName, P extends ParamsOf<M>>(method: M, params: P): Promise<Reply<M, P>>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- dynamic names: see above
  call(method: string, params?: unknown): Promise<any>;
  async call(method: string, params: unknown = {}): Promise<unknown> {
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
    return result;
  }

  /** Synchronous dispatch for the in-process DSL (audit durability follows by group commit). */
  callSync<M extends MethodName, P extends ParamsOf<M>>(method: M, params: P): Reply<M, P>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- dynamic names, as for call()
  callSync(method: string, params?: unknown): any;
  callSync(method: string, params: unknown = {}): unknown {
    if (METHODS[method]?.async) throw new QmkError("INVALID_REQUEST", `${method} waits; use call()`, { field: "method" });
    return this.core.dispatch(method, params);
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

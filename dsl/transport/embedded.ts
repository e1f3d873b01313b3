// In-process transport over an embedded kernel: `callSync` lets eager
// operations run synchronously (so `q.outcome` is available immediately).
import type { MethodName, ParamsOf, Reply, Transport } from "./types.js";

/** The part of kernel/index.ts's Kernel the DSL uses (typed by the method table). */
export interface KernelLike {
  call<M extends MethodName, P extends ParamsOf<M>>(method: M, params: P): Promise<Reply<M, P>>;
  callSync?<M extends MethodName, P extends ParamsOf<M>>(method: M, params: P): Reply<M, P>;
  adminToken?: string;
  close?(): Promise<void> | void;
}

export class EmbeddedTransport implements Transport {
  readonly kind = "embedded" as const;
  constructor(readonly kernel: KernelLike, private readonly owned = true) {}
  get adminToken(): string | undefined {
    return this.kernel.adminToken;
  }
  call<M extends MethodName, P extends ParamsOf<M>>(method: M, params: P): Promise<Reply<M, P>> {
    return this.kernel.call(method, params);
  }
  get callSync(): Transport["callSync"] {
    const k = this.kernel;
    if (typeof k.callSync !== "function") return undefined;
    return <M extends MethodName, P extends ParamsOf<M>>(m: M, p: P): Reply<M, P> => k.callSync!(m, p);
  }
  async close(): Promise<void> {
    if (this.owned) await this.kernel.close?.();
  }
}

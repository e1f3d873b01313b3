// In-process transport over an embedded kernel: `callSync` lets eager
// operations run synchronously (so `q.outcome` is available immediately).
import type { Transport } from "./types.js";

/** The part of kernel/index.ts's Kernel the DSL uses. */
export interface KernelLike {
  call(method: string, params: Record<string, unknown>): Promise<any>;
  callSync?(method: string, params: Record<string, unknown>): any;
  adminToken?: string;
  close?(): Promise<void> | void;
}

export class EmbeddedTransport implements Transport {
  readonly kind = "embedded" as const;
  constructor(readonly kernel: KernelLike, private readonly owned = true) {}
  get adminToken(): string | undefined {
    return this.kernel.adminToken;
  }
  call(method: string, params: Record<string, unknown>): Promise<any> {
    return this.kernel.call(method, params);
  }
  get callSync(): ((method: string, params: Record<string, unknown>) => any) | undefined {
    const k = this.kernel;
    return typeof k.callSync === "function" ? (m, p) => k.callSync!(m, p) : undefined;
  }
  async close(): Promise<void> {
    if (this.owned) await this.kernel.close?.();
  }
}

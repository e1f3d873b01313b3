// A transport made of per-method functions typed by the method table: what
// a custom embedding or a test double implements. Each function takes the
// method's params and returns its result type, so a double that answers
// `tenant_id` where the kernel answers `tenant` does not compile.
import { QmkError } from "../errors.js";
import type { Handlers, MethodName, ParamsOf, Reply, Transport } from "./types.js";

export class HandlerTransport implements Transport {
  readonly kind = "custom" as const;

  constructor(
    private readonly handlers: Handlers,
    private readonly opts: { adminToken?: string; synchronous?: boolean } = {},
  ) {}

  get adminToken(): string | undefined {
    return this.opts.adminToken;
  }

  /** Synchronous door (eager sessions), unless the double is asked to behave like a remote kernel. */
  get callSync(): Transport["callSync"] {
    return this.opts.synchronous === false ? undefined : <M extends MethodName, P extends ParamsOf<M>>(m: M, p: P) => this.dispatch(m, p);
  }

  async call<M extends MethodName, P extends ParamsOf<M>>(method: M, params: P): Promise<Reply<M, P>> {
    await new Promise((r) => setTimeout(r, 1)); // a remote answer never comes back in the same tick
    return this.dispatch(method, params);
  }

  dispatch<M extends MethodName, P extends ParamsOf<M>>(method: M, params: P): Reply<M, P> {
    const h = Object.hasOwn(this.handlers, method) ? (this.handlers[method] as ((p: P) => unknown) | undefined) : undefined;
    if (!h) throw new QmkError("METHOD_NOT_FOUND", `unknown method ${String(method).slice(0, 64)}`, { field: "method" });
    // Reply<M, P> narrows ResultOf<M> by the params; the handler's own return type is ResultOf<M>
    return h(params) as Reply<M, P>;
  }
}

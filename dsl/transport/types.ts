// How the DSL reaches a kernel. The embedded kernel offers `callSync`
// (eager ops run synchronously); a remote `qmk serve` only has `call`.
//
// Both are typed by the method table (kernel/syscall/schema.ts): a method's
// params and result are its schema's, so the DSL reads fields the kernel
// really returns, and a transport or test double whose results differ from
// the kernel's does not compile (test/dsl/transport-types.test-d.ts).
import type { MethodName, ParamsOf, Reply, ResultOf } from "../../kernel/syscall/schema.js";

export type { MethodName, ParamsOf, Reply, ResultOf };

export interface Transport {
  call<M extends MethodName, P extends ParamsOf<M>>(method: M, params: P): Promise<Reply<M, P>>;
  callSync?<M extends MethodName, P extends ParamsOf<M>>(method: M, params: P): Reply<M, P>;
  close?(): Promise<void> | void;
  /** admin token, when the transport knows it (embedded kernel) */
  readonly adminToken?: string;
  readonly kind: "embedded" | "remote" | "custom";
}

/**
 * A method's implementation in a test double or custom transport, typed by
 * the table: `(params) => result`. Build a Transport from a partial map of
 * these with `typedHandlers` (test/dsl/fake-kernel.ts does).
 */
export type Handlers = { [M in MethodName]?: (params: ParamsOf<M>) => ResultOf<M> };

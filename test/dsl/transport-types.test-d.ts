// Type test: the DSL's transports, the kernel's `call` and test doubles are
// all typed by one method table (kernel/syscall/schema.ts). A double or
// transport whose result shape differs from the kernel's does not compile.
import { expectTypeOf, test } from "vitest";
import type { Kernel } from "../../kernel/index.js";
import type { KernelLike, Transport } from "../../dsl/index.js";
import type { Handlers, Reply, ResultOf } from "../../dsl/transport/types.js";
import { HandlerTransport } from "../../dsl/transport/handlers.js";

declare const t: Transport;
declare const kernel: Kernel;

test("a transport's results are the method table's, not guesses", async () => {
  const r = await t.call("q_negotiate_caps", { token: "x" });
  expectTypeOf(r.tenant).toEqualTypeOf<string>();
  expectTypeOf(r.session_id).toEqualTypeOf<string>();
  // @ts-expect-error — the kernel answers `tenant`, never `tenant_id`
  void r.tenant_id;
  const w = await t.call("q_wait", { session_id: "s", job_id: "j" });
  // a final state: there is no "missing state counts as success"
  expectTypeOf(w.state).toEqualTypeOf<"completed" | "failed" | "cancelled">();
  expectTypeOf(w.counts).toEqualTypeOf<{ [x: string]: number }>();
  expectTypeOf(w.error).toEqualTypeOf<{ code: number; name: string; message: string; data: { [x: string]: unknown } } | undefined>();
  // @ts-expect-error — there is no `status` field to fall back on
  void w.status;
});

test("params are checked against the table too", () => {
  // @ts-expect-error — q_alloc takes n as an integer
  void t.call("q_alloc", { session_id: "s", n: "three" });
  // @ts-expect-error — not a method of the table
  void t.call("q_no_such_method", {});
});

test("results narrow by params where the table has a union", async () => {
  const ok = await t.call("q_approve_channel", { session_id: "s", request_id: "r" });
  expectTypeOf(ok.channel).toEqualTypeOf<string>();
  const no = await t.call("q_approve_channel", { session_id: "s", request_id: "r", approve: false });
  expectTypeOf(no).toEqualTypeOf<Reply<"q_approve_channel", { approve: false }>>();
  expectTypeOf(no.rejected).toEqualTypeOf<true>();
  const one = await t.call("q_chan_status", { session_id: "s", channel: "c" });
  expectTypeOf(one.used).toEqualTypeOf<number>();
  const all = await t.call("q_chan_status", { session_id: "s" });
  expectTypeOf(all.channels).toBeArray();
});

test("the real kernel is a KernelLike: the DSL's transport types and kernel.call agree", () => {
  expectTypeOf(kernel).toMatchTypeOf<KernelLike>();
  expectTypeOf<Awaited<ReturnType<typeof kernel.call<"q_submit", { session_id: string; graph: unknown }>>>>().toEqualTypeOf<ResultOf<"q_submit">>();
});

test("a test double built from typed handlers cannot drift from the kernel", () => {
  const good: Handlers = {
    q_negotiate_caps: () => ({ session_id: "s", tenant: "alice", granted: [], denied: [], quota: {}, expires_at: 0 }),
  };
  expectTypeOf(new HandlerTransport(good)).toMatchTypeOf<Transport>();

  const drifted: Handlers = {
    // @ts-expect-error — answers `tenant_id` where the kernel answers `tenant` (the drift the issue found)
    q_negotiate_caps: () => ({ session_id: "s", tenant_id: "alice", granted: [], denied: [], quota: {}, expires_at: 0 }),
  };
  void drifted;

  const missing: Handlers = {
    // @ts-expect-error — q_status must say the job's state
    q_status: () => ({ job_id: "j", shots: 1, shots_done: 1, submitted_at: 0 }),
  };
  void missing;
});

// Malformed input never crashes the kernel and never yields INTERNAL_ERROR:
// every q_* method is fed random JSON params (and random values in the
// fields it reads), with valid and invalid sessions and handles mixed in.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import fc from "fast-check";
import { createKernel, type Kernel } from "../../kernel/index.js";
import { METHOD_NAMES } from "../../kernel/syscall/methods.js";
import { isQmkError } from "../../kernel/errors.js";

let k: Kernel;
let admin: string;
let tenant: string;
let vq: string;
let token: string;

beforeAll(async () => {
  k = await createKernel({ inMemory: true, fsync: false });
  admin = (await k.call("q_negotiate_caps", { token: k.adminToken })).session_id;
  const t = await k.call("q_create_tenant", { session_id: admin, name: "fuzz", rights: ["CAP_ALLOC", "CAP_MEASURE", "CAP_LINK"] });
  token = t.token;
  tenant = (await k.call("q_negotiate_caps", { token })).session_id;
  vq = (await k.call("q_alloc", { session_id: tenant, n: 1 })).vqs[0];
});
afterAll(async () => k.close());

const FIELDS = ["session_id", "token", "vq", "vqs", "op", "args", "n", "profile", "basis", "angle", "graph", "policy", "params", "job_id", "channel", "channel_id", "request_id", "peer", "max_uses", "expires_at", "rights", "name", "quota", "rules", "filters", "index", "tree_size", "first", "second", "tenant_id", "approve", "requested", "ch", "timeout_ms", "audience", "max_depth"];

const anyJson = fc.jsonValue({ maxDepth: 4 });

describe("syscall fuzz", () => {
  it("every method answers bad params with a QmkError, never INTERNAL_ERROR", async () => {
    const seen = new Set<string>();
    const value = () =>
      fc.oneof(anyJson, fc.constantFrom<unknown>(admin, tenant, vq, token, vq.slice(0, -2) + "AA", "", null, -1, 1e308, "pi/0", "H", "CNOT", "MEASURE_BELL", [vq, vq], { nodes: [] }));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...METHOD_NAMES, "q_nope", "__proto__", "constructor", "toString"),
        fc.oneof(
          anyJson,
          fc.dictionary(fc.constantFrom(...FIELDS), value(), { maxKeys: 6 }),
          // mostly with a valid session, so the handlers themselves get the bad params
          fc.record({ session_id: fc.constantFrom(admin, tenant), rest: fc.dictionary(fc.constantFrom(...FIELDS), value(), { maxKeys: 6 }) }).map(({ session_id, rest }) => ({ ...rest, session_id })),
          fc.record({ session_id: fc.constantFrom(admin, tenant), rest: fc.dictionary(fc.constantFrom(...FIELDS), value(), { maxKeys: 6 }) }).map(({ session_id, rest }) => ({ ...rest, session_id })),
        ),
        async (method, params) => {
          try {
            await k.call(method, params);
            seen.add("ok");
          } catch (e) {
            seen.add(String((e as { codeName?: string }).codeName));
            expect(isQmkError(e), `${method} threw a non-QmkError: ${String(e)}`).toBe(true);
            expect((e as { codeName: string }).codeName, `${method} ${JSON.stringify(params).slice(0, 200)}`).not.toBe("INTERNAL_ERROR");
          }
        },
      ),
      { numRuns: 3000, seed: 20261128 },
    );
    // the inputs reached the handlers, not just the session check
    for (const c of ["ok", "INVALID_PARAMS", "INVALID_HANDLE", "METHOD_NOT_FOUND", "INSUFFICIENT_CAPS"]) expect(seen, [...seen].join(" ")).toContain(c);
    // the kernel still works afterwards (with a fresh session: the fuzz may have closed or revoked its own)
    const t2 = await k.call("q_create_tenant", { session_id: (await k.call("q_negotiate_caps", { token: k.adminToken })).session_id, name: "after", rights: ["CAP_ALLOC"] });
    const s2 = (await k.call("q_negotiate_caps", { token: t2.token })).session_id;
    const again = await k.call("q_alloc", { session_id: s2, n: 1 });
    expect(again.vqs).toHaveLength(1);
  });
});

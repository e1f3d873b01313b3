// The method table is one source: every method the kernel serves has a
// params and result schema (kernel/syscall/schema.ts) and every schema a
// handler (methods.ts); parameter validation comes from it, before any
// effect, naming the field; `qmk methods --json` and rpc.discover print it.
import { describe, expect, it } from "vitest";
import { METHODS, METHOD_NAMES } from "../../kernel/syscall/methods.js";
import { SCHEMAS } from "../../kernel/syscall/schema.js";
import { validateParams } from "../../kernel/syscall/validate.js";
import { methodTable, openRpcDocument } from "../../kernel/syscall/openrpc.js";
import { createKernel } from "../../kernel/index.js";
import { QmkError } from "../../kernel/errors.js";

const refusal = (f: () => unknown): QmkError | undefined => {
  try {
    f();
  } catch (e) {
    return e as QmkError;
  }
  return undefined;
};

describe("one method table", () => {
  it("schemas and handlers name the same methods", () => {
    expect(Object.keys(SCHEMAS).sort()).toEqual([...METHOD_NAMES].sort());
  });

  it("qmk methods --json / rpc.discover carry rights, doc line and both schemas for each", () => {
    const t = methodTable();
    expect(t.map((m) => m.name).sort()).toEqual([...METHOD_NAMES].sort());
    for (const m of t) {
      expect(m.summary.length, m.name).toBeGreaterThan(5);
      expect(m.rights).toEqual(METHODS[m.name].rights);
      expect(m.params).toHaveProperty("type", "object");
      expect(m.result).toBeTruthy();
    }
    const doc = openRpcDocument() as { openrpc: string; methods: Array<{ name: string; params: Array<{ name: string; required: boolean }> }> };
    const mint = doc.methods.find((m) => m.name === "q_mint_token")!;
    expect(mint.params).toEqual(expect.arrayContaining([expect.objectContaining({ name: "tenant_id", required: true }), expect.objectContaining({ name: "max_uses", required: false })]));
  });
});

describe("validateParams", () => {
  it("names the offending field", () => {
    expect(refusal(() => validateParams("q_alloc", { session_id: "s", n: "three" }))).toMatchObject({ codeName: "INVALID_PARAMS", data: { field: "params.n" } });
    expect(refusal(() => validateParams("q_mint_token", { session_id: "s", tenant_id: "bob" }))).toMatchObject({ data: { field: "params.rights" } });
    expect(refusal(() => validateParams("q_create_tenant", { session_id: "s", name: "x", rights: ["CAP_ALLOC", 7] }))).toMatchObject({ data: { field: "params.rights[1]" } });
    expect(refusal(() => validateParams("q_set_quota", { session_id: "s", tenant_id: "bob", quota: { logical_qubits: "many" } }))).toMatchObject({ data: { field: "params.quota.logical_qubits" } });
  });

  it("leaves session_id to the mediator and unknown methods to dispatch", () => {
    expect(refusal(() => validateParams("q_get_telemetry", {}))).toBeUndefined();
    expect(refusal(() => validateParams("q_get_telemetry", { session_id: null }))).toBeUndefined();
    expect(refusal(() => validateParams("q_nope", { anything: 1 }))).toBeUndefined();
  });

  it("runs in the kernel's dispatch before any effect", async () => {
    const k = await createKernel({ inMemory: true });
    try {
      const sid = (await k.call("q_negotiate_caps", { token: k.adminToken })).session_id;
      const before = (await k.call("q_list_tenants", { session_id: sid })).tenants.length;
      const e = await k.call("q_create_tenant", { session_id: sid, name: "zed", quota: { logical_qubits: "lots" } } as never).catch((x: unknown) => x as QmkError);
      expect(e).toMatchObject({ codeName: "INVALID_PARAMS", data: { field: "params.quota.logical_qubits" } });
      expect((await k.call("q_list_tenants", { session_id: sid })).tenants.length).toBe(before);
      // a session that is not a string is still the mediator's refusal, not a params error
      const s = await k.call("q_get_telemetry", { session_id: 42 } as never).then(() => undefined, (x: unknown) => x as QmkError);
      expect(s?.codeName).toMatch(/INVALID_HANDLE|AUTH_FAILED/);
    } finally {
      await k.close();
    }
  });
});

// `qmk serve` request logs (pino): one line per request with method,
// tenant, duration and outcome code; never a token; the level decides.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { createKernel } from "../../kernel/index.js";
import { serveKernel } from "../../kernel/rpc/serve-kernel.js";
import { loggerTo } from "../../kernel/rpc/log.js";
import { JsonRpcTransport } from "../../dsl/transport/jsonrpc.js";

async function logged(level: "info" | "warn"): Promise<Array<Record<string, unknown>>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "qmk-log-"));
  const kernel = await createKernel({ inMemory: true });
  const lines: string[] = [];
  const srv = await serveKernel(kernel, { socketPath: path.join(dir, "qmk.sock"), logger: loggerTo({ write: (s: string) => lines.push(s) }, level) });
  const c = await JsonRpcTransport.connect(srv.socketPath!);
  try {
    const { session_id } = await c.call("q_negotiate_caps", { token: kernel.adminToken });
    await c.call("q_create_tenant", { session_id, name: "lulu" });
    await c.call("q_suspend_tenant", { session_id, tenant_id: "nobody" }).catch(() => {});
    await c.call("q_negotiate_caps", { token: kernel.adminToken.slice(0, -4) + "AAAA" }).catch(() => {});
  } finally {
    await c.close();
    await srv.close();
    await kernel.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const text = lines.join("");
  // neither the admin token nor the new tenant's token reaches the log
  expect(text).not.toContain(kernel.adminToken.slice(8, 40));
  expect(text).not.toMatch(/qmk1_[A-Za-z0-9_-]{20}/);
  return text.split("\n").filter(Boolean).map((l) => JSON.parse(l));
}

describe("request logs", () => {
  it("info: one line per request with method, tenant, ms and code", async () => {
    const reqs = (await logged("info")).filter((l) => l.msg === "request");
    expect(reqs.map((r) => r.method)).toEqual(["q_negotiate_caps", "q_create_tenant", "q_suspend_tenant", "q_negotiate_caps"]);
    expect(reqs[0]).toMatchObject({ tenant: "admin", code: 0, outcome: "ok", transport: "ndjson", peer: "unix" });
    expect(reqs[1]).toMatchObject({ tenant: "admin", code: 0 });
    expect(reqs[2]).toMatchObject({ tenant: "admin", code: -32602, outcome: "INVALID_PARAMS" });
    expect(reqs[3]).toMatchObject({ tenant: null, code: -32110, outcome: "INVALID_TOKEN" });
    for (const r of reqs) expect(typeof r.ms).toBe("number");
  });

  it("warn: no request lines", async () => {
    expect((await logged("warn")).filter((l) => l.msg === "request")).toEqual([]);
  });
});

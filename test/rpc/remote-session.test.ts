// A DSL script against `qmk serve`, run twice: with a token store it
// re-attaches to the tenants it created (the second run no longer fails on
// "already exists"), over NDJSON and over HTTP; a job's refusal keeps its
// code end to end (QUOTA_EXCEEDED in q_wait and in Circuit.run, never
// INTERNAL_ERROR), and a cancelled job is CANCELLED.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKernel, type Kernel } from "../../kernel/index.js";
import { serveKernel } from "../../kernel/rpc/serve-kernel.js";
import { qmk, circuit, QmkError } from "../../dsl/index.js";
import { bellPair } from "../../examples/bell.js";

let kernel: Kernel;
let server: Awaited<ReturnType<typeof serveKernel>>;
let dir: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "qmk-remote-"));
  kernel = await createKernel({ dataDir: path.join(dir, "k"), fsync: false });
  server = await serveKernel(kernel, { socketPath: path.join(dir, "qmk.sock"), port: 0 });
});
afterAll(async () => {
  await server?.close();
  await kernel?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const caught = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e as QmkError);

describe.each([
  ["unix socket", () => server.socketPath!],
  ["http", () => `http://127.0.0.1:${server.port}`],
] as const)("qmk.connect over %s", (which, address) => {
  const tenant = which === "http" ? "hera" : "alice";

  it("a token store lets a second run re-attach to the tenant it created", async () => {
    const store = path.join(dir, `store-${tenant}`) + "/";
    const first = await qmk.connect(address(), kernel.adminToken, { tokenStore: store });
    const s1 = await first.tenant(tenant);
    const counts1 = await circuit(s1, bellPair).run({ shots: 50, seed: 1 });
    expect(counts1.shots).toBe(50);
    await first.close();
    const file = path.join(store, "dsl-tenant-tokens.json");
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);

    // the second run of the same script
    const second = await qmk.connect(address(), kernel.adminToken, { tokenStore: store });
    const s2 = await second.tenant(tenant);
    expect(s2.tenantId).toBe(s1.tenantId);
    expect((await circuit(s2, bellPair).run({ shots: 20, seed: 2 })).shots).toBe(20);
    await second.close();

    // without the store the kernel still refuses a tenant this connection does not hold the token of
    const bare = await qmk.connect(address(), kernel.adminToken);
    const e = await caught(bare.tenant(tenant));
    expect(e?.codeName).toBe("ACCESS_DENIED");
    await bare.close();
  });

  it("a quota refusal inside a job is QUOTA_EXCEEDED in q_wait and in Circuit.run", async () => {
    const conn = await qmk.connect(address(), kernel.adminToken);
    const small = await conn.tenant(`${tenant}-small`, { quota: { logical_qubits: 1 } });
    const e = await caught(circuit(small, bellPair).run({ shots: 5 }));
    expect(e).toBeInstanceOf(QmkError);
    expect(e?.codeName).toBe("QUOTA_EXCEEDED");
    expect(e?.code).toBe(-32610);
    // and the raw job status carries the same code
    const sub = await small.call("q_submit", { graph: circuit(small, bellPair).toGraph(), policy: { shots: 1 } });
    const st = await small.call("q_wait", { job_id: sub.job_id, timeout_ms: 30_000 });
    expect(st.state).toBe("failed");
    expect(st.error).toMatchObject({ name: "QUOTA_EXCEEDED", code: -32610 });
    await conn.close();
  });
});

it("a cancelled job is CANCELLED in q_wait, not TIMEOUT or INTERNAL_ERROR", async () => {
  const conn = await qmk.connect(server.socketPath!, kernel.adminToken);
  const s = await conn.tenant("canceller");
  const graph = circuit(s, bellPair).toGraph();
  const sub = await s.call("q_submit", { graph, policy: { shots: 1_000_000 } });
  await s.call("q_cancel", { job_id: sub.job_id });
  const st = await s.call("q_wait", { job_id: sub.job_id, timeout_ms: 30_000 });
  expect(st.state).toBe("cancelled");
  if (st.error) expect(st.error.name).toBe("CANCELLED");
  await conn.close();
});

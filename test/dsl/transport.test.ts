// qmk.connect: newline-delimited JSON-RPC 2.0 over a Unix socket and
// loopback TCP, against kernel/rpc/server.ts serving a stand-in kernel.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { serve, type RunningServer } from "../../kernel/rpc/server.js";
import { qmk, cx, h, measure, x, ifOne, JsonRpcTransport, QmkError } from "../../dsl/index.js";
import { FakeKernel } from "./fake-kernel.js";

let server: RunningServer;
let kernel: FakeKernel;
const sock = join(mkdtempSync(join(tmpdir(), "qmk-dsl-rpc-")), "qmk.sock");

beforeAll(async () => {
  kernel = new FakeKernel(3);
  server = await serve(async (m, p) => kernel.dispatch(m, (p ?? {}) as Record<string, unknown>), { socketPath: sock, port: 0 });
});
afterAll(async () => {
  await server?.close();
});

describe("JSON-RPC client transport", () => {
  test("unix socket: queued eager ops, sync(), outcomes", async () => {
    const conn = await qmk.connect(sock, "tok:admin");
    const alice = await conn.tenant("alice");
    expect(alice.synchronous).toBe(false);
    const [a, b] = alice.alloc(2);
    x(a);
    cx(a, b);
    measure(a);
    measure(b);
    expect(() => a.outcome).toThrow(/await session.sync\(\)/);
    await alice.sync();
    expect([a.outcome, b.outcome]).toEqual([1, 1]);
    const c = alice.qubit();
    h(c);
    measure(c);
    const d = alice.qubit();
    ifOne(c, () => x(d));
    measure(d);
    await alice.sync();
    expect(d.outcome).toBe(c.outcome);
    await conn.close();
  });

  test("tcp://127.0.0.1:N and error mapping", async () => {
    expect(server.port).toBeGreaterThan(0);
    const t = await JsonRpcTransport.connect(`tcp://127.0.0.1:${server.port}`);
    const err = await t.call("q_no_such_method", {}).catch((e) => e);
    expect(err).toBeInstanceOf(QmkError);
    expect(err.codeName).toBe("METHOD_NOT_FOUND");
    expect(err.code).toBe(-32601);
    // concurrent requests are matched by id
    const rs = await Promise.all([1, 2, 3, 4].map((i) => t.call("q_create_tenant", { name: `t${i}` })));
    expect(rs.map((r) => r.tenant_id)).toEqual(["t1", "t2", "t3", "t4"]);
    await t.close();
    await expect(t.call("q_create_tenant", { name: "x" })).rejects.toBeInstanceOf(QmkError);
  });

  test("connection failures are QmkErrors", async () => {
    await expect(qmk.connect(join(tmpdir(), "no-such-qmk.sock"), "t")).rejects.toBeInstanceOf(QmkError);
  });
});

// What one client can make `qmk serve` hold, with the limits turned small
// (they are server options; the defaults are in README "Serving").
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createKernel, type Kernel } from "../../kernel/index.js";
import { serveKernel } from "../../kernel/rpc/serve-kernel.js";
import { TokenBucket, type ServeLimits } from "../../kernel/rpc/limits.js";
import { JsonRpcTransport } from "../../dsl/transport/jsonrpc.js";
import type { QmkError } from "../../kernel/errors.js";

let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const f of cleanup.reverse()) await f();
  cleanup = [];
});

async function start(limits: Partial<ServeLimits>): Promise<{ kernel: Kernel; sock: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "qmk-lim-"));
  const kernel = await createKernel({ inMemory: true });
  const srv = await serveKernel(kernel, { socketPath: path.join(dir, "qmk.sock"), limits });
  cleanup.push(async () => {
    await srv.close();
    await kernel.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return { kernel, sock: srv.socketPath! };
}

const caught = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e as QmkError);

/** Connect and read everything the server says until it closes or `ms` pass. */
function rawSession(sock: string, send: string | null, ms: number): Promise<{ text: string; closed: boolean }> {
  return new Promise((resolve) => {
    const s = net.createConnection({ path: sock });
    let text = "";
    let closed = false;
    s.setEncoding("utf8");
    s.on("data", (d: string) => (text += d));
    s.on("error", () => {});
    s.on("close", () => {
      closed = true;
      resolve({ text, closed });
    });
    if (send !== null) s.write(send);
    setTimeout(() => {
      s.destroy();
      resolve({ text, closed });
    }, ms);
  });
}

describe("token bucket", () => {
  it("spends a burst, refills at its rate, and takes refunds", () => {
    let now = 0;
    const b = new TokenBucket({ burst: 2, perSecond: 1 }, () => now);
    expect([b.take(), b.take(), b.take()]).toEqual([true, true, false]);
    now += 1000;
    expect([b.take(), b.take()]).toEqual([true, false]);
    b.refund();
    expect(b.take()).toBe(true);
  });
});

describe("serve limits", () => {
  it("refusals without a session are rate-limited per connection; successful negotiations are not", async () => {
    const { kernel, sock } = await start({ preAuthPerConnection: { burst: 3, perSecond: 0.001 } });
    const c = await JsonRpcTransport.connect(sock);
    cleanup.push(() => c.close());
    // many sessions opened quickly: never limited
    for (let i = 0; i < 10; i++) expect((await c.call("q_negotiate_caps", { token: kernel.adminToken })).session_id).toBeTruthy();
    const codes: Array<string | undefined> = [];
    for (let i = 0; i < 6; i++) codes.push((await caught(c.call("q_negotiate_caps", { token: "qmk1_" + "A".repeat(43) })))?.codeName);
    expect(codes.slice(0, 3).every((x) => x !== "RATE_LIMITED")).toBe(true);
    expect(codes.slice(3)).toEqual(["RATE_LIMITED", "RATE_LIMITED", "RATE_LIMITED"]);
    // a call with a live session is not pre-auth work
    const sid = (await c.call("q_negotiate_caps", { token: kernel.adminToken }).catch(() => null))?.session_id;
    if (sid) expect((await c.call("q_get_telemetry", { session_id: sid })).tenant).toBe("admin");
    // another connection has its own bucket
    const d = await JsonRpcTransport.connect(sock);
    cleanup.push(() => d.close());
    expect((await caught(d.call("q_negotiate_caps", { token: "qmk1_" + "A".repeat(43) })))?.codeName).not.toBe("RATE_LIMITED");
  });

  it("caps connections per peer, with one clear refusal line", async () => {
    const { sock } = await start({ maxConnectionsPerPeer: 2 });
    const a = await JsonRpcTransport.connect(sock);
    const b = await JsonRpcTransport.connect(sock);
    cleanup.push(async () => {
      await a.close();
      await b.close();
    });
    await new Promise((r) => setTimeout(r, 50));
    const third = await rawSession(sock, null, 2000);
    expect(JSON.parse(third.text.split("\n")[0]).error).toMatchObject({ code: -32612, data: { field: "connection", limit: 2 } });
  });

  it("a batch larger than maxBatch is one Invalid Request", async () => {
    const { sock } = await start({ maxBatch: 3 });
    const batch = JSON.stringify(Array.from({ length: 4 }, (_, i) => ({ jsonrpc: "2.0", id: i, method: "q_nope" })));
    const r = await rawSession(sock, batch + "\n", 800);
    expect(JSON.parse(r.text.trim())).toMatchObject({ id: null, error: { code: -32600, data: { limit: 3 } } });
  });

  it("a line larger than the pre-session limit is refused without buffering it; the connection stays usable", async () => {
    const { sock } = await start({ maxPreAuthRequestBytes: 1024 });
    const big = '{"jsonrpc":"2.0","id":1,"method":"q_negotiate_caps","params":{"token":"' + "A".repeat(4096) + '"}}\n';
    const r = await rawSession(sock, big + '{"jsonrpc":"2.0","id":2,"method":"q_nope"}\n', 800);
    const replies = r.text.trim().split("\n").map((l) => JSON.parse(l));
    expect(replies[0].error).toMatchObject({ code: -32600, data: { field: "request" } });
    expect(replies[1]).toMatchObject({ id: 2, error: { code: -32601 } });
  });

  it("closes a connection whose request does not complete in time (slowloris)", async () => {
    const { sock } = await start({ partialRequestTimeoutMs: 200 });
    const r = await rawSession(sock, '{"jsonrpc":"2.0","id":1,"method":', 3000);
    expect(r.closed).toBe(true);
  });
});

// JSON-RPC 2.0 conformance of `qmk serve`, over both transports: newline-
// delimited JSON on the Unix socket, and HTTP (node:http) on the socket and
// on loopback TCP. Notifications get no reply, batches (mixed, empty, all
// notifications) follow §6, error objects keep `data`, and HTTP speaks
// HTTP/1.1: 405 + Allow on GET, chunked bodies, 100-continue, JSON types.
import * as fs from "node:fs";
import * as http from "node:http";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKernel, METHOD_NAMES, type Kernel } from "../../kernel/index.js";
import { serveKernel } from "../../kernel/rpc/serve-kernel.js";

let kernel: Kernel;
let server: Awaited<ReturnType<typeof serveKernel>>;
let dir: string;
let sid: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "qmk-conf-"));
  kernel = await createKernel({ dataDir: dir, fsync: false });
  server = await serveKernel(kernel, { socketPath: path.join(dir, "qmk.sock"), port: 0 });
  sid = (await kernel.call("q_negotiate_caps", { token: kernel.adminToken })).session_id;
});
afterAll(async () => {
  await server?.close();
  await kernel?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const req = (id: number | string | undefined, method: string, params: Record<string, unknown> = {}) => ({
  jsonrpc: "2.0",
  method,
  params,
  ...(id === undefined ? {} : { id }),
});
const tele = (id?: number) => req(id, "q_get_telemetry", { session_id: sid });

/** NDJSON over the Unix socket (or loopback TCP): send lines, collect reply lines until `n` arrived or `ms` passed. */
let ndjsonVia: "unix" | "tcp" = "unix";
function ndjson(lines: string[], n: number, ms = 1500): Promise<unknown[]> {
  return new Promise((resolve) => {
    const s = ndjsonVia === "unix" ? net.createConnection({ path: server.socketPath! }) : net.createConnection({ host: "127.0.0.1", port: server.port! });
    const out: unknown[] = [];
    let buf = "";
    const done = () => {
      clearTimeout(t);
      s.destroy();
      resolve(out);
    };
    const t = setTimeout(done, ms);
    s.setEncoding("utf8");
    s.on("data", (d: string) => {
      buf += d;
      let nl: number;
      while ((nl = buf.indexOf("\n")) >= 0) {
        out.push(JSON.parse(buf.slice(0, nl)));
        buf = buf.slice(nl + 1);
        if (out.length >= n && n > 0) return done();
      }
    });
    s.write(lines.map((l) => l + "\n").join(""));
  });
}

type Via = { socketPath: string } | { host: string; port: number };
const vias = (): Array<[string, Via]> => [
  ["http over unix", { socketPath: server.socketPath! }],
  ["http over tcp", { host: "127.0.0.1", port: server.port! }],
];

interface HttpReply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  continued: boolean;
}
function post(via: Via, body: string | string[] | null, opts: { method?: string; headers?: Record<string, string>; expectContinue?: boolean } = {}): Promise<HttpReply> {
  return new Promise((resolve, reject) => {
    let continued = false;
    const chunked = Array.isArray(body);
    const headers: Record<string, string> = { "Content-Type": "application/json", ...opts.headers };
    if (!chunked && body !== null) headers["Content-Length"] = String(Buffer.byteLength(body));
    if (opts.expectContinue) headers.Expect = "100-continue";
    const r = http.request({ ...via, path: "/", method: opts.method ?? "POST", headers, agent: false }, (res) => {
      let b = "";
      res.setEncoding("utf8");
      res.on("data", (d) => (b += d));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: b, continued }));
    });
    r.on("error", reject);
    const write = () => {
      if (Array.isArray(body)) for (const c of body) r.write(c);
      else if (body !== null) r.write(body);
      r.end();
    };
    if (opts.expectContinue) {
      r.on("continue", () => {
        continued = true;
        write();
      });
      r.flushHeaders();
    } else write();
  });
}

describe.each(["unix", "tcp"] as const)("NDJSON over %s", (via) => {
  beforeAll(() => {
    ndjsonVia = via;
  });
  it("a notification gets no reply; the request after it does", async () => {
    const out = await ndjson([JSON.stringify(tele()), JSON.stringify(tele(2))], 2);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ id: 2, result: { tenant: "admin" } });
  });

  it("a notification that fails gets no reply either", async () => {
    const out = await ndjson([JSON.stringify(req(undefined, "q_alloc", { session_id: sid, n: "x" })), JSON.stringify(req(undefined, "q_nope"))], 1, 800);
    expect(out).toEqual([]);
  });

  it("a batch is answered with an array, one reply per request, matched by id", async () => {
    const [r] = (await ndjson([JSON.stringify([tele(1), tele(2), req(3, "q_nope")])], 1)) as [Array<{ id: number; result?: unknown; error?: { code: number } }>];
    expect(Array.isArray(r)).toBe(true);
    const byId = Object.fromEntries(r.map((x) => [x.id, x]));
    expect(Object.keys(byId).sort()).toEqual(["1", "2", "3"]);
    expect(byId[1].result).toMatchObject({ tenant: "admin" });
    expect(byId[3].error!.code).toBe(-32601);
  });

  it("an empty batch is one Invalid Request (not an array)", async () => {
    const [r] = (await ndjson(["[]"], 1)) as [{ id: null; error: { code: number } }];
    expect(Array.isArray(r)).toBe(false);
    expect(r).toMatchObject({ id: null, error: { code: -32600 } });
  });

  it("a mixed batch: valid, invalid, notification and bad params each get their due", async () => {
    const batch = [tele(1), 1, { jsonrpc: "2.0", id: 2 }, tele(), req(4, "q_alloc", { session_id: sid, n: "three" }), { foo: "boo" }];
    const [r] = (await ndjson([JSON.stringify(batch)], 1)) as [Array<{ id: number | null; result?: unknown; error?: { code: number; data?: { field?: string } } }>];
    expect(r).toHaveLength(5); // the notification has no reply
    expect(r.find((x) => x.id === 1)!.result).toMatchObject({ tenant: "admin" });
    expect(r.find((x) => x.id === 2)!.error!.code).toBe(-32600);
    const bad = r.find((x) => x.id === 4)!.error!;
    expect(bad.code).toBe(-32602);
    expect(bad.data!.field).toBe("params.n");
    expect(r.filter((x) => x.id === null).map((x) => x.error!.code)).toEqual([-32600, -32600]);
  });

  it("a batch of notifications only gets no reply at all", async () => {
    const out = await ndjson([JSON.stringify([tele(), tele()]), JSON.stringify(tele(9))], 2);
    expect(out).toEqual([expect.objectContaining({ id: 9 })]);
  });

  it("rpc.discover serves the OpenRPC document of the method table", async () => {
    const [r] = (await ndjson([JSON.stringify(req(1, "rpc.discover"))], 1)) as [{ result: { openrpc: string; methods: Array<{ name: string; params: unknown[]; result: unknown }> } }];
    expect(r.result.openrpc).toMatch(/^1\./);
    expect(r.result.methods.map((m) => m.name).sort()).toEqual([...METHOD_NAMES].sort());
    const alloc = r.result.methods.find((m) => m.name === "q_alloc")!;
    expect(alloc.params).toContainEqual(expect.objectContaining({ name: "n", required: true }));
  });
});

describe.each(["http over unix", "http over tcp"] as const)("%s", (which) => {
  const V = () => vias().find(([n]) => n === which)![1];

  it("POST answers application/json with the JSON-RPC reply", async () => {
    const r = await post(V(), JSON.stringify(tele(5)));
    expect(r.status).toBe(200);
    expect(r.headers["content-type"]).toMatch(/^application\/json/);
    expect(JSON.parse(r.body)).toMatchObject({ jsonrpc: "2.0", id: 5, result: { tenant: "admin" } });
  });

  it("GET is 405 with Allow: POST (HTTP/1.1, not 0.9)", async () => {
    const r = await post(V(), null, { method: "GET" });
    expect(r.status).toBe(405);
    expect(r.headers.allow).toBe("POST");
  });

  it("a chunked body is read whole", async () => {
    const text = JSON.stringify([tele(1), tele(2)]);
    const r = await post(V(), [text.slice(0, 10), text.slice(10, 40), text.slice(40)]);
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body).map((x: { id: number }) => x.id).sort()).toEqual([1, 2]);
  });

  it("Expect: 100-continue gets 100 Continue, then the answer", async () => {
    const r = await post(V(), JSON.stringify(tele(7)), { expectContinue: true });
    expect(r.continued).toBe(true);
    expect(JSON.parse(r.body).id).toBe(7);
  });

  it("100-continue with an oversized Content-Length is refused before the body is sent", async () => {
    const r = await new Promise<{ status: number; continued: boolean }>((resolve, reject) => {
      let continued = false;
      const q = http.request({ ...V(), method: "POST", path: "/", agent: false, headers: { "Content-Type": "application/json", "Content-Length": String(64 * 1024 * 1024), Expect: "100-continue" } }, (res) => {
        res.resume();
        resolve({ status: res.statusCode!, continued });
        q.destroy();
      });
      q.on("continue", () => (continued = true));
      q.on("error", reject);
      q.flushHeaders();
    });
    expect(r).toEqual({ status: 413, continued: false });
  });

  it("notifications only: 204 and no body; empty batch: one -32600", async () => {
    const n = await post(V(), JSON.stringify(tele()));
    expect(n.status).toBe(204);
    expect(n.body).toBe("");
    const e = await post(V(), "[]");
    expect(JSON.parse(e.body)).toMatchObject({ id: null, error: { code: -32600 } });
  });

  it("a mixed batch over HTTP", async () => {
    const r = await post(V(), JSON.stringify([tele(1), "x", tele(), req(2, "q_nope")]));
    const body = JSON.parse(r.body) as Array<{ id: number | null; error?: { code: number } }>;
    expect(body).toHaveLength(3);
    expect(body.find((x) => x.id === 2)!.error!.code).toBe(-32601);
    expect(body.find((x) => x.id === null)!.error!.code).toBe(-32600);
  });

  it("a parse error keeps its code; a non-JSON content type is 415", async () => {
    expect(JSON.parse((await post(V(), "{oops")).body).error.code).toBe(-32700);
    expect((await post(V(), JSON.stringify(tele(1)), { headers: { "Content-Type": "text/plain" } })).status).toBe(415);
  });

  it("keep-alive: several requests on one connection", async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      for (let i = 0; i < 3; i++) {
        const r = await new Promise<string>((resolve, reject) => {
          const body = JSON.stringify(tele(i));
          const q = http.request({ ...V(), method: "POST", path: "/", agent, headers: { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) } }, (res) => {
            let b = "";
            res.on("data", (d) => (b += d));
            res.on("end", () => resolve(b));
          });
          q.on("error", reject);
          q.end(body);
        });
        expect(JSON.parse(r).id).toBe(i);
      }
    } finally {
      agent.destroy();
    }
  });
});

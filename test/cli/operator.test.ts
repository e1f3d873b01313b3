// Operator commands, run as an operator would (bin/qmk.js), against both
// kinds of kernel: a data directory no server holds (embedded), and a
// running `qmk serve` (--connect to its socket, and over HTTP). Every
// command: tenant create|list|show|suspend|resume|delete, quota show|set,
// policy show|set, token mint|revoke, channel list|revoke, jobs
// list|show|cancel, audit query — plus qmk run --tenant and the exit codes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { createKernel } from "../../kernel/index.js";
import { JsonRpcTransport } from "../../dsl/transport/jsonrpc.js";

const ROOT = path.resolve(__dirname, "../..");
const BIN = path.join(ROOT, "bin/qmk.js");
const BELL = path.join(ROOT, "test/fixtures/conformance/qvm/bell_state.qvm.asm");

function qmk(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: "utf8", input, timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr, json: () => JSON.parse(r.stdout) };
}

type Door = { call(m: string, p?: unknown): Promise<any>; close(): Promise<void> };

/** Two tenants with an approved channel between them, made through the kernel's own door. */
async function channelBetween(door: Door, admin: string): Promise<string> {
  const A = (m: string, p: object = {}) => door.call(m, { session_id: admin, ...p });
  const mk = async (name: string) => {
    const { token } = await A("q_create_tenant", { name, rights: ["CAP_ALLOC", "CAP_MEASURE", "CAP_LINK"] });
    return (await door.call("q_negotiate_caps", { token })).session_id as string;
  };
  const alice = await mk("alice");
  const dave = await mk("dave");
  const req = await door.call("q_request_channel", { session_id: alice, peer: "dave", max_uses: 4 });
  const ok = await door.call("q_approve_channel", { session_id: dave, request_id: req.request_id });
  return ok.status.id as string;
}

interface Mode {
  name: string;
  /** connection flags for every operator command */
  args: () => string[];
  /** for qmk run --tenant: where the kernel is, no token (the operator's mints one for the tenant) */
  runArgs: () => string[];
  /** jobs live in the kernel's process: an embedded kernel of a later command has none */
  jobsPersist: boolean;
  setup(): Promise<string>;
  teardown(): Promise<void>;
}

const base = fs.mkdtempSync(path.join(os.tmpdir(), "qmk-op-"));

const embeddedDir = path.join(base, "embedded");
const embedded: Mode = {
  name: "embedded data directory",
  args: () => ["--data-dir", embeddedDir],
  runArgs: () => ["--data-dir", embeddedDir],
  jobsPersist: false,
  async setup() {
    const k = await createKernel({ dataDir: embeddedDir, fsync: false });
    try {
      const admin = (await k.call("q_negotiate_caps", { token: k.adminToken })).session_id;
      return await channelBetween({ call: (m, p) => k.call(m, p), close: () => k.close() }, admin);
    } finally {
      await k.close();
    }
  },
  async teardown() {},
};

const serveDir = path.join(base, "served");
let server: ChildProcess | undefined;
let serverLog = "";
let httpUrl = "";
const served: Mode = {
  name: "running qmk serve",
  args: () => ["--connect", path.join(serveDir, "qmk.sock"), "--token", path.join(serveDir, "admin.token")],
  runArgs: () => ["--connect", path.join(serveDir, "qmk.sock"), "--data-dir", serveDir],
  jobsPersist: true,
  async setup() {
    server = spawn(process.execPath, [BIN, "serve", "--data-dir", serveDir, "--port", "0", "--log-level", "info"], { cwd: ROOT });
    let out = "";
    server.stderr!.on("data", (d) => (serverLog += d));
    await new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`qmk serve did not start: ${out}${serverLog}`)), 60_000);
      server!.stdout!.on("data", (d) => {
        out += d;
        const m = /tcp:\s+127\.0\.0\.1:(\d+)/.exec(out);
        if (m && out.includes("unix socket:")) {
          httpUrl = `http://127.0.0.1:${m[1]}`;
          clearTimeout(t);
          resolve();
        }
      });
    });
    const door = await JsonRpcTransport.connect(path.join(serveDir, "qmk.sock"));
    try {
      const admin = (await door.call("q_negotiate_caps", { token: fs.readFileSync(path.join(serveDir, "admin.token"), "utf8").trim() })).session_id;
      return await channelBetween(door, admin);
    } finally {
      await door.close();
    }
  },
  async teardown() {}, // the last describe stops it
};

afterAll(async () => {
  if (server && server.exitCode === null) {
    server.kill("SIGTERM");
    await new Promise((r) => server!.once("exit", r));
  }
  fs.rmSync(base, { recursive: true, force: true });
});

describe.each([embedded, served])("operator commands on a $name", (mode) => {
  let channelId: string;
  const op = (...a: string[]) => qmk([...a, ...mode.args()]);
  beforeAll(async () => {
    channelId = await mode.setup();
  }, 120_000);
  afterAll(() => mode.teardown());

  it("tenant create (token once, or to a 0600 file), list, show", () => {
    const file = path.join(base, `${mode.name.length}-bob.token`);
    const c = op("tenant", "create", "bob", "--rights", "CAP_ALLOC,CAP_MEASURE", "--quota", "logical_qubits=20", "--token-out", file, "--json");
    expect(c.code, c.err).toBe(0);
    expect(c.json()).toMatchObject({ tenant_id: "bob", token_file: file });
    expect(c.out).not.toMatch(/qmk1_/);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(file, "utf8")).toMatch(/^qmk1_/);
    const carol = op("tenant", "create", "carol");
    expect(carol.code, carol.err).toBe(0);
    expect(carol.out).toMatch(/token \(shown once\): qmk1_/);
    const list = op("tenant", "list", "--json");
    expect(list.json().tenants.map((t: { tenant_id: string }) => t.tenant_id)).toEqual(expect.arrayContaining(["admin", "bob", "carol", "alice", "dave"]));
    const show = op("tenant", "show", "bob", "--json");
    expect(show.json()).toMatchObject({ tenant_id: "bob", status: "active", quota: { logical_qubits: 20 } });
    // the same again is a clear refusal, not a crash
    const again = op("tenant", "create", "bob");
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/^qmk tenant create: [A-Z_]+ \(-\d+\)/);
  });

  it("quota show and set", () => {
    const set = op("quota", "set", "bob", "logical_qubits=26", "sessions=8", "--json");
    expect(set.code, set.err).toBe(0);
    expect(set.json().quota).toMatchObject({ logical_qubits: 26, sessions: 8 });
    const show = op("quota", "show", "bob", "--json");
    expect(show.json()).toMatchObject({ tenant_id: "bob", quota: { logical_qubits: 26 }, usage: { logical_qubits: 0 } });
    const human = op("quota", "show", "bob");
    expect(human.out).toMatch(/logical_qubits\s+26\s+used 0/);
  });

  it("policy set (file and stdin) and show", () => {
    const rules = [{ id: "carol-no-magic", effect: "deny", match: { tenant: "carol", opcode: "INJECT_T_STATE" }, reason: "no magic for carol" }];
    const file = path.join(base, "rules.json");
    fs.writeFileSync(file, JSON.stringify({ rules }));
    const set = op("policy", "set", file, "--json");
    expect(set.code, set.err).toBe(0);
    expect(set.json().rules).toHaveLength(1);
    expect(op("policy", "show", "--json").json().rules[0]).toMatchObject({ id: "carol-no-magic", effect: "deny" });
    const viaStdin = qmk(["policy", "set", "-", ...mode.args()], "[]");
    expect(viaStdin.code, viaStdin.err).toBe(0);
    expect(op("policy", "show").out).toMatch(/\(no rules\)/);
    const bad = qmk(["policy", "set", "-", ...mode.args()], '[{"id":"x","effect":"maybe"}]');
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/INVALID_PARAMS/);
  });

  it("token mint and revoke", () => {
    const m = op("token", "mint", "bob", "--rights", "CAP_ALLOC", "--uses", "3", "--expires", "+1h", "--json");
    expect(m.code, m.err).toBe(0);
    const { token, token_id, tenant_id } = m.json();
    expect(tenant_id).toBe("bob");
    expect(token).toMatch(/^qmk1_/);
    const info = qmk(["token", "inspect", token, "--json"]).json();
    expect(info.id).toBe(token_id);
    expect(info.caveats).toEqual(expect.arrayContaining(["uses <= 3"]));
    const r = qmk(["token", "revoke", "-", "--json", ...mode.args()], token + "\n");
    expect(r.code, r.err).toBe(0);
    expect(r.json().revoked).toContain(token_id);
    expect(op("token", "mint", "bob", "--rights", "CAP_NOPE").code).toBe(2);
  });

  it("qmk run --tenant runs a job as that tenant; jobs list, show, cancel", () => {
    const run = qmk(["run", BELL, "--tenant", "bob", "--shots", "20", "--json", ...mode.runArgs()]);
    expect(run.code, run.err).toBe(0);
    expect(Object.keys(run.json().counts).sort()).toEqual(expect.arrayContaining(["00"]));
    const list = op("jobs", "list", "--tenant", "bob", "--json");
    expect(list.code, list.err).toBe(0);
    if (!mode.jobsPersist) {
      // the job ran in the `qmk run` process; a later embedded kernel holds none
      expect(list.json().jobs).toEqual([]);
      const show = op("jobs", "show", "j_nosuchjob");
      expect(show.code).toBe(1);
      expect(show.err).toMatch(/INVALID_HANDLE|JOB_NOT_FOUND/);
      expect(op("jobs", "cancel", "j_nosuchjob").code).toBe(1);
      return;
    }
    const jobs = list.json().jobs as Array<{ id: string; tenant: string; state: string }>;
    expect(jobs.length).toBeGreaterThanOrEqual(1);
    expect(jobs[0]).toMatchObject({ tenant: "bob", state: "completed" });
    const show = op("jobs", "show", jobs[0].id, "--json");
    expect(show.json()).toMatchObject({ state: "completed", shots: 20, shots_done: 20 });
    const cancel = op("jobs", "cancel", jobs[0].id);
    expect(cancel.code).toBe(1);
    expect(cancel.err).toMatch(/ALREADY_COMPLETED/);
    expect(op("jobs", "list", "--state", "running", "--json").json().jobs).toEqual([]);
  });

  it("a quota refusal keeps its code and says how to raise it", () => {
    expect(op("quota", "set", "bob", "logical_qubits=1").code).toBe(0);
    const run = qmk(["run", BELL, "--tenant", "bob", "--shots", "5", ...mode.runArgs()]);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/QUOTA_EXCEEDED \(-32610\)/);
    expect(run.err).toMatch(/qmk quota set bob logical_qubits=2/);
    expect(op("quota", "set", "bob", "logical_qubits=26").code).toBe(0);
  });

  it("channel list and revoke", () => {
    const list = op("channel", "list", "--json");
    expect(list.code, list.err).toBe(0);
    const ch = (list.json().channels as Array<{ id: string; from: string; to: string; state: string }>).find((c) => c.id === channelId);
    expect(ch).toMatchObject({ from: "alice", to: "dave", state: "active" });
    expect(op("channel", "list", "--tenant", "dave", "--json").json().channels.map((c: { id: string }) => c.id)).toContain(channelId);
    const rv = op("channel", "revoke", channelId, "--json");
    expect(rv.code, rv.err).toBe(0);
    expect(rv.json()).toMatchObject({ channel_id: channelId, revoked: true });
    const after = op("channel", "list", "--json").json().channels.find((c: { id: string }) => c.id === channelId);
    expect(after.state).not.toBe("active");
  });

  it("tenant suspend, resume, delete", () => {
    expect(op("tenant", "suspend", "carol", "--json").json()).toMatchObject({ tenant_id: "carol", status: "suspended" });
    expect(op("tenant", "show", "carol", "--json").json().status).toBe("suspended");
    expect(op("tenant", "resume", "carol", "--json").json()).toMatchObject({ status: "active" });
    const del = op("tenant", "delete", "carol", "--json");
    expect(del.code, del.err).toBe(0);
    expect(del.json()).toMatchObject({ tenant_id: "carol", status: "deleted" });
    const gone = op("tenant", "suspend", "carol");
    expect(gone.code).toBe(1);
    expect(gone.err).toMatch(/INVALID_PARAMS \(-32602\).*field params\.tenant_id/);
  });

  it("audit query by type and tenant", () => {
    const q = op("audit", "query", "--type", "tenant.create", "--json");
    expect(q.code, q.err).toBe(0);
    const tenants = (q.json().events as Array<{ type: string; details: { tenant_id?: string } }>).map((e) => e.details.tenant_id);
    expect(tenants).toEqual(expect.arrayContaining(["bob", "carol"]));
    const bob = op("audit", "query", "--tenant", "bob", "--since", "-1h", "--json").json().events as Array<{ tenant: string }>;
    expect(bob.length).toBeGreaterThan(0);
    expect(bob.every((e) => e.tenant === "bob")).toBe(true);
    expect(op("audit", "query", "--severity", "warning", "--json").code).toBe(0);
  });

  it("exit codes: invalid input 1, usage 2, missing file 3", () => {
    expect(op("tenant", "show", "nosuch").code).toBe(1);
    expect(op("quota", "set", "bob", "logical_qubits").code).toBe(2);
    expect(qmk(["tenant", "list", "--data-dir", path.join(base, "nothing-here")]).code).toBe(3);
    expect(qmk(["tenant", "list", "--connect", path.join(base, "no.sock")]).code).toBe(3);
    expect(qmk(["tenant", "list", ...mode.args(), "--token", path.join(base, "no.token")]).code).toBe(3);
    expect(qmk(["tenant", "frobnicate"]).code).toBe(2);
    // the file commands follow the same rule: a missing file is 3, not "invalid graph" (1)
    for (const cmd of [["verify"], ["run"], ["convert", "--to", "json"]]) expect(qmk([...cmd, path.join(base, "no-such-graph.json")]).code, cmd[0]).toBe(3);
  });
});

describe("against the running server by other doors", () => {

  it("HTTP (--connect http://…) and the data directory's socket (a server holds DIR) reach the same kernel", () => {
    const viaHttp = qmk(["tenant", "create", "erin", "--connect", httpUrl, "--token", path.join(serveDir, "admin.token"), "--json"]);
    expect(viaHttp.code, viaHttp.err).toBe(0);
    // --data-dir of a directory a server holds: the command talks to it instead of failing on its lock
    const viaDir = qmk(["tenant", "show", "erin", "--data-dir", serveDir, "--json"]);
    expect(viaDir.code, viaDir.err).toBe(0);
    expect(viaDir.json().tenant_id).toBe("erin");
  });

  it("the server logged one line per request, without tokens", async () => {
    await new Promise((r) => setTimeout(r, 500)); // the last lines may still be in the pipe
    const lines = serverLog
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { msg: string; method?: string; tenant?: string | null; code?: number; ms?: number });
    const reqs = lines.filter((l) => l.msg === "request");
    expect(reqs.length).toBeGreaterThan(20);
    expect(reqs.find((l) => l.method === "q_create_tenant" && l.code === 0)).toMatchObject({ tenant: "admin", outcome: "ok" });
    expect(reqs.some((l) => l.method === "q_suspend_tenant" && l.code === -32602)).toBe(true);
    for (const r of reqs) expect(typeof r.ms).toBe("number");
    expect(serverLog).not.toMatch(/qmk1_/);
  });
});

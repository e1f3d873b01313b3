// The `qmk` command line, run as a user would: through bin/qmk.js.
import { describe, it, expect, beforeAll } from "vitest";
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "../..");
const CONF = path.resolve(ROOT, "test/fixtures/conformance/qvm");
const BIN = path.join(ROOT, "bin/qmk.js");

function qmk(args: string[], opts: { input?: string } = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: "utf8", input: opts.input, timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "qmk-cli-"));
});

describe("qmk verify", () => {
  it("accepts every upstream example and prints the JSON shape", () => {
    // every example is verified in process by test/qvm; here one of each form, through the binary
    for (const f of ["teleportation_demo.qvm.json", "teleportation.qvm.asm"]) {
      const r = qmk(["verify", "--json", path.join(CONF, f)]);
      expect(r.code, `${f}: ${r.out}${r.err}`).toBe(0);
      expect(JSON.parse(r.out)).toEqual({ valid: true, errors: [], warnings: [] });
    }
  });

  it("rejects a broken graph with exit 1 and names node and field", () => {
    const g = JSON.parse(fs.readFileSync(path.join(CONF, "ghz_state.qvm.json"), "utf8"));
    g.program.nodes.push({ id: "again", op: "APPLY_H", vqs: [g.resources.vqs[0]] });
    const f = path.join(dir, "bad.json");
    fs.writeFileSync(f, JSON.stringify(g));
    const r = qmk(["verify", "--json", f]);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out);
    expect(j.valid).toBe(false);
    expect(j.errors[0]).toMatchObject({ code: "LINEARITY_VIOLATION", node: "again" });
    expect(typeof j.errors[0].field).toBe("string");
  });
});

describe("qmk run", () => {
  it("runs GHZ with the physically right distribution and a fixed seed replays", () => {
    const f = path.join(CONF, "ghz_state.qvm.json");
    const a = qmk(["run", "--json", "--shots", "2000", "--seed", "5", "--data-dir", dir, f]);
    expect(a.code, a.err).toBe(0);
    const ja = JSON.parse(a.out);
    expect(ja.shots).toBe(2000);
    const keys = Object.keys(ja.counts).sort();
    expect(keys).toEqual(["0000", "1111"]);
    // 5σ for a fair coin over 2000 shots
    expect(Math.abs(ja.counts["0000"] - 1000)).toBeLessThan(5 * Math.sqrt(500));
    const b = qmk(["run", "--json", "--shots", "2000", "--seed", "5", "--data-dir", dir, f]);
    expect(JSON.parse(b.out).counts).toEqual(ja.counts);
  });
});

describe("qmk token", () => {
  it("attenuates offline and inspects without printing the tag", () => {
    const kdir = path.join(dir, "tok");
    // create a kernel data dir with an admin token
    const run = qmk(["run", "--json", "--shots", "1", "--data-dir", kdir, path.join(CONF, "bell_state.qvm.asm")]);
    expect(run.code, run.err).toBe(0);
    const admin = fs.readFileSync(path.join(kdir, "admin.token"), "utf8").trim();
    expect(fs.statSync(path.join(kdir, "admin.token")).mode & 0o777).toBe(0o600);
    const att = qmk(["token", "attenuate", admin, "--rights", "CAP_MEASURE", "--uses", "3"]);
    expect(att.code, att.err).toBe(0);
    const child = att.out.trim();
    expect(child).not.toBe(admin);
    const ins = qmk(["token", "inspect", "--json", child]);
    const info = JSON.parse(ins.out);
    expect(info.caveats).toContain("rights = CAP_MEASURE");
    expect(info.caveats).toContain("uses <= 3");
    expect(ins.out).not.toContain(child.slice(-20));
    expect(qmk(["token", "attenuate", admin, "--rights", "CAP_NOPE"]).code).toBe(1);
  });
});

describe("qmk audit", () => {
  it("verifies a log, prints proofs, and finds a flipped byte", () => {
    const kdir = path.join(dir, "aud");
    expect(qmk(["run", "--json", "--shots", "10", "--data-dir", kdir, path.join(CONF, "bell_state.qvm.asm")]).code).toBe(0);
    const ok = qmk(["audit", "verify", "--json", kdir]);
    expect(ok.code, ok.out + ok.err).toBe(0);
    const rep = JSON.parse(ok.out);
    expect(rep.ok).toBe(true);
    expect(rep.size).toBeGreaterThan(3);
    const inc = qmk(["audit", "proof", kdir, "--inclusion", "1"]);
    expect(inc.code, inc.err).toBe(0);
    expect(JSON.parse(inc.out)).toMatchObject({ leafIdx: 1, treeSize: rep.size });
    const con = qmk(["audit", "proof", kdir, "--consistency", "2"]);
    expect(JSON.parse(con.out)).toMatchObject({ size1: 2, size2: rep.size });
    // tamper: flip one byte in the middle of the events file
    const ev = path.join(kdir, "audit", "events.log");
    const buf = fs.readFileSync(ev);
    buf[Math.floor(buf.length / 2)] ^= 0x01;
    fs.writeFileSync(ev, buf);
    const bad = qmk(["audit", "verify", "--json", kdir]);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.out).ok).toBe(false);
  });
});

describe("qmk lint", () => {
  it("the project's own examples are clean, and a misuse is found with exit 1", () => {
    const ok = qmk(["lint", "examples", "--format", "json"]);
    expect(ok.code, ok.out + ok.err).toBe(0);
    const bad = path.join(dir, "bad.ts");
    fs.writeFileSync(
      bad,
      [
        `import { qmk, h, measure, free } from "../dsl/index.js";`,
        `const conn = await qmk.local();`,
        `const alice = await conn.tenant("alice");`,
        `const q = alice.qubit();`,
        `const alias = q;`,
        `measure(q);`,
        `h(alias);`,
        `free(q);`,
      ].join("\n"),
    );
    const r = qmk(["lint", bad, "--format", "json"]);
    expect(r.code).toBe(1);
    expect(r.out).toContain("qmk/use-after-consume");
  });
});

describe("qmk demo", () => {
  it("tells the whole story and exits 0", () => {
    const r = qmk(["demo", "--data-dir", path.join(dir, "demo")]);
    expect(r.code, r.out + r.err).toBe(0);
    expect(r.out).toMatch(/FIREWALL_VIOLATION/);
    expect(r.out).toMatch(/INSUFFICIENT_CAPS/);
    expect(r.out).toMatch(/channel active: alice ⇄ bob/);
    expect(r.out).toMatch(/inclusion proof of event #\d+ \(\d+ hashes\): verified; leaf matches the event bytes: true/);
    expect(r.out).toMatch(/qmk audit verify: OK/);
    expect(r.out).not.toMatch(/NOT refused/);
    const m = /Bob measured 1 in (\d+)\/(\d+) = [\d.]+; expected .* \(([\d.]+)σ\)/.exec(r.out);
    expect(m).not.toBeNull();
    expect(Number(m![3])).toBeLessThan(5);
    // a second run on the same data dir reuses the tenants
    expect(qmk(["demo", "--data-dir", path.join(dir, "demo")]).code).toBe(0);
  });
});

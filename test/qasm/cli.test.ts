// OpenQASM, observables and noise from the command line, through bin/qmk.js
// as a user runs it: qmk run|verify FILE.qasm, qmk convert, --observable, --noise.
import { beforeAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { qasmSyntaxIssues } from "../../kernel/qasm/parse.js";

const ROOT = path.resolve(__dirname, "../..");
const BIN = path.join(ROOT, "bin/qmk.js");

function qmk(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: "utf8", timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

let dir: string;
let data: string;
const file = (name: string, text: string) => {
  const f = path.join(dir, name);
  fs.writeFileSync(f, text);
  return f;
};

// c is declared before d; x q[1] makes the bits differ: c = 01 (c[0]=0, c[1]=1), d[0] = 1
const PROGRAM = `OPENQASM 2.0;
include "qelib1.inc";
qreg q[3];
creg c[2];
creg d[1];
x q[1];
x q[2];
measure q[0] -> c[0];
measure q[1] -> c[1];
measure q[2] -> d[0];
`;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "qmk-qasm-cli-"));
  data = path.join(dir, "data");
});

describe("qmk run / verify FILE.qasm", () => {
  it("keys counts by the classical bits in declaration order, first declared bit leftmost", () => {
    const f = file("bits.qasm", PROGRAM);
    const r = qmk(["run", f, "--json", "--shots", "20", "--data-dir", data]);
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.bits).toEqual(["c[0]", "c[1]", "d[0]"]);
    expect(j.counts).toEqual({ "011": 20 });
    const human = qmk(["run", f, "--shots", "5", "--data-dir", data]);
    expect(human.out).toContain("classical bits (declaration order): c[0] c[1] d[0]");
  });

  it("verifies a QASM file, and reports a syntax error with line and column", () => {
    expect(qmk(["verify", file("ok.qasm", PROGRAM)]).code).toBe(0);
    const bad = qmk(["verify", "--json", file("bad.qasm", 'OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[1];\nfoo q[0];\n')]);
    expect(bad.code).toBe(1);
    const j = JSON.parse(bad.out);
    expect(j.errors[0].code).toBe("INVALID_GRAPH");
    expect(j.errors[0].message).toMatch(/line 4/);
  });

  it("recognises OpenQASM by its header when the name does not say so", () => {
    const r = qmk(["run", file("prog.txt", `// a comment\n${PROGRAM}`), "--json", "--shots", "3", "--data-dir", data]);
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out).counts).toEqual({ "011": 3 });
  });
});

describe("qmk convert", () => {
  it("writes OpenQASM 3 and 2.0 that the official grammar accepts, and JSON that runs the same", () => {
    const f = file("bell.qasm", 'OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[2];\ncreg c[2];\nh q[0];\ncx q[0],q[1];\nmeasure q -> c;\n');
    for (const to of ["qasm3", "qasm2"]) {
      const r = qmk(["convert", f, "--to", to]);
      expect(r.code, r.err).toBe(0);
      expect(r.out).toMatch(to === "qasm3" ? /^OPENQASM 3/ : /^OPENQASM 2\.0/);
      expect(qasmSyntaxIssues(r.out)).toEqual([]);
    }
    const out = path.join(dir, "bell.json");
    expect(qmk(["convert", f, "--to", "json", "--out", out]).code).toBe(0);
    const run = qmk(["run", out, "--json", "--shots", "200", "--data-dir", data]);
    expect(run.code, run.err).toBe(0);
    expect(Object.keys(JSON.parse(run.out).counts).sort()).toEqual(["00", "11"]);
    // and back: JSON → QASM 3 → run
    const q3 = path.join(dir, "back.qasm");
    expect(qmk(["convert", out, "--to", "qasm3", "--out", q3]).code).toBe(0);
    expect(Object.keys(JSON.parse(qmk(["run", q3, "--json", "--shots", "200", "--data-dir", data]).out).counts).sort()).toEqual(["00", "11"]);
  });

  it("refuses an unknown target (usage error) and a missing file (exit 3)", () => {
    const r = qmk(["convert", file("x.qasm", PROGRAM), "--to", "quil"]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("--to must be one of qasm2, qasm3, json");
    expect(qmk(["convert", path.join(dir, "nope.qasm"), "--to", "json"]).code).toBe(3);
  });
});

describe("qmk run --observable / --noise", () => {
  const bell = () => file("obs.qasm", 'OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[2];\ncreg c[2];\nh q[0];\ncx q[0],q[1];\nmeasure q -> c;\n');

  it("prints the exact expectation as JSON (stderr 0) and a sampled one with a standard error", () => {
    const exact = qmk(["run", bell(), "--observable", "Z0 Z1 + 0.5 X0 X1 - Y0 Y1", "--json", "--data-dir", data]);
    expect(exact.code, exact.err).toBe(0);
    const e = JSON.parse(exact.out).expectation;
    expect(Object.keys(e).sort()).toEqual(["observable", "shots", "stderr", "value"]);
    expect(e.value).toBeCloseTo(2.5, 12);
    expect(e).toMatchObject({ stderr: 0, shots: 0 });
    const s = JSON.parse(qmk(["run", bell(), "--observable", "X0 + Z0 Z1", "--shots", "400", "--json", "--data-dir", data]).out).expectation;
    expect(s.shots).toBe(800);
    expect(Math.abs(s.value - 1)).toBeLessThan(5 * s.stderr + 1e-12);
  });

  it("runs with a noise model file and refuses a bad one with its field", () => {
    const noise = file("noise.json", JSON.stringify({ qubits: { "1": { depolarizing: 0.4 } } }));
    const r = qmk(["run", bell(), "--observable", "Z0 Z1", "--noise", noise, "--shots", "1000", "--json", "--data-dir", data]);
    expect(r.code, r.err).toBe(0);
    const e = JSON.parse(r.out).expectation;
    expect(Math.abs(e.value - 0.6)).toBeLessThan(5 * e.stderr); // ⟨ZZ⟩ × (1 − p)
    const counts = qmk(["run", bell(), "--noise", noise, "--json", "--shots", "300", "--data-dir", data]);
    expect(Object.keys(JSON.parse(counts.out).counts).sort()).toEqual(["00", "01", "10", "11"]);
    const bad = qmk(["run", bell(), "--noise", file("bad-noise.json", '{"gate":{"depolarizing":2}}'), "--data-dir", data]);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain("noise.gate.depolarizing");
    const badObs = qmk(["run", bell(), "--observable", "Z0 + W1", "--data-dir", data]);
    expect(badObs.code).toBe(1);
    expect(badObs.err).toMatch(/INVALID_PARAMS.*column 6/);
  });
});

// QMK as a user installs it: `npm pack` the repo, `npm install` the tarball
// into a scratch project outside the repo, then use it only by package name —
// from plain Node (ESM), from a TypeScript consumer checked by the pinned
// compiler, under Deno, in notebook cells (tslab and Deno kernels, a repo
// notebook copied there) and as an editor plugin loaded by a real tsserver.
// Nothing here imports the repo's sources.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { executeNotebook } from "../../scripts/notebooks/run.mjs";

const ROOT = path.resolve(import.meta.dirname, "../..");
const TSC = path.join(ROOT, "node_modules/typescript/bin/tsc");
const DENO = path.join(ROOT, "node_modules/.bin/deno");

const BELL = `import { qmk, h, cx, measure, free } from "qmk";
const conn = await qmk.local({ inMemory: true, seed: 7 });
const alice = await conn.tenant("alice");
const seen = new Set();
for (let i = 0; i < 40; i++) {
  const [a, b] = alice.alloc(2);
  h(a); cx(a, b); measure(a); measure(b);
  seen.add(\`\${a.bit.value}\${b.bit.value}\`);
  free(a); free(b);
}
await alice.sync();
console.log("bell outcomes: " + [...seen].sort().join(","));
await conn.close?.();
`;

const GOOD_TS = `import { h, cx, measure, type Session } from "qmk";
import type { Kernel } from "qmk/kernel";
import { histogramSvg } from "qmk/display";
export function bell(alice: Session<"alice">): 0 | 1 {
  const [a, b] = alice.alloc(2);
  h(a); cx(a, b); measure(a); measure(b);
  return a.outcome;
}
export const svg: string = histogramSvg({ "00": 1 });
export type K = Kernel;
`;

const BAD_TS = `import { h, measure, type Session } from "qmk";
export function program(alice: Session<"alice">): void {
  const q = alice.qubit();
  h(q);
  measure(q);
  h(q); // use after measure
}
`;

let project = "";
let tarball = "";
let packList: string[] = [];

beforeAll(() => {
  const packDir = fs.mkdtempSync(path.join(os.tmpdir(), "qmk-pack-"));
  // dist/ was just built by the test set-up; --ignore-scripts so that a type
  // error elsewhere in a working tree does not stop the pack (typecheck reports it).
  const out = execFileSync("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", packDir], { cwd: ROOT, encoding: "utf8" });
  const info = JSON.parse(out)[0];
  tarball = path.join(packDir, info.filename);
  packList = info.files.map((f: { path: string }) => f.path);

  project = fs.mkdtempSync(path.join(os.tmpdir(), "qmk-user-"));
  fs.writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "qmk-user", private: true, type: "module", dependencies: { qmk: `file:${tarball}` }, devDependencies: { typescript6: "npm:typescript@6.0.3" } }, null, 2));
  const r = spawnSync("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts"], { cwd: project, encoding: "utf8", timeout: 600_000 });
  if (r.status !== 0) throw new Error(`npm install failed:\n${r.stdout}${r.stderr}`);
  fs.writeFileSync(path.join(project, "bell.mjs"), BELL);
  fs.writeFileSync(path.join(project, "good.ts"), GOOD_TS);
  fs.writeFileSync(path.join(project, "bad.ts"), BAD_TS);
}, 600_000);

describe("the packed tarball", () => {
  it("ships compiled code, types and the bin — not the tests or the TypeScript sources", () => {
    expect(packList).toContain("dist/dsl/index.js");
    expect(packList).toContain("dist/dsl/index.d.ts");
    expect(packList).toContain("dist/kernel/cli/main.js");
    expect(packList).toContain("bin/qmk.js");
    expect(packList).toContain("lint-rules/plugin.cjs");
    expect(packList.filter((f) => f.startsWith("test/"))).toEqual([]);
    expect(packList.filter((f) => /\.ts$/.test(f) && !f.endsWith(".d.ts"))).toEqual([]);
  });
});

describe("installed in a project outside the repo", () => {
  it("is outside the repo", () => {
    expect(path.relative(ROOT, project).startsWith("..")).toBe(true);
    expect(fs.existsSync(path.join(project, "node_modules/qmk/dist/dsl/index.js"))).toBe(true);
  });

  it("plain Node ESM runs a Bell pair by package name (only 00 and 11)", () => {
    const r = spawnSync(process.execPath, ["bell.mjs"], { cwd: project, encoding: "utf8", timeout: 120_000 });
    expect(r.stderr).toBe("");
    expect(r.stdout.trim()).toBe("bell outcomes: 00,11");
  });

  it("the qmk bin runs compiled JavaScript", () => {
    const r = spawnSync(path.join(project, "node_modules/.bin/qmk"), ["--version"], { cwd: project, encoding: "utf8" });
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it("the DSL does not load mathjs, tsx or ts-morph for a numeric-angle program", () => {
    const probe = `import { createRequire } from "node:module";
import { qmk, h, rz, measure } from "qmk";
const conn = await qmk.local({ inMemory: true });
const s = await conn.tenant("t");
const q = s.qubit(); h(q); rz(q, 0.25); measure(q);
const loaded = () => Object.keys(createRequire(import.meta.url).cache).filter((k) => /node_modules\\/(mathjs|tsx|ts-morph)\\//.test(k)).map((k) => k.split("node_modules/")[1].split("/")[0]);
console.log(JSON.stringify([...new Set(loaded())]));
const q2 = s.qubit(); rz(q2, "pi/4"); measure(q2);
console.log(JSON.stringify([...new Set(loaded())]));
`;
    fs.writeFileSync(path.join(project, "lazy.mjs"), probe);
    const r = spawnSync(process.execPath, ["lazy.mjs"], { cwd: project, encoding: "utf8", timeout: 120_000 });
    expect(r.stderr).toBe("");
    expect(r.stdout.trim().split("\n")).toEqual(["[]", '["mathjs"]']);
  });

  it("the pinned TypeScript checks a consumer: the correct file passes, use-after-measure fails", () => {
    const tsconfig = (file: string) => ({
      compilerOptions: { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, noEmit: true, skipLibCheck: true, types: [] },
      files: [file],
    });
    fs.writeFileSync(path.join(project, "tsconfig.good.json"), JSON.stringify(tsconfig("good.ts")));
    fs.writeFileSync(path.join(project, "tsconfig.bad.json"), JSON.stringify(tsconfig("bad.ts")));
    const good = spawnSync(process.execPath, [TSC, "-p", "tsconfig.good.json"], { cwd: project, encoding: "utf8" });
    expect(good.stdout + good.stderr).toBe("");
    expect(good.status).toBe(0);
    const bad = spawnSync(process.execPath, [TSC, "-p", "tsconfig.bad.json"], { cwd: project, encoding: "utf8" });
    expect(bad.status).not.toBe(0);
    expect(bad.stdout).toMatch(/bad\.ts\(6,5\): error TS2345: .*Measured.* is not assignable to .*Live/);
  });

  it("Deno runs the same program by package name, without --sloppy-imports or --unstable flags", () => {
    const r = spawnSync(DENO, ["run", "-A", "bell.mjs"], { cwd: project, encoding: "utf8", timeout: 180_000, env: { ...process.env, NO_COLOR: "1" } });
    expect(r.stdout.trim()).toBe("bell outcomes: 00,11");
    expect(r.status).toBe(0);
  }, 180_000);
});

/** A notebook's outputs as the text and the rich-output classes it shows. */
function shown(nb: any): { text: string; classes: string[] } {
  const outs = nb.cells.flatMap((c: any) => c.outputs ?? []);
  const text = outs.map((o: any) => (o.output_type === "stream" ? o.text.join("") : "")).join("");
  const classes = outs.flatMap((o: any) => Object.entries(o.data ?? {}).filter(([m]) => m !== "text/plain").map(([, v]) => /class="([\w-]+)"/.exec((v as string[]).join(""))?.[1] ?? "?"));
  return { text, classes };
}

describe("notebooks outside the repo, importing qmk by package name", () => {
  for (const kernel of ["tslab", "deno"] as const) {
    it(`a copy of notebooks/01 runs under ${kernel} in the user's project, pictures included`, async () => {
      const dir = path.join(project, `nb-${kernel}`);
      fs.mkdirSync(dir, { recursive: true });
      const file = path.join(dir, "01-getting-started.ipynb");
      fs.copyFileSync(path.join(ROOT, "notebooks/01-getting-started.ipynb"), file);
      // tslab and deno come from this repo's node_modules, as a global install would: not the project's
      const r = await executeNotebook(file, kernel);
      expect(r.failure).toBeNull();
      const { text, classes } = shown(r.nb);
      expect(text).toMatch(/kernel: LINEARITY_VIOLATION: .*use after measure/);
      expect(text).toContain("OPENQASM 3.0");
      expect(classes).toEqual(expect.arrayContaining(["qmk-amplitudes", "qmk-circuit", "qmk-histogram"]));
    }, 240_000);
  }
});

// The editor plugin, as the README says to set it up: `"plugins": [{ "name": "qmk/lint/plugin" }]`
// in tsconfig.json and a JavaScript TypeScript (here typescript6 = typescript@6) whose tsserver the
// editor runs. A real tsserver process over stdio, a file opened, the diagnostics asked for.
describe("the editor plugin in a real tsserver", () => {
  const PROG = `import { qmk, cx, measure, free } from "qmk";
const conn = await qmk.local({ inMemory: true });
const alice = await conn.tenant("alice");
const bob = await conn.tenant("bob");
const a = alice.qubit();
const b = bob.qubit();
cx(a, b as any);
measure(a); measure(b);
free(a); free(b);
`;

  function tsserver(cwd: string) {
    const bin = path.join(cwd, "node_modules/typescript6/lib/tsserver.js");
    const p = spawn(process.execPath, [bin, "--disableAutomaticTypingAcquisition"], { cwd, stdio: ["pipe", "pipe", "pipe"] });
    let buf = Buffer.alloc(0);
    let seq = 0;
    const waiting = new Map<number, (m: any) => void>();
    p.stdout.on("data", (d: Buffer) => {
      buf = Buffer.concat([buf, d]);
      for (;;) {
        const head = buf.indexOf("\r\n\r\n");
        if (head < 0) return;
        const len = Number(/Content-Length: (\d+)/.exec(buf.subarray(0, head).toString())![1]);
        if (buf.length < head + 4 + len) return;
        const msg = JSON.parse(buf.subarray(head + 4, head + 4 + len).toString());
        buf = buf.subarray(head + 4 + len);
        if (msg.type === "response") waiting.get(msg.request_seq)?.(msg);
      }
    });
    const request = (command: string, args: object) => new Promise<any>((resolve) => {
      const s = ++seq;
      waiting.set(s, resolve);
      p.stdin.write(JSON.stringify({ seq: s, type: "request", command, arguments: args }) + "\n");
    });
    return { request, close: () => p.kill() };
  }

  it("tsserver loads qmk/lint/plugin by name and reports the cross-tenant CNOT the compiler lets through", async () => {
    expect(fs.existsSync(path.join(project, "node_modules/typescript6/lib/tsserver.js"))).toBe(true);
    fs.writeFileSync(path.join(project, "tsconfig.json"), JSON.stringify({
      compilerOptions: { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, skipLibCheck: true, noEmit: true, types: [], plugins: [{ name: "qmk/lint/plugin" }] },
      files: ["editor.ts"],
    }, null, 2));
    const file = path.join(project, "editor.ts");
    fs.writeFileSync(file, PROG);
    const ts = tsserver(project);
    try {
      await ts.request("open", { file, projectRootPath: project });
      const r = await ts.request("semanticDiagnosticsSync", { file, includeLinePosition: true });
      expect(r.success).toBe(true);
      const ours = r.body.filter((d: any) => d.source === "qmk-lint");
      const cross = ours.find((d: any) => /\[qmk\/cross-tenant\]/.test(d.message));
      expect(cross, JSON.stringify(r.body, null, 1)).toBeDefined();
      expect(cross.code).toBe(95004);
      expect(cross.category).toBe("error");
      expect(cross.startLocation.line).toBe(PROG.split("\n").findIndex((l) => l.startsWith("cx(a")) + 1);
      expect(ours.find((d: any) => /unsafe-cast/.test(d.message))).toBeDefined(); // `b as any` erases bob's brand
      // the compiler alone says nothing about the CNOT: the cast hides it
      expect(r.body.filter((d: any) => d.source !== "qmk-lint" && d.startLocation.line === cross.startLocation.line)).toEqual([]);
    } finally {
      ts.close();
    }
  }, 120_000);
});

#!/usr/bin/env node
// npm run build — compile kernel/, dsl/ and lint-rules/ into dist/ with the
// pinned TypeScript (7.x; tslab's 5.0 owns node_modules/.bin/tsc, so the
// compiler is named by path).
//
// The compiler writes into a fresh temporary directory; files are then moved
// into dist/ one by one with rename(2) (atomic), and only when their bytes
// changed. So a test or a `qmk` process that runs while dist/ is rebuilt (the
// test suite rebuilds it before every run) never reads a half-written file.
//
//   node scripts/build.mjs            exit 1 on type errors (prepare, prepack)
//   node scripts/build.mjs --emit-on-error   report type errors, still emit (test set-up:
//                                            `npm run typecheck` is the check)
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const DIST = path.join(ROOT, "dist");
const emitOnError = process.argv.includes("--emit-on-error");
const quiet = process.argv.includes("--quiet");

export const TSC = path.join(ROOT, "node_modules/typescript/bin/tsc");

function walk(dir, base = dir, out = []) {
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, base, out);
    else out.push(path.relative(base, p));
  }
  return out;
}

/**
 * dist/cli/: the `qmk` command as one ESM bundle (plus lazily loaded chunks,
 * one per command), made by esbuild from the compiled dist/kernel/cli/main.js.
 * Why: Node resolves, reads and compiles every ES module file separately, and
 * the CLI's import graph is ~400 files (TypeBox alone is ~100): loading them
 * took ~350 ms of every `qmk run`. Packages that load files or threads of
 * their own (pino's transports, zeromq, ts-morph, TypeScript) and mathjs
 * (loaded on demand through createRequire) stay external. bin/qmk.js falls
 * back to dist/kernel/cli/main.js if the bundle is missing.
 */
async function bundleCli(outRoot) {
  let esbuild;
  try {
    esbuild = await import("esbuild");
  } catch {
    if (!quiet) process.stderr.write("build: esbuild not installed; qmk runs unbundled (slower start-up)\n");
    return;
  }
  await esbuild.build({
    entryPoints: [path.join(outRoot, "kernel/cli/main.js")],
    outdir: path.join(outRoot, "cli"),
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    external: ["pino", "zeromq", "ts-morph", "typescript", "mathjs", "tsx", "tslab"],
    logLevel: "warning",
    // bundled CommonJS packages (ajv, commander) call require() for Node built-ins
    banner: { js: "import { createRequire as __qmkRequire } from 'node:module'; const require = __qmkRequire(import.meta.url);" },
  });
}

const tmp = fs.mkdtempSync(path.join(ROOT, ".dist-build-"));
try {
  const r = spawnSync(process.execPath, [TSC, "-p", path.join(ROOT, "tsconfig.build.json"), "--outDir", tmp], { cwd: ROOT, encoding: "utf8" });
  const errors = (r.stdout + r.stderr).trim();
  if (errors && !quiet) process.stderr.write(errors + "\n");
  if (r.status !== 0 && (!emitOnError || !fs.existsSync(path.join(tmp, "kernel")))) {
    process.stderr.write(`build: tsc failed (exit ${r.status})\n`);
    process.exit(1);
  }
  await bundleCli(tmp);
  const fresh = new Set(walk(tmp));
  let changed = 0;
  for (const rel of fresh) {
    const src = path.join(tmp, rel);
    const dst = path.join(DIST, rel);
    const bytes = fs.readFileSync(src);
    if (fs.existsSync(dst) && fs.readFileSync(dst).equals(bytes)) continue;
    fs.mkdirSync(path.dirname(dst), { recursive: true });
    fs.renameSync(src, dst);
    changed++;
  }
  // files whose source is gone
  for (const rel of walk(DIST)) if (!fresh.has(rel)) fs.rmSync(path.join(DIST, rel));
  if (!quiet) process.stdout.write(`build: dist/ up to date (${fresh.size} files, ${changed} written)\n`);
  if (r.status !== 0 && !emitOnError) process.exit(1);
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}

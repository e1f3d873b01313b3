// npm run notebooks — execute every notebook in notebooks/ headless, without
// Python: each notebook gets its own kernel process (tslab, Deno's, or both),
// its code cells run in order over the Jupyter protocol (kernel-client.mjs),
// and the first failing cell stops it with the cell's own output as the
// reason (a type error in a tslab cell is a failure, as in Jupyter).
//
//   node scripts/notebooks/run.mjs [options] [name-filter…]     e.g. … 03 05
//     --kernel tslab|deno|all   which kernel(s) (default all)
//     --out DIR                 write executed copies there (DIR/<kernel>/<name>.ipynb)
//     --write                   store the tslab outputs in notebooks/*.ipynb (what viewers show)
//     --check                   fail if notebooks/*.ipynb do not hold the outputs a tslab run gives now
//     --jobs N                  kernels running at once (default 2)
// Exit: 0 ok, 1 a notebook failed or is not current, 2 usage.
//
// The library half (executeNotebook, comparable, …) is what test/notebooks uses.
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { Kernel, KERNELS } from "./kernel-client.mjs";
import { linkSelf } from "../link-self.mjs";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const NOTEBOOK_DIR = path.join(ROOT, "notebooks");

export function listNotebooks(filters = []) {
  const all = fs.readdirSync(NOTEBOOK_DIR).filter((f) => f.endsWith(".ipynb")).sort();
  const picked = filters.length ? all.filter((f) => filters.some((x) => f.includes(x))) : all;
  return picked.map((f) => path.join(NOTEBOOK_DIR, f));
}

const joinText = (v) => (Array.isArray(v) ? v.join("") : String(v ?? ""));

/** nbformat stores multi-line strings as arrays of lines, each keeping its "\n". */
function toLines(s) {
  const lines = s.split(/(?<=\n)/);
  return lines.length === 1 && lines[0] === "" ? [] : lines;
}

function nbOutput(o) {
  const mime = (data) => Object.fromEntries(Object.entries(data).map(([k, v]) => [k, typeof v === "string" && !k.endsWith("json") ? toLines(v) : v]));
  switch (o.output_type) {
    case "stream": return { name: o.name, output_type: "stream", text: toLines(o.text) };
    case "display_data": return { data: mime(o.data), metadata: o.metadata ?? {}, output_type: "display_data" };
    case "execute_result": return { data: mime(o.data), execution_count: o.execution_count, metadata: o.metadata ?? {}, output_type: "execute_result" };
    case "error": return { ename: o.ename, evalue: o.evalue, output_type: "error", traceback: o.traceback };
    default: return o;
  }
}

/** Jupyter's own layout: keys sorted, one-space indent, UTF-8, final newline. */
export function formatNotebook(nb) {
  const sort = (v) => Array.isArray(v) ? v.map(sort)
    : v && typeof v === "object" ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sort(v[k])])) : v;
  return JSON.stringify(sort(nb), null, 1) + "\n";
}

/**
 * Executes one notebook in a fresh kernel. Resolves (never rejects for a cell
 * error) with { name, kernel, ok, nb (the executed copy), failure?, ms }.
 */
export async function executeNotebook(file, kernel, { cellTimeoutMs = 180_000, startupTimeoutMs = 180_000 } = {}) {
  const t0 = Date.now();
  const name = path.basename(file, ".ipynb");
  const nb = JSON.parse(fs.readFileSync(file, "utf8"));
  for (const c of nb.cells) if (c.cell_type === "code") { c.outputs = []; c.execution_count = null; }
  let k;
  let failure = null;
  try {
    // Jupyter starts a kernel in the notebook's folder: relative paths and tslab's rootDir depend on it.
    k = await Kernel.start(kernel, { cwd: path.dirname(file), startupTimeoutMs });
    for (const [i, c] of nb.cells.entries()) {
      if (c.cell_type !== "code") continue;
      const code = joinText(c.source);
      if (!code.trim()) continue;
      const r = await k.execute(code, { timeoutMs: cellTimeoutMs });
      c.execution_count = r.executionCount;
      c.outputs = r.outputs.map(nbOutput);
      if (r.status !== "ok") {
        failure = { cell: i, status: r.status, source: code, output: outputText(c.outputs) };
        break;
      }
    }
  } catch (e) {
    failure = { cell: null, status: "kernel", source: "", output: e.message };
  } finally {
    await k?.shutdown();
  }
  return { name, kernel, ok: !failure, nb, failure, ms: Date.now() - t0 };
}

/** All text a list of nbformat outputs shows: streams, text/plain, errors. */
export function outputText(outputs) {
  return outputs.map((o) =>
    o.output_type === "stream" ? joinText(o.text)
      : o.output_type === "error" ? `${o.ename}: ${o.evalue}\n${(o.traceback ?? []).join("\n")}\n`
        : joinText(o.data?.["text/plain"])).join("");
}

/** Runs tasks with at most `jobs` in flight, results in input order. */
export async function pool(items, jobs, fn) {
  const out = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(jobs, items.length) }, async () => {
    while (next < items.length) { const i = next++; out[i] = await fn(items[i], i); }
  }));
  return out;
}

/**
 * What must match between the committed notebook and a fresh run: every code
 * cell's outputs, with what legitimately differs run to run blanked — temp
 * paths, timestamps, durations, signatures/keys and random ids.
 */
export function comparable(nb) {
  const scrub = (s) => s
    .replace(/\/tmp\/[\w.\-/]+/g, "<tmp>")
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z?/g, "<time>")
    .replace(/\b\d+(\.\d+)? ?(ms|s)\b/g, "<dur>")
    .replace(/\b1[6-9]\d{11}\b/g, "<epoch-ms>")
    // random ids and tokens: runs of id characters that mix cases, or letters and digits (pq-…, ch_<hex>, token ids)
    .replace(/[A-Za-z0-9_-]{10,}/g, (m) => (/[a-z]/.test(m) && /[A-Z]/.test(m)) || (/\d/.test(m) && /[A-Za-z]/.test(m)) ? "<id>" : m);
  return nb.cells.filter((c) => c.cell_type === "code").map((c) => (c.outputs ?? []).map((o) => {
    const x = nbOutput({ ...o, text: joinText(o.text), data: Object.fromEntries(Object.entries(o.data ?? {}).map(([k, v]) => [k, typeof v === "object" && !Array.isArray(v) ? v : joinText(v)])) });
    return JSON.parse(scrub(JSON.stringify({ ...x, metadata: undefined, execution_count: undefined })));
  }));
}

export function describeFailure(r) {
  const f = r.failure;
  if (f.cell === null) return `${r.kernel} ${r.name}: the kernel failed: ${f.output}`;
  return `${r.kernel} ${r.name}: cell ${f.cell + 1} ended with status '${f.status}'\n--- cell ---\n${f.source.trimEnd()}\n--- output ---\n${f.output.trimEnd()}`;
}

async function main(argv) {
  const opts = { kernels: Object.keys(KERNELS), out: null, write: false, check: false, jobs: 2, filters: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => { if (i + 1 >= argv.length) usage(`${a} needs a value`); return argv[++i]; };
    if (a === "--kernel") { const v = val(); opts.kernels = v === "all" ? Object.keys(KERNELS) : v.split(","); }
    else if (a === "--out") opts.out = path.resolve(val());
    else if (a === "--write") opts.write = true;
    else if (a === "--check") opts.check = true;
    else if (a === "--jobs") opts.jobs = Number(val());
    else if (a === "-h" || a === "--help") usage();
    else if (a.startsWith("-")) usage(`unknown option ${a}`);
    else opts.filters.push(a);
  }
  for (const k of opts.kernels) if (!KERNELS[k]) usage(`unknown kernel '${k}'`);
  if (!(opts.jobs >= 1)) usage("--jobs must be ≥ 1");
  if ((opts.write || opts.check) && !opts.kernels.includes("tslab")) usage("--write/--check compare tslab outputs: include --kernel tslab");
  const files = listNotebooks(opts.filters);
  if (!files.length) usage(`no notebook matches ${opts.filters.join(" ")}`);
  if (!fs.existsSync(path.join(ROOT, "dist/dsl/index.js"))) { console.error("notebooks: dist/ is missing — run `npm run build` first"); process.exit(1); }
  linkSelf(ROOT);

  const tasks = opts.kernels.flatMap((k) => files.map((f) => ({ k, f })));
  console.log(`notebooks: ${files.length} notebook(s) × ${opts.kernels.join(", ")}`);
  const t0 = Date.now();
  const results = await pool(tasks, opts.jobs, async ({ k, f }) => {
    const r = await executeNotebook(f, k);
    console.log(`  ${r.ok ? "ok  " : "FAIL"}  ${k.padEnd(5)} ${r.name} (${r.ms} ms)`);
    return r;
  });
  console.log(`notebooks: executed in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  let failed = false;
  for (const r of results) {
    if (opts.out) {
      fs.mkdirSync(path.join(opts.out, r.kernel), { recursive: true });
      fs.writeFileSync(path.join(opts.out, r.kernel, `${r.name}.ipynb`), formatNotebook(r.nb));
    }
    if (!r.ok) { failed = true; console.error(describeFailure(r)); }
  }
  for (const r of results.filter((x) => x.kernel === "tslab" && x.ok)) {
    const file = path.join(NOTEBOOK_DIR, `${r.name}.ipynb`);
    const committed = JSON.parse(fs.readFileSync(file, "utf8"));
    const current = JSON.stringify(comparable(committed)) === JSON.stringify(comparable(r.nb));
    if (opts.write && !current) { fs.writeFileSync(file, formatNotebook(r.nb)); console.log(`  wrote outputs of ${r.name}`); }
    if (opts.check && !current) { failed = true; console.error(`notebooks: ${r.name}.ipynb does not hold the outputs of a run today — run \`npm run notebooks -- --write\``); }
  }
  if (opts.out) console.log(`notebooks: executed copies in ${opts.out}`);
  process.exit(failed ? 1 : 0);
}

function usage(msg) {
  if (msg) console.error(`notebooks: ${msg}`);
  console.error("usage: node scripts/notebooks/run.mjs [--kernel tslab|deno|all] [--out DIR] [--write] [--check] [--jobs N] [name-filter…]");
  process.exit(2);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main(process.argv.slice(2));

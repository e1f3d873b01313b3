// node_modules/qmk → .. (what `npm link` would do, without a global prefix):
// code inside this checkout that imports the package by name — the notebooks,
// under tslab's TypeScript 5.0 (node10 resolution has no self-reference) and
// Deno — resolves to this checkout's dist/ exactly as it would in a user's
// project. Run by `prepare` and by the notebook runner; idempotent.
import * as fs from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

export function linkSelf(root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..")) {
  const name = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).name;
  // Installed as someone's dependency (git install runs prepare): nothing to do.
  if (root.split(path.sep).includes("node_modules")) return { status: "skipped", reason: "inside node_modules" };
  const nm = path.join(root, "node_modules");
  if (!fs.existsSync(nm)) return { status: "skipped", reason: "no node_modules (run npm install)" };
  const link = path.join(nm, name);
  let st = null;
  try { st = fs.lstatSync(link); } catch {}
  if (st?.isSymbolicLink() && fs.realpathSync(link) === fs.realpathSync(root)) return { status: "ok", link };
  if (st && !st.isSymbolicLink()) return { status: "skipped", reason: `${link} is a real directory; left alone` };
  if (st) fs.unlinkSync(link); // a stale link to somewhere else
  fs.symlinkSync("..", link, "dir");
  return { status: "created", link };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const r = linkSelf();
  if (r.status === "skipped") console.error(`link-self: ${r.reason}`);
}

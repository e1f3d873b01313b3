// Runs once before every vitest run: brings dist/ up to date, because the
// `qmk` bin, the editor plugin and the packaged-install tests run the
// compiled JavaScript, never the TypeScript sources. Type errors are
// `npm run typecheck`'s to report; here they do not stop the emit.
import { spawnSync } from "node:child_process";
import * as path from "node:path";

export default function setup(): void {
  const root = path.resolve(import.meta.dirname, "..");
  const r = spawnSync(process.execPath, [path.join(root, "scripts/build.mjs"), "--emit-on-error", "--quiet"], { cwd: root, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`build of dist/ failed:\n${r.stdout}${r.stderr}`);
}

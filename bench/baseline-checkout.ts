// A named baseline revision to benchmark against in the same run: a detached
// git worktree of `rev` in a temporary directory, sharing this checkout's
// node_modules (bench:isolation starts its server there, bench:mediation runs
// its own file against that revision's kernel). `remove()` deletes it again.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export interface BaselineCheckout {
  dir: string;
  remove(): void;
}

export function baselineCheckout(root: string, rev: string, prefix: string): BaselineCheckout {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  execFileSync("git", ["-C", root, "worktree", "add", "--detach", dir, rev], { stdio: "ignore" });
  fs.symlinkSync(path.join(root, "node_modules"), path.join(dir, "node_modules"));
  return { dir, remove: () => execFileSync("git", ["-C", root, "worktree", "remove", "--force", dir], { stdio: "ignore" }) };
}

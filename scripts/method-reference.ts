// npm run docs:methods — rewrite the README's method reference from the
// method table (kernel/syscall/method-reference.ts); `--check` exits 1 when
// the README is out of date instead (test/rpc/method-reference.test.ts does
// the same check in `npm test`).
import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { withMethodReference } from "../kernel/syscall/method-reference.js";

const README = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../README.md");
const text = readFileSync(README, "utf8");
const next = withMethodReference(text);
if (process.argv.includes("--check")) {
  if (next !== text) {
    process.stderr.write("README.md's method reference is out of date: run `npm run docs:methods`\n");
    process.exitCode = 1;
  }
} else if (next !== text) {
  writeFileSync(README, next);
  process.stdout.write("README.md: method reference rewritten\n");
}

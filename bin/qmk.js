#!/usr/bin/env node
// The `qmk` command: runs the compiled CLI in dist/ (built by `npm run build`,
// and by npm itself on install from git or a tarball: `prepare`/`prepack`).
// No TypeScript at start-up: plain Node on plain JavaScript.
import { existsSync } from "node:fs";

const main = new URL("../dist/kernel/cli/main.js", import.meta.url);
if (!existsSync(main)) {
  process.stderr.write("qmk: dist/ is missing — run `npm run build` in the qmk checkout first\n");
  process.exit(2);
}
await import(main.href);

#!/usr/bin/env node
// The `qmk` command: runs the compiled CLI in dist/ (built by `npm run build`,
// and by npm itself on install from git or a tarball: `prepare`/`prepack`).
// No TypeScript at start-up: plain Node on plain JavaScript.
import { existsSync } from "node:fs";

// dist/cli/main.js is the same CLI bundled into a few files (scripts/build.mjs:
// ~350 ms less start-up than loading dist/kernel/'s ~400 modules one by one).
const bundled = new URL("../dist/cli/main.js", import.meta.url);
const main = existsSync(bundled) ? bundled : new URL("../dist/kernel/cli/main.js", import.meta.url);
if (!existsSync(main)) {
  process.stderr.write("qmk: dist/ is missing — run `npm run build` in the qmk checkout first\n");
  process.exit(2);
}
await import(main.href);

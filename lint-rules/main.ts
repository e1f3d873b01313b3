// Standalone entry until `qmk lint` is wired into kernel/cli: `npx tsx lint-rules/main.ts [paths…]`.
import { runLintCli } from "./cli.js";

process.exitCode = await runLintCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });

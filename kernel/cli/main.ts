#!/usr/bin/env node
// The `qmk` command line. Each command lives in commands/<name>.ts.
//
// Startup is part of the user's wait (`qmk --version` should cost little more
// than `node -e 0`), so this file imports only commander: a command's module
// (and through it the kernel, the simulator, the lint) is imported inside its
// action. To add a command: declare it here and load its module the same way,
//   .action(async (x, o) => exit(await (await import("./commands/x.js")).xCommand(x, o)));
import { Command } from "commander";

// The CLI is an embedder: it opts in to the simulator's fused multiply-add
// WASM kernels (relaxed SIMD; on by default from Node 22, a V8 flag on 20).
// Called by the commands that run the simulator, before they load the kernel.
const withFma = async () => (await import("../machine/tuning.js")).enableFmaKernels();

const collect = (v: string, prev: string[] = []) => [...prev, v];
const exit = (code: number) => {
  process.exitCode = code;
};

const program = new Command();
program.name("qmk").description("QMK — a quantum microkernel: run, verify and serve quantum programs for many tenants").version("0.1.0");

program
  .command("demo")
  .description("run the end-to-end demo on the embedded kernel (two tenants, firewall, channel, teleportation, audit)")
  .option("--data-dir <dir>", "data directory (default ./.qmk or $QMK_DATA_DIR)")
  .action(async (o) => {
    await withFma();
    exit(await (await import("./commands/demo.js")).demoCommand(o));
  });

program
  .command("verify <file>")
  .description("statically verify a QVM graph (.json or .qvm.asm); exit 0 valid, 1 invalid")
  .option("--json", "print {valid, errors, warnings} as JSON")
  .option("--strict", "leaks are errors")
  .option("--param <name=value>", "bind an angle parameter (repeatable)", collect)
  .action(async (file, o) => exit((await import("./commands/verify.js")).verifyCommand(file, o)));

program
  .command("run <file>")
  .description("run a QVM graph as a job on the embedded kernel and print the counts")
  .option("--seed <n>", "PRNG seed (default 1)")
  .option("--shots <k>", "number of shots (default 1000)")
  .option("--json", 'print {"counts", "events", "shots"} as JSON')
  .option("--param <name=value>", "bind an angle parameter (repeatable)", collect)
  .option("--data-dir <dir>", "data directory")
  .action(async (file, o) => {
    await withFma();
    exit(await (await import("./commands/run.js")).runCommand(file, o));
  });

program
  .command("serve")
  .description("serve the qSyscall methods as JSON-RPC 2.0 (newline-delimited JSON, or HTTP POST)")
  .option("--data-dir <dir>", "data directory")
  .option("--socket <path>", "Unix socket path (default DIR/qmk.sock)")
  .option("--port <n>", "also listen on 127.0.0.1:N")
  .action(async (o) => {
    await withFma();
    await (await import("./commands/serve.js")).serveCommand(o);
  });

const token = program.command("token").description("capability tokens, offline");
token
  .command("attenuate <token>")
  .description("add caveats to a token (needs no key; can only restrict)")
  .option("--rights <list>", "keep only these rights, e.g. CAP_ALLOC,CAP_MEASURE")
  .option("--expires <t>", "expiry: ms since epoch, ISO date, or +30m/+2h/+7d")
  .option("--not-before <t>", "not valid before this time")
  .option("--uses <n>", "at most n uses")
  .option("--depth <n>", "at most n further delegations")
  .option("--tenant <name>", "only for this tenant")
  .option("--audience <name>", "only for this verifier")
  .option("--caveat <text>", "a raw caveat 'key op value' (repeatable)", collect)
  .action(async (t, o) => exit((await import("./commands/token.js")).attenuateCommand(t, o)));
token
  .command("inspect <token>")
  .description("show a token's id and caveats (never its full tag)")
  .option("--json", "JSON output")
  .action(async (t, o) => exit((await import("./commands/token.js")).inspectCommand(t, o)));

const audit = program.command("audit").description("the tamper-evident audit log");
audit
  .command("verify [dir]")
  .description("re-derive every root and check every signed head; report the first bad entry")
  .option("--json", "JSON report")
  .action(async (d, o) => exit((await import("./commands/audit.js")).auditVerifyCommand(d, o)));
audit
  .command("proof [dir]")
  .description("print an RFC 6962 inclusion or consistency proof as JSON")
  .option("--inclusion <index>", "inclusion proof of this event index")
  .option("--size <n>", "tree size for the inclusion proof (default: whole log)")
  .option("--consistency <first>", "consistency proof from this tree size")
  .option("--second <n>", "to this tree size (default: whole log)")
  .action(async (d, o) => exit((await import("./commands/audit.js")).auditProofCommand(d, o)));

program
  .command("lint [paths...]")
  .description("edit-time lint of QMK programs (.ts, folders, .ipynb)")
  .option("--format <f>", "human | json | sarif", "human")
  .option("--rule <id>", "only this rule (repeatable)", collect)
  .option("--project <tsconfig>", "type-check with this tsconfig so brands declared in other files are known")
  .action(async (paths: string[], o) => {
    const { runLintCli } = await import("../../lint-rules/cli.js");
    const argv = [...paths, "--format", o.format, ...(o.rule ?? []).flatMap((r: string) => ["--rule", r]), ...(o.project ? ["--project", o.project] : [])];
    exit(await runLintCli(argv, { stdout: process.stdout, stderr: process.stderr }));
  });

program
  .command("methods")
  .description("list the qSyscall methods and their rights")
  .action(async () => {
    const { METHODS } = await import("../syscall/methods.js");
    for (const m of Object.values(METHODS)) process.stdout.write(`${m.name.padEnd(22)} ${(m.rights.join(",") || (m.derive ? "(derived)" : "-")).padEnd(22)} ${m.summary}\n`);
  });

try {
  await program.parseAsync(process.argv);
} catch (e) {
  // Anything a command did not handle itself: one clear line, never a stack trace.
  const { describeError } = await import("./io.js");
  process.stderr.write(`qmk: ${describeError(e)}\n`);
  process.exitCode = 2;
}

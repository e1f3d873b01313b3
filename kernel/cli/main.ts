#!/usr/bin/env node
// The `qmk` command line. Each command lives in commands/<name>.ts.
//
// Startup is part of the user's wait (`qmk --version` should cost little more
// than `node -e 0`), so this file imports only commander: a command's module
// (and through it the kernel, the simulator, the lint) is imported inside its
// action. To add a command: declare it here and load its module the same way,
//   .action(async (x, o) => exit(await (await import("./commands/x.js")).xCommand(x, o)));
import { readFileSync } from "node:fs";
import { Command } from "commander";

// The CLI is an embedder: it opts in to the simulator's fused multiply-add
// WASM kernels (relaxed SIMD; on by default from Node 22, a V8 flag on 20).
// Called by the commands that run the simulator, before they load the kernel.
const withFma = async () => (await import("../machine/tuning.js")).enableFmaKernels();

const collect = (v: string, prev: string[] = []) => [...prev, v];
const exit = (code: number) => {
  process.exitCode = code;
};

/** The version in package.json (two levels up from kernel/cli in the sources, three from dist/kernel/cli). */
function packageVersion(): string {
  for (const rel of ["../../package.json", "../../../package.json"]) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(rel, import.meta.url), "utf8")) as { name?: string; version?: string };
      if (pkg.name === "qmk" && pkg.version) return pkg.version;
    } catch {
      // not there: try the next level
    }
  }
  return "0.0.0";
}

const program = new Command();
// Usage mistakes (unknown command or option, missing argument) exit 2, not commander's 1.
program.exitOverride();
program.name("qmk").description("QMK — a quantum microkernel: run, verify and serve quantum programs for many tenants").version(packageVersion());

/** Options every operator command takes: where the kernel is, which token, JSON output. */
const operator = (c: Command) =>
  c
    .option("--data-dir <dir>", "data directory (default ./.qmk or $QMK_DATA_DIR); a running server's socket in it is used")
    .option("--connect <addr>", "a running qmk serve: SOCKET path, tcp://127.0.0.1:N or http://127.0.0.1:N")
    .option("--token <file>", "token file (default DIR/admin.token; - reads stdin)")
    .option("--json", "JSON output");
const ops = () => import("./commands/operator.js");

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
  .description("statically verify a QVM graph (.json, .qvm.asm or OpenQASM .qasm); exit 0 valid, 1 invalid")
  .option("--json", "print {valid, errors, warnings} as JSON")
  .option("--strict", "leaks are errors")
  .option("--param <name=value>", "bind an angle parameter (repeatable)", collect)
  .action(async (file, o) => exit((await import("./commands/verify.js")).verifyCommand(file, o)));

program
  .command("run <file>")
  .description("run a QVM graph as a job (embedded kernel, or a server with --connect) and print the counts; - reads stdin")
  .option("--seed <n>", "PRNG seed (default 1)")
  .option("--shots <k>", "number of shots (default 1000)")
  .option("--json", 'print {"counts", "events", "shots"} as JSON')
  .option("--param <name=value>", "bind an angle parameter (repeatable)", collect)
  .option("--data-dir <dir>", "data directory")
  .option("--tenant <name>", "run as this tenant (default demo)")
  .option("--token <file>", "the tenant's token file (- reads stdin)")
  .option("--connect <addr>", "run on a qmk serve: SOCKET, tcp://127.0.0.1:N or http://127.0.0.1:N (needs --token)")
  .option("--observable <pauli-sum>", 'print the expectation of e.g. "Z0 Z1 + 0.5 X0" (exact without --shots; --json: {"expectation":{…}})')
  .option("--noise <file>", "a noise model (JSON): depolarizing, amplitude/phase damping, readout, logical")
  .option("--precision <p>", "simulator amplitudes on the embedded kernel: double (complex128, default) or single (complex64: half the memory, ~2x faster, probabilities within ~1e-6)")
  .action(async (file, o) => {
    await withFma();
    exit(await (await import("./commands/run.js")).runCommand(file, o));
  });

program
  .command("convert <file>")
  .description("convert OpenQASM 2.0/3, QVM JSON or .qvm.asm to --to qasm2|qasm3|json (stdout, or --out FILE)")
  .option("--to <format>", "qasm2 | qasm3 | json")
  .option("--out <file>", "write here instead of stdout")
  .action(async (file, o) => exit((await import("./commands/convert.js")).convertCommand(file, o)));

program
  .command("serve")
  .description("serve the qSyscall methods as JSON-RPC 2.0 (newline-delimited JSON, or HTTP POST)")
  .option("--data-dir <dir>", "data directory")
  .option("--socket <path>", "Unix socket path (default DIR/qmk.sock)")
  .option("--port <n>", "also listen on 127.0.0.1:N")
  .option("--log-level <level>", "request log level on stderr: fatal, error, warn, info (one line per request), debug, trace, silent", "info")
  .option("--limit <key=value>", "override a connection limit, e.g. maxConnections=64 or preAuthPerConnection=20/5 (repeatable)", collect)
  .option("--checkpoint-mirror <file>", "append every new signed audit checkpoint to FILE outside the data directory (a witness stand-in; check later with qmk audit verify --checkpoint FILE)")
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
operator(
  token
    .command("mint <tenant>")
    .description("mint a token for a tenant (operator; printed once, or written 0600 with --token-out)")
    .requiredOption("--rights <list>", "rights, e.g. CAP_ALLOC,CAP_MEASURE")
    .option("--expires <t>", "expiry: ms since epoch, ISO date, or +30m/+2h/+7d")
    .option("--uses <n>", "at most n uses")
    .option("--token-out <file>", "write the token to this file (mode 0600) instead of printing it"),
).action(async (t, o) => exit(await (await ops()).tokenMint(t, o)));
operator(token.command("revoke <token>").description("revoke a token and every token derived from it (- reads it from stdin)")).action(async (t, o) =>
  exit(await (await ops()).tokenRevoke(t, o)),
);

const tenant = program.command("tenant").description("tenants of a kernel (operator)");
operator(
  tenant
    .command("create <name>")
    .description("create a tenant; its first token is printed once (or written 0600 with --token-out)")
    .option("--rights <list>", "rights of its token (default CAP_ALLOC,CAP_MEASURE)")
    .option("--quota <key=value>", "a quota key, e.g. logical_qubits=20 (repeatable)", collect)
    .option("--token-out <file>", "write the token to this file (mode 0600) instead of printing it"),
).action(async (n, o) => exit(await (await ops()).tenantCreate(n, o)));
operator(tenant.command("list").description("every tenant with its status and quota")).action(async (o) => exit(await (await ops()).tenantList(o)));
operator(tenant.command("show <name>").description("one tenant: status, quota, usage")).action(async (n, o) => exit(await (await ops()).tenantShow(n, o)));
for (const action of ["suspend", "resume", "delete"] as const) {
  const what = { suspend: "refuse the tenant's sessions until resumed", resume: "resume a suspended tenant", delete: "delete a tenant, freeing its qubits, jobs, channels and sessions" }[action];
  operator(tenant.command(`${action} <name>`).description(what)).action(async (n, o) => exit(await (await ops()).tenantChange(action, n, o)));
}

const quota = program.command("quota").description("tenant quotas (operator)");
operator(quota.command("show <tenant>").description("a tenant's quota and usage")).action(async (t, o) => exit(await (await ops()).quotaShow(t, o)));
operator(quota.command("set <tenant> <pairs...>").description("set quota keys, e.g. qmk quota set demo logical_qubits=26")).action(async (t, p, o) =>
  exit(await (await ops()).quotaSet(t, p, o)),
);

const policy = program.command("policy").description("the kernel's policy rules (operator)");
operator(policy.command("show").description("the rules in force")).action(async (o) => exit(await (await ops()).policyShow(o)));
operator(policy.command("set <file>").description('replace the rules from a JSON file ([…] or {"rules": […]}; - reads stdin)')).action(async (f, o) =>
  exit(await (await ops()).policySet(f, o)),
);

const channel = program.command("channel").description("channels between tenants (operator)");
operator(channel.command("list").description("channels of every tenant (or --tenant)").option("--tenant <name>", "only this tenant's")).action(async (o) =>
  exit(await (await ops()).channelList(o)),
);
operator(channel.command("revoke <id>").description("revoke a channel by id")).action(async (id, o) => exit(await (await ops()).channelRevoke(id, o)));

const jobs = program.command("jobs").description("jobs of every tenant (operator)");
operator(
  jobs
    .command("list")
    .description("jobs, newest last")
    .option("--tenant <name>", "only this tenant's")
    .option("--state <s>", "queued, running, completed, failed or cancelled"),
).action(async (o) => exit(await (await ops()).jobsList(o)));
operator(jobs.command("show <id>").description("a job's state, counts and error")).action(async (id, o) => exit(await (await ops()).jobsShow(id, o)));
operator(jobs.command("cancel <id>").description("cancel a queued or running job")).action(async (id, o) => exit(await (await ops()).jobsCancel(id, o)));

const audit = program.command("audit").description("the tamper-evident audit log");
audit
  .command("verify [dir]")
  .description("check every checkpoint signature with the public key alone (DIR/audit.pub or --key), re-derive every root, fail on any event no checkpoint covers; exit 0 OK, 1 BAD, 3 log/key missing")
  .option("--checkpoint <file>", "a checkpoint held outside DIR (a monitor's, a mirror file): the log must be a consistent extension of it (repeatable)", collect)
  .option("--key <vkey>", "verifier key <name>+<hex id>+<base64>, or a file of them (default DIR/audit.pub)")
  .option("--json", "JSON report")
  .action(async (d, o) => exit((await import("./commands/audit.js")).auditVerifyCommand(d, o)));
audit
  .command("pubkey [dir]")
  .description("print the log's verifier key (signed-note form) for third parties")
  .action(async (d) => exit((await import("./commands/audit.js")).auditPubkeyCommand(d)));
audit
  .command("checkpoint [dir]")
  .description("print the newest signed checkpoint (C2SP tlog-checkpoint) for a monitor to keep")
  .option("--key <vkey>", "verifier key or key file (default DIR/audit.pub)")
  .action(async (d, o) => exit((await import("./commands/audit.js")).auditCheckpointCommand(d, o)));
audit
  .command("attestation")
  .description("job attestations")
  .command("verify <file>")
  .description("check a job attestation's Ed25519 signature offline")
  .option("--key <vkey>", "verifier key or key file")
  .option("--dir <dir>", "take the key from DIR/audit.pub")
  .option("--json", "JSON output")
  .action(async (f, o) => exit((await import("./commands/audit.js")).auditAttestationVerifyCommand(f, o)));
audit
  .command("export-tiles <dir> <out>")
  .description("write the verified log as C2SP tlog-tiles (checkpoint, tile/<L>/…, tile/entries/…) for a standard client to mirror")
  .option("--key <vkey>", "verifier key or key file (default DIR/audit.pub)")
  .action(async (d, o, opts) => exit(await (await import("./commands/audit.js")).auditExportTilesCommand(d, o, opts)));
audit
  .command("proof [dir]")
  .description("print an RFC 6962 inclusion or consistency proof as JSON")
  .option("--inclusion <index>", "inclusion proof of this event index")
  .option("--size <n>", "tree size for the inclusion proof (default: whole log)")
  .option("--consistency <first>", "consistency proof from this tree size")
  .option("--second <n>", "to this tree size (default: whole log)")
  .action(async (d, o) => exit((await import("./commands/audit.js")).auditProofCommand(d, o)));
operator(
  audit
    .command("query")
    .description("audit events of a kernel (embedded or --connect)")
    .option("--tenant <name>", "only this tenant's")
    .option("--type <t>", "event type(s), comma-separated, e.g. firewall.violation")
    .option("--since <t>", "ms since epoch, ISO date, or -30m/-2h/-7d before now")
    .option("--severity <s>", "at least this severity: info, warning, error, critical")
    .option("--limit <n>", "at most n events"),
).action(async (o) => exit(await (await ops()).auditQuery(o)));

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
  .description("list the qSyscall methods, their rights and doc lines (--json: params and result schemas too)")
  .option("--json", "the method table as JSON")
  .option("--openrpc", "the OpenRPC document (what rpc.discover serves)")
  .action(async (o: { json?: boolean; openrpc?: boolean }) => {
    const { methodTable, openRpcDocument } = await import("../syscall/openrpc.js");
    if (o.openrpc) return void process.stdout.write(JSON.stringify(openRpcDocument(packageVersion()), null, 2) + "\n");
    const table = methodTable();
    if (o.json) return void process.stdout.write(JSON.stringify(table, null, 2) + "\n");
    for (const m of table) process.stdout.write(`${m.name.padEnd(22)} ${(m.rights.join(",") || (m.derivedRights ? "(derived)" : "-")).padEnd(22)} ${m.summary}\n`);
  });

try {
  await program.parseAsync(process.argv);
} catch (e) {
  const { exitCodeOf, describeError } = await import("./io.js");
  const ce = e as { code?: unknown; exitCode?: unknown };
  if (typeof ce.code === "string" && ce.code.startsWith("commander.")) {
    // commander has printed its message; --help and --version are not errors
    process.exitCode = ce.exitCode === 0 ? 0 : 2;
  } else {
    // Anything a command did not handle itself (a flag it refused, a busy data
    // directory): one clear line, never a stack trace; exit 3 for a missing file.
    process.stderr.write(`qmk: ${describeError(e)}\n`);
    process.exitCode = exitCodeOf(e) === 3 ? 3 : 2;
  }
}

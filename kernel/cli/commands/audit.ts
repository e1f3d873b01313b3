// `qmk audit verify|pubkey|checkpoint|proof|attestation verify` — work on the
// files alone, so a third party can check a copied log without running the
// kernel and without root.key: every signature is checked with the published
// verifier key (DIR/audit.pub, or one given with --key).
import * as fs from "node:fs";
import * as path from "node:path";
import {
  consistencyProofFromDir, inclusionProofFromDir, parseKeyFile, PUBKEY_FILE, verifyAttestation, verifyLogDir,
  type SignedAttestation, type VerifyReport,
} from "../../security/audit/index.js";
import { EVENTS_FILE } from "../../security/audit/store.js";
import { parseVerifierKey, splitNotes } from "../../security/audit/note.js";
import { defaultDataDir } from "../../syscall/core.js";
import { describeError, EXIT_INVALID, EXIT_MISSING, EXIT_USAGE, MissingError } from "../io.js";

/** Exit codes of the audit commands (the CLI's own convention, io.ts; in the README). */
export const AUDIT_EXIT = { OK: 0, BAD: EXIT_INVALID, USAGE: EXIT_USAGE, MISSING: EXIT_MISSING } as const;

/** DIR may be the data directory (with audit/ inside) or the audit directory itself. */
function auditDir(dir?: string): string {
  const base = path.resolve(dir ?? defaultDataDir());
  if (fs.existsSync(path.join(base, "audit"))) return path.join(base, "audit");
  return base;
}

/** --key: a verifier key string, or a file holding one per line (an audit.pub copy). */
function loadKeyOption(v: string | undefined): string[] | undefined {
  if (v === undefined) return undefined;
  if (/^[^\s+]+\+[0-9a-f]{8}\+[A-Za-z0-9+/=]+$/.test(v)) {
    parseVerifierKey(v); // clear error for a malformed key
    return [v];
  }
  let text: string;
  try {
    text = fs.readFileSync(v, "utf8");
  } catch (e) {
    throw new MissingError(`--key ${v}: neither a verifier key (<name>+<hex id>+<base64>) nor a readable key file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  parseKeyFile(text);
  return text.split("\n").map((l) => l.trim()).filter((l) => l !== "" && !l.startsWith("#"));
}

/** --checkpoint FILE (repeatable): each file holds one or more signed checkpoints (a mirror is many). */
function loadCheckpoints(files: string[] | undefined): { file: string; note: string }[] {
  const out: { file: string; note: string }[] = [];
  for (const f of files ?? []) {
    let text: string;
    try {
      text = fs.readFileSync(f, "utf8");
    } catch (e) {
      throw new MissingError(`--checkpoint ${f}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
    const notes = splitNotes(text);
    if (notes.length === 0) throw new MissingError(`--checkpoint ${f}: holds no checkpoint`);
    for (const note of notes) out.push({ file: f, note });
  }
  return out;
}

export function auditVerifyCommand(dir: string | undefined, opts: { json?: boolean; checkpoint?: string[]; key?: string }): number {
  const audit = auditDir(dir);
  let r: VerifyReport;
  let cps: { file: string; note: string }[];
  try {
    const keys = loadKeyOption(opts.key);
    cps = loadCheckpoints(opts.checkpoint);
    r = verifyLogDir(audit, { ...(keys ? { keys } : {}), checkpoints: cps.map((c) => c.note) });
  } catch (e) {
    process.stderr.write(`qmk audit verify: ${describeError(e)}\n`);
    return e instanceof MissingError ? AUDIT_EXIT.MISSING : AUDIT_EXIT.USAGE;
  }
  if (opts.json) process.stdout.write(JSON.stringify(r, null, 2) + "\n");
  if (r.missing) {
    // Not a verdict on the log: nothing (or no key) to check it with.
    process.stderr.write(`qmk audit verify: ${r.missing === "log" ? `no audit log in ${audit}` : "no verifier key"}: ${r.error}\n`);
    return AUDIT_EXIT.MISSING;
  }
  if (!opts.json) {
    if (r.ok) {
      const ext = r.external.length ? `; extends ${r.external.length} outside checkpoint(s) (${[...new Set(cps!.map((c) => c.file))].join(", ")})` : "";
      process.stdout.write(
        `audit log OK: ${r.size} events, root ${r.root}, ${r.checkpointsVerified}/${r.checkpoints} checkpoints verified with ${r.keySource === "given" ? "the given key" : PUBKEY_FILE}${ext}${r.tornTail ? " (torn final write, never acknowledged)" : ""}\n`,
      );
    } else {
      process.stdout.write(`audit log BAD: ${r.error}\n`);
      const where = r.firstBad === undefined ? "" : r.exact === false && r.badBefore !== undefined ? `first bad entry in [${r.firstBad}, ${r.badBefore})` : `first bad entry ${r.firstBad}`;
      if (where) process.stdout.write(`  ${where}\n`);
      for (const [i, x] of r.external.entries()) if (!x.ok) process.stdout.write(`  outside checkpoint #${i} (${cps![i].file}, size ${x.size}): ${x.error}\n`);
    }
  }
  return r.ok ? AUDIT_EXIT.OK : AUDIT_EXIT.BAD;
}

/** `qmk audit pubkey [DIR]`: the verifier key(s) a third party needs (current first). */
export function auditPubkeyCommand(dir: string | undefined): number {
  const file = path.join(auditDir(dir), PUBKEY_FILE);
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
    parseKeyFile(text);
  } catch (e) {
    process.stderr.write(`qmk audit pubkey: no verifier key at ${file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); start the kernel once on this directory to create it\n`);
    return AUDIT_EXIT.MISSING;
  }
  process.stdout.write(text.endsWith("\n") ? text : text + "\n");
  return AUDIT_EXIT.OK;
}

/**
 * `qmk audit checkpoint [DIR]`: the newest checkpoint in the log, as a signed
 * note, for a monitor to keep and later pass to `verify --checkpoint`.
 * It is checked before it is printed: a monitor must not keep a forgery.
 */
export function auditCheckpointCommand(dir: string | undefined, opts: { key?: string }): number {
  const audit = auditDir(dir);
  let r: VerifyReport;
  try {
    const keys = loadKeyOption(opts.key);
    if (!fs.existsSync(path.join(audit, EVENTS_FILE))) throw new MissingError(`no audit log in ${audit}`);
    r = verifyLogDir(audit, keys ? { keys } : {});
  } catch (e) {
    process.stderr.write(`qmk audit checkpoint: ${describeError(e)}\n`);
    return e instanceof MissingError ? AUDIT_EXIT.MISSING : AUDIT_EXIT.USAGE;
  }
  if (r.missing) {
    process.stderr.write(`qmk audit checkpoint: ${r.error}\n`);
    return AUDIT_EXIT.MISSING;
  }
  if (!r.latestNote) {
    process.stderr.write(`qmk audit checkpoint: the log has no valid checkpoint: ${r.error ?? "none"}\n`);
    return AUDIT_EXIT.BAD;
  }
  // Uncovered events (a crash the kernel has not yet recovered from) do not make the newest valid checkpoint less valid.
  process.stdout.write(r.latestNote);
  if (!r.ok && r.uncovered === 0) {
    process.stderr.write(`qmk audit checkpoint: warning: the log does not verify after this checkpoint: ${r.error}\n`);
    return AUDIT_EXIT.BAD;
  }
  return AUDIT_EXIT.OK;
}

/** `qmk audit attestation verify FILE [--key VKEY] [--dir DIR]`: offline check of a job attestation. */
export function auditAttestationVerifyCommand(file: string, opts: { key?: string; dir?: string; json?: boolean }): number {
  let att: SignedAttestation;
  let keys: string[];
  try {
    try {
      att = JSON.parse(fs.readFileSync(file, "utf8")) as SignedAttestation;
    } catch (e) {
      throw new MissingError(`cannot read attestation ${file}: ${(e as Error).message}`);
    }
    const given = loadKeyOption(opts.key);
    if (given) keys = given;
    else {
      const pub = path.join(auditDir(opts.dir), PUBKEY_FILE);
      if (!fs.existsSync(pub)) throw new MissingError(`no verifier key: give --key VKEY, or --dir DIR with ${PUBKEY_FILE} (looked at ${pub})`);
      const text = fs.readFileSync(pub, "utf8");
      parseKeyFile(text);
      keys = text.split("\n").map((l) => l.trim()).filter((l) => l !== "" && !l.startsWith("#"));
    }
  } catch (e) {
    process.stderr.write(`qmk audit attestation verify: ${describeError(e)}\n`);
    return e instanceof MissingError ? AUDIT_EXIT.MISSING : AUDIT_EXIT.USAGE;
  }
  // The attestation's own `key` field is never trusted: only the keys above are.
  const ok = verifyAttestation(keys, att);
  if (opts.json) process.stdout.write(JSON.stringify({ ok, job_id: att?.job_id ?? null, tenant: att?.tenant ?? null, audit: att?.audit ?? null }) + "\n");
  else if (ok) process.stdout.write(`attestation OK: job ${att.job_id} (tenant ${att.tenant}, ${att.status}), audit tree size ${att.audit?.tree_size} root ${att.audit?.root}\n`);
  else process.stdout.write(`attestation BAD: the signature does not verify under ${keys.length === 1 ? "the key" : `any of ${keys.length} keys`} (changed, or signed by another key)\n`);
  return ok ? AUDIT_EXIT.OK : AUDIT_EXIT.BAD;
}

export function auditProofCommand(dir: string | undefined, opts: { inclusion?: string; size?: string; consistency?: string; second?: string }): number {
  const audit = auditDir(dir);
  try {
    const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
    let proof: unknown;
    if (opts.inclusion !== undefined) proof = inclusionProofFromDir(audit, Number(opts.inclusion), num(opts.size));
    else if (opts.consistency !== undefined) proof = consistencyProofFromDir(audit, Number(opts.consistency), num(opts.second));
    else throw new Error("give --inclusion INDEX [--size N] or --consistency FIRST [--second N]");
    process.stdout.write(JSON.stringify(proof, null, 2) + "\n");
    return 0;
  } catch (e) {
    process.stderr.write(`qmk audit proof: ${describeError(e)}\n`);
    return 1;
  }
}

/** `qmk audit export-tiles DIR OUT [--key VKEY]`: the log in C2SP tlog-tiles layout (see tiles.ts). */
export async function auditExportTilesCommand(dir: string, out: string, opts: { key?: string }): Promise<number> {
  try {
    const keys = loadKeyOption(opts.key);
    const { exportTiles } = await import("../../security/audit/tiles.js");
    const r = exportTiles(auditDir(dir), path.resolve(out), keys ? { keys } : {});
    process.stdout.write(`exported ${r.size} events as C2SP tlog-tiles into ${path.resolve(out)}: ${r.tiles} hash tiles, ${r.bundles} entry bundles, checkpoint\n`);
    return AUDIT_EXIT.OK;
  } catch (e) {
    process.stderr.write(`qmk audit export-tiles: ${describeError(e)}\n`);
    if (e instanceof MissingError) return AUDIT_EXIT.MISSING;
    const f = (e as { data?: { field?: string } }).data?.field;
    return f === "dir" || f === "key" ? (/no audit log|no verifier key/.test((e as Error).message) ? AUDIT_EXIT.MISSING : AUDIT_EXIT.BAD) : AUDIT_EXIT.USAGE;
  }
}

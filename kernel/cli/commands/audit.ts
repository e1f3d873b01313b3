// `qmk audit verify [DIR]` and `qmk audit proof …` — work on the files alone,
// so a third party can check a copied log without running the kernel.
import * as fs from "node:fs";
import * as path from "node:path";
import { verifyLogDir, inclusionProofFromDir, consistencyProofFromDir } from "../../security/audit/index.js";
import { KeyRing } from "../../security/keys.js";
import { defaultDataDir } from "../../syscall/core.js";
import { describeError } from "../io.js";

/** DIR may be the data directory (with audit/ inside) or the audit directory itself. */
function auditDir(dir?: string): { audit: string; data: string } {
  const base = path.resolve(dir ?? defaultDataDir());
  if (fs.existsSync(path.join(base, "audit"))) return { audit: path.join(base, "audit"), data: base };
  return { audit: base, data: path.dirname(base) };
}

export function auditVerifyCommand(dir: string | undefined, opts: { json?: boolean }): number {
  const { audit, data } = auditDir(dir);
  try {
    // The operator (who can read root.key) also checks every signed head's MAC.
    let signingKey: Uint8Array | undefined;
    if (fs.existsSync(path.join(data, "root.key"))) {
      try {
        signingKey = KeyRing.loadOrCreate(data).derive("audit-sth");
      } catch {
        signingKey = undefined;
      }
    }
    const r = verifyLogDir(audit, signingKey ? { signingKey } : {});
    if (opts.json) process.stdout.write(JSON.stringify(r, null, 2) + "\n");
    else if (r.ok) process.stdout.write(`audit log OK: ${r.size} events, root ${r.root}, ${r.headsVerified}/${r.heads} signed heads verified${r.signaturesChecked ? " (signatures checked)" : " (structure only: no key)"}\n`);
    else process.stdout.write(`audit log BAD: ${JSON.stringify(r)}\n`);
    return r.ok ? 0 : 1;
  } catch (e) {
    process.stderr.write(`qmk audit verify: ${describeError(e)}\n`);
    return 1;
  }
}

export function auditProofCommand(dir: string | undefined, opts: { inclusion?: string; size?: string; consistency?: string; second?: string }): number {
  const { audit } = auditDir(dir);
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

// `qmk token attenuate|inspect` — offline token work: no kernel, no key.
import { attenuate, inspectToken, type TokenSpec } from "../../security/tokens.js";
import { isRight, type Right } from "../../security/rights.js";
import { describeError } from "../io.js";

export interface AttenuateOpts {
  rights?: string;
  expires?: string;
  notBefore?: string;
  uses?: string;
  depth?: string;
  tenant?: string;
  audience?: string;
  caveat?: string[];
}

function time(v: string, flag: string): number {
  // Accept ms since epoch, an ISO date, or "+30m" / "+2h" / "+7d" relative to now.
  const rel = /^\+(\d+)([smhd])$/.exec(v);
  if (rel) return Date.now() + Number(rel[1]) * { s: 1e3, m: 6e4, h: 3.6e6, d: 8.64e7 }[rel[2] as "s"];
  const n = /^\d+$/.test(v) ? Number(v) : Date.parse(v);
  if (!Number.isFinite(n)) throw new Error(`${flag}: expected ms, an ISO date or +N[smhd]`);
  return n;
}

export function attenuateCommand(token: string, opts: AttenuateOpts): number {
  try {
    const spec: TokenSpec = {};
    if (opts.rights !== undefined) {
      const rights = opts.rights.split(",").map((s) => s.trim()).filter(Boolean);
      const bad = rights.filter((r) => !isRight(r));
      if (bad.length) throw new Error(`--rights: unknown right(s) ${bad.join(", ")}`);
      spec.rights = rights as Right[];
    }
    if (opts.expires !== undefined) spec.expiresAt = time(opts.expires, "--expires");
    if (opts.notBefore !== undefined) spec.notBefore = time(opts.notBefore, "--not-before");
    if (opts.uses !== undefined) spec.maxUses = Number(opts.uses);
    if (opts.depth !== undefined) spec.maxDepth = Number(opts.depth);
    if (opts.tenant !== undefined) spec.tenant = opts.tenant;
    if (opts.audience !== undefined) spec.audience = opts.audience;
    let out = attenuate(token, spec);
    if (opts.caveat?.length) out = attenuate(out, opts.caveat);
    process.stdout.write(out + "\n");
    return 0;
  } catch (e) {
    process.stderr.write(`qmk token attenuate: ${describeError(e)}\n`);
    return 1;
  }
}

export function inspectCommand(token: string, opts: { json?: boolean }): number {
  try {
    const info = inspectToken(token);
    if (opts.json) process.stdout.write(JSON.stringify(info, null, 2) + "\n");
    else {
      process.stdout.write(`token ${info.version}  id ${info.id}  tag fingerprint ${info.fingerprint}\n`);
      for (const c of info.caveats) process.stdout.write(`  caveat  ${c}\n`);
    }
    return 0;
  } catch (e) {
    process.stderr.write(`qmk token inspect: ${describeError(e)}\n`);
    return 1;
  }
}

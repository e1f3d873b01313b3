// First-party caveats: one line of text `key op value`, exactly one space on
// each side of the operator. The grammar is closed: anything else — unknown
// key, wrong operator, odd spacing, bad number — makes the whole token
// invalid (fail closed), because a verifier that skipped a caveat it did not
// understand would grant more than the holder was given.
//
// Every caveat can only restrict, and folding is monotone:
//   rights = A,B        rights ∩= {A,B}
//   expires < T         valid only while now < T        (min over caveats)
//   not_before >= T     valid only once now >= T        (max over caveats)
//   uses <= N           at most N uses of this token id (min)
//   depth <= N          at most N further delegations   (min)
//   tenant = X          acts for tenant X only (all tenant caveats must agree)
//   audience = X        only a verifier that answers to X may accept it (all must hold)
import { QmkError } from "../../errors.js";
import { RIGHTS, isRight, type Right } from "../rights.js";

export type Caveat =
  | { key: "rights"; rights: Right[] }
  | { key: "expires"; at: number }
  | { key: "not_before"; at: number }
  | { key: "uses"; max: number }
  | { key: "depth"; max: number }
  | { key: "tenant"; name: string }
  | { key: "audience"; name: string };

export const MAX_CAVEAT_BYTES = 256;

const OPS: Record<Caveat["key"], string> = {
  rights: "=",
  expires: "<",
  not_before: ">=",
  uses: "<=",
  depth: "<=",
  tenant: "=",
  audience: "=",
};

const LINE = /^([a-z_]+) (=|<|<=|>=) (.*)$/;
const INT = /^(0|[1-9][0-9]{0,15})$/;
// '#' appears in the id of a re-created tenant (alice#2, see tenants/names.ts).
const NAME = /^[A-Za-z0-9][A-Za-z0-9._:@#-]{0,127}$/;

function invalid(caveat: string, why: string): QmkError {
  // The caveat text is not secret (inspectToken shows it); it helps the user find the bad line.
  return new QmkError("INVALID_TOKEN", `token caveat refused: ${why}`, { rule: "caveat", caveat: caveat.slice(0, 80) });
}

export function parseCaveat(text: string): Caveat {
  const m = LINE.exec(text);
  if (!m) throw invalid(text, "not of the form `key op value`");
  const [, key, op, value] = m;
  if (!Object.hasOwn(OPS, key)) throw invalid(text, `unknown caveat "${key}"`);
  if (OPS[key as Caveat["key"]] !== op) throw invalid(text, `caveat ${key} takes operator ${OPS[key as Caveat["key"]]}`);
  switch (key) {
    case "rights": {
      const names = value === "" ? [] : value.split(",");
      if (!names.every(isRight)) throw invalid(text, "unknown right");
      return { key, rights: sortRights(names as Right[]) };
    }
    case "expires":
    case "not_before":
      if (!INT.test(value) || !Number.isSafeInteger(Number(value))) throw invalid(text, "bad time");
      return { key, at: Number(value) };
    case "uses":
    case "depth":
      if (!INT.test(value) || !Number.isSafeInteger(Number(value))) throw invalid(text, "bad count");
      return { key, max: Number(value) };
    case "tenant":
    case "audience":
      if (!NAME.test(value)) throw invalid(text, "bad name");
      return { key, name: value };
  }
  throw invalid(text, "unknown caveat");
}

export function formatCaveat(c: Caveat): string {
  const op = OPS[c.key];
  switch (c.key) {
    case "rights":
      return `rights ${op} ${sortRights(c.rights).join(",")}`;
    case "expires":
    case "not_before":
      return `${c.key} ${op} ${c.at}`;
    case "uses":
    case "depth":
      return `${c.key} ${op} ${c.max}`;
    case "tenant":
    case "audience":
      return `${c.key} ${op} ${c.name}`;
  }
}

/** Check a caveat the caller wants to append: same grammar, and printable back identically. */
export function validateCaveatText(text: string): Caveat {
  if (typeof text !== "string") throw new QmkError("INVALID_PARAMS", "caveat must be a string", { field: "caveats" });
  if (Buffer.byteLength(text, "utf8") > MAX_CAVEAT_BYTES) {
    throw new QmkError("INVALID_PARAMS", "caveat too long", { field: "caveats" });
  }
  try {
    return parseCaveat(text);
  } catch (e) {
    if (e instanceof QmkError) throw new QmkError("INVALID_PARAMS", e.message, { field: "caveats" });
    throw e;
  }
}

/** The combined effect of a list of caveats. */
export interface Restrictions {
  /** undefined = no rights caveat at all (such a token is refused) */
  rights?: Right[];
  expiresAt?: number;
  notBefore?: number;
  maxUses?: number;
  maxDepth?: number;
  tenants: string[];
  audiences: string[];
}

export function foldCaveats(caveats: readonly Caveat[]): Restrictions {
  const r: Restrictions = { tenants: [], audiences: [] };
  for (const c of caveats) {
    switch (c.key) {
      case "rights":
        r.rights = r.rights === undefined ? [...c.rights] : r.rights.filter((x) => c.rights.includes(x));
        break;
      case "expires":
        r.expiresAt = r.expiresAt === undefined ? c.at : Math.min(r.expiresAt, c.at);
        break;
      case "not_before":
        r.notBefore = r.notBefore === undefined ? c.at : Math.max(r.notBefore, c.at);
        break;
      case "uses":
        r.maxUses = r.maxUses === undefined ? c.max : Math.min(r.maxUses, c.max);
        break;
      case "depth":
        r.maxDepth = r.maxDepth === undefined ? c.max : Math.min(r.maxDepth, c.max);
        break;
      case "tenant":
        if (!r.tenants.includes(c.name)) r.tenants.push(c.name);
        break;
      case "audience":
        if (!r.audiences.includes(c.name)) r.audiences.push(c.name);
        break;
    }
  }
  return r;
}

export function sortRights(rights: readonly Right[]): Right[] {
  return RIGHTS.filter((r) => rights.includes(r));
}

// QEC profile strings (SPEC §1.1) → physical-qubit cost per logical qubit,
// charged to the tenant's quota.
//
//   surface    2d² − 1   (d² data + d² − 1 measure qubits, rotated surface code)
//   bacon_shor d²        (data qubits of the d×d Bacon–Shor subsystem code;
//                         gauge operators are 2-body, measured without extra
//                         qubits in the SPEC's accounting)
//   shyps      see shypsPhysicalPerLogical below
import { QmkError } from "../errors.js";

export type QecScheme = "surface" | "shyps" | "bacon_shor";

export interface QecProfile {
  scheme: QecScheme;
  distance: number;
  physicalPerLogical: number;
  /** normalized spelling, e.g. `logical:Surface(d=7)` */
  canonical: string;
}

export const DEFAULT_PROFILE = "logical:Surface(d=3)";
/** Above this a single logical qubit would cost > 20k physical qubits; refuse. */
export const MAX_DISTANCE = 101;

const SCHEMES: Record<string, QecScheme> = {
  surface: "surface",
  surface_code: "surface",
  surfacecode: "surface",
  shyps: "shyps",
  baconshor: "bacon_shor",
  bacon_shor: "bacon_shor",
};

const DISPLAY: Record<QecScheme, string> = { surface: "Surface", shyps: "SHYPS", bacon_shor: "BaconShor" };

/**
 * SHYPS (subsystem hypergraph product of simplex codes; Malcolm et al.,
 * "Computing efficiently in QLDPC codes", Photonic Inc., arXiv:2502.07150,
 * 2025) has parameters [[n, k, d]] = [[(2^r − 1)², r², 2^(r−1)]], e.g.
 * [[49, 9, 4]] for r = 3, [[225, 16, 8]] for r = 4.
 * Honest approximation used here: pick the smallest r whose code distance
 * 2^(r−1) ≥ d, amortize its n data qubits over its k logical qubits and
 * double it for syndrome-extraction ancillas: ceil(2n / k). The real
 * overhead depends on the extraction schedule; this is a quota estimate,
 * not a hardware claim.
 */
export function shypsPhysicalPerLogical(d: number): number {
  let r = 1;
  while (2 ** (r - 1) < d) r++;
  r = Math.max(r, 2); // r = 1 is the trivial [[1,1,1]] code
  const n = (2 ** r - 1) ** 2;
  const k = r * r;
  return Math.ceil((2 * n) / k);
}

export function physicalPerLogical(scheme: QecScheme, d: number): number {
  switch (scheme) {
    case "surface":
      return 2 * d * d - 1;
    case "bacon_shor":
      return d * d;
    case "shyps":
      return shypsPhysicalPerLogical(d);
  }
}

const PROFILE_RE = /^\s*(?:logical\s*:\s*)?([A-Za-z][A-Za-z0-9_-]*)\s*\(\s*d\s*=\s*([^)]*?)\s*\)\s*$/i;

function bad(msg: string, value: unknown): never {
  throw new QmkError("INVALID_PARAMS", msg, { field: "profile", value: String(value).slice(0, 80) });
}

/** Parse a profile string; `undefined` gives DEFAULT_PROFILE. Throws INVALID_PARAMS {field:"profile"}. */
export function parseProfile(s: unknown): QecProfile {
  if (s === undefined) s = DEFAULT_PROFILE;
  if (typeof s !== "string") bad("QEC profile must be a string", s);
  if (s.length > 100) bad("QEC profile string too long", s);
  const m = PROFILE_RE.exec(s);
  if (!m) bad(`malformed QEC profile '${s}' (expected e.g. logical:Surface(d=7))`, s);
  const scheme = SCHEMES[m[1]!.toLowerCase().replace(/-/g, "_")];
  if (!scheme) bad(`unknown QEC scheme '${m[1]}' (known: Surface, SHYPS, BaconShor)`, s);
  const dText = m[2]!;
  if (!/^[+-]?\d+$/.test(dText)) bad(`QEC distance must be an integer, got '${dText}'`, s);
  const d = Number(dText);
  if (d <= 0) bad(`QEC distance must be positive, got ${d}`, s);
  if (d % 2 === 0) bad(`QEC distance must be odd, got ${d}`, s);
  if (d > MAX_DISTANCE) bad(`QEC distance ${d} exceeds the maximum ${MAX_DISTANCE}`, s);
  return {
    scheme,
    distance: d,
    physicalPerLogical: physicalPerLogical(scheme, d),
    canonical: `logical:${DISPLAY[scheme]}(d=${d})`,
  };
}

/** Physical qubits charged for `n` logical qubits of `profile`. */
export function physicalCost(n: number, profile?: string): number {
  return n * parseProfile(profile).physicalPerLogical;
}

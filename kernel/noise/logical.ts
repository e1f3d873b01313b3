// Logical error rate of a QEC-protected qubit, from its profile's distance.
//
// Below threshold, the logical error rate of a distance-d code falls
// exponentially in the number of errors it corrects:
//
//     p_L(d, p) = A · (p / p_th)^((d+1)/2)
//
// For the surface code, A ≈ 0.03 and p_th ≈ 0.57 % (per-operation
// depolarizing circuit noise, minimum-weight matching decoder): A. G. Fowler,
// M. Mariantoni, J. M. Martinis, A. N. Cleland, "Surface codes: Towards
// practical large-scale quantum computation", Phys. Rev. A 86, 032324 (2012),
// the fit P_L ≅ 0.03 (p/p_th)^{d_e} with d_e = (d+1)/2.
// Here p_L is taken per logical operation and per operand, and applied as a
// depolarizing channel of that strength (clamped to 1 above threshold,
// where the formula no longer holds). For Bacon–Shor and SHYPS there is no
// comparably standard fit: the caller gives `threshold` and `prefactor`.
import { QmkError } from "../errors.js";
import { DEFAULT_PROFILE, parseProfile, type QecScheme } from "../qec/profiles.js";
import type { LogicalNoise } from "./model.js";

export const SURFACE_PREFACTOR = 0.03;
export const SURFACE_THRESHOLD = 0.0057;

const DEFAULTS: Partial<Record<QecScheme, { prefactor: number; threshold: number }>> = {
  surface: { prefactor: SURFACE_PREFACTOR, threshold: SURFACE_THRESHOLD },
};

/** p_L for a profile string (e.g. `logical:Surface(d=7)`) at physical error rate p. */
export function logicalErrorRate(profile: string | undefined, l: LogicalNoise): number {
  const prof = parseProfile(profile ?? DEFAULT_PROFILE);
  const def = DEFAULTS[prof.scheme];
  const prefactor = l.prefactor ?? def?.prefactor;
  const threshold = l.threshold ?? def?.threshold;
  if (prefactor === undefined || threshold === undefined) {
    throw new QmkError("INVALID_PARAMS", `no standard logical-error fit for ${prof.canonical}: give noise.logical.threshold and noise.logical.prefactor`, { field: "noise.logical" });
  }
  const pl = prefactor * (l.physical_error_rate / threshold) ** ((prof.distance + 1) / 2);
  return Math.min(1, pl);
}

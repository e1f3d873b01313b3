// The seven capability rights (SPEC §2.5). Order is stable: it is the order
// used when rights are printed or serialized.
export const RIGHTS = [
  "CAP_ALLOC",
  "CAP_LINK",
  "CAP_TELEPORT",
  "CAP_MAGIC",
  "CAP_MEASURE",
  "CAP_ADMIN",
  "CAP_AUDIT",
] as const;

export type Right = (typeof RIGHTS)[number];

export function isRight(x: unknown): x is Right {
  return typeof x === "string" && (RIGHTS as readonly string[]).includes(x);
}

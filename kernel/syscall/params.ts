// Parameter readers for q_* methods. Every failure is INVALID_PARAMS naming
// the exact field, so a client can point at what it sent wrong.
import { QmkError } from "../errors.js";

export type Params = Record<string, unknown>;

export function asParams(p: unknown): Params {
  if (p === undefined || p === null) return {};
  if (typeof p !== "object" || Array.isArray(p)) {
    throw new QmkError("INVALID_PARAMS", "params must be an object", { field: "params" });
  }
  return p as Params;
}

function bad(field: string, want: string): never {
  throw new QmkError("INVALID_PARAMS", `params.${field} must be ${want}`, { field: `params.${field}` });
}

export function str(p: Params, field: string, maxLen = 4096): string {
  const v = p[field];
  if (typeof v !== "string" || v.length === 0 || v.length > maxLen) bad(field, `a non-empty string (≤ ${maxLen} chars)`);
  return v;
}

export function optStr(p: Params, field: string, maxLen = 4096): string | undefined {
  return p[field] === undefined ? undefined : str(p, field, maxLen);
}

export function int(p: Params, field: string, min: number, max: number): number {
  const v = p[field];
  if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) bad(field, `an integer in [${min}, ${max}]`);
  return v;
}

export function optInt(p: Params, field: string, min: number, max: number): number | undefined {
  return p[field] === undefined ? undefined : int(p, field, min, max);
}

export function num(p: Params, field: string): number {
  const v = p[field];
  if (typeof v !== "number" || !Number.isFinite(v)) bad(field, "a finite number");
  return v;
}

export function bool(p: Params, field: string, dflt?: boolean): boolean {
  const v = p[field];
  if (v === undefined && dflt !== undefined) return dflt;
  if (typeof v !== "boolean") bad(field, "a boolean");
  return v;
}

export function strArray(p: Params, field: string, min: number, max: number): string[] {
  const v = p[field];
  if (!Array.isArray(v) || v.length < min || v.length > max) bad(field, `an array of ${min}..${max} strings`);
  v.forEach((x, i) => {
    if (typeof x !== "string" || x.length === 0 || x.length > 4096) bad(`${field}[${i}]`, "a non-empty string");
  });
  return v as string[];
}

export function obj(p: Params, field: string): Params {
  const v = p[field];
  if (v === null || typeof v !== "object" || Array.isArray(v)) bad(field, "an object");
  return v as Params;
}

export function optObj(p: Params, field: string): Params | undefined {
  return p[field] === undefined ? undefined : obj(p, field);
}

// Tenant names and namespaces. The name is what an admin types; the id is
// what handles and tokens are bound to. They coincide for the first tenant of
// a name; a deliberately re-created name gets a new id (`name#2`), so
// credentials of the deleted tenant never apply to the new one.
import { QmkError } from "../../errors.js";

export const TENANT_NAME_RE = /^[a-z][a-z0-9_-]{0,31}$/;

export function validateTenantName(name: unknown, field = "name"): string {
  if (typeof name !== "string" || !TENANT_NAME_RE.test(name))
    throw new QmkError("INVALID_PARAMS", `${field}: tenant name must match [a-z][a-z0-9_-]{0,31}`, { field });
  return name;
}

export function tenantIdFor(name: string, generation: number): string {
  return generation === 1 ? name : `${name}#${generation}`;
}

/** Scope a tenant-local resource id into the tenant's namespace. */
export function qualify(tenantId: string, localId: string): string {
  return `${tenantId}/${localId}`;
}

/** Split a qualified id; undefined if it is not one. */
export function unqualify(qualified: string): { tenant: string; local: string } | undefined {
  const i = qualified.indexOf("/");
  if (i <= 0 || i === qualified.length - 1) return undefined;
  return { tenant: qualified.slice(0, i), local: qualified.slice(i + 1) };
}

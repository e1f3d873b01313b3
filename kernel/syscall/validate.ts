// Parameter validation from the method table (schema.ts): the wire shape of
// a call's params, checked by ajv before any handler runs. A failure is
// INVALID_PARAMS naming the first offending field ("params.n",
// "params.rights[2]"), so a client can point at what it sent wrong.
// Hook: KernelCore.dispatch calls `validateParams(method, params)` after the
// method lookup and before mediation.
import AjvModule, { type ErrorObject, type ValidateFunction } from "ajv";
import { QmkError } from "../errors.js";
import { SCHEMAS, isMethodName } from "./schema.js";

const Ajv = AjvModule as unknown as typeof AjvModule.default;

// One ajv instance, each method compiled on its first call: a one-shot CLI
// (`qmk run`) pays for the four or five methods it uses, not for all of them
// (compiling the whole table cost ~40 ms of start-up). A long-lived server
// calls warmValidators() at start so no tenant's first call pays for the
// compile (a latency spike another tenant could otherwise cause and see).
let ajv: InstanceType<typeof Ajv> | undefined;
const compiled = new Map<string, ValidateFunction>();
function validator(method: keyof typeof SCHEMAS): ValidateFunction {
  let v = compiled.get(method);
  if (!v) {
    // a missing session_id is left to the mediator (which answers
    // AUTH_FAILED / INVALID_HANDLE, as before)
    ajv ??= new Ajv({ allErrors: false, strict: false });
    v = ajv.compile(SCHEMAS[method].params);
    compiled.set(method, v);
  }
  return v;
}

/** Compiles every method's validator now (`qmk serve` start-up). */
export function warmValidators(): void {
  for (const m of Object.keys(SCHEMAS)) if (isMethodName(m)) validator(m);
}

/** "/rights/2" → "params.rights[2]"; a missing property names the property itself. */
export function fieldOf(e: ErrorObject): string {
  let f = "params";
  for (const seg of e.instancePath.split("/").slice(1)) {
    const s = seg.replace(/~1/g, "/").replace(/~0/g, "~");
    f += /^\d+$/.test(s) ? `[${s}]` : `.${s}`;
  }
  if (e.keyword === "required") f += `.${(e.params as { missingProperty: string }).missingProperty}`;
  return f;
}

const WANT: Record<string, (e: ErrorObject) => string> = {
  required: () => "is required",
  type: (e) => `must be ${(e.params as { type: string }).type === "integer" ? "an integer" : `of type ${(e.params as { type: string }).type}`}`,
  minLength: () => "must be a non-empty string",
  maxLength: (e) => `must be at most ${(e.params as { limit: number }).limit} characters`,
  maxItems: (e) => `must have at most ${(e.params as { limit: number }).limit} items`,
};

/** Throws INVALID_PARAMS when `params` does not have the method's wire shape; unknown methods pass (dispatch refuses them). */
export function validateParams(method: string, params: unknown): void {
  if (!isMethodName(method)) return;
  const v = validator(method);
  // session_id is the mediator's to judge, present or not, whatever its type
  // (its refusals are INVALID_HANDLE / AUTH_FAILED, audited as session.deny)
  const p = params !== null && typeof params === "object" && !Array.isArray(params) ? { ...params, session_id: "-" } : params;
  if (v(p)) return;
  const e = v.errors![0];
  const field = fieldOf(e);
  const want = (WANT[e.keyword] ?? ((x: ErrorObject) => x.message ?? "is invalid"))(e);
  throw new QmkError("INVALID_PARAMS", `${field} ${want}`, { field });
}

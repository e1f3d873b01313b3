// The DSL throws the same error type as the kernel (kernel/errors.ts is the
// shared ABI of SPEC §4), so `e.codeName === "LINEARITY_VIOLATION"` works the
// same whether the DSL, an embedded kernel or a remote server refused.
import { QmkError, ErrorCodes, errorNameOf, isQmkError, type ErrorName, type ErrorData } from "../kernel/errors.js";

export { QmkError, ErrorCodes, errorNameOf, isQmkError };
export type { ErrorName, ErrorData };

/** Build a QmkError from a JSON-RPC error object (`{code, message, data}`). */
export function fromRpcError(err: { code?: unknown; message?: unknown; data?: unknown }): QmkError {
  const code = typeof err.code === "number" ? err.code : ErrorCodes.INTERNAL_ERROR;
  const data = (err.data && typeof err.data === "object" ? { ...(err.data as Record<string, unknown>) } : {}) as ErrorData & {
    name?: unknown;
  };
  let name: ErrorName | undefined =
    typeof data.name === "string" && data.name in ErrorCodes ? (data.name as ErrorName) : errorNameOf(code);
  delete data.name;
  if (!name) {
    name = "INTERNAL_ERROR";
    data.remoteCode = code;
  }
  return new QmkError(name, typeof err.message === "string" ? err.message : "remote error", data);
}

/** Linearity violation raised by the DSL's own run-time check (before the kernel sees the call). */
export function linearityError(message: string, violation: string, data: ErrorData = {}): QmkError {
  return new QmkError("LINEARITY_VIOLATION", message, { violation, ...data });
}

// JSON-RPC 2.0 framing shared by the server and clients: parse one request
// defensively (size, nesting depth, shape) and turn any thrown value into a
// response. Bad input never escapes as an exception.
import { ErrorCodes, QmkError, isQmkError } from "../errors.js";

export const MAX_REQUEST_BYTES = 16 * 1024 * 1024;
export const MAX_DEPTH = 64;

export type JsonRpcId = string | number | null;

export interface JsonRpcRequest {
  jsonrpc: "2.0";
  id?: JsonRpcId;
  method: string;
  params?: unknown;
}

export interface JsonRpcError {
  code: number;
  message: string;
  data?: unknown;
}

export type JsonRpcResponse =
  | { jsonrpc: "2.0"; id: JsonRpcId; result: unknown }
  | { jsonrpc: "2.0"; id: JsonRpcId; error: JsonRpcError };

/** Nesting depth of a JSON text, computed without parsing (so a 10⁶-deep array can't blow the stack). */
export function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > max) max = depth;
    } else if (c === 93 || c === 125) depth--;
  }
  return max;
}

export type Parsed = { ok: true; request: JsonRpcRequest } | { ok: false; response: JsonRpcResponse };

export function parseRequest(text: string): Parsed {
  const fail = (code: number, message: string, id: JsonRpcId = null, data?: unknown): Parsed => ({
    ok: false,
    response: { jsonrpc: "2.0", id, error: { code, message, ...(data === undefined ? {} : { data }) } },
  });
  if (text.length > MAX_REQUEST_BYTES) {
    return fail(ErrorCodes.INVALID_REQUEST, `request larger than ${MAX_REQUEST_BYTES} bytes`, null, { field: "request" });
  }
  if (jsonDepth(text) > MAX_DEPTH) {
    return fail(ErrorCodes.INVALID_REQUEST, `request nested deeper than ${MAX_DEPTH} levels`, null, { field: "request" });
  }
  let msg: unknown;
  try {
    msg = JSON.parse(text);
  } catch (e) {
    return fail(ErrorCodes.PARSE_ERROR, `parse error: ${(e as Error).message}`);
  }
  if (msg === null || typeof msg !== "object" || Array.isArray(msg)) {
    return fail(ErrorCodes.INVALID_REQUEST, "a request must be a JSON object (batches are not supported)");
  }
  const m = msg as Record<string, unknown>;
  const id = m.id;
  const idOk = id === undefined || id === null || typeof id === "string" || (typeof id === "number" && Number.isFinite(id));
  const safeId = (idOk ? (id ?? null) : null) as JsonRpcId;
  if (!idOk) return fail(ErrorCodes.INVALID_REQUEST, "id must be a string, number or null", null, { field: "id" });
  if (m.jsonrpc !== "2.0") return fail(ErrorCodes.INVALID_REQUEST, 'jsonrpc must be "2.0"', safeId, { field: "jsonrpc" });
  if (typeof m.method !== "string" || m.method.length === 0 || m.method.length > 128) {
    return fail(ErrorCodes.INVALID_REQUEST, "method must be a non-empty string", safeId, { field: "method" });
  }
  return { ok: true, request: { jsonrpc: "2.0", id: safeId, method: m.method, params: m.params } };
}

/** Map anything a dispatcher threw to a JSON-RPC error object. */
export function toRpcError(e: unknown): JsonRpcError {
  if (isQmkError(e)) return e.toJSON();
  // Not a QmkError: a bug. Report INTERNAL_ERROR without internals.
  return { code: ErrorCodes.INTERNAL_ERROR, message: "internal error" };
}

export function rpcErrorToQmk(err: JsonRpcError): QmkError | Error {
  const data = (err.data ?? {}) as Record<string, unknown>;
  const name = data.name;
  if (typeof name === "string" && name in ErrorCodes) {
    const { name: _n, ...rest } = data;
    return new QmkError(name as keyof typeof ErrorCodes, err.message, rest);
  }
  const e = new Error(err.message) as Error & { code: number; data?: unknown };
  e.code = err.code;
  e.data = err.data;
  return e;
}

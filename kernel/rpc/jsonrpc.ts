// JSON-RPC 2.0 for `qmk serve`, by the spec: single requests, notifications
// (no reply), batches (an array of replies; `[]` is one Invalid Request; a
// batch of notifications gets no reply at all). The protocol itself is the
// `json-rpc-2.0` library; around it we keep our own guards — size and depth
// before parsing, a strict request shape, error objects that keep `data`
// (field, node, rule) — so bad input never escapes as an exception.
import { JSONRPCServer, createJSONRPCErrorResponse, type JSONRPCRequest, type JSONRPCResponse } from "json-rpc-2.0";
import { ErrorCodes, QmkError, isQmkError } from "../errors.js";

export const MAX_REQUEST_BYTES = 16 * 1024 * 1024;
export const MAX_DEPTH = 64;

export type JsonRpcId = string | number | null;

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

/** What a dispatcher learns about the request it serves (the transport's view; never a credential). */
export interface RequestContext {
  transport: "ndjson" | "http";
  peer: string;
  /** true for a notification: the caller gets no answer */
  notification: boolean;
}

export type Dispatch = (method: string, params: unknown, ctx: RequestContext) => Promise<unknown>;

const errorResponse = (id: JsonRpcId, code: number, message: string, data?: unknown): JsonRpcResponse => ({
  jsonrpc: "2.0",
  id,
  error: { code, message, ...(data === undefined ? {} : { data }) },
});

/** One entry (or a whole single request) checked for the spec's shape; the library is lenient here. */
function checkShape(m: unknown): { ok: true; request: JSONRPCRequest } | { ok: false; response: JsonRpcResponse } {
  if (m === null || typeof m !== "object" || Array.isArray(m)) {
    return { ok: false, response: errorResponse(null, ErrorCodes.INVALID_REQUEST, "a request must be a JSON object") };
  }
  const r = m as Record<string, unknown>;
  const id = r.id;
  const idOk = id === undefined || id === null || typeof id === "string" || (typeof id === "number" && Number.isFinite(id));
  if (!idOk) return { ok: false, response: errorResponse(null, ErrorCodes.INVALID_REQUEST, "id must be a string, number or null", { field: "id" }) };
  const safeId = (id ?? null) as JsonRpcId;
  if (r.jsonrpc !== "2.0") return { ok: false, response: errorResponse(safeId, ErrorCodes.INVALID_REQUEST, 'jsonrpc must be "2.0"', { field: "jsonrpc" }) };
  if (typeof r.method !== "string" || r.method.length === 0 || r.method.length > 128) {
    return { ok: false, response: errorResponse(safeId, ErrorCodes.INVALID_REQUEST, "method must be a non-empty string (≤ 128 chars)", { field: "method" }) };
  }
  if ("result" in r || "error" in r) return { ok: false, response: errorResponse(safeId, ErrorCodes.INVALID_REQUEST, "a request carries no result or error", { field: "result" }) };
  const request: JSONRPCRequest = { jsonrpc: "2.0", method: r.method, ...("params" in r ? { params: r.params } : {}), ...(id !== undefined ? { id: safeId } : {}) };
  return { ok: true, request };
}

/**
 * The protocol engine of one server: every method goes to `dispatch` (the
 * kernel's one door decides METHOD_NOT_FOUND itself, with `data.field`).
 */
export class JsonRpcEngine {
  private readonly server = new JSONRPCServer<RequestContext>({ errorListener: () => {} });

  constructor(
    private readonly dispatch: Dispatch,
    private readonly opts: { maxBatch: number; maxRequestBytes?: number },
  ) {
    // No methods are registered one by one: the kernel's method table is the
    // only map from names to code, so the library's "not found" hook routes
    // every request to the one dispatcher.
    this.server.handleMethodNotFound = (async (req: JSONRPCRequest, ctx: RequestContext): Promise<JSONRPCResponse | null> => {
      const result = await this.dispatch(req.method, req.params, ctx);
      return req.id === undefined ? null : { jsonrpc: "2.0", id: req.id, result: result ?? null };
    }) as JSONRPCServer["handleMethodNotFound"];
    this.server.mapErrorToJSONRPCErrorResponse = (id, e) => {
      const err = toRpcError(e);
      return createJSONRPCErrorResponse(id, err.code, err.message, err.data);
    };
  }

  private async one(entry: unknown, base: Omit<RequestContext, "notification">): Promise<JsonRpcResponse | null> {
    const shaped = checkShape(entry);
    if (!shaped.ok) return shaped.response;
    const ctx: RequestContext = { ...base, notification: shaped.request.id === undefined };
    try {
      return (await this.server.receive(shaped.request, ctx)) as JsonRpcResponse | null;
    } catch (e) {
      return ctx.notification ? null : { jsonrpc: "2.0", id: shaped.request.id ?? null, error: toRpcError(e) };
    }
  }

  /** Answer one framed message (an NDJSON line or an HTTP body): the reply text, or null when none is due. */
  async handle(text: string, base: Omit<RequestContext, "notification">): Promise<string | null> {
    const max = this.opts.maxRequestBytes ?? MAX_REQUEST_BYTES;
    if (text.length > max) {
      return JSON.stringify(errorResponse(null, ErrorCodes.INVALID_REQUEST, `request larger than ${max} bytes`, { field: "request" }));
    }
    if (jsonDepth(text) > MAX_DEPTH) {
      return JSON.stringify(errorResponse(null, ErrorCodes.INVALID_REQUEST, `request nested deeper than ${MAX_DEPTH} levels`, { field: "request" }));
    }
    let msg: unknown;
    try {
      msg = JSON.parse(text);
    } catch (e) {
      return JSON.stringify(errorResponse(null, ErrorCodes.PARSE_ERROR, `parse error: ${(e as Error).message}`));
    }
    if (!Array.isArray(msg)) {
      const r = await this.one(msg, base);
      return r ? JSON.stringify(r) : null;
    }
    if (msg.length === 0) return JSON.stringify(errorResponse(null, ErrorCodes.INVALID_REQUEST, "empty batch"));
    if (msg.length > this.opts.maxBatch) {
      return JSON.stringify(errorResponse(null, ErrorCodes.INVALID_REQUEST, `batch of ${msg.length} requests; the limit is ${this.opts.maxBatch}`, { field: "request", limit: this.opts.maxBatch }));
    }
    // Entries run concurrently, as the spec allows; the reply array holds one answer per non-notification.
    const replies = (await Promise.all(msg.map((m) => this.one(m, base)))).filter((r): r is JsonRpcResponse => r !== null);
    return replies.length ? JSON.stringify(replies) : null;
  }
}

// Stable error codes of the qSyscall ABI (SPEC §4). The numbers are part of
// the wire contract: never renumber, only add.

export const ErrorCodes = {
  PARSE_ERROR: -32700,
  INVALID_REQUEST: -32600,
  METHOD_NOT_FOUND: -32601,
  INVALID_PARAMS: -32602,
  INTERNAL_ERROR: -32603,

  INSUFFICIENT_CAPS: -32001,
  AUTH_FAILED: -32100,
  TENANT_SUSPENDED: -32101,
  INVALID_TOKEN: -32110,
  TOKEN_EXPIRED: -32111,
  TOKEN_REVOKED: -32112,
  USES_EXHAUSTED: -32113,
  INVALID_HANDLE: -32120,
  HANDLE_EXPIRED: -32121,
  INVALID_GRAPH: -32200,
  LINEARITY_VIOLATION: -32210,
  FIREWALL_VIOLATION: -32211,
  JOB_NOT_FOUND: -32300,
  ACCESS_DENIED: -32301,
  TIMEOUT: -32302,
  ALREADY_COMPLETED: -32303,
  CANCELLED: -32304,
  CHANNEL_UNAUTHORIZED: -32500,
  CHANNEL_EXHAUSTED: -32501,
  CHANNEL_REVOKED_OR_EXPIRED: -32502,
  QUOTA_EXCEEDED: -32610,
  RATE_LIMITED: -32611,
  RESOURCE_EXHAUSTED: -32612,
  POLICY_DENIED: -32620,
} as const;

export type ErrorName = keyof typeof ErrorCodes;

const namesByCode = new Map<number, ErrorName>(
  Object.entries(ErrorCodes).map(([k, v]) => [v, k as ErrorName]),
);

export function errorNameOf(code: number): ErrorName | undefined {
  return namesByCode.get(code);
}

/** Structured detail carried in JSON-RPC `error.data`. */
export interface ErrorData {
  /** the offending QVM node id, when the error concerns a graph node */
  node?: string;
  /** the offending field (e.g. "args.theta", "params.vqs[1]") */
  field?: string;
  /** rights that were required but not held */
  missing?: string[];
  /** the policy rule that fired */
  rule?: string;
  [extra: string]: unknown;
}

/**
 * The one error type the kernel throws for expected failures. Anything else
 * escaping a q_* method is a bug and is reported as INTERNAL_ERROR.
 */
export class QmkError extends Error {
  readonly code: number;
  readonly codeName: ErrorName;
  readonly data: ErrorData;

  constructor(name: ErrorName, message: string, data: ErrorData = {}) {
    super(message);
    this.name = "QmkError";
    this.codeName = name;
    this.code = ErrorCodes[name];
    this.data = data;
  }

  toJSON(): { code: number; message: string; data: ErrorData & { name: ErrorName } } {
    return { code: this.code, message: this.message, data: { name: this.codeName, ...this.data } };
  }
}

export function isQmkError(e: unknown): e is QmkError {
  return e instanceof QmkError;
}

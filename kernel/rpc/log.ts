// Structured request logs for `qmk serve` (pino): one line per request with
// method, tenant, duration and outcome code. Params are never logged, so a
// token (or anything else a caller sent) cannot reach the log.
import { pino, type Logger, type LevelWithSilent } from "pino";

export const LOG_LEVELS: readonly LevelWithSilent[] = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];

export function isLogLevel(v: string): v is LevelWithSilent {
  return (LOG_LEVELS as readonly string[]).includes(v);
}

/** A logger writing JSON lines to `fd` (default stderr; stdout carries the start-up banner). */
export function createLogger(level: LevelWithSilent = "info", fd = 2): Logger {
  return pino({ level, base: { service: "qmk-serve" }, timestamp: pino.stdTimeFunctions.isoTime }, pino.destination({ dest: fd, sync: true }));
}

/** A logger for a writable stream (tests capture lines this way). */
export function loggerTo(stream: { write(s: string): unknown }, level: LevelWithSilent = "info"): Logger {
  return pino({ level, base: { service: "qmk-serve" } }, stream as unknown as NodeJS.WritableStream);
}

export interface RequestLogLine {
  method: string;
  tenant: string | null;
  ms: number;
  /** 0 for success, else the JSON-RPC error code */
  code: number;
  outcome: string;
  transport: string;
  peer: string;
  notification?: boolean;
}

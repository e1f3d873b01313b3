// Small helpers shared by CLI commands: loading graphs, printing errors.
import * as fs from "node:fs";
import { QmkError, isQmkError } from "../errors.js";
import { parseAsm } from "../qvm/asm.js";

/** Read FILE ("-": stdin) as text: a missing file is MissingError (exit 3), any other failure INVALID_PARAMS naming `field`. */
export function readInputText(file: string, field: string): string {
  try {
    return readInput(file);
  } catch (e) {
    if (e instanceof MissingError) throw e;
    throw new QmkError("INVALID_PARAMS", `cannot read ${file}: ${(e as Error).message}`, { field });
  }
}

/** A graph's text: the upstream `.qvm.asm` form (by name, or when it is not a JSON object), else QVM JSON. */
export function parseGraphText(file: string, text: string): { graph: unknown; format: "asm" | "json" } {
  if (file.endsWith(".asm") || !text.trimStart().startsWith("{")) return { graph: parseAsm(text), format: "asm" };
  try {
    return { graph: JSON.parse(text), format: "json" };
  } catch (e) {
    throw new QmkError("INVALID_GRAPH", `${file} is not valid JSON: ${(e as Error).message}`, { field: "file" });
  }
}

/** Read a graph file ("-": stdin): JSON, or the upstream `.qvm.asm` text form. A missing file is exit 3. */
export function loadGraphFile(file: string): unknown {
  return parseGraphText(file, readInputText(file, "file")).graph;
}

export function describeError(e: unknown): string {
  if (isQmkError(e)) {
    const d = e.data;
    const where = [d.node ? `node ${d.node}` : "", d.field ? `field ${d.field}` : ""].filter(Boolean).join(", ");
    return `${e.codeName} (${e.code}): ${e.message}${where ? ` [${where}]` : ""}`;
  }
  const any = e as { codeName?: string; code?: number; message?: string };
  if (any?.codeName) return `${any.codeName} (${any.code}): ${any.message}`;
  return e instanceof Error ? e.message : String(e);
}

/** Parse `name=value` parameter bindings for angle expressions. */
export function parseBindings(list: string[] = []): Record<string, number> {
  const out: Record<string, number> = {};
  for (const b of list) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.+)$/.exec(b);
    const v = m ? Number(m[2]) : NaN;
    if (!m || !Number.isFinite(v)) throw new QmkError("INVALID_PARAMS", `--param expects name=number, got "${b}"`, { field: "param" });
    out[m[1]] = v;
  }
  return out;
}

/** A progress bar on stderr when it is a terminal; silent otherwise. */
export function terminalProgress(label: string): (done: number, total: number) => void {
  const tty = process.stderr.isTTY;
  let last = -1;
  return (done, total) => {
    if (!tty || total <= 0) return;
    const pct = Math.floor((100 * done) / total);
    if (pct === last && done < total) return;
    last = pct;
    const width = 30;
    const fill = Math.round((width * done) / total);
    process.stderr.write(`\r${label} [${"#".repeat(fill)}${"-".repeat(width - fill)}] ${pct}% (${done}/${total})`);
    if (done >= total) process.stderr.write("\n");
  };
}

// ---- exit codes and input conventions --------------------------------------
// 1 invalid input (the kernel or a parser refused what was given), 2 usage
// (a flag or argument the command does not take), 3 a missing file or data
// directory.
export const EXIT_INVALID = 1;
export const EXIT_USAGE = 2;
export const EXIT_MISSING = 3;

/** A command-line mistake: exit 2. */
export class UsageError extends Error {
  readonly exitCode = EXIT_USAGE;
}

/** A file or data directory that is not there: exit 3. */
export class MissingError extends Error {
  readonly exitCode = EXIT_MISSING;
}

export function exitCodeOf(e: unknown): number {
  if (e instanceof UsageError || e instanceof MissingError) return e.exitCode;
  const code = (e as { code?: unknown })?.code;
  if (code === "ENOENT" || code === "ENOTDIR") return EXIT_MISSING;
  if (typeof (e as { exitCode?: unknown })?.exitCode === "number") return (e as { exitCode: number }).exitCode;
  return EXIT_INVALID;
}

/** The text of FILE, or of stdin when FILE is "-". A missing file is exit 3. */
export function readInput(file: string): string {
  if (file === "-") return fs.readFileSync(0, "utf8");
  try {
    return fs.readFileSync(file, "utf8");
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === "ENOENT" || code === "ENOTDIR" || code === "EISDIR") throw new MissingError(`${file}: no such file`);
    throw e;
  }
}

/** `key=value` pairs with numeric values (quota settings). */
export function parseNumberPairs(list: string[], what: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of list) {
    const m = /^([a-z_][a-z0-9_]*)=(-?\d+(?:\.\d+)?)$/.exec(item);
    if (!m) throw new UsageError(`${what} expects key=number, got "${item}"`);
    out[m[1]] = Number(m[2]);
  }
  return out;
}

/** Write a secret (a token) to a file only its owner can read. */
export function writeSecret(file: string, text: string): void {
  fs.writeFileSync(file, text.endsWith("\n") ? text : text + "\n", { mode: 0o600 });
  fs.chmodSync(file, 0o600);
}

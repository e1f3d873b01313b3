// Small helpers shared by CLI commands: loading graphs, printing errors.
import * as fs from "node:fs";
import { QmkError, isQmkError } from "../errors.js";
import { parseAsm } from "../qvm/asm.js";

/** Read a graph file: JSON, or the upstream `.qvm.asm` text form. */
export function loadGraphFile(file: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    throw new QmkError("INVALID_PARAMS", `cannot read ${file}: ${(e as Error).message}`, { field: "file" });
  }
  if (file.endsWith(".asm") || !text.trimStart().startsWith("{")) return parseAsm(text);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new QmkError("INVALID_GRAPH", `${file} is not valid JSON: ${(e as Error).message}`, { field: "file" });
  }
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

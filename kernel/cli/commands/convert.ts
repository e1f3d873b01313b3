// `qmk convert FILE --to qasm2|qasm3|json` — between OpenQASM 2.0 / 3, QVM
// JSON and `.qvm.asm` (input), on stdout or into --out. What a target format
// cannot say (a condition over several bits in OpenQASM 2.0, an expression
// with no QASM spelling…) is refused with the node and field, never dropped.
import * as fs from "node:fs";
import { toQasm } from "../../qasm/export.js";
import type { QvmGraph } from "../../qvm/graph.js";
import { describeError, exitCodeOf, UsageError } from "../io.js";
import { loadProgram } from "./experiment.js";

export const CONVERT_TARGETS = ["qasm2", "qasm3", "json"] as const;

export function convertText(graph: QvmGraph, to: string): string {
  switch (to) {
    case "qasm2":
      return toQasm(graph, 2);
    case "qasm3":
      return toQasm(graph, 3);
    case "json":
      return JSON.stringify(graph, null, 2) + "\n";
    default:
      throw new UsageError(`--to must be one of ${CONVERT_TARGETS.join(", ")}, got "${to}"`);
  }
}

export function convertCommand(file: string, opts: { to?: string; out?: string }): number {
  try {
    if (!opts.to) throw new UsageError(`--to is required (${CONVERT_TARGETS.join(", ")})`);
    if (!(CONVERT_TARGETS as readonly string[]).includes(opts.to)) throw new UsageError(`--to must be one of ${CONVERT_TARGETS.join(", ")}, got "${opts.to}"`);
    const text = convertText(loadProgram(file).graph, opts.to);
    if (opts.out) fs.writeFileSync(opts.out, text);
    else process.stdout.write(text);
    return 0;
  } catch (e) {
    process.stderr.write(`qmk convert: ${describeError(e)}\n`);
    return exitCodeOf(e);
  }
}

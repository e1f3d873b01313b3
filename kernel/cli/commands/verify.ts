// `qmk verify FILE` — static verification of a QVM graph (JSON or .qvm.asm).
import { verifyGraph } from "../../qvm/verifier.js";
import { isQmkError } from "../../errors.js";
import { MissingError, UsageError, exitCodeOf, parseBindings } from "../io.js";
import { loadProgram } from "./experiment.js";

export function verifyCommand(file: string, opts: { json?: boolean; strict?: boolean; param?: string[] }): number {
  let result;
  try {
    result = verifyGraph(loadProgram(file).graph, { strict: !!opts.strict, params: parseBindings(opts.param) });
  } catch (e) {
    // a missing file (exit 3) or a usage mistake (exit 2) is not an invalid graph (exit 1)
    if (e instanceof MissingError || e instanceof UsageError) {
      process.stderr.write(`qmk verify: ${e.message}\n`);
      return exitCodeOf(e);
    }
    const err = isQmkError(e) ? { code: e.codeName, node: e.data.node ?? null, field: e.data.field ?? null, message: e.message } : { code: "INVALID_GRAPH", node: null, field: null, message: String(e) };
    result = { valid: false, errors: [err], warnings: [] };
  }
  const issues = (l: Array<{ code: string; node?: string | null; field?: string | null; message: string }>) =>
    l.map((i) => ({ code: i.code, node: i.node ?? null, field: i.field ?? null, message: i.message }));
  if (opts.json) {
    process.stdout.write(JSON.stringify({ valid: result.valid, errors: issues(result.errors), warnings: issues(result.warnings) }) + "\n");
  } else {
    for (const i of result.errors) process.stdout.write(`error   ${i.code}${i.node ? ` node ${i.node}` : ""}${i.field ? ` field ${i.field}` : ""}: ${i.message}\n`);
    for (const i of result.warnings) process.stdout.write(`warning ${i.code}${i.node ? ` node ${i.node}` : ""}${i.field ? ` field ${i.field}` : ""}: ${i.message}\n`);
    process.stdout.write(result.valid ? `${file}: valid\n` : `${file}: invalid (${result.errors.length} error(s))\n`);
  }
  return result.valid ? 0 : 1;
}

// The upstream `.qvm.asm` text form → QvmGraph.
//
//   .version 0.1
//   .caps CAP_ALLOC CAP_MEASURE          (spaces or commas)
//   .metadata key="value"
//   ; comment (to end of line, outside quotes)
//   label: OPCODE operands [, key=value …] [-> outputs] [if event==0|1] [[CAP_X, …]]
//
// Opcodes may use short names (`H`, `CNOT`). Positional operands fill, in
// order, the opcode's VQ operands, then its CH operands, then `inputs`
// (events); FREE_LQ takes all as VQs, ALLOC_LQ takes an optional count.
// Outputs are VQs for ALLOC_LQ, the CH for OPEN_CHAN, events otherwise.
// Values: "quoted string", number, or a bare token (an angle expression such
// as pi/4). Resources are declared in first-appearance order, which is the
// bit order of the executor's counts. Errors name the line.
import { QmkError } from "../errors.js";
import { guardTerms, type QvmGraph, type QvmNode } from "./graph.js";
import { lookupOpcode } from "./opcodes.js";

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
export const MAX_ASM_LENGTH = 4_000_000;

class AsmError extends QmkError {
  constructor(line: number, msg: string, field?: string) {
    super("INVALID_GRAPH", `line ${line}: ${msg}`, { line, ...(field ? { field } : {}) });
  }
}

/** Strip a `;` comment that is not inside a double-quoted string. */
function stripComment(s: string): string {
  let q = false;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '"' && s[i - 1] !== "\\") q = !q;
    else if (s[i] === ";" && !q) return s.slice(0, i);
  }
  return s;
}

/** Split on commas outside quotes and parentheses. */
function splitTop(s: string, line: number): string[] {
  const out: string[] = [];
  let depth = 0;
  let q = false;
  let cur = "";
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (ch === '"' && s[i - 1] !== "\\") q = !q;
    else if (!q && ch === "(") depth++;
    else if (!q && ch === ")") depth--;
    if (depth < 0) throw new AsmError(line, "unbalanced ')'");
    if (ch === "," && !q && depth === 0) {
      out.push(cur.trim());
      cur = "";
    } else cur += ch;
  }
  if (q) throw new AsmError(line, "unterminated string");
  if (depth !== 0) throw new AsmError(line, "unbalanced '('");
  if (cur.trim() !== "") out.push(cur.trim());
  else if (out.length) throw new AsmError(line, "trailing comma");
  return out;
}

function parseValue(raw: string, line: number, key: string): unknown {
  if (raw.startsWith('"')) {
    if (!raw.endsWith('"') || raw.length < 2) throw new AsmError(line, `bad string for ${key}`, `args.${key}`);
    try {
      return JSON.parse(raw) as string;
    } catch {
      throw new AsmError(line, `bad string for ${key}`, `args.${key}`);
    }
  }
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(raw)) return Number(raw);
  if (raw === "") throw new AsmError(line, `empty value for ${key}`, `args.${key}`);
  return raw; // expression (e.g. pi/4) or bare word (e.g. X)
}

function nameList(s: string, line: number, what: string): string[] {
  const names = s.split(",").map((x) => x.trim());
  for (const n of names) if (!NAME.test(n)) throw new AsmError(line, `bad ${what} name '${n}'`);
  return names;
}

export function parseAsm(text: string): QvmGraph {
  if (typeof text !== "string") throw new QmkError("INVALID_GRAPH", "asm source must be a string");
  if (text.length > MAX_ASM_LENGTH) throw new QmkError("INVALID_GRAPH", "asm source too large");
  let version: string | undefined;
  let caps: string[] | undefined;
  const metadata: Record<string, string> = {};
  const nodes: QvmNode[] = [];
  const vqs: string[] = [];
  const chs: string[] = [];
  const events: string[] = [];
  const declare = (list: string[], names: string[]) => names.forEach((n) => list.includes(n) || list.push(n));

  text.split(/\r?\n/).forEach((rawLine, i) => {
    const line = i + 1;
    const s = stripComment(rawLine).trim();
    if (!s) return;
    if (s.startsWith(".")) {
      const m = /^\.(\w+)\s*(.*)$/.exec(s);
      const [dir, val] = [m?.[1] ?? "", (m?.[2] ?? "").trim()];
      if (dir === "version") version = val.replace(/^"|"$/g, "");
      else if (dir === "caps") caps = val.split(/[\s,]+/).filter(Boolean);
      else if (dir === "metadata") {
        const kv = /^(\w+)\s*=\s*(.*)$/.exec(val);
        if (!kv) throw new AsmError(line, "expected .metadata key=value");
        metadata[kv[1]!] = kv[2]!.replace(/^"|"$/g, "");
      } else throw new AsmError(line, `unknown directive '.${dir}'`);
      return;
    }
    const lm = /^([A-Za-z_][A-Za-z0-9_]*)\s*:\s*(.*)$/.exec(s);
    if (!lm) throw new AsmError(line, "expected 'label: OPCODE …'", "id");
    const id = lm[1]!;
    let rest = lm[2]!;
    const node: QvmNode = { id, op: "" };

    const capsM = /\[([^\]"]*)\]\s*$/.exec(rest);
    if (capsM) {
      node.caps = capsM[1]!.split(/[\s,]+/).filter(Boolean);
      rest = rest.slice(0, capsM.index).trim();
    }
    const guardM = /\bif\s+([A-Za-z_][A-Za-z0-9_]*)\s*==\s*(\S+)\s*$/.exec(rest);
    if (guardM) {
      if (guardM[2] !== "0" && guardM[2] !== "1") throw new AsmError(line, "guard value must be 0 or 1", "guard.equals");
      node.guard = { event: guardM[1]!, equals: Number(guardM[2]) as 0 | 1 };
      rest = rest.slice(0, guardM.index).trim();
    } else if (/\bif\b/.test(rest.replace(/"[^"]*"/g, ""))) throw new AsmError(line, "guard must be 'if event==0|1'", "guard");
    let outputs: string[] = [];
    const arrow = rest.lastIndexOf("->");
    if (arrow >= 0 && !rest.slice(arrow).includes('"')) {
      outputs = nameList(rest.slice(arrow + 2), line, "output");
      rest = rest.slice(0, arrow).trim();
    }

    const om = /^(\S+)\s*(.*)$/.exec(rest);
    if (!om) throw new AsmError(line, "missing opcode", "op");
    const spec = lookupOpcode(om[1]!);
    if (!spec) throw new AsmError(line, `unknown opcode '${om[1]}'`, "op");
    node.op = spec.name;

    const args: Record<string, unknown> = {};
    const positional: string[] = [];
    for (const part of splitTop(om[2]!, line)) {
      const kv = /^([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/s.exec(part);
      if (kv && !part.startsWith('"')) {
        if (Object.hasOwn(args, kv[1]!)) throw new AsmError(line, `argument '${kv[1]}' given twice`, `args.${kv[1]}`);
        args[kv[1]!] = parseValue(kv[2]!.trim(), line, kv[1]!);
      } else positional.push(part);
    }

    const vqList: string[] = [];
    const chList: string[] = [];
    const inputs: string[] = [];
    if (spec.name === "ALLOC_LQ") {
      if (positional.length > 1) throw new AsmError(line, "ALLOC_LQ takes at most one positional operand (n)");
      if (positional.length === 1) {
        if (!/^\d+$/.test(positional[0]!)) throw new AsmError(line, "ALLOC_LQ count must be an integer", "args.n");
        if (args.n !== undefined) throw new AsmError(line, "ALLOC_LQ count given twice", "args.n");
        args.n = Number(positional[0]);
      }
      args.n ??= outputs.length;
      vqList.push(...outputs);
    } else {
      for (const p of positional) if (!NAME.test(p)) throw new AsmError(line, `bad operand '${p}'`, "vqs");
      const nv = spec.vqs === "n" ? positional.length : spec.vqs;
      const nc = spec.chEffect === "open" ? 0 : spec.chs;
      vqList.push(...positional.slice(0, nv));
      chList.push(...positional.slice(nv, nv + nc));
      inputs.push(...positional.slice(nv + nc));
      if (spec.chEffect === "open") chList.push(...outputs);
      else node.produces = outputs;
    }
    if (Object.keys(args).length) node.args = args;
    if (vqList.length) node.vqs = vqList;
    if (chList.length) node.chs = chList;
    if (inputs.length) node.inputs = inputs;
    if (!node.produces?.length) delete node.produces;

    declare(vqs, vqList);
    declare(chs, chList);
    declare(events, [...inputs, ...(node.produces ?? []), ...(node.guard ? guardTerms(node.guard).map((t) => t.event) : [])]);
    nodes.push(node);
  });

  if (version === undefined) version = "0.1";
  const g: QvmGraph = { version, program: { nodes }, resources: { vqs, chs, events } };
  if (caps) g.caps = caps;
  if (Object.keys(metadata).length) g.metadata = metadata;
  return g;
}

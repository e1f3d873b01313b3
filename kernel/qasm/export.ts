// QVM graph → OpenQASM 3 or 2.0 text that the official grammar accepts and
// that, imported again, gives the same distribution. What QASM cannot say is
// refused (INVALID_GRAPH naming the node and field), never written as a
// comment that changes the physics:
//  - angle expressions are translated (`^` → `**`, acos → arccos, e → euler…)
//    or refused (atan2, abs, floor… have no OpenQASM spelling);
//  - channel ops are written as the gates that make the same state
//    (OPEN_CHAN = a Bell pair: h a; cx a, b), with a comment;
//  - OpenQASM 2.0's `if` tests one whole register against an integer, so
//    each event gets its own 1-bit register there; conditions over several
//    events (multi-event guards, COND_PAULI on ≥ 2 inputs) need OpenQASM 3.
// Comments always stand on their own line (a trailing `//` would swallow a
// closing brace).
import { parse, type MathNode } from "mathjs";
import { QmkError } from "../errors.js";
import { guardTerms, type QvmGraph, type QvmNode } from "../qvm/graph.js";

export type QasmVersion = 2 | 3;

const GATES: Record<string, { 2: string; 3: string }> = {
  APPLY_H: { 2: "h", 3: "h" }, APPLY_X: { 2: "x", 3: "x" }, APPLY_Y: { 2: "y", 3: "y" }, APPLY_Z: { 2: "z", 3: "z" },
  APPLY_S: { 2: "s", 3: "s" }, APPLY_SDG: { 2: "sdg", 3: "sdg" }, APPLY_T: { 2: "t", 3: "t" }, APPLY_TDG: { 2: "tdg", 3: "tdg" },
  APPLY_RX: { 2: "rx", 3: "rx" }, APPLY_RY: { 2: "ry", 3: "ry" }, APPLY_RZ: { 2: "rz", 3: "rz" }, APPLY_U: { 2: "u3", 3: "U" },
  APPLY_CNOT: { 2: "cx", 3: "cx" }, TELEPORT_CNOT: { 2: "cx", 3: "cx" }, APPLY_CZ: { 2: "cz", 3: "cz" }, APPLY_SWAP: { 2: "swap", 3: "swap" },
  APPLY_CPHASE: { 2: "cu1", 3: "cp" }, APPLY_CCX: { 2: "ccx", 3: "ccx" }, APPLY_CSWAP: { 2: "cswap", 3: "cswap" },
};

/** Names a QASM program may not use for a parameter (keywords, constants, gate names). */
const RESERVED = new Set([
  "pi", "tau", "euler", "e", "input", "output", "qubit", "bit", "int", "uint", "float", "angle", "bool", "const", "gate", "measure", "reset",
  "barrier", "if", "else", "for", "while", "in", "let", "def", "return", "q", "c", "U", "CX", "gphase", "ctrl", "negctrl", "inv", "pow",
  "true", "false", "duration", "stretch", "complex", "array", "box", "delay", "durationof", "extern", "opaque", "qreg", "creg", "include",
  ...Object.values(GATES).flatMap((g) => [g[2], g[3]]),
]);

function refuse(node: QvmNode | undefined, field: string, msg: string): never {
  throw new QmkError("INVALID_GRAPH", msg, { ...(node ? { node: node.id } : {}), field });
}

/** A mathjs angle string → OpenQASM expression text (or refused). */
export function qasmExpr(v: unknown, version: QasmVersion, where: { node?: QvmNode; field: string }): string {
  if (typeof v === "number") {
    if (!Number.isFinite(v)) refuse(where.node, where.field, "angle is not finite");
    return num(v);
  }
  if (typeof v !== "string") refuse(where.node, where.field, "angle must be a number or an expression");
  let root: MathNode;
  try {
    root = parse(v);
  } catch (e) {
    refuse(where.node, where.field, `bad angle expression: ${String((e as Error).message)}`);
  }
  const no = (what: string): never => refuse(where.node, where.field, `${what} has no OpenQASM ${version === 2 ? "2.0" : "3"} spelling (in '${v}')`);
  const walk = (n: MathNode): string => {
    const x = n as unknown as { type: string; value?: unknown; name?: string; fn?: string | { name?: string }; op?: string; args?: MathNode[]; content?: MathNode };
    switch (x.type) {
      case "ConstantNode":
        if (typeof x.value !== "number") no(`constant ${String(x.value)}`);
        return num(x.value as number);
      case "ParenthesisNode":
        return `(${walk(x.content!)})`;
      case "SymbolNode": {
        const s = x.name!;
        if (s === "pi") return "pi";
        if (s === "tau") return version === 3 ? "tau" : "(2*pi)";
        if (s === "e") return version === 3 ? "euler" : num(Math.E);
        if (version === 2) no(`parameter '${s}' (OpenQASM 2.0 has no inputs: bind it first)`);
        if (RESERVED.has(s)) no(`parameter name '${s}'`);
        return s;
      }
      case "OperatorNode": {
        const fn = x.fn as string;
        const a = x.args!.map(walk);
        switch (fn) {
          case "unaryMinus":
            return `(-${a[0]})`;
          case "unaryPlus":
            return a[0]!;
          case "add":
            return `(${a[0]} + ${a[1]})`;
          case "subtract":
            return `(${a[0]} - ${a[1]})`;
          case "multiply":
            return `(${a[0]} * ${a[1]})`;
          case "divide":
            return `(${a[0]} / ${a[1]})`;
          case "pow":
            return version === 3 ? `(${a[0]} ** ${a[1]})` : `(${a[0]} ^ ${a[1]})`;
          case "mod":
            return version === 3 ? `(${a[0]} % ${a[1]})` : no("mod");
          default:
            return no(`operator '${x.op}'`);
        }
      }
      case "FunctionNode": {
        const name = typeof x.fn === "object" ? x.fn?.name : undefined;
        const a = x.args!.map(walk);
        const map: Record<string, string | undefined> = {
          sin: "sin", cos: "cos", tan: "tan", exp: "exp", sqrt: "sqrt", log: a.length === 1 ? "ln" : undefined,
          asin: version === 3 ? "arcsin" : undefined, acos: version === 3 ? "arccos" : undefined, atan: version === 3 ? "arctan" : undefined,
        };
        const q = name && Object.hasOwn(map, name) ? map[name] : undefined;
        if (!q || a.length !== 1) return no(`function ${name ?? "?"}(${a.length === 1 ? "" : "…"})`);
        return `${q}(${a[0]})`;
      }
      default:
        return no(x.type);
    }
  };
  return walk(root!);
}

function num(v: number): string {
  const s = String(v);
  return v < 0 ? `(${s})` : s; // exact: String(double) round-trips
}

/** The graph as OpenQASM text (3 by default). */
export function toQasm(g: QvmGraph, version: QasmVersion = 3): string {
  const vqs = g.resources.vqs;
  const qi = new Map(vqs.map((v, i) => [v, i]));
  const events = g.resources.events;
  // a one-event MEASURE_BELL holds a Bell index 0..3: two bits (z parity, x parity)
  const wide = new Set<string>();
  for (const nd of g.program.nodes) if (nd.op === "MEASURE_BELL" && nd.produces?.length === 1) wide.add(nd.produces[0]!);
  const slot = new Map<string, number>();
  let nbits = 0;
  for (const e of events) {
    slot.set(e, nbits);
    nbits += wide.has(e) ? 2 : 1;
  }
  const q = (nd: QvmNode, k: number): string => {
    const h = nd.vqs?.[k];
    const i = h === undefined ? undefined : qi.get(h);
    if (i === undefined) refuse(nd, `vqs[${k}]`, `handle '${h}' is not declared in resources.vqs`);
    return `q[${i}]`;
  };
  /** classical target: c[i] (3) or the event's own register (2) */
  const bit = (nd: QvmNode, e: string | undefined, field: string, hi = 0): string => {
    const s = e === undefined ? undefined : slot.get(e);
    if (s === undefined) refuse(nd, field, `event '${e}' is not declared in resources.events`);
    return version === 3 ? `c[${s + hi}]` : `c${s + hi}[0]`;
  };
  const condTerm = (nd: QvmNode, e: string, v: number, field: string): string =>
    version === 3 ? `${bit(nd, e, field)} == ${v}` : `c${slot.get(e) ?? refuse(nd, field, `event '${e}' is not declared in resources.events`)}==${v}`;

  const params = (g.metadata?.params as string[] | undefined) ?? [];
  const out: string[] = version === 3 ? ["OPENQASM 3.0;", 'include "stdgates.inc";'] : ["OPENQASM 2.0;", 'include "qelib1.inc";'];
  if (version === 3) for (const p of params) out.push(`input float[64] ${qasmExpr(p, 3, { field: "metadata.params" })};`);
  if (version === 2 && params.length) refuse(undefined, "metadata.params", `OpenQASM 2.0 has no inputs: bind the parameters (${params.join(", ")}) first`);
  if (vqs.length) out.push(version === 3 ? `qubit[${vqs.length}] q;` : `qreg q[${vqs.length}];`);
  if (nbits) {
    if (version === 3) out.push(`bit[${nbits}] c;`);
    else for (let i = 0; i < nbits; i++) out.push(`creg c${i}[1];`);
  }

  for (const nd of g.program.nodes) {
    const a = nd.args ?? {};
    const ang = (k: string) => qasmExpr(a[k], version, { node: nd, field: `args.${k}` });
    const lines: string[] = []; // statements (no trailing comments)
    const notes: string[] = []; // comment lines written before them
    const gate = GATES[nd.op];
    const measure = (k: number, e: string | undefined, field: string, hi = 0) =>
      version === 3 ? `${bit(nd, e, field, hi)} = measure ${q(nd, k)};` : `measure ${q(nd, k)} -> ${bit(nd, e, field, hi)};`;
    if (gate) {
      const ps = nd.op === "APPLY_U" ? `(${ang("theta")}, ${ang("phi")}, ${ang("lambda")})` : a.theta !== undefined ? `(${ang("theta")})` : "";
      lines.push(`${gate[version]}${ps} ${(nd.vqs ?? []).map((_, k) => q(nd, k)).join(", ")};`);
      if (nd.op === "TELEPORT_CNOT") notes.push(`// ${nd.id}: TELEPORT_CNOT (a CNOT by gate teleportation)`);
    } else {
      switch (nd.op) {
        case "ALLOC_LQ":
          notes.push(`// ${nd.id}: ALLOC_LQ ${(nd.vqs ?? []).map((_, k) => q(nd, k)).join(", ")}${a.profile ? ` profile ${String(a.profile).replace(/[\r\n]/g, " ")}` : ""}`);
          break;
        case "FREE_LQ":
          notes.push(`// ${nd.id}: FREE_LQ ${(nd.vqs ?? []).map((_, k) => q(nd, k)).join(", ")}`);
          break;
        case "RESET":
          lines.push(`reset ${q(nd, 0)};`);
          break;
        case "FENCE_EPOCH":
          lines.push(`barrier q;`);
          break;
        case "BAR_REGION":
        case "SET_POLICY":
          notes.push(`// ${nd.id}: ${nd.op}${a.tag !== undefined ? ` ${String(a.tag).replace(/[\r\n]/g, " ")}` : ""}`);
          break;
        case "INJECT_T_STATE":
          notes.push(`// ${nd.id}: INJECT_T_STATE (T magic state from a fresh qubit)`);
          lines.push(`h ${q(nd, 0)};`, `t ${q(nd, 0)};`);
          break;
        case "OPEN_CHAN":
          notes.push(`// ${nd.id}: OPEN_CHAN ${(nd.chs ?? []).join(" ")} = the Bell pair (|00>+|11>)/sqrt2 on fresh qubits`);
          lines.push(`h ${q(nd, 0)};`, `cx ${q(nd, 0)}, ${q(nd, 1)};`);
          break;
        case "USE_CHAN":
        case "CLOSE_CHAN":
          notes.push(`// ${nd.id}: ${nd.op} ${(nd.chs ?? []).join(" ")} (bookkeeping: no gate)`);
          break;
        case "MEASURE_Z":
          lines.push(nd.produces?.length ? measure(0, nd.produces[0], "produces[0]") : `measure ${q(nd, 0)};`);
          break;
        case "MEASURE_X":
        case "MEASURE_Y":
        case "MEASURE_ANGLE":
          if (nd.op === "MEASURE_Y") lines.push(`sdg ${q(nd, 0)};`);
          if (nd.op === "MEASURE_ANGLE") lines.push(`ry(-${ang("angle")}) ${q(nd, 0)};`);
          else lines.push(`h ${q(nd, 0)};`);
          lines.push(nd.produces?.length ? measure(0, nd.produces[0], "produces[0]") : `measure ${q(nd, 0)};`);
          break;
        case "MEASURE_BELL": {
          // kernel convention: (xParity, zParity) = bits of a, b after CNOT a→b; H a
          const p = nd.produces ?? [];
          lines.push(`cx ${q(nd, 0)}, ${q(nd, 1)};`, `h ${q(nd, 0)};`);
          if (p.length === 2) lines.push(measure(0, p[0], "produces[0]"), measure(1, p[1], "produces[1]"));
          else if (p.length === 1) {
            notes.push(`// ${nd.id}: MEASURE_BELL, Bell index in two bits: low = z parity, high = x parity`);
            lines.push(measure(1, p[0], "produces[0]"), measure(0, p[0], "produces[0]", 1));
          } else lines.push(`measure ${q(nd, 0)};`, `measure ${q(nd, 1)};`);
          break;
        }
        case "COND_PAULI": {
          const gates = String(a.mask ?? a.pauli ?? "")
            .toLowerCase()
            .split("")
            .filter((p) => p !== "i")
            .map((p) => `${p} ${q(nd, 0)};`);
          const ins = nd.inputs ?? [];
          notes.push(`// ${nd.id}: COND_PAULI ${String(a.mask ?? a.pauli ?? "")}${ins.length ? ` if the XOR of ${ins.join(", ")} is 1` : ""}`);
          if (ins.length === 0) lines.push(...gates);
          else if (version === 3) {
            // the XOR as one `if` per odd-parity assignment (conjunctions re-import as guards)
            if (ins.length > 8) refuse(nd, "inputs", "COND_PAULI on more than 8 events is not exported");
            for (let v = 0; v < 1 << ins.length; v++) {
              let par = 0;
              for (let k = 0; k < ins.length; k++) par ^= (v >> k) & 1;
              if (!par) continue;
              const c = ins.map((e, k) => `${bit(nd, e, `inputs[${k}]`)} == ${(v >> k) & 1}`).join(" && ");
              lines.push(`if (${c}) {`, ...gates.map((s) => `  ${s}`), `}`);
            }
          } else if (ins.length === 1 && !nd.guard) lines.push(...gates.map((s) => `if(${condTerm(nd, ins[0]!, 1, "inputs[0]")}) ${s}`));
          else refuse(nd, "inputs", "OpenQASM 2.0 cannot test the XOR of several events (or an event under a guard): export to OpenQASM 3");
          break;
        }
        default:
          refuse(nd, "op", `${nd.op} has no OpenQASM equivalent`);
      }
    }
    out.push(...notes);
    if (!nd.guard || lines.length === 0) {
      out.push(...lines);
      continue;
    }
    const terms = guardTerms(nd.guard);
    if (version === 3) {
      out.push(`if (${terms.map((t, k) => `${condTerm(nd, t.event, t.bit, "events" in nd.guard! ? `guard.events[${k}]` : "guard.event")}`).join(" && ")}) {`, ...lines.map((s) => `  ${s}`), `}`);
    } else {
      if (terms.length !== 1) refuse(nd, "guard", "OpenQASM 2.0's `if` tests one register: a guard over several events needs OpenQASM 3");
      const t = terms[0]!;
      const c = condTerm(nd, t.event, t.bit, "guard.event");
      out.push(...lines.map((s) => `if(${c}) ${s}`));
    }
  }
  return out.join("\n") + "\n";
}

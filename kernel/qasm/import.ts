// OpenQASM 2.0 / 3 → QVM graph. The program is walked statement by
// statement (the parse tree of the official grammar, parse.ts); gates map to
// opcodes (library.ts), user `gate` definitions are inlined, registers
// become handles and events. The result is an ordinary QVM graph: it goes
// through the same verifier and mediation as any other.
//
// Where QASM and QVM semantics differ, the translation keeps QASM's:
//  - a classical bit can be written many times, a QVM event once: every
//    measurement produces a fresh event; `metadata.qasm.bits` lists, per
//    declared bit (declaration order), the events that wrote it, and
//    `qasmCounts` keys counts by the bits' final values;
//  - a QASM qubit stays usable after measurement, a QVM qubit is consumed:
//    the next use re-prepares the post-measurement state |m⟩ exactly
//    (RESET, then X guarded on the event);
//  - `if (c == n)` becomes a guard over the events currently holding c's
//    bits (a multi-event guard); bits never measured are the constant 0.
// Everything else (classical arithmetic, loops, subroutines, modifiers,
// hardware qubits, opaque gates…) is refused with its line and column.
import * as P from "./generated/qasm3Parser.js";
import type { ParserRuleContext } from "antlr4ng";
import { parseQasm, qasmError } from "./parse.js";
import { constInt, expr, fold, toAngle, type Expr, type ExprScope } from "./expr.js";
import { LIBRARY_QASM, PRIMITIVES, type Arg } from "./library.js";
import type { QvmGraph, QvmGuard, QvmNode } from "../qvm/graph.js";
import { requiredRights } from "../qvm/opcodes.js";
import { QmkError } from "../errors.js";

export interface QasmMeta {
  version: 2 | 3;
  /** classical bits in declaration order, `c[0]` style */
  bits: string[];
  /** per bit, the events that wrote it, in program order */
  bitEvents: string[][];
  /** qubit registers: name → handles */
  qregs: Record<string, string[]>;
}

export interface ImportOptions {
  /** ALLOC_LQ profile (default: the kernel's default) */
  profile?: string;
}

interface GateDef {
  params: string[];
  qubits: string[];
  body: P.StatementOrScopeContext[];
}

type Cond = Map<string, 0 | 1> | "never";

const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

function at(ctx: ParserRuleContext | null | undefined, msg: string): QmkError {
  return qasmError(ctx?.start?.line ?? 0, (ctx?.start?.column ?? 0) + 1, msg);
}

let libraryTree: P.ProgramContext | undefined;

class Translator {
  version: 2 | 3 = 3;
  readonly nodes: QvmNode[] = [];
  readonly vqs: string[] = [];
  readonly events: string[] = [];
  readonly qregs = new Map<string, string[]>();
  /** creg name → bit indexes into `bits` */
  readonly cregs = new Map<string, number[]>();
  readonly bits: string[] = [];
  readonly bitEvents: string[][] = [];
  readonly gates = new Map<string, GateDef>();
  readonly consts = new Map<string, Expr>();
  readonly inputs = new Set<string>();
  /** qubit handle → event of its last measurement, while it is "measured" */
  readonly measured = new Map<string, string | null>();
  private libraryLoaded = false;
  private n = 0;
  private cond: Cond | undefined;

  constructor(private readonly opts: ImportOptions) {}

  scope(names: ReadonlyMap<string, Expr> = this.consts): ExprScope {
    return { version: this.version, names, inputs: this.inputs };
  }

  program(tree: P.ProgramContext): void {
    const v = tree.version();
    if (v) {
      const spec = v.VersionSpecifier().getText();
      if (spec === "2.0" || spec === "2") this.version = 2;
      else if (/^3(\.\d+)?$/.test(spec)) this.version = 3;
      else throw at(v, `unsupported OpenQASM version ${spec}`);
    }
    for (const s of tree.statementOrScope()) this.top(s);
    // qubits still held at the end are released (QASM has no free)
    const held = this.vqs.slice();
    if (held.length) this.emit({ op: "FREE_LQ", vqs: held }, "free");
  }

  private top(s: P.StatementOrScopeContext): void {
    const st = s.statement();
    if (!st) throw at(s, "a bare scope { … } is not supported");
    this.statement(st, new Map());
  }

  private loadLibrary(): void {
    if (this.libraryLoaded) return;
    this.libraryLoaded = true;
    libraryTree ??= parseQasm("OPENQASM 2.0;\n" + LIBRARY_QASM);
    for (const s of libraryTree.statementOrScope()) this.gateDef(s.statement()!.gateStatement()!, true);
  }

  /** `env`: inside an inlined gate, its qubit arguments → handles */
  private statement(st: P.StatementContext, env: Map<string, string>, params?: Map<string, Expr>): void {
    const inGate = params !== undefined;
    if (st.annotation().length) throw at(st, "annotations are not supported");
    if (st.pragma()) throw at(st, "pragmas are not supported");
    const g = st.gateCallStatement();
    if (g) return this.gateCall(g, env, params ?? this.consts);
    if (inGate) {
      if (st.barrierStatement()) return; // a barrier inside a gate body: no effect on the state
      throw at(st, "only gate calls and barriers may appear in a gate body");
    }
    let c;
    if ((c = st.includeStatement())) return this.include(c);
    if ((c = st.oldStyleDeclarationStatement())) return this.oldDecl(c);
    if ((c = st.quantumDeclarationStatement())) return this.qubitDecl(c);
    if ((c = st.classicalDeclarationStatement())) return this.classicalDecl(c);
    if ((c = st.constDeclarationStatement())) return this.constDecl(c);
    if ((c = st.ioDeclarationStatement())) return this.ioDecl(c);
    if ((c = st.gateStatement())) return this.gateDef(c, false);
    if ((c = st.measureArrowAssignmentStatement())) return this.measureArrow(c);
    if ((c = st.assignmentStatement())) return this.assignment(c);
    if ((c = st.resetStatement())) return this.reset(c);
    if ((c = st.barrierStatement())) return this.barrier(c);
    if ((c = st.ifStatement())) return this.ifStatement(c);
    const kind = st.getChild(st.getChildCount() - 1) as ParserRuleContext | null;
    const name = kind?.constructor?.name?.replace(/StatementContext$|Context$/, "") ?? "statement";
    throw at(st, `${name.replace(/^./, (x) => x.toLowerCase())} statements are not supported`);
  }

  private include(c: P.IncludeStatementContext): void {
    const file = JSON.parse(c.StringLiteral().getText().replace(/^'|'$/g, '"')) as string;
    if (file === "qelib1.inc" || file === "stdgates.inc") return this.loadLibrary();
    throw at(c, `include "${file}" is not available (only qelib1.inc and stdgates.inc)`);
  }

  private handleName(reg: string, i: number, used: Set<string>): string {
    let h = NAME_RE.test(reg) && reg.length < 50 ? `${reg}_${i}` : `r${this.qregs.size}_${i}`;
    while (used.has(h)) h = `_${h}`;
    return h;
  }

  private declareQubits(ctx: ParserRuleContext, name: string, size: number): void {
    if (this.qregs.has(name) || this.cregs.has(name)) throw at(ctx, `'${name}' is already declared`);
    if (size < 1) throw at(ctx, "register size must be at least 1");
    const used = new Set(this.vqs);
    const hs = Array.from({ length: size }, (_, i) => this.handleName(name, i, used));
    this.qregs.set(name, hs);
    this.vqs.push(...hs);
    this.emit({ op: "ALLOC_LQ", args: { n: size, ...(this.opts.profile ? { profile: this.opts.profile } : {}) }, vqs: hs }, "alloc");
  }

  private declareBits(ctx: ParserRuleContext, name: string, size: number): void {
    if (this.qregs.has(name) || this.cregs.has(name) || this.consts.has(name)) throw at(ctx, `'${name}' is already declared`);
    const idx: number[] = [];
    for (let i = 0; i < size; i++) {
      idx.push(this.bits.length);
      this.bits.push(size === 1 && this.version === 3 && !name.includes("[") ? `${name}[${i}]` : `${name}[${i}]`);
      this.bitEvents.push([]);
    }
    this.cregs.set(name, idx);
  }

  private oldDecl(c: P.OldStyleDeclarationStatementContext): void {
    const name = c.Identifier().getText();
    const d = c.designator();
    const size = d ? constInt(d.expression(), this.scope(), "register size") : 1;
    if (c.QREG()) this.declareQubits(c, name, size);
    else this.declareBits(c, name, size);
  }

  private qubitDecl(c: P.QuantumDeclarationStatementContext): void {
    const d = c.qubitType().designator();
    this.declareQubits(c, c.Identifier().getText(), d ? constInt(d.expression(), this.scope(), "register size") : 1);
  }

  private classicalDecl(c: P.ClassicalDeclarationStatementContext): void {
    const t = c.scalarType();
    const name = c.Identifier().getText();
    if (t?.BIT()) {
      const d = t.designator();
      this.declareBits(c, name, d ? constInt(d.expression(), this.scope(), "register size") : 1);
      const init = c.declarationExpression();
      if (init) {
        const m = init.measureExpression();
        if (!m) throw at(init, "a bit register can only be initialized by a measurement");
        this.measure(m.gateOperand(), this.cregs.get(name)!.map((b) => b), m);
      }
      return;
    }
    if (t && (t.FLOAT() || t.ANGLE() || t.INT() || t.UINT())) {
      const init = c.declarationExpression()?.expression();
      if (!init) throw at(c, `'${name}' needs a constant initializer (classical variables are not supported)`);
      this.constant(c, name, init);
      return;
    }
    throw at(c, "this classical type is not supported");
  }

  private constant(c: ParserRuleContext, name: string, init: P.ExpressionContext): void {
    if (this.consts.has(name) || this.qregs.has(name) || this.cregs.has(name) || this.inputs.has(name)) throw at(c, `'${name}' is already declared`);
    this.consts.set(name, expr(init, this.scope()));
  }

  private constDecl(c: P.ConstDeclarationStatementContext): void {
    const e = c.declarationExpression().expression();
    if (!e) throw at(c, "const needs an expression");
    this.constant(c, c.Identifier().getText(), e);
  }

  private ioDecl(c: P.IoDeclarationStatementContext): void {
    if (c.OUTPUT()) throw at(c, "output declarations are not supported (every measured bit is an output)");
    const t = c.scalarType();
    if (!t || !(t.FLOAT() || t.ANGLE())) throw at(c, "only `input float` and `input angle` parameters are supported");
    const name = c.Identifier().getText();
    if (!NAME_RE.test(name)) throw at(c, `parameter name '${name}' must be ASCII letters, digits, _`);
    if (["pi", "tau", "e", "euler"].includes(name) || this.consts.has(name) || this.inputs.has(name)) throw at(c, `'${name}' is already declared`);
    this.inputs.add(name);
  }

  private gateDef(c: P.GateStatementContext, library: boolean): void {
    const name = c.Identifier().getText();
    const lists = c.identifierList();
    const params = c._params ? c._params.Identifier().map((i) => i.getText()) : [];
    const qubits = (c._qubits ?? lists[lists.length - 1]!).Identifier().map((i) => i.getText());
    if (!library && (this.gates.has(name) || Object.hasOwn(PRIMITIVES, name)) && !this.gates.has(name)) {
      // a file may re-define a standard gate (QASMBench does for cu1/cH…): its own definition wins
    }
    this.gates.set(name, { params, qubits, body: c.scope().statementOrScope() });
  }

  /** Operand → the handles it names (a whole register broadcasts). */
  private operand(o: P.GateOperandContext, env: Map<string, string>): string[] {
    if (o.HardwareQubit()) throw at(o, "hardware qubits ($n) are not supported");
    const id = o.indexedIdentifier()!;
    const name = id.Identifier().getText();
    const ops = id.indexOperator();
    if (env.size || env.has(name)) {
      const h = env.get(name);
      if (h === undefined) throw at(o, `'${name}' is not a qubit argument of this gate`);
      if (ops.length) throw at(o, "gate arguments cannot be indexed");
      return [h];
    }
    const reg = this.qregs.get(name);
    if (!reg) throw at(o, `'${name}' is not a declared qubit register`);
    return this.index(reg, ops, o);
  }

  private index<T>(reg: T[], ops: P.IndexOperatorContext[], ctx: ParserRuleContext): T[] {
    if (ops.length === 0) return reg;
    if (ops.length > 1 || ops[0]!.expression().length !== 1 || ops[0]!.rangeExpression().length) throw at(ctx, "only a single constant index [i] is supported");
    const i = constInt(ops[0]!.expression(0)!, this.scope(), "index");
    if (i >= reg.length) throw at(ctx, `index ${i} is out of range (size ${reg.length})`);
    return [reg[i]!];
  }

  private bitOperand(id: P.IndexedIdentifierContext): number[] {
    const name = id.Identifier().getText();
    const reg = this.cregs.get(name);
    if (!reg) throw at(id, `'${name}' is not a declared classical register`);
    return this.index(reg, id.indexOperator(), id);
  }

  /** Lines up broadcast operands: every register the same size, singles repeated. */
  private broadcast(ctx: ParserRuleContext, lists: string[][]): string[][] {
    const sizes = new Set(lists.filter((l) => l.length > 1).map((l) => l.length));
    if (sizes.size > 1) throw at(ctx, "registers of different sizes in one operation");
    const n = sizes.size ? [...sizes][0]! : 1;
    return Array.from({ length: n }, (_, k) => lists.map((l) => (l.length === 1 ? l[0]! : l[k]!)));
  }

  private gateCall(g: P.GateCallStatementContext, env: Map<string, string>, names: ReadonlyMap<string, Expr>): void {
    if (g.gateModifier().length) throw at(g, "gate modifiers (ctrl @, inv @, pow @) are not supported");
    if (g.designator()) throw at(g, "gate durations are not supported");
    if (g.GPHASE()) return; // a global phase: invisible to every measurement of an uncontrolled gate
    const name = g.Identifier()!.getText();
    const argCtx = g.expressionList()?.expression() ?? [];
    const args = argCtx.map((e) => expr(e, this.scope(names)));
    const lists = g.gateOperandList()!.gateOperand().map((o) => this.operand(o, env));
    for (const qs of this.broadcast(g, lists)) {
      if (new Set(qs).size !== qs.length) throw at(g, `${name} names the same qubit twice`);
      this.apply(g, name, args, qs);
    }
  }

  private static depth = 0;

  private apply(g: ParserRuleContext, name: string, args: Expr[], qs: string[]): void {
    const def = this.gates.get(name);
    const prim = Object.hasOwn(PRIMITIVES, name) ? PRIMITIVES[name] : undefined;
    const always = name === "U" || name === "CX";
    if (def) {
      if (def.params.length !== args.length) throw at(g, `${name} takes ${def.params.length} parameter(s), got ${args.length}`);
      if (def.qubits.length !== qs.length) throw at(g, `${name} takes ${def.qubits.length} qubit(s), got ${qs.length}`);
      if (Translator.depth > 64) throw at(g, `gate definitions nest deeper than 64 (recursive '${name}'?)`);
      const env = new Map(def.qubits.map((q, i) => [q, qs[i]!]));
      const params = new Map(def.params.map((p, i) => [p, args[i]!]));
      Translator.depth++;
      try {
        for (const s of def.body) {
          const st = s.statement();
          if (!st) throw at(s, "nested scopes are not supported in a gate body");
          this.statement(st, env, params);
        }
      } finally {
        Translator.depth--;
      }
      return;
    }
    if (!prim || (!always && !this.libraryLoaded && !(this.version === 3 && name === "U"))) {
      throw at(g, prim ? `gate '${name}' needs include "${this.version === 2 ? "qelib1.inc" : "stdgates.inc"}"` : `unknown gate '${name}'`);
    }
    if (prim.params !== args.length) throw at(g, `${name} takes ${prim.params} parameter(s), got ${args.length}`);
    if (prim.qubits !== qs.length) throw at(g, `${name} takes ${prim.qubits} qubit(s), got ${qs.length}`);
    if (prim.op === null) return; // identity
    const a: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(prim.args?.(args) ?? {})) a[k] = typeof v === "object" ? toAngle(v as Expr, g.start ? { start: g.start } : { start: null }) : v;
    this.revive(qs);
    this.emit({ op: prim.op, vqs: qs, ...(Object.keys(a).length ? { args: a } : {}) });
  }

  /** Measured qubits about to be used again: re-prepare |m⟩ (RESET, X if m = 1); unguarded, the state is unchanged. */
  private revive(qs: string[]): void {
    for (const q of qs) {
      if (!this.measured.has(q)) continue;
      const ev = this.measured.get(q)!;
      this.measured.delete(q);
      const saved = this.cond;
      this.cond = undefined;
      this.emit({ op: "RESET", vqs: [q] });
      if (ev !== null) this.emit({ op: "APPLY_X", vqs: [q], guard: { event: ev, equals: 1 } });
      this.cond = saved;
    }
  }

  private measure(o: P.GateOperandContext, bits: number[] | null, ctx: ParserRuleContext): void {
    if (this.cond) throw at(ctx, "measure inside `if` is not supported");
    const qs = this.operand(o, new Map());
    if (bits && bits.length !== qs.length) throw at(ctx, `measuring ${qs.length} qubit(s) into ${bits.length} bit(s)`);
    qs.forEach((q, k) => {
      this.revive([q]);
      const b = bits?.[k];
      const ev = this.freshEvent(b === undefined ? "m" : this.bits[b]!.replace(/\[(\d+)\]$/, "_$1"));
      this.emit({ op: "MEASURE_Z", vqs: [q], produces: [ev] }, "meas");
      if (b !== undefined) this.bitEvents[b]!.push(ev);
      this.measured.set(q, ev);
    });
  }

  private freshEvent(base: string): string {
    const b = NAME_RE.test(base) && base.length < 50 ? base : "m";
    let ev = `${b}_${this.bitEvents.reduce((n, l) => n + l.length, 0)}`;
    while (this.events.includes(ev)) ev = `_${ev}`;
    this.events.push(ev);
    return ev;
  }

  private measureArrow(c: P.MeasureArrowAssignmentStatementContext): void {
    const m = c.measureExpression();
    if (!m) throw at(c, "only `measure` may be assigned to bits");
    const target = c.indexedIdentifier();
    this.measure(m.gateOperand(), target ? this.bitOperand(target) : null, c);
  }

  private assignment(c: P.AssignmentStatementContext): void {
    const m = c.measureExpression();
    if (!m || !c.EQUALS()) throw at(c, "classical assignments are not supported (only `c = measure q;`)");
    this.measure(m.gateOperand(), this.bitOperand(c.indexedIdentifier()), c);
  }

  private reset(c: P.ResetStatementContext): void {
    if (this.cond) throw at(c, "reset inside `if` is not supported");
    for (const q of this.operand(c.gateOperand(), new Map())) {
      this.measured.delete(q);
      this.emit({ op: "RESET", vqs: [q] });
    }
  }

  private barrier(c: P.BarrierStatementContext): void {
    // a scheduling fence: the QVM's FENCE_EPOCH (written back as `barrier`)
    for (const o of c.gateOperandList()?.gateOperand() ?? []) this.operand(o, new Map());
    this.emit({ op: "FENCE_EPOCH", args: { tag: "barrier" } }, "barrier");
  }

  /** The condition of an `if`: bit → required value; constant bits decided now. */
  private condition(e: P.ExpressionContext): Cond {
    let neg = false;
    let x: P.ExpressionContext = e;
    while (x instanceof P.ParenthesisExpressionContext) x = x.expression();
    if (x instanceof P.LogicalAndExpressionContext) {
      // a && b: both conditions; contradictory requirements on one event never hold
      const a = this.condition(x.expression(0)!), b = this.condition(x.expression(1)!);
      if (a === "never" || b === "never") return "never";
      for (const [ev, v] of b) {
        if (a.has(ev) && a.get(ev) !== v) return "never";
        a.set(ev, v);
      }
      return a;
    }
    if (x instanceof P.UnaryExpressionContext && x._op?.text === "!") {
      neg = true;
      x = x.expression();
    }
    let bitsCtx: P.ExpressionContext = x, value = 1, not = neg;
    if (x instanceof P.EqualityExpressionContext) {
      const op = x.EqualityOperator().getText();
      const [l, r] = [x.expression(0)!, x.expression(1)!];
      const lv = fold0(l, this), rv = fold0(r, this);
      if (rv !== undefined) [bitsCtx, value] = [l, rv];
      else if (lv !== undefined) [bitsCtx, value] = [r, lv];
      else throw at(x, "a condition compares a classical register with a constant");
      if (op === "!=") not = !not;
    }
    const bits = this.condBits(bitsCtx);
    if (!Number.isInteger(value) || value < 0 || value >= 2 ** bits.length) return not ? new Map() : "never";
    if (not) {
      if (bits.length !== 1) throw at(e, "`!=` on a multi-bit register is not supported");
      value ^= 1;
    }
    const cond = new Map<string, 0 | 1>();
    for (let k = 0; k < bits.length; k++) {
      const want = ((value >> k) & 1) as 0 | 1;
      const evs = this.bitEvents[bits[k]!]!;
      const ev = evs[evs.length - 1];
      if (ev === undefined) {
        if (want !== 0) return "never"; // never measured: 0
      } else cond.set(ev, want);
    }
    return cond;
  }

  private condBits(x: P.ExpressionContext): number[] {
    if (x instanceof P.LiteralExpressionContext && x.Identifier()) {
      const reg = this.cregs.get(x.Identifier()!.getText());
      if (reg) return reg;
    }
    if (x instanceof P.IndexExpressionContext) {
      const base = x.expression();
      if (base instanceof P.LiteralExpressionContext && base.Identifier()) {
        const reg = this.cregs.get(base.Identifier()!.getText());
        if (reg) return this.index(reg, [x.indexOperator()], x);
      }
    }
    throw at(x, "a condition must test a classical register or bit (`c == n`, `c[i] == b`)");
  }

  private ifStatement(c: P.IfStatementContext): void {
    if (this.cond) throw at(c, "nested `if` is not supported");
    const cond = this.condition(c.expression());
    const bodies = c.statementOrScope();
    this.guarded(cond, bodies[0]!);
    if (c.ELSE()) {
      if (cond !== "never" && cond.size > 1) throw at(c, "`else` of a multi-bit condition is not supported");
      const inv: Cond = cond === "never" ? new Map() : cond.size === 0 ? "never" : new Map([...cond].map(([k, v]) => [k, (v ^ 1) as 0 | 1]));
      this.guarded(inv, bodies[1]!);
    }
  }

  private guarded(cond: Cond, body: P.StatementOrScopeContext): void {
    this.cond = cond;
    try {
      const list = body.scope() ? body.scope()!.statementOrScope() : [body];
      for (const s of list) {
        const st = s.statement();
        if (!st) throw at(s, "nested scopes are not supported");
        if (!st.gateCallStatement()) throw at(st, "only gate calls are supported inside `if`");
        this.statement(st, new Map());
      }
    } finally {
      this.cond = undefined;
    }
  }

  private emit(nd: Omit<QvmNode, "id">, prefix = nd.op.replace(/^APPLY_/, "").toLowerCase()): void {
    const cond = this.cond;
    if (cond === "never") return; // the condition can never hold (tests a bit that is constant 0)
    const node: QvmNode = { id: `${prefix}_${this.n++}`, ...nd };
    if (cond && cond.size) {
      if (node.guard) throw new QmkError("INTERNAL_ERROR", "guard on a guarded node");
      node.guard = toGuard(cond);
    }
    this.nodes.push(node);
  }

  graph(): QvmGraph {
    const meta: QasmMeta = {
      version: this.version,
      bits: this.bits,
      bitEvents: this.bitEvents,
      qregs: Object.fromEntries(this.qregs),
    };
    return {
      version: "0.1",
      program: { nodes: this.nodes },
      resources: { vqs: this.vqs, chs: [], events: this.events },
      caps: requiredRights(this.nodes.map((n) => n.op)),
      metadata: { generator: "qmk-qasm-import", qasm: meta, ...(this.inputs.size ? { params: [...this.inputs] } : {}) },
    };
  }
}

function fold0(e: P.ExpressionContext, t: Translator): number | undefined {
  try {
    return fold(expr(e, t.scope()));
  } catch {
    return undefined;
  }
}

/** A condition over events → a QVM guard (one event: `{event, equals}`; several: `{events, equals}` with events[k] = bit k). */
function toGuard(cond: Map<string, 0 | 1>): QvmGuard {
  const entries = [...cond];
  if (entries.length === 1) return { event: entries[0]![0], equals: entries[0]![1] };
  if (entries.length > 31) throw new QmkError("INVALID_GRAPH", "a condition may test at most 31 bits", { field: "qasm" });
  let equals = 0;
  entries.forEach(([, v], k) => (equals |= v << k));
  return { events: entries.map(([e]) => e), equals };
}

/** OpenQASM 2.0 or 3 program text → QVM graph (throws INVALID_GRAPH with line and column). */
export function qasmToGraph(text: unknown, opts: ImportOptions = {}): QvmGraph {
  const tree = parseQasm(text);
  const t = new Translator(opts);
  t.program(tree);
  if (t.vqs.length === 0) throw new QmkError("INVALID_GRAPH", "OpenQASM program declares no qubits", { field: "qasm" });
  return t.graph();
}

/** The QASM metadata of an imported graph, if it is one. */
export function qasmMeta(g: QvmGraph): QasmMeta | undefined {
  const m = g.metadata?.qasm as QasmMeta | undefined;
  return m && Array.isArray(m.bits) && Array.isArray(m.bitEvents) ? m : undefined;
}

/**
 * Counts keyed by the classical bits of an imported program, in declaration
 * order (first declared bit leftmost): each bit's value is that of the last
 * event that wrote it in the shot ('0' if none did, as QASM bits start at 0).
 */
export function qasmCounts(meta: QasmMeta, eventsOrder: readonly string[], counts: Record<string, number>): Record<string, number> {
  const pos = new Map(eventsOrder.map((e, i) => [e, i]));
  const out: Record<string, number> = {};
  for (const [key, n] of Object.entries(counts)) {
    let k = "";
    for (const evs of meta.bitEvents) {
      let ch = "0";
      for (let j = evs.length - 1; j >= 0; j--) {
        const c = key[pos.get(evs[j]!) ?? -1];
        if (c === "0" || c === "1") {
          ch = c;
          break;
        }
      }
      k += ch;
    }
    out[k] = (out[k] ?? 0) + n;
  }
  return out;
}

export type { Arg };

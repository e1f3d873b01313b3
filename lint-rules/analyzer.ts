// Abstract interpreter: transfer functions for the DSL over the CFG.
// Abstract objects are allocation sites (qubits, containers, sessions, channels,
// loans); variables and container fields point to sets of them (alias sets);
// each qubit/channel carries a typestate set (dataflow.ts). Facts are recorded
// only in the final pass over the fixpoint's in-states.
import { ts } from "ts-morph";
import { buildCfg, type Cfg, type LoopInfo } from "./cfg.js";
import { type AState, type ObjState, LIVE, MEASURED, FREED, REVOKED, clone, emptyState, join, joinObj, solve, unionComp } from "./dataflow.js";
import type { Fact, ObjKind, ObjMeta, Target } from "./facts.js";
import {
  ALLOC_MANY, ALLOC_ONE, ALLOC_RIGHT, CHANNEL_METHODS, ELEMENT_CALLBACKS, FLUENT_CONSUME, FLUENT_GATES,
  FREE_FUNCTIONS, SESSION_FACTORIES, type OpSpec,
} from "./model.js";
import { brandFromTypeText, brandTenant, innermostCastOperand, isInlineCallback, isNeverQubit, literalKey, propName } from "./syntax.js";

type Vals = Set<number>;
const EMPTY: Vals = new Set();
const LOOP_ELEMS = -1_000_000; // synthetic env keys: loop id → its element stand-ins
const LOOP_PLAIN = -2_000_000; // loop id → plain (non-qubit) elements bound to the loop variable
const MAX_LITERAL_ALLOC = 64;

/** What a local helper does, seen from a call: per parameter, and what it returns. */
interface Summary {
  requiresLive: boolean[];
  exitMask: number[];
  /** Parameter handed to code we cannot see inside the helper. */
  escapes: boolean[];
  /** Parameters returned (the call's value aliases those arguments). */
  returnsParams: number[];
  /** Qubits allocated inside and returned: each call yields fresh ones. */
  returnsFresh: number[];
}

export class Analyzer {
  readonly meta: ObjMeta[] = [];
  readonly facts: Fact[] = [];
  private readonly memo = new Map<ts.Node, Map<string, number>>();
  private readonly cfgs = new Map<ts.Node, Cfg>();
  private readonly loopOf = new Map<ts.Node, LoopInfo>();
  private readonly symIds = new Map<ts.Symbol, number>();
  private readonly nameIds = new Map<string, number>();
  private readonly summaries = new Map<ts.Node, Summary | "pending">();
  private readonly factKeys = new Set<string>();
  /** Function body → objects its return statements yield (for helper summaries). */
  private readonly returned = new Map<ts.Node, Set<number>>();
  private reporting = false;
  /** Unit currently analysed (for leak messages and param objects). */
  private unit: ts.Node | undefined;

  constructor(
    private readonly sf: ts.SourceFile,
    private readonly checker: ts.TypeChecker | undefined,
    readonly scopeLabel = "the file",
    /** Printed type of the node at [start, end) from a full program (editor), e.g. `Qubit<"alice">`. */
    private readonly typeText?: (start: number, end: number) => string | undefined,
  ) {}

  /** Analyses the file body and every function that is not an inlined callback. */
  run(): void {
    this.analyzeUnit(this.sf);
    const visit = (n: ts.Node): void => {
      if (ts.isFunctionLike(n) && (n as ts.FunctionLikeDeclaration).body && !isInlineCallback(n)) this.analyzeUnit(n);
      ts.forEachChild(n, visit);
    };
    ts.forEachChild(this.sf, visit);
  }

  // ---------------------------------------------------------------- units

  private cfgOf(body: ts.Node): Cfg {
    let c = this.cfgs.get(body);
    if (!c) {
      c = buildCfg(body);
      for (const l of c.loops) this.loopOf.set(l.stmt, l);
      this.cfgs.set(body, c);
    }
    return c;
  }

  /** The file imports the DSL (or a `qmk` package): receivers we cannot resolve may be sessions. */
  private usesDslCache: boolean | undefined;
  private get usesDsl(): boolean {
    return this.usesDslCache ??= this.sf.statements.some((st) => ts.isImportDeclaration(st) && ts.isStringLiteral(st.moduleSpecifier)
      && /(^|[/@])(dsl|qmk)([/.-]|$)/.test(st.moduleSpecifier.text));
  }

  /** `s`, `this.s`, `ctx.alice`, `getSession()` — but not an undeclared global such as `Buffer`. */
  private isLocalReceiver(e: ts.Expression): boolean {
    if (ts.isIdentifier(e)) {
      const d = this.checker?.getSymbolAtLocation(e)?.declarations?.[0];
      return this.checker ? !!d && d.getSourceFile() === this.sf && !ts.isImportSpecifier(d) && !ts.isNamespaceImport(d) : true;
    }
    if (ts.isParenthesizedExpression(e) || ts.isNonNullExpression(e) || ts.isAwaitExpression(e)) return this.isLocalReceiver(e.expression);
    return ts.isPropertyAccessExpression(e) || ts.isCallExpression(e) || ts.isElementAccessExpression(e) || e.kind === ts.SyntaxKind.ThisKeyword;
  }

  /** Internal failures (a construct the analysis does not handle): the unit is skipped, the rest still linted. */
  readonly internalErrors: string[] = [];

  private analyzeUnit(unit: ts.Node): void {
    try { this.analyzeUnitUnsafe(unit); }
    catch (e) {
      const at = this.sf.getLineAndCharacterOfPosition(unit.getStart(this.sf)).line + 1;
      this.internalErrors.push(`line ${at}: ${(e as Error).message}`);
    }
  }

  private analyzeUnitUnsafe(unit: ts.Node): void {
    const saved = this.unit; this.unit = unit;
    const { cfg, inStates } = this.solveUnit(unit);
    this.reportPass(cfg, inStates);
    const exit = inStates.get(cfg.exit);
    const was = this.reporting; this.reporting = true;
    if (exit) this.checkLeaks(exit, unit);
    this.reporting = was;
    this.unit = saved;
  }

  private solveUnit(unit: ts.Node): { cfg: Cfg; inStates: Map<number, AState> } {
    const body = ts.isSourceFile(unit) ? unit : (unit as ts.FunctionLikeDeclaration).body!;
    const cfg = this.cfgOf(body);
    const entry = emptyState();
    if (!ts.isSourceFile(unit)) this.bindParams(unit as ts.FunctionLikeDeclaration, entry);
    const wasReporting = this.reporting; this.reporting = false;
    const inStates = solve(cfg, entry, (id, s) => this.transfer(cfg, id, s));
    this.reporting = wasReporting;
    return { cfg, inStates };
  }

  private reportPass(cfg: Cfg, inStates: Map<number, AState>): void {
    const was = this.reporting; this.reporting = true;
    for (const n of cfg.nodes) { const s = inStates.get(n.id); if (s) this.transfer(cfg, n.id, s); }
    this.reporting = was;
  }

  private externalQubit(d: ts.VariableDeclaration, name: ts.Identifier, st: AState): Vals {
    const type = d.type && this.resolveAlias(d.type);
    let tenant = type ? brandTenant(type) : undefined;
    if (tenant === undefined && type && this.typeText) tenant = brandFromTypeText(this.typeText(name.getStart(this.sf), name.getEnd()));
    if (tenant === undefined) return EMPTY;
    const id = this.obj(d, "external", "qubit", name.text);
    const m = this.meta[id];
    m.param = true; m.tenant = tenant;
    if (!st.obj.has(id)) st.obj.set(id, { mask: LIVE, weak: false, at: [] });
    return new Set([id]);
  }

  /** Parameters are live qubits owned by the caller (never leaks); tenant from a `Qubit<"t">` annotation. */
  private bindParams(fn: ts.FunctionLikeDeclaration, st: AState): void {
    for (const p of fn.parameters) {
      if (!ts.isIdentifier(p.name)) continue;
      const id = this.obj(p, "param", "qubit", p.name.text);
      const m = this.meta[id];
      m.param = true;
      const type = p.type && this.resolveAlias(p.type);
      let tenant = type ? brandTenant(type) : undefined;
      if (tenant === undefined && type && this.typeText) {
        // Types from other files (aliases, generics) through the editor's type checker.
        tenant = brandFromTypeText(this.typeText(p.name.getStart(this.sf), p.name.getEnd()));
      }
      if (tenant !== undefined) m.tenant = tenant;
      m.loose = !type || tenant === undefined;
      // Clearly not a qubit (number, string, a literal, a function…): bind nothing. Type
      // parameters, any/unknown and unresolved names stay bound as "loose" parameters.
      if (type && tenant === undefined && isNeverQubit(type)) continue;
      st.env.set(this.key(p.name), new Set([id]));
      st.obj.set(id, { mask: LIVE, weak: false, at: [] });
    }
  }

  private checkLeaks(st: AState, scope: ts.Node): void {
    for (const [id, os] of st.obj) {
      const m = this.meta[id];
      if (m.kind !== "qubit" || m.shadow || m.param || os.weak || !(os.mask & LIVE) || st.escaped.has(id)) continue;
      this.fact({ kind: "leak", obj: id, state: os, where: "exit", scope, node: m.site });
    }
  }

  /** Runs an inlined callback body from `st`; returns the state at its end. */
  private runBody(fn: ts.FunctionLikeDeclaration, st: AState, args: Vals[]): AState {
    if (!fn.body) return st;
    const entry = clone(st);
    fn.parameters.forEach((p, i) => this.bind(p.name, args[i] ?? EMPTY, entry));
    const cfg = this.cfgOf(fn.body);
    const was = this.reporting; this.reporting = false;
    const inStates = solve(cfg, entry, (id, s) => this.transfer(cfg, id, s));
    this.reporting = was;
    if (was) this.reportPass(cfg, inStates);
    return inStates.get(cfg.exit) ?? st;
  }

  private summary(fn: ts.FunctionLikeDeclaration): Summary | undefined {
    const got = this.summaries.get(fn);
    if (got === "pending") return undefined; // recursion: no summary
    if (got) return got;
    this.summaries.set(fn, "pending");
    const saved = this.unit; this.unit = fn;
    const { cfg, inStates } = this.solveUnit(fn);
    this.unit = saved;
    const exit = inStates.get(cfg.exit);
    const s: Summary = { requiresLive: [], exitMask: [], escapes: [], returnsParams: [], returnsFresh: [] };
    const returned = this.returned.get(fn.body!) ?? EMPTY;
    fn.parameters.forEach((p, i) => {
      const id = this.memo.get(p)?.get("param");
      s.requiresLive[i] = id !== undefined && !!this.meta[id].usedAsQubit;
      s.exitMask[i] = id !== undefined ? (exit?.obj.get(id)?.mask ?? LIVE) : LIVE;
      if (id !== undefined && returned.has(id)) s.returnsParams.push(i);
      s.escapes[i] = id === undefined || (!!exit?.escaped.has(id) && !returned.has(id));
    });
    for (const o of returned) if (this.meta[o].kind === "qubit" && !this.meta[o].param && !this.meta[o].shadow) s.returnsFresh.push(o);
    this.summaries.set(fn, s);
    return s;
  }

  // ---------------------------------------------------------------- transfer

  private transfer(cfg: Cfg, id: number, input: AState): AState {
    const node = cfg.nodes[id];
    if (node.kind === "entry" || node.kind === "exit" || node.kind === "nop") return input;
    const st = clone(input);
    const ast = node.ast!;
    switch (node.kind) {
      case "stmt":
        if (ts.isVariableStatement(ast)) this.declList(ast.declarationList, st);
        else if (ts.isVariableDeclarationList(ast)) this.declList(ast, st);
        else if (ts.isExpressionStatement(ast)) this.ev(ast.expression, st);
        else ts.forEachChild(ast, (c) => { if (ts.isExpression(c)) this.ev(c, st); });
        break;
      case "cond":
        if (ts.isVariableDeclarationList(ast)) this.declList(ast, st); else this.ev(ast as ts.Expression, st);
        break;
      case "return": {
        const e = ts.isReturnStatement(ast) ? ast.expression : (ast as ts.Expression);
        if (e) {
          const v = this.ev(e, st);
          this.escape(v, st);
          const acc = this.returned.get(cfg.body) ?? new Set<number>();
          for (const o of v) acc.add(o);
          this.returned.set(cfg.body, acc);
        }
        break;
      }
      case "throw": this.ev((ast as ts.ThrowStatement).expression, st); break;
      case "loopInit": this.loopInit(node.loop!, st); break;
      case "loopHead": this.loopHead(node.loop!, st); break;
      case "loopNext": this.loopAcc(node.loop!, st, false); break;
      case "loopBreak": this.loopAcc(node.loop!, st, true); break;
      case "loopExit": this.loopExit(node.loop!, st); break;
    }
    return st;
  }

  // ---------------------------------------------------------------- loops
  // Each iteration sees a fresh element: a stand-in object reset to the
  // elements' entry state (snap) at the head; its end-of-iteration states are
  // accumulated (acc) and become the elements' state after the loop. This keeps
  // `for (const q of qs) { h(q); measure(q) }` clean while still flagging a
  // use of qs[0] after it, or a conditional measure inside.

  private loopContainers(loop: LoopInfo, st: AState): Array<{ expr: ts.Expression; containers: number[] }> {
    const exprs = loop.iterable ? [loop.iterable] : loop.indexed;
    return exprs.map((expr) => ({ expr, containers: [...this.ev(expr, st)].filter((o) => this.meta[o].kind === "container") }));
  }

  private loopInit(loop: LoopInfo, st: AState): void {
    const elems = new Set<number>(); const plain = new Set<number>();
    for (const { containers } of this.loopContainers(loop, st)) {
      for (const c of containers) {
        const all = this.allFields(c, st);
        const qubits = [...all].filter((o) => this.isQubitLike(o));
        for (const o of all) if (!this.isQubitLike(o)) plain.add(o);
        if (!qubits.length) continue;
        const e = this.obj(loop.stmt, `elem:${c}`, "qubit", elemName(loop));
        const em = this.meta[e]; em.shadow = true;
        em.members ??= new Set(); for (const q of qubits) em.members.add(q);
        let snap: ObjState | undefined;
        for (const q of qubits) snap = joinObj(snap, this.stateOf(q, st));
        const snapId = this.obj(loop.stmt, `snap:${c}`, "qubit"); this.meta[snapId].shadow = true;
        const accId = this.obj(loop.stmt, `acc:${c}`, "qubit"); this.meta[accId].shadow = true;
        if (snap) { st.obj.set(snapId, snap); st.obj.set(e, snap); }
        st.obj.delete(accId);
        elems.add(e);
      }
    }
    st.env.set(LOOP_ELEMS - loop.id, elems);
    st.env.set(LOOP_PLAIN - loop.id, plain);
  }

  private loopHead(loop: LoopInfo, st: AState): void {
    const elems = st.env.get(LOOP_ELEMS - loop.id) ?? EMPTY;
    for (const e of elems) {
      const snap = st.obj.get(this.memo.get(loop.stmt)!.get(`snap:${this.containerOfElem(loop, e)}`)!);
      if (snap) st.obj.set(e, snap); else st.obj.delete(e);
    }
    if (loop.binding) {
      const vals = new Set([...elems, ...(st.env.get(LOOP_PLAIN - loop.id) ?? EMPTY)]);
      if (ts.isForInStatement(loop.stmt)) vals.clear(); // for-in binds keys (strings)
      if (ts.isVariableDeclarationList(loop.binding)) {
        for (const d of loop.binding.declarations) this.bind(d.name, vals, st);
      } else this.assignTo(loop.binding as ts.Expression, vals, st);
    }
  }

  private containerOfElem(loop: LoopInfo, e: number): string {
    for (const [k, v] of this.memo.get(loop.stmt)!) if (v === e && k.startsWith("elem:")) return k.slice(5);
    return "";
  }

  private loopAcc(loop: LoopInfo, st: AState, isBreak: boolean): void {
    for (const e of st.env.get(LOOP_ELEMS - loop.id) ?? EMPTY) {
      const c = this.containerOfElem(loop, e);
      const accId = this.memo.get(loop.stmt)!.get(`acc:${c}`)!;
      let acc = joinObj(st.obj.get(accId), st.obj.get(e));
      // A break leaves the remaining elements as they were before the loop.
      if (isBreak) acc = joinObj(acc, st.obj.get(this.memo.get(loop.stmt)!.get(`snap:${c}`)!));
      if (acc) st.obj.set(accId, acc);
    }
  }

  private loopExit(loop: LoopInfo, st: AState): void {
    for (const e of st.env.get(LOOP_ELEMS - loop.id) ?? EMPTY) {
      const acc = st.obj.get(this.memo.get(loop.stmt)!.get(`acc:${this.containerOfElem(loop, e)}`)!);
      // No completed iteration (yet): bottom, not the entry state — keeps this transfer monotone,
      // so a first-pass "still live" cannot get trapped in a later loop's cycle.
      for (const m of this.meta[e].members ?? []) { if (acc) st.obj.set(m, acc); else st.obj.delete(m); }
    }
  }

  // ---------------------------------------------------------------- expressions

  private declList(list: ts.VariableDeclarationList, st: AState): void {
    const exported = list.parent && ts.isVariableStatement(list.parent)
      && list.parent.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    for (const d of list.declarations) {
      let v = d.initializer ? this.ev(d.initializer, st) : EMPTY;
      // `declare const a: Qubit<"alice">`, `const b: Qubit<"bob"> = fromElsewhere()`: a qubit owned
      // elsewhere whose brand we know — tracked for tenants and typestate, never a leak here.
      if (!v.size && ts.isIdentifier(d.name)) v = this.externalQubit(d, d.name, st);
      if (!d.initializer) { if (ts.isIdentifier(d.name) && (v.size || st.env.has(this.key(d.name)))) st.env.set(this.key(d.name), v); continue; }
      if (d.type && v.size && [...v].some((o) => this.isQubitLike(o))) {
        this.fact({ kind: "cast", node: d, expr: d.initializer, type: d.type, objs: [...v], annotation: true });
      }
      this.bind(d.name, v, st);
      if (exported) this.escape(v, st);
    }
  }

  private bind(name: ts.BindingName, v: Vals, st: AState): void {
    if (ts.isIdentifier(name)) {
      const k = this.key(name);
      if (v.size || st.env.has(k)) st.env.set(k, v); // untracked values keep the env small
      for (const o of v) {
        const m = this.meta[o];
        if (m.kind === "qubit" && !m.name) m.name = name.text;
        // Register elements are named after the variable: `reg[1]`.
        if (m.kind === "container") for (const [k, f] of st.fields.get(o) ?? []) for (const q of f) {
          const qm = this.meta[q];
          if (qm.kind === "qubit" && !qm.name) qm.name = k === "*" ? `${name.text}[…]` : /^\d+$/.test(k) ? `${name.text}[${k}]` : `${name.text}.${k}`;
        }
      }
      return;
    }
    const containers = [...v].filter((o) => this.meta[o].kind === "container");
    name.elements.forEach((el, i) => {
      if (ts.isOmittedExpression(el)) return;
      let key: string | undefined;
      if (ts.isArrayBindingPattern(name)) key = el.dotDotDotToken ? undefined : String(i);
      else if (el.dotDotDotToken) key = undefined;
      else {
        const pn = el.propertyName ?? el.name;
        key = ts.isIdentifier(pn) || ts.isStringLiteral(pn) || ts.isNumericLiteral(pn) ? pn.text : undefined;
      }
      let vals = this.fieldsOf(containers, key, st);
      if (!vals.size && el.initializer) vals = this.ev(el.initializer, st);
      if (el.dotDotDotToken) {
        const rest = this.obj(el, "rest", "container");
        st.fields.set(rest, new Map([["*", vals]]));
        vals = new Set([rest]);
      }
      this.bind(el.name, vals, st);
    });
  }

  ev(e: ts.Expression, st: AState): Vals {
    switch (e.kind) {
      case ts.SyntaxKind.Identifier: {
        const id = e as ts.Identifier;
        if (id.text === "undefined") return EMPTY;
        return st.env.get(this.key(id)) ?? EMPTY;
      }
      case ts.SyntaxKind.ParenthesizedExpression:
      case ts.SyntaxKind.NonNullExpression:
      case ts.SyntaxKind.AwaitExpression:
      case ts.SyntaxKind.SatisfiesExpression:
      case ts.SyntaxKind.SpreadElement:
        return this.ev((e as ts.ParenthesizedExpression).expression, st);
      case ts.SyntaxKind.AsExpression:
      case ts.SyntaxKind.TypeAssertionExpression: {
        const a = e as ts.AsExpression;
        const v = this.ev(a.expression, st);
        const outer = a.parent && (ts.isAsExpression(a.parent) || ts.isTypeAssertionExpression(a.parent));
        if (!outer && [...v].some((o) => this.isQubitLike(o))) {
          this.fact({ kind: "cast", node: a, expr: innermostCastOperand(a), type: a.type, objs: [...v], annotation: false });
        }
        return v;
      }
      case ts.SyntaxKind.CallExpression: return this.evCall(e as ts.CallExpression, st);
      case ts.SyntaxKind.NewExpression: {
        const n = e as ts.NewExpression;
        const args = (n.arguments ?? []).map((a) => this.ev(a, st));
        const ctor = n.expression.getText(this.sf);
        if (ctor === "Map" || ctor === "Set" || ctor === "Array" || ctor === "WeakMap") {
          const c = this.obj(n, "new", "container");
          const f = new Map<string, Vals>();
          // new Map([["a", q], …]) → fields a …; new Set(xs) → element summary.
          const init = n.arguments?.[0];
          if (ctor === "Map" && init && ts.isArrayLiteralExpression(init)) {
            for (const pair of init.elements) {
              if (ts.isArrayLiteralExpression(pair) && pair.elements.length === 2) {
                const k = literalKey(pair.elements[0]) ?? "*";
                f.set(k, union(f.get(k), this.ev(pair.elements[1], clone(st))));
              }
            }
          } else if (args[0]) f.set("*", this.allOf(args[0], st));
          st.fields.set(c, f);
          return new Set([c]);
        }
        for (const a of args) this.escape(a, st);
        return EMPTY;
      }
      case ts.SyntaxKind.ArrayLiteralExpression: {
        const a = e as ts.ArrayLiteralExpression;
        const c = this.obj(a, "array", "container");
        const f = new Map<string, Vals>();
        let precise = true;
        a.elements.forEach((el, i) => {
          const v = this.ev(el, st);
          if (ts.isSpreadElement(el)) { precise = false; f.set("*", union(f.get("*"), this.allOf(v, st))); }
          else f.set(precise ? String(i) : "*", union(f.get(precise ? String(i) : "*"), v));
        });
        st.fields.set(c, f);
        return new Set([c]);
      }
      case ts.SyntaxKind.ObjectLiteralExpression: {
        const o = e as ts.ObjectLiteralExpression;
        const c = this.obj(o, "object", "container");
        const f = new Map<string, Vals>();
        for (const p of o.properties) {
          if (ts.isPropertyAssignment(p)) {
            const k = propName(p.name);
            const v = this.ev(p.initializer, st);
            f.set(k ?? "*", union(f.get(k ?? "*"), v));
          } else if (ts.isShorthandPropertyAssignment(p)) {
            f.set(p.name.text, union(f.get(p.name.text), this.ev(p.name, st)));
          } else if (ts.isSpreadAssignment(p)) {
            for (const src of this.ev(p.expression, st)) for (const [k, v] of st.fields.get(src) ?? []) f.set(k, union(f.get(k), v));
          }
        }
        st.fields.set(c, f);
        return new Set([c]);
      }
      case ts.SyntaxKind.PropertyAccessExpression: {
        const p = e as ts.PropertyAccessExpression;
        const base = this.ev(p.expression, st);
        if (p.name.text === "length") return EMPTY;
        return this.fieldsOf(this.containers(base), p.name.text, st);
      }
      case ts.SyntaxKind.ElementAccessExpression: {
        const a = e as ts.ElementAccessExpression;
        const base = this.ev(a.expression, st);
        this.ev(a.argumentExpression, st);
        const loopElems = this.inductionElems(a, base, st);
        if (loopElems) return loopElems;
        return this.fieldsOf(this.containers(base), literalKey(a.argumentExpression), st);
      }
      case ts.SyntaxKind.BinaryExpression: return this.evBinary(e as ts.BinaryExpression, st);
      case ts.SyntaxKind.ConditionalExpression: {
        const c = e as ts.ConditionalExpression;
        this.ev(c.condition, st);
        const s1 = clone(st), s2 = clone(st);
        const a = this.ev(c.whenTrue, s1), b = this.ev(c.whenFalse, s2);
        assign(st, join(s1, s2));
        return union(a, b);
      }
      case ts.SyntaxKind.ArrowFunction:
      case ts.SyntaxKind.FunctionExpression:
        // Analysed as its own unit; what it captures may be consumed whenever it runs.
        this.escapeCaptured(e, st);
        return EMPTY;
      default:
        ts.forEachChild(e, (c) => { if (ts.isExpression(c)) this.ev(c, st); });
        return EMPTY;
    }
  }

  private evBinary(b: ts.BinaryExpression, st: AState): Vals {
    const op = b.operatorToken.kind;
    if (op === ts.SyntaxKind.EqualsToken) {
      const v = this.ev(b.right, st);
      this.assignTo(b.left, v, st);
      return v;
    }
    if (op === ts.SyntaxKind.AmpersandAmpersandToken || op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken
      || op === ts.SyntaxKind.AmpersandAmpersandEqualsToken || op === ts.SyntaxKind.BarBarEqualsToken || op === ts.SyntaxKind.QuestionQuestionEqualsToken) {
      // Short-circuit: the right operand runs on some paths only.
      const l = this.ev(b.left, st);
      const s2 = clone(st);
      const r = this.ev(b.right, s2);
      if (op >= ts.SyntaxKind.AmpersandAmpersandEqualsToken && op <= ts.SyntaxKind.QuestionQuestionEqualsToken) this.assignTo(b.left, union(l, r), s2);
      assign(st, join(st, s2));
      return union(l, r);
    }
    if (op === ts.SyntaxKind.CommaToken) { this.ev(b.left, st); return this.ev(b.right, st); }
    this.ev(b.left, st); this.ev(b.right, st);
    return EMPTY;
  }

  private assignTo(target: ts.Expression, v: Vals, st: AState): void {
    if (ts.isIdentifier(target)) { const k = this.key(target); if (v.size || st.env.has(k)) st.env.set(k, v); return; }
    if (ts.isParenthesizedExpression(target) || ts.isNonNullExpression(target)) return this.assignTo(target.expression, v, st);
    if (ts.isArrayLiteralExpression(target) || ts.isObjectLiteralExpression(target)) {
      const containers = this.containers(v);
      if (ts.isArrayLiteralExpression(target)) {
        target.elements.forEach((el, i) => { if (!ts.isOmittedExpression(el)) this.assignTo(ts.isSpreadElement(el) ? el.expression : el, this.fieldsOf(containers, ts.isSpreadElement(el) ? undefined : String(i), st), st); });
      } else {
        for (const p of target.properties) {
          if (ts.isShorthandPropertyAssignment(p)) this.assignTo(p.name, this.fieldsOf(containers, p.name.text, st), st);
          else if (ts.isPropertyAssignment(p)) this.assignTo(p.initializer, this.fieldsOf(containers, propName(p.name), st), st);
        }
      }
      return;
    }
    let baseExpr: ts.Expression | undefined; let key: string | undefined;
    if (ts.isPropertyAccessExpression(target)) { baseExpr = target.expression; key = target.name.text; }
    else if (ts.isElementAccessExpression(target)) { baseExpr = target.expression; this.ev(target.argumentExpression, st); key = literalKey(target.argumentExpression); }
    if (!baseExpr) return;
    const cs = this.containers(this.ev(baseExpr, st));
    if (!cs.length) { this.escape(v, st); return; } // stored somewhere we do not track
    this.storeField(cs, key, v, st);
  }

  private storeField(cs: number[], key: string | undefined, v: Vals, st: AState): void {
    const strong = cs.length === 1 && key !== undefined && !this.meta[cs[0]].summary;
    for (const c of cs) {
      const f = new Map(st.fields.get(c) ?? []);
      const k = key ?? "*";
      f.set(k, strong ? v : union(f.get(k), v));
      st.fields.set(c, f);
    }
    if (this.meta[cs[0]] && cs.some((c) => st.escaped.has(c))) this.escape(v, st);
  }

  // ---------------------------------------------------------------- calls

  private evCall(call: ts.CallExpression, st: AState): Vals {
    const callee = call.expression;
    if (ts.isIdentifier(callee)) {
      const helper = this.localFunction(callee);
      if (helper) return this.callHelper(call, helper, st);
      const spec = FREE_FUNCTIONS[callee.text];
      if (spec) return this.dslOp(callee.text, spec, call, st);
      return this.unknownCall(call, st);
    }
    if (ts.isPropertyAccessExpression(callee)) {
      const name = callee.name.text;
      const recv = this.ev(callee.expression, st);
      const recvQubits = [...recv].filter((o) => this.isQubitLike(o));
      if (recvQubits.length) {
        if (FLUENT_GATES.has(name)) { this.dslOp(name, { kind: "gate1", qubits: [0] }, call, st, recv, callee.expression); return recv; }
        const kind = FLUENT_CONSUME[name];
        if (kind) {
          this.dslOp(name, { kind, qubits: [0], right: kind === "consume1" ? "CAP_MEASURE" : undefined }, call, st, recv, callee.expression);
          return recv;
        }
      }
      // `dsl.measure(q)` through a namespace import.
      const nsSpec = FREE_FUNCTIONS[name];
      if (!recv.size && nsSpec && this.usesDsl && ts.isIdentifier(callee.expression) && call.arguments.length >= nsSpec.qubits.length) {
        return this.dslOp(name, nsSpec, call, st);
      }
      const sessions = [...recv].filter((o) => this.meta[o].kind === "session");
      // An untracked receiver counts only in files that use the DSL and only when it is a
      // local name or expression (`Buffer.alloc`, `registry.register` elsewhere are not qubits).
      const dslReceiver = sessions.length > 0 || (!recv.size && this.usesDsl && this.isLocalReceiver(callee.expression));
      // `x.tenant("alice")` is specific enough in a DSL file; `x.session(…)` needs a local receiver.
      if (SESSION_FACTORIES.has(name) && this.usesDsl && (name === "tenant" || dslReceiver || recv.size > 0)) return this.session(call, name, st);
      if ((ALLOC_ONE.has(name) || ALLOC_MANY.has(name)) && dslReceiver) return this.alloc(call, name, sessions, st);
      if ((name === "requestChannel" || name === "approve") && dslReceiver) return this.channel(call, name, recv, sessions, st);
      if (name === "revoke") {
        const chs = [...recv].filter((o) => this.meta[o].kind === "channel");
        for (const a of call.arguments) this.ev(a, st);
        if (chs.length) {
          this.fact({ kind: "channel", op: "revoke", node: call, channels: chs.map((id) => ({ id, state: st.obj.get(id) })) });
          this.update(chs, () => REVOKED, st, call, true);
          return EMPTY;
        }
      }
      if (name === "lend" && sessions.length) return this.lend(call, sessions, st);
      const containers = this.containers(recv);
      if (containers.length) return this.containerMethod(call, name, containers, st);
    }
    return this.unknownCall(call, st);
  }

  private unknownCall(call: ts.CallExpression, st: AState): Vals {
    const c = call.expression;
    if (ts.isPropertyAccessExpression(c) && ts.isIdentifier(c.expression) && c.expression.text === "console") {
      for (const a of call.arguments) this.ev(a, st); // logging never takes ownership
      return EMPTY;
    }
    if (!ts.isIdentifier(call.expression)) this.ev(call.expression, st);
    // Qubits handed to code we cannot see may be consumed there: never a leak.
    for (const a of call.arguments) this.escape(this.ev(a, st), st);
    return EMPTY;
  }

  private containerMethod(call: ts.CallExpression, name: string, cs: number[], st: AState): Vals {
    const args = call.arguments;
    if (ELEMENT_CALLBACKS.has(name) && args[0] && (ts.isArrowFunction(args[0]) || ts.isFunctionExpression(args[0]))) {
      return this.elementCallback(call, args[0], cs, name, st);
    }
    const vals = args.map((a) => this.ev(a, st));
    switch (name) {
      case "push": case "unshift": case "add":
        this.storeField(cs, undefined, vals.reduce((u, v) => union(u, v), EMPTY), st); return EMPTY;
      case "set":
        this.storeField(cs, args[0] ? literalKey(args[0]) : undefined, vals[1] ?? EMPTY, st); return new Set(cs);
      case "get": case "at":
        return this.fieldsOf(cs, args[0] ? literalKey(args[0]) : undefined, st);
      case "pop": case "shift": case "find": case "findLast": case "values": case "entries":
        return this.fieldsOf(cs, undefined, st);
      case "slice": case "concat": case "reverse": case "toReversed": case "sort": case "splice": case "filter": {
        const c = this.obj(call, "derived", "container");
        let all = this.fieldsOf(cs, undefined, st);
        if (name === "concat") for (const v of vals) all = union(all, this.allOf(v, st));
        st.fields.set(c, new Map([["*", all]]));
        return new Set([c]);
      }
      default:
        return EMPTY;
    }
  }

  /** `qs.forEach(q => …)`: like a for-of loop whose body is the callback. */
  private elementCallback(call: ts.CallExpression, fn: ts.ArrowFunction | ts.FunctionExpression, cs: number[], name: string, st: AState): Vals {
    const elems = new Set<number>(); const accs: Array<[number, number]> = [];
    const snaps = new Map<number, ObjState | undefined>();
    for (const c of cs) {
      const qubits = [...this.allFields(c, st)].filter((o) => this.isQubitLike(o));
      if (!qubits.length) continue;
      const e = this.obj(call, `elem:${c}`, "qubit", fn.parameters[0]?.name.getText(this.sf));
      const em = this.meta[e]; em.shadow = true; em.members ??= new Set(); for (const q of qubits) em.members.add(q);
      let snap: ObjState | undefined;
      for (const q of qubits) snap = joinObj(snap, this.stateOf(q, st));
      snaps.set(e, snap); elems.add(e); accs.push([e, c]);
    }
    let cur = st;
    const acc = new Map<number, ObjState | undefined>();
    for (let i = 0; i < 8; i++) {
      const start = clone(cur);
      for (const e of elems) { const s = snaps.get(e); if (s) start.obj.set(e, s); }
      const out = this.runBody(fn, start, [elems.size ? elems : this.fieldsOf(cs, undefined, st)]);
      let changed = false;
      for (const e of elems) { const j = joinObj(acc.get(e), out.obj.get(e)); if (j?.mask !== acc.get(e)?.mask) changed = true; acc.set(e, j); }
      const next = join(cur, out);
      if (!changed && i > 0) { cur = next; break; }
      cur = next;
    }
    for (const [e] of accs) { const a = acc.get(e); if (a) for (const m of this.meta[e].members!) cur.obj.set(m, a); }
    assign(st, cur);
    if (name === "map" || name === "filter" || name === "flatMap") {
      const c = this.obj(call, "derived", "container");
      st.fields.set(c, new Map([["*", name === "filter" ? this.fieldsOf(cs, undefined, st) : EMPTY]]));
      return new Set([c]);
    }
    return EMPTY;
  }

  private session(call: ts.CallExpression, name: string, st: AState): Vals {
    const args = call.arguments.map((a) => this.ev(a, st));
    void args;
    const id = this.obj(call, "session", "session");
    const m = this.meta[id];
    if (name === "tenant") {
      m.tenant = call.arguments[0] ? (this.literalString(call.arguments[0]) ?? "*") : "*";
      const opts = call.arguments[1];
      if (opts && ts.isObjectLiteralExpression(opts)) {
        m.optionsNode = opts;
        for (const p of opts.properties) {
          if (ts.isPropertyAssignment(p) && propName(p.name) === "rights" && ts.isArrayLiteralExpression(p.initializer)) {
            const rs = p.initializer.elements.map((x) => this.literalString(x));
            if (rs.every((r) => r !== undefined)) { m.rights = new Set(rs as string[]); m.rightsNode = p.initializer; }
          }
        }
      }
    }
    return new Set([id]);
  }

  private alloc(call: ts.CallExpression, name: string, sessions: number[], st: AState): Vals {
    for (const a of call.arguments) this.ev(a, st);
    this.fact({ kind: "capability", op: name, call, right: ALLOC_RIGHT, sessions });
    const mkQubit = (tag: string, label?: string) => {
      const q = this.obj(call, tag, "qubit", label);
      const m = this.meta[q];
      m.sessions ??= new Set(); for (const s of sessions) m.sessions.add(s);
      this.fresh(q, st, call);
      return q;
    };
    if (ALLOC_ONE.has(name)) return new Set([mkQubit("qubit")]);
    const c = this.obj(call, "register", "container");
    const n = call.arguments[0] && ts.isNumericLiteral(call.arguments[0]) ? Number(call.arguments[0].text) : NaN;
    const f = new Map<string, Vals>();
    if (Number.isInteger(n) && n > 0 && n <= MAX_LITERAL_ALLOC) {
      for (let i = 0; i < n; i++) f.set(String(i), new Set([mkQubit(`q${i}`)]));
    } else {
      const q = mkQubit("q*"); this.meta[q].summary = true;
      f.set("*", new Set([q]));
    }
    st.fields.set(c, f);
    return new Set([c]);
  }

  /** A (re-)allocation at the same site: the previous instance leaks unless something still holds it. */
  private fresh(q: number, st: AState, call: ts.Node): void {
    const prev = st.obj.get(q);
    const m = this.meta[q];
    if (prev && !m.summary) {
      let holders = 0;
      for (const v of st.env.values()) if (v.has(q)) holders++;
      let inContainer = false;
      for (const f of st.fields.values()) for (const v of f.values()) if (v.has(q)) inContainer = true;
      if (inContainer || holders > 1 || st.escaped.has(q)) m.summary = true;
      else if (prev.mask & LIVE && !prev.weak) this.fact({ kind: "leak", obj: q, state: prev, where: "realloc", scope: call, node: call });
    }
    if (m.summary && prev) st.obj.set(q, { mask: prev.mask | LIVE, weak: true, at: prev.at });
    else st.obj.set(q, { mask: LIVE, weak: false, at: [] });
  }

  private channel(call: ts.CallExpression, name: string, recv: Vals, sessions: number[], st: AState): Vals {
    const args = call.arguments.map((a) => this.ev(a, st));
    this.fact({ kind: "capability", op: name, call, right: CHANNEL_METHODS[name] ?? "CAP_LINK", sessions });
    if (name === "requestChannel") {
      const r = this.obj(call, "request", "request");
      const peer = [...(args[0] ?? EMPTY)].filter((o) => this.meta[o].kind === "session");
      // requestChannel("bob", …): the peer named by a literal tenant.
      const peerName = call.arguments[0] && this.literalString(call.arguments[0]);
      if (peerName !== undefined) {
        const p = this.obj(call, "peer", "session");
        this.meta[p].tenant = peerName;
        peer.push(p);
      }
      this.meta[r].pair = [new Set(sessions), new Set(peer)];
      return new Set([r]);
    }
    const reqs = [...(args[0] ?? EMPTY)].filter((o) => this.meta[o].kind === "request");
    const ch = this.obj(call, "channel", "channel");
    const pair: [Set<number>, Set<number>] = [new Set(), new Set()];
    for (const r of reqs) { for (const s of this.meta[r].pair![0]) pair[0].add(s); for (const s of this.meta[r].pair![1]) pair[1].add(s); }
    if (!reqs.length) for (const s of recv) pair[1].add(s);
    this.meta[ch].pair = pair;
    st.obj.set(ch, { mask: LIVE, weak: false, at: [] });
    return new Set([ch]);
  }

  private lend(call: ts.CallExpression, sessions: number[], st: AState): Vals {
    const q = call.arguments[0] ? this.ev(call.arguments[0], st) : EMPTY;
    const ch = call.arguments[1] ? this.ev(call.arguments[1], st) : EMPTY;
    this.fact({ kind: "capability", op: "lend", call, right: "CAP_LINK", sessions });
    if (call.arguments[0]) this.useFact("lend", "lend", call, call.arguments[0], this.qubitsOf(q), st);
    this.channelUse("lend", call, ch, st);
    const loan = this.obj(call, "loan", "loan");
    const m = this.meta[loan];
    m.loanOf = new Set(this.qubitsOf(q)); m.sessions = new Set(sessions);
    return new Set([loan]);
  }

  private callHelper(call: ts.CallExpression, fn: ts.FunctionLikeDeclaration, st: AState): Vals {
    const args = call.arguments.map((a) => this.ev(a, st));
    const s = this.summary(fn);
    if (!s) { for (const a of args) this.escape(a, st); return EMPTY; }
    const name = ts.isFunctionDeclaration(fn) && fn.name ? fn.name.text : call.expression.getText(this.sf);
    args.forEach((v, i) => {
      const qs = this.qubitsOf(v);
      // Containers, rest arguments, escaping parameters: the helper may do anything with them.
      if (!qs.length || i >= s.exitMask.length || s.escapes[i]) { this.escape(v, st); if (!qs.length || i >= s.exitMask.length) return; }
      const exit = s.exitMask[i];
      const consumes = (exit & (MEASURED | FREED)) !== 0;
      if (s.requiresLive[i] || consumes) this.useFact(name, consumes && !(exit & LIVE) ? (exit & FREED ? "free" : "consume1") : "helper", call, call.arguments[i], qs, st);
      if (!consumes) return;
      const maybe = (exit & LIVE) !== 0;
      this.update(qs, (m) => {
        let r = 0;
        if (m & LIVE) r |= exit; // a live argument ends as the helper leaves its parameter
        if (m & MEASURED) r |= exit & FREED ? FREED | (maybe ? MEASURED : 0) : MEASURED;
        if (m & FREED) r |= FREED;
        return r;
      }, st, call, true);
    });
    let result: Vals = EMPTY;
    for (const i of s.returnsParams) result = union(result, args[i]);
    for (const inner of s.returnsFresh) {
      // A factory: each call site is an allocation site of its own.
      const im = this.meta[inner];
      const q = this.obj(call, `ret:${inner}`, "qubit");
      const m = this.meta[q];
      m.sessions = im.sessions; m.tenant = im.tenant;
      this.fresh(q, st, call);
      result = union(result, new Set([q]));
    }
    return result;
  }

  private dslOp(op: string, spec: OpSpec, call: ts.CallExpression, st: AState, recv?: Vals, recvExpr?: ts.Expression): Vals {
    if (spec.kind === "classical") {
      if (call.arguments[0]) this.ev(call.arguments[0], st);
      const cb = call.arguments[1];
      if (cb && (ts.isArrowFunction(cb) || ts.isFunctionExpression(cb))) assign(st, join(st, this.runBody(cb, st, [])));
      else if (cb) this.ev(cb, st);
      return EMPTY;
    }
    if (spec.kind === "inspect") {
      for (const a of call.arguments) this.ev(a, st);
      return EMPTY;
    }
    if (spec.kind === "freeAll") {
      // freeAll(qs): every element of the container(s) is freed.
      const v = call.arguments[0] ? this.ev(call.arguments[0], st) : EMPTY;
      const cs = this.containers(v);
      const elems = this.qubitsOf(cs.length ? this.fieldsOf(cs, undefined, st) : v);
      for (const q of elems) {
        this.useFact(op, "free", call, call.arguments[0], [q], st);
        this.update([q], () => FREED, st, call, true);
      }
      return EMPTY;
    }
    if (spec.kind === "capture") {
      const sess = call.arguments[0] ? this.ev(call.arguments[0], st) : EMPTY;
      const cb = call.arguments[1];
      if (cb && (ts.isArrowFunction(cb) || ts.isFunctionExpression(cb))) assign(st, this.runBody(cb, st, [sess]));
      return EMPTY;
    }
    // Operands: the receiver of a fluent call, or the listed argument positions.
    const argVals: Vals[] = call.arguments.map((a) => (ts.isArrowFunction(a) || ts.isFunctionExpression(a) ? EMPTY : this.ev(a, st)));
    const operands = recv ? [{ expr: recvExpr as ts.Node, vals: recv }]
      : spec.qubits.filter((i) => i < call.arguments.length).map((i) => ({ expr: call.arguments[i] as ts.Node, vals: argVals[i] }));
    const chIdx = spec.channel;
    const channel = chIdx !== undefined && chIdx < call.arguments.length ? { expr: call.arguments[chIdx] as ts.Node, vals: argVals[chIdx] } : undefined;

    const allQubits: number[] = [];
    for (const o of operands) {
      const qs = this.qubitsOf(o.vals);
      allQubits.push(...qs);
      this.useFact(op, spec.kind, call, o.expr, qs, st);
    }
    if (operands.length >= 2) {
      this.fact({
        kind: "operands", op, call, operands: operands.map((o) => ({ expr: o.expr, objs: [...o.vals] })),
        channel: channel ? { expr: channel.expr, objs: [...channel.vals] } : undefined,
      });
    }
    if (channel) this.channelUse(op, call, channel.vals, st);
    if (spec.right) {
      const sessions = new Set<number>();
      for (const q of allQubits) for (const s of this.sessionsOf(q)) sessions.add(s);
      this.fact({ kind: "capability", op, call, right: spec.right, sessions: [...sessions] });
    }
    const qubits = operands.map((o) => this.qubitsOf(o.vals));
    if (spec.kind === "gate2" && operands.length >= 2) this.entangle(op, call, operands.map((o) => o.vals), !!channel, st);
    for (const qs of qubits) {
      switch (spec.kind) {
        case "consume1": case "consume2":
          this.update(qs, (m) => (m & LIVE ? MEASURED : 0) | (m & (MEASURED | FREED)), st, call, true); break;
        case "reset":
          this.update(qs, (m) => (m & (LIVE | MEASURED) ? LIVE : 0) | (m & FREED), st, call, false, true); break;
        case "free":
          this.update(qs, () => FREED, st, call, true); break;
      }
    }
    return recv ?? EMPTY;
  }

  /**
   * Entanglement components by tenant: the kernel refuses an entangling op whose operands'
   * components hold several tenants unless a channel authorises it (SPEC firewall).
   */
  private entangle(op: string, call: ts.CallExpression, operands: Vals[], hasChannel: boolean, st: AState): void {
    let own: string | undefined; let all: string | undefined; let compAt: number | undefined;
    const ownOf = (v: Vals) => [...this.tenantsOf(v)].filter((t) => t !== "*").sort().join(",") || undefined;
    for (const v of operands) {
      own = unionComp(own, ownOf(v));
      all = unionComp(all, ownOf(v));
      for (const q of this.qubitsOf(v)) { const s = st.obj.get(q); all = unionComp(all, s?.comp); compAt ??= s?.comp?.includes(",") ? s.compAt : undefined; }
    }
    const ownSingle = own !== undefined && !own.includes(",");
    if (ownSingle && all?.includes(",") && !hasChannel) {
      // Operands are one tenant's, but a component already reaches another tenant.
      this.fact({ kind: "component", op, call, tenants: all.split(","), own: own!, since: compAt });
    }
    if (!all) return;
    const at = own?.includes(",") ? call.getStart(this.sf) : compAt;
    for (const v of operands) for (const q of this.qubitsOf(v)) {
      const s = st.obj.get(q);
      if (s) st.obj.set(q, { ...s, comp: unionComp(s.comp, all), compAt: s.compAt ?? (all.includes(",") ? at : undefined) });
    }
  }

  /** Tenants of qubit/loan objects (through loop stand-ins, sessions, brands). */
  tenantsOf(v: Iterable<number>): Set<string> {
    const out = new Set<string>();
    for (const o of v) {
      const m = this.meta[o];
      if (m.members) { for (const t of this.tenantsOf(m.members)) out.add(t); continue; }
      if (m.kind === "session") { if (m.tenant !== undefined) out.add(m.tenant); continue; }
      if (m.kind !== "qubit" && m.kind !== "loan") continue;
      if (m.tenant !== undefined) { out.add(m.tenant); continue; }
      for (const t of this.tenantsOf(m.sessions ?? [])) out.add(t);
    }
    return out;
  }

  private useFact(op: string, opKind: Extract<Fact, { kind: "use" }>["opKind"], call: ts.Node, arg: ts.Node, qs: number[], st: AState): void {
    for (const q of qs) this.meta[q].usedAsQubit = true;
    if (qs.length) this.fact({ kind: "use", op, opKind, call, arg, targets: qs.map((id) => ({ id, state: this.stateOf(id, st) })) });
  }

  private channelUse(op: string, node: ts.Node, vals: Vals, st: AState): void {
    const chs = [...vals].filter((o) => this.meta[o].kind === "channel");
    if (chs.length) this.fact({ kind: "channel", op, node, channels: chs.map((id): Target => ({ id, state: st.obj.get(id) })) });
  }

  /** Strong update for a single precise target, weak (join with the old state) otherwise. */
  private update(qs: number[], f: (mask: number) => number, st: AState, call: ts.Node, consumes: boolean, clears = false): void {
    const strong = qs.length === 1 && !this.meta[qs[0]].summary;
    const pos = call.getStart(this.sf);
    for (const q of qs) {
      const old = this.stateOf(q, st) ?? { mask: LIVE, weak: false, at: [] };
      const mask = f(old.mask);
      const at = clears ? [] : consumes ? (strong ? [pos] : [...old.at, pos]) : old.at;
      // Measurement, reset and free take a qubit out of its entanglement component.
      const comp = consumes || clears ? undefined : old.comp;
      const keep = strong ? comp : old.comp;
      st.obj.set(q, strong ? { mask, weak: old.weak, at, ...(keep ? { comp: keep, compAt: old.compAt } : {}) }
        : { mask: old.mask | mask, weak: true, at, ...(keep ? { comp: keep, compAt: old.compAt } : {}) });
    }
  }

  // ---------------------------------------------------------------- helpers

  private fact(f: Fact): void {
    if (!this.reporting) return;
    const node = "call" in f ? f.call : f.node;
    const key = `${f.kind}:${node.pos}:${"arg" in f ? f.arg.pos : ""}:${"obj" in f ? f.obj : ""}:${this.unit?.pos}`;
    if (this.factKeys.has(key)) return;
    this.factKeys.add(key);
    this.facts.push(f);
  }

  private obj(site: ts.Node, tag: string, kind: ObjKind, name?: string): number {
    let m = this.memo.get(site);
    if (!m) { m = new Map(); this.memo.set(site, m); }
    let id = m.get(tag);
    if (id === undefined) {
      id = this.meta.length;
      this.meta.push({ id, kind, site, name });
      m.set(tag, id);
    }
    return id;
  }

  private readonly keyCache = new WeakMap<ts.Identifier, number>();

  private key(id: ts.Identifier): number {
    let k = this.keyCache.get(id);
    if (k === undefined) { k = this.resolveKey(id); this.keyCache.set(id, k); }
    return k;
  }

  private resolveKey(id: ts.Identifier): number {
    const sym = this.checker && (ts.isShorthandPropertyAssignment(id.parent) && id.parent.name === id
      ? this.checker.getShorthandAssignmentValueSymbol(id.parent) : this.checker.getSymbolAtLocation(id));
    if (sym) {
      let k = this.symIds.get(sym);
      if (k === undefined) { k = this.symIds.size + 1; this.symIds.set(sym, k); }
      return k;
    }
    // No checker / unresolved: fall back to the name (still sound within one body).
    let k = this.nameIds.get(id.text);
    if (k === undefined) { k = -(this.nameIds.size + 1); this.nameIds.set(id.text, k); }
    return k;
  }

  private localFunction(callee: ts.Identifier): ts.FunctionLikeDeclaration | undefined {
    const sym = this.checker?.getSymbolAtLocation(callee);
    const d = sym?.valueDeclaration ?? sym?.declarations?.[0];
    if (!d || d.getSourceFile() !== this.sf) return undefined;
    if (ts.isFunctionDeclaration(d) && d.body) return d;
    if (ts.isVariableDeclaration(d) && d.initializer && (ts.isArrowFunction(d.initializer) || ts.isFunctionExpression(d.initializer))) return d.initializer;
    return undefined;
  }

  /** `type AQ = Qubit<"alice">` declared in this file → its definition (one level is what users write). */
  private resolveAlias(t: ts.TypeNode, depth = 0): ts.TypeNode {
    if (depth > 4 || !ts.isTypeReferenceNode(t) || !this.checker) return t;
    const d = this.checker.getSymbolAtLocation(ts.isIdentifier(t.typeName) ? t.typeName : t.typeName.right)?.declarations?.[0];
    return d && ts.isTypeAliasDeclaration(d) && !d.typeParameters ? this.resolveAlias(d.type, depth + 1) : t;
  }

  private literalString(e: ts.Expression): string | undefined {
    if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return e.text;
    if (ts.isIdentifier(e) && this.checker) {
      // `const name = "alice"` keeps the literal type; `let` widens it.
      const d = this.checker.getSymbolAtLocation(e)?.valueDeclaration;
      if (d && ts.isVariableDeclaration(d) && d.initializer && ts.getCombinedNodeFlags(d) & ts.NodeFlags.Const) return this.literalString(d.initializer);
    }
    return undefined;
  }

  private inductionElems(a: ts.ElementAccessExpression, base: Vals, st: AState): Vals | undefined {
    if (!ts.isIdentifier(a.argumentExpression)) return undefined;
    const name = a.argumentExpression.text;
    for (let p: ts.Node | undefined = a.parent; p && !ts.isFunctionLike(p); p = p!.parent) {
      const loop = ts.isForStatement(p) ? this.loopOf.get(p) : undefined;
      if (loop?.index !== name) continue;
      const memo = this.memo.get(p!);
      const out = new Set<number>();
      for (const c of this.containers(base)) {
        const e = memo?.get(`elem:${c}`);
        if (e === undefined || !(st.env.get(LOOP_ELEMS - loop.id)?.has(e))) return undefined;
        out.add(e);
      }
      return out.size ? out : undefined;
    }
    return undefined;
  }

  private stateOf(q: number, st: AState): ObjState | undefined { return st.obj.get(q); }
  private isQubitLike(o: number): boolean { const k = this.meta[o].kind; return k === "qubit" || k === "loan"; }
  private containers(v: Vals): number[] { return [...v].filter((o) => this.meta[o].kind === "container"); }

  /** Loans stand for the lent qubits in typestate checks. */
  qubitsOf(v: Iterable<number>): number[] {
    const out = new Set<number>();
    for (const o of v) {
      const m = this.meta[o];
      if (m.kind === "qubit") out.add(o);
      else if (m.kind === "loan") for (const q of m.loanOf ?? []) out.add(q);
    }
    return [...out];
  }

  sessionsOf(q: number): Set<number> {
    const m = this.meta[q];
    if (m.members) { const u = new Set<number>(); for (const x of m.members) for (const s of this.sessionsOf(x)) u.add(s); return u; }
    return m.sessions ?? new Set();
  }

  private fieldsOf(cs: number[], key: string | undefined, st: AState): Vals {
    let out: Vals = EMPTY;
    for (const c of cs) {
      const f = st.fields.get(c);
      if (!f) continue;
      if (key === undefined) { for (const v of f.values()) out = union(out, v); }
      else { out = union(out, f.get(key)); out = union(out, f.get("*")); }
    }
    return out;
  }

  private allFields(c: number, st: AState): Vals { return this.fieldsOf([c], undefined, st); }
  private allOf(v: Vals, st: AState): Vals {
    const cs = this.containers(v);
    return cs.length ? this.fieldsOf(cs, undefined, st) : v;
  }

  /** Marks objects (and what containers hold, transitively) as owned by someone else. */
  private escape(v: Vals, st: AState): void {
    const stack = [...v];
    while (stack.length) {
      const o = stack.pop()!;
      if (st.escaped.has(o)) continue;
      st.escaped.add(o);
      const m = this.meta[o];
      if (m.kind === "container") for (const f of st.fields.get(o)?.values() ?? []) stack.push(...f);
      if (m.kind === "loan") stack.push(...(m.loanOf ?? []));
      if (m.members) stack.push(...m.members);
    }
  }

  private escapeCaptured(fn: ts.Node, st: AState): void {
    const visit = (n: ts.Node): void => {
      if (ts.isIdentifier(n)) { const v = st.env.get(this.key(n)); if (v) this.escape(v, st); }
      ts.forEachChild(n, visit);
    };
    ts.forEachChild(fn, visit);
  }
}

// ------------------------------------------------------------------ syntax helpers

function union(a: Vals | undefined, b: Vals | undefined): Vals {
  if (!a || !a.size) return b ?? EMPTY;
  if (!b || !b.size || a === b) return a;
  const u = new Set(a); for (const x of b) u.add(x); return u;
}

function assign(target: AState, src: AState): void {
  target.env = src.env; target.fields = src.fields; target.obj = src.obj; target.escaped = src.escaped;
}

function elemName(loop: LoopInfo): string | undefined {
  if (loop.binding && ts.isVariableDeclarationList(loop.binding) && ts.isIdentifier(loop.binding.declarations[0]?.name)) {
    return loop.binding.declarations[0].name.text;
  }
  if (loop.index && loop.indexed[0]) return `${loop.indexed[0].getText()}[${loop.index}]`;
  return undefined;
}


// Abstract interpreter: analysis units, CFG transfer functions, loops and the
// DSL's calls. Abstract objects are allocation sites (qubits, containers,
// sessions, channels, loans; heap.ts); expressions are evaluated in evaluate.ts;
// each qubit/channel carries a typestate set (dataflow.ts). Facts are recorded
// only in the final pass over the fixpoint's in-states.
import { ts } from "ts-morph";
import { buildCfg, type Cfg, type LoopInfo } from "./cfg.js";
import { type AState, type ObjState, LIVE, MEASURED, FREED, REVOKED, clone, emptyState, join, joinObj, solve, unionComp } from "./dataflow.js";
import {
  ALLOC_MANY, ALLOC_ONE, ALLOC_RIGHT, CHANNEL_METHODS, ELEMENT_CALLBACKS, FLUENT_CONSUME, FLUENT_GATES,
  FREE_FUNCTIONS, SESSION_FACTORIES, type OpSpec,
} from "./model.js";
import { Evaluator } from "./evaluate.js";
import { EMPTY, LOOP_ELEMS, LOOP_PLAIN, assign, union, type Vals } from "./heap.js";
import { brandFromTypeText, brandTenant, isInlineCallback, isNeverQubit, literalKey, propName } from "./syntax.js";

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

export class Analyzer extends Evaluator {
  protected readonly cfgs = new Map<ts.Node, Cfg>();
  protected readonly summaries = new Map<ts.Node, Summary | "pending">();
  /** Function body → objects its return statements yield (for helper summaries). */
  protected readonly returned = new Map<ts.Node, Set<number>>();
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

  protected cfgOf(body: ts.Node): Cfg {
    let c = this.cfgs.get(body);
    if (!c) {
      c = buildCfg(body);
      for (const l of c.loops) this.loopOf.set(l.stmt, l);
      this.cfgs.set(body, c);
    }
    return c;
  }

  protected analyzeUnit(unit: ts.Node): void {
    try { this.analyzeUnitUnsafe(unit); }
    catch (e) {
      const at = this.sf.getLineAndCharacterOfPosition(unit.getStart(this.sf)).line + 1;
      this.internalErrors.push(`line ${at}: ${(e as Error).message}`);
    }
  }

  protected analyzeUnitUnsafe(unit: ts.Node): void {
    const saved = this.unit; this.unit = unit;
    const { cfg, inStates } = this.solveUnit(unit);
    this.reportPass(cfg, inStates);
    const exit = inStates.get(cfg.exit);
    const was = this.reporting; this.reporting = true;
    if (exit) this.checkLeaks(exit, unit);
    this.reporting = was;
    this.unit = saved;
  }

  protected solveUnit(unit: ts.Node): { cfg: Cfg; inStates: Map<number, AState> } {
    const body = ts.isSourceFile(unit) ? unit : (unit as ts.FunctionLikeDeclaration).body!;
    const cfg = this.cfgOf(body);
    const entry = emptyState();
    if (!ts.isSourceFile(unit)) this.bindParams(unit as ts.FunctionLikeDeclaration, entry);
    const wasReporting = this.reporting; this.reporting = false;
    const inStates = solve(cfg, entry, (id, s) => this.transfer(cfg, id, s));
    this.reporting = wasReporting;
    return { cfg, inStates };
  }

  protected reportPass(cfg: Cfg, inStates: Map<number, AState>): void {
    const was = this.reporting; this.reporting = true;
    for (const n of cfg.nodes) { const s = inStates.get(n.id); if (s) this.transfer(cfg, n.id, s); }
    this.reporting = was;
  }

  /** Parameters are live qubits owned by the caller (never leaks); tenant from a `Qubit<"t">` annotation. */
  protected bindParams(fn: ts.FunctionLikeDeclaration, st: AState): void {
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

  protected checkLeaks(st: AState, scope: ts.Node): void {
    for (const [id, os] of st.obj) {
      const m = this.meta[id];
      if (m.kind !== "qubit" || m.shadow || m.param || os.weak || !(os.mask & LIVE) || st.escaped.has(id)) continue;
      this.fact({ kind: "leak", obj: id, state: os, where: "exit", scope, node: m.site });
    }
  }

  /** Runs an inlined callback body from `st`; returns the state at its end. */
  protected runBody(fn: ts.FunctionLikeDeclaration, st: AState, args: Vals[]): AState {
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

  protected summary(fn: ts.FunctionLikeDeclaration): Summary | undefined {
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

  protected transfer(cfg: Cfg, id: number, input: AState): AState {
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

  protected loopContainers(loop: LoopInfo, st: AState): Array<{ expr: ts.Expression; containers: number[] }> {
    const exprs = loop.iterable ? [loop.iterable] : loop.indexed;
    return exprs.map((expr) => ({ expr, containers: [...this.ev(expr, st)].filter((o) => this.meta[o].kind === "container") }));
  }

  protected loopInit(loop: LoopInfo, st: AState): void {
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

  protected loopHead(loop: LoopInfo, st: AState): void {
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

  protected containerOfElem(loop: LoopInfo, e: number): string {
    for (const [k, v] of this.memo.get(loop.stmt)!) if (v === e && k.startsWith("elem:")) return k.slice(5);
    return "";
  }

  protected loopAcc(loop: LoopInfo, st: AState, isBreak: boolean): void {
    for (const e of st.env.get(LOOP_ELEMS - loop.id) ?? EMPTY) {
      const c = this.containerOfElem(loop, e);
      const accId = this.memo.get(loop.stmt)!.get(`acc:${c}`)!;
      let acc = joinObj(st.obj.get(accId), st.obj.get(e));
      // A break leaves the remaining elements as they were before the loop.
      if (isBreak) acc = joinObj(acc, st.obj.get(this.memo.get(loop.stmt)!.get(`snap:${c}`)!));
      if (acc) st.obj.set(accId, acc);
    }
  }

  protected loopExit(loop: LoopInfo, st: AState): void {
    for (const e of st.env.get(LOOP_ELEMS - loop.id) ?? EMPTY) {
      const acc = st.obj.get(this.memo.get(loop.stmt)!.get(`acc:${this.containerOfElem(loop, e)}`)!);
      // No completed iteration (yet): bottom, not the entry state — keeps this transfer monotone,
      // so a first-pass "still live" cannot get trapped in a later loop's cycle.
      for (const m of this.meta[e].members ?? []) { if (acc) st.obj.set(m, acc); else st.obj.delete(m); }
    }
  }

  // ---------------------------------------------------------------- calls

  protected evCall(call: ts.CallExpression, st: AState): Vals {
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

  protected unknownCall(call: ts.CallExpression, st: AState): Vals {
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

  protected containerMethod(call: ts.CallExpression, name: string, cs: number[], st: AState): Vals {
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
  protected elementCallback(call: ts.CallExpression, fn: ts.ArrowFunction | ts.FunctionExpression, cs: number[], name: string, st: AState): Vals {
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

  protected session(call: ts.CallExpression, name: string, st: AState): Vals {
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

  protected alloc(call: ts.CallExpression, name: string, sessions: number[], st: AState): Vals {
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
  protected fresh(q: number, st: AState, call: ts.Node): void {
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

  protected channel(call: ts.CallExpression, name: string, recv: Vals, sessions: number[], st: AState): Vals {
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

  protected lend(call: ts.CallExpression, sessions: number[], st: AState): Vals {
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

  protected callHelper(call: ts.CallExpression, fn: ts.FunctionLikeDeclaration, st: AState): Vals {
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

  protected dslOp(op: string, spec: OpSpec, call: ts.CallExpression, st: AState, recv?: Vals, recvExpr?: ts.Expression): Vals {
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
  protected entangle(op: string, call: ts.CallExpression, operands: Vals[], hasChannel: boolean, st: AState): void {
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
}

function elemName(loop: LoopInfo): string | undefined {
  if (loop.binding && ts.isVariableDeclarationList(loop.binding) && ts.isIdentifier(loop.binding.declarations[0]?.name)) {
    return loop.binding.declarations[0].name.text;
  }
  if (loop.index && loop.indexed[0]) return `${loop.indexed[0].getText()}[${loop.index}]`;
  return undefined;
}


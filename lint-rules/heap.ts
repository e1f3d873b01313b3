// The abstract heap: allocation-site objects, alias sets (variables and container
// fields → objects), typestate updates and the facts recorded about them.
import { ts } from "ts-morph";
import type { LoopInfo } from "./cfg.js";
import { type AState, type ObjState, LIVE } from "./dataflow.js";
import type { Fact, ObjKind, ObjMeta, Target } from "./facts.js";

export type Vals = Set<number>;
export const EMPTY: Vals = new Set();
/** Synthetic env keys: loop id → its element stand-ins / the plain values its variable takes. */
export const LOOP_ELEMS = -1_000_000;
export const LOOP_PLAIN = -2_000_000;

export function union(a: Vals | undefined, b: Vals | undefined): Vals {
  if (!a || !a.size) return b ?? EMPTY;
  if (!b || !b.size || a === b) return a;
  const u = new Set(a); for (const x of b) u.add(x); return u;
}

/** Replaces `target`'s contents with `src`'s (after a fork/join inside one transfer). */
export function assign(target: AState, src: AState): void {
  target.env = src.env; target.fields = src.fields; target.obj = src.obj; target.escaped = src.escaped;
}

export abstract class Heap {
  readonly meta: ObjMeta[] = [];
  readonly facts: Fact[] = [];
  protected readonly memo = new Map<ts.Node, Map<string, number>>();
  protected readonly loopOf = new Map<ts.Node, LoopInfo>();
  protected readonly symIds = new Map<ts.Symbol, number>();
  protected readonly nameIds = new Map<string, number>();
  protected readonly factKeys = new Set<string>();
  protected reporting = false;
  /** Unit currently analysed (for leak messages and param objects). */
  protected unit: ts.Node | undefined;

  /** Internal failures (a construct the analysis does not handle): the unit is skipped, the rest still linted. */
  readonly internalErrors: string[] = [];

  constructor(
    protected readonly sf: ts.SourceFile,
    protected readonly checker: ts.TypeChecker | undefined,
    readonly scopeLabel = "the file",
    /** Printed type of the node at [start, end) from a full program (editor), e.g. `Qubit<"alice">`. */
    protected readonly typeText?: (start: number, end: number) => string | undefined,
  ) {}

  /** The file imports the DSL (or a `qmk` package): receivers we cannot resolve may be sessions. */
  protected usesDslCache: boolean | undefined;
  protected get usesDsl(): boolean {
    return this.usesDslCache ??= this.sf.statements.some((st) => ts.isImportDeclaration(st) && ts.isStringLiteral(st.moduleSpecifier)
      && /(^|[/@])(dsl|qmk)([/.-]|$)/.test(st.moduleSpecifier.text));
  }

  /** `s`, `this.s`, `ctx.alice`, `getSession()` — but not an undeclared global such as `Buffer`. */
  protected isLocalReceiver(e: ts.Expression): boolean {
    if (ts.isIdentifier(e)) {
      const d = this.checker?.getSymbolAtLocation(e)?.declarations?.[0];
      return this.checker ? !!d && d.getSourceFile() === this.sf && !ts.isImportSpecifier(d) && !ts.isNamespaceImport(d) : true;
    }
    if (ts.isParenthesizedExpression(e) || ts.isNonNullExpression(e) || ts.isAwaitExpression(e)) return this.isLocalReceiver(e.expression);
    return ts.isPropertyAccessExpression(e) || ts.isCallExpression(e) || ts.isElementAccessExpression(e) || e.kind === ts.SyntaxKind.ThisKeyword;
  }

  protected fact(f: Fact): void {
    if (!this.reporting) return;
    const node = "call" in f ? f.call : f.node;
    const key = `${f.kind}:${node.pos}:${"arg" in f ? f.arg.pos : ""}:${"obj" in f ? f.obj : ""}:${this.unit?.pos}`;
    if (this.factKeys.has(key)) return;
    this.factKeys.add(key);
    this.facts.push(f);
  }

  protected obj(site: ts.Node, tag: string, kind: ObjKind, name?: string): number {
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

  protected readonly keyCache = new WeakMap<ts.Identifier, number>();

  protected key(id: ts.Identifier): number {
    let k = this.keyCache.get(id);
    if (k === undefined) { k = this.resolveKey(id); this.keyCache.set(id, k); }
    return k;
  }

  protected resolveKey(id: ts.Identifier): number {
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

  protected localFunction(callee: ts.Identifier): ts.FunctionLikeDeclaration | undefined {
    const sym = this.checker?.getSymbolAtLocation(callee);
    const d = sym?.valueDeclaration ?? sym?.declarations?.[0];
    if (!d || d.getSourceFile() !== this.sf) return undefined;
    if (ts.isFunctionDeclaration(d) && d.body) return d;
    if (ts.isVariableDeclaration(d) && d.initializer && (ts.isArrowFunction(d.initializer) || ts.isFunctionExpression(d.initializer))) return d.initializer;
    return undefined;
  }

  /** `type AQ = Qubit<"alice">` declared in this file → its definition (one level is what users write). */
  protected resolveAlias(t: ts.TypeNode, depth = 0): ts.TypeNode {
    if (depth > 4 || !ts.isTypeReferenceNode(t) || !this.checker) return t;
    const d = this.checker.getSymbolAtLocation(ts.isIdentifier(t.typeName) ? t.typeName : t.typeName.right)?.declarations?.[0];
    return d && ts.isTypeAliasDeclaration(d) && !d.typeParameters ? this.resolveAlias(d.type, depth + 1) : t;
  }

  protected literalString(e: ts.Expression): string | undefined {
    if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return e.text;
    if (ts.isIdentifier(e) && this.checker) {
      // `const name = "alice"` keeps the literal type; `let` widens it.
      const d = this.checker.getSymbolAtLocation(e)?.valueDeclaration;
      if (d && ts.isVariableDeclaration(d) && d.initializer && ts.getCombinedNodeFlags(d) & ts.NodeFlags.Const) return this.literalString(d.initializer);
    }
    return undefined;
  }

  protected stateOf(q: number, st: AState): ObjState | undefined { return st.obj.get(q); }
  protected isQubitLike(o: number): boolean { const k = this.meta[o].kind; return k === "qubit" || k === "loan"; }
  protected containers(v: Vals): number[] { return [...v].filter((o) => this.meta[o].kind === "container"); }

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

  protected fieldsOf(cs: number[], key: string | undefined, st: AState): Vals {
    let out: Vals = EMPTY;
    for (const c of cs) {
      const f = st.fields.get(c);
      if (!f) continue;
      if (key === undefined) { for (const v of f.values()) out = union(out, v); }
      else { out = union(out, f.get(key)); out = union(out, f.get("*")); }
    }
    return out;
  }

  protected allFields(c: number, st: AState): Vals { return this.fieldsOf([c], undefined, st); }
  protected allOf(v: Vals, st: AState): Vals {
    const cs = this.containers(v);
    return cs.length ? this.fieldsOf(cs, undefined, st) : v;
  }

  /** Marks objects (and what containers hold, transitively) as owned by someone else. */
  protected escape(v: Vals, st: AState): void {
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

  /** Strong update for a single precise target, weak (join with the old state) otherwise. */
  protected update(qs: number[], f: (mask: number) => number, st: AState, call: ts.Node, consumes: boolean, clears = false): void {
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

  protected useFact(op: string, opKind: Extract<Fact, { kind: "use" }>["opKind"], call: ts.Node, arg: ts.Node, qs: number[], st: AState): void {
    for (const q of qs) this.meta[q].usedAsQubit = true;
    if (qs.length) this.fact({ kind: "use", op, opKind, call, arg, targets: qs.map((id) => ({ id, state: this.stateOf(id, st) })) });
  }

  protected channelUse(op: string, node: ts.Node, vals: Vals, st: AState): void {
    const chs = [...vals].filter((o) => this.meta[o].kind === "channel");
    if (chs.length) this.fact({ kind: "channel", op, node, channels: chs.map((id): Target => ({ id, state: st.obj.get(id) })) });
  }

}

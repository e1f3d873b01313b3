// Expression evaluation: what each expression may denote (a set of abstract
// objects) and the effects of evaluating it — assignments, containers,
// destructuring, short-circuit forks. Calls are delegated to the subclass.
import { ts } from "ts-morph";
import { type AState, LIVE, clone, join } from "./dataflow.js";
import { EMPTY, Heap, LOOP_ELEMS, assign, union, type Vals } from "./heap.js";
import { brandFromTypeText, brandTenant, innermostCastOperand, literalKey, propName } from "./syntax.js";

export abstract class Evaluator extends Heap {
  protected abstract evCall(call: ts.CallExpression, st: AState): Vals;

  protected externalQubit(d: ts.VariableDeclaration, name: ts.Identifier, st: AState): Vals {
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

  protected declList(list: ts.VariableDeclarationList, st: AState): void {
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

  protected bind(name: ts.BindingName, v: Vals, st: AState): void {
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

  protected evBinary(b: ts.BinaryExpression, st: AState): Vals {
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

  protected assignTo(target: ts.Expression, v: Vals, st: AState): void {
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

  protected storeField(cs: number[], key: string | undefined, v: Vals, st: AState): void {
    const strong = cs.length === 1 && key !== undefined && !this.meta[cs[0]].summary;
    for (const c of cs) {
      const f = new Map(st.fields.get(c) ?? []);
      const k = key ?? "*";
      f.set(k, strong ? v : union(f.get(k), v));
      st.fields.set(c, f);
    }
    if (this.meta[cs[0]] && cs.some((c) => st.escaped.has(c))) this.escape(v, st);
  }

  protected inductionElems(a: ts.ElementAccessExpression, base: Vals, st: AState): Vals | undefined {
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

  protected escapeCaptured(fn: ts.Node, st: AState): void {
    const visit = (n: ts.Node): void => {
      if (ts.isIdentifier(n)) { const v = st.env.get(this.key(n)); if (v) this.escape(v, st); }
      ts.forEachChild(n, visit);
    };
    ts.forEachChild(fn, visit);
  }
}

// Control-flow graph of one body (function, arrow, source file / notebook).
// Nodes hold one statement-level AST fragment whose effects the analysis
// evaluates; structure (if/loops/switch/try/jumps) becomes edges, and so do
// short-circuit operators (&&, ||, ??, ?:, !) in conditions and expression
// statements. Deeper inside an expression (call arguments, initialisers) the
// evaluator forks and joins the same diamond itself (analyzer.ts).
import { ts } from "ts-morph";

export type CfgKind =
  | "entry" | "exit" | "nop"
  | "stmt"      // evaluate a statement (declaration / expression statement)
  | "cond"      // evaluate a condition / switch discriminant / case test
  | "return" | "throw"
  | "loopInit" | "loopHead" | "loopNext" | "loopBreak" | "loopExit";

export interface LoopInfo {
  id: number;
  stmt: ts.IterationStatement;
  /** for-of / for-in: the iterated expression and the binding it declares. */
  iterable?: ts.Expression;
  binding?: ts.ForInitializer;
  /** for(let i…): the induction variable name and the container expressions indexed by it (`qs[i]`). */
  index?: string;
  indexed: ts.Expression[];
}

export interface CfgNode {
  id: number;
  kind: CfgKind;
  ast?: ts.Node;
  loop?: LoopInfo;
  succ: number[];
  pred: number[];
}

export interface Cfg {
  body: ts.Node;
  nodes: CfgNode[];
  entry: number;
  /** Normal completion (fall-through / return). */
  exit: number;
  /** Uncaught exception: kept apart so leak checks ignore exceptional exits. */
  raise: number;
  loops: LoopInfo[];
}

interface JumpTarget { label?: string; brk: number; cont?: number; loop?: LoopInfo }

export function buildCfg(body: ts.Node): Cfg {
  const nodes: CfgNode[] = [];
  const loops: LoopInfo[] = [];
  const jumps: JumpTarget[] = [];
  const handlers: number[] = [];      // innermost catch/finally entry for `throw`
  const finallies: number[] = [];     // innermost finally entry for `return`
  const mk = (kind: CfgKind, ast?: ts.Node): number => {
    const n: CfgNode = { id: nodes.length, kind, ast, succ: [], pred: [] };
    nodes.push(n);
    // Any node inside a try block may throw: edge to the handler.
    if (handlers.length && kind !== "nop") edge(n.id, handlers[handlers.length - 1]);
    return n.id;
  };
  const edge = (a: number, b: number) => {
    if (a < 0) return;
    if (!nodes[a].succ.includes(b)) { nodes[a].succ.push(b); nodes[b].pred.push(a); }
  };
  const entry = mk("entry");
  const exit = mk("exit");
  const raise = mk("nop");
  const returnsInto = new Set<number>(); // finally blocks entered by a return

  /** Builds `s` after `cur`; returns the node control falls out of (-1 = unreachable). */
  function stmt(s: ts.Statement, cur: number, label?: string): number {
    switch (s.kind) {
      case ts.SyntaxKind.Block:
        return list((s as ts.Block).statements, cur);
      case ts.SyntaxKind.LabeledStatement: {
        const l = s as ts.LabeledStatement;
        if (ts.isIterationStatement(l.statement, false)) return stmt(l.statement, cur, l.label.text);
        const after = mk("nop");
        jumps.push({ label: l.label.text, brk: after });
        const out = stmt(l.statement, cur);
        jumps.pop();
        edge(out, after);
        return after;
      }
      case ts.SyntaxKind.IfStatement: {
        const i = s as ts.IfStatement;
        const c = cond(i.expression, cur);
        const t = stmt(i.thenStatement, c);
        const e = i.elseStatement ? stmt(i.elseStatement, c) : c;
        const join = mk("nop"); edge(t, join); edge(e, join);
        return join;
      }
      case ts.SyntaxKind.WhileStatement:
      case ts.SyntaxKind.DoStatement:
      case ts.SyntaxKind.ForStatement:
      case ts.SyntaxKind.ForOfStatement:
      case ts.SyntaxKind.ForInStatement:
        return loop(s as ts.IterationStatement, cur, label);
      case ts.SyntaxKind.SwitchStatement: {
        const sw = s as ts.SwitchStatement;
        const d = mk("cond", sw.expression); edge(cur, d);
        const after = mk("nop");
        jumps.push({ brk: after });
        let fall = -1; let hasDefault = false;
        for (const clause of sw.caseBlock.clauses) {
          let test = d;
          if (ts.isCaseClause(clause)) { test = mk("cond", clause.expression); edge(d, test); } else hasDefault = true;
          const start = mk("nop"); edge(test, start); edge(fall, start);
          fall = list(clause.statements, start);
        }
        jumps.pop();
        edge(fall, after);
        if (!hasDefault) edge(d, after);
        return after;
      }
      case ts.SyntaxKind.TryStatement: {
        // The finally block is built once per way of entering it (normal completion,
        // exception, return) so an exceptional path never merges into the code after it.
        const tr = s as ts.TryStatement;
        const hasFin = !!tr.finallyBlock;
        const finN = hasFin ? mk("nop") : -1, finE = hasFin ? mk("nop") : -1, finR = hasFin ? mk("nop") : -1;
        const after = mk("nop");
        const handler = tr.catchClause ? mk("nop") : finE;
        if (hasFin) finallies.push(finR);
        handlers.push(handler);
        const tryEntry = mk("nop"); edge(cur, tryEntry); edge(tryEntry, handler);
        const tOut = list(tr.tryBlock.statements, tryEntry);
        handlers.pop();
        let cOut = -1;
        if (tr.catchClause) {
          if (hasFin) handlers.push(finE);
          cOut = list(tr.catchClause.block.statements, handler);
          if (hasFin) handlers.pop();
        }
        if (hasFin) {
          finallies.pop();
          edge(tOut, finN); edge(cOut, finN);
          edge(list(tr.finallyBlock!.statements, finN), after);
          edge(list(tr.finallyBlock!.statements, finE), handlers.length ? handlers[handlers.length - 1] : raise);
          if (returnsInto.has(finR)) {
            const out = list(tr.finallyBlock!.statements, finR);
            if (finallies.length) { edge(out, finallies[finallies.length - 1]); returnsInto.add(finallies[finallies.length - 1]); }
            else edge(out, exit);
          }
        } else { edge(tOut, after); edge(cOut, after); }
        return after;
      }
      case ts.SyntaxKind.ReturnStatement: {
        const r = mk("return", s); edge(cur, r);
        if (finallies.length) { edge(r, finallies[finallies.length - 1]); returnsInto.add(finallies[finallies.length - 1]); }
        else edge(r, exit);
        return -1;
      }
      case ts.SyntaxKind.ThrowStatement: {
        const r = mk("throw", s); edge(cur, r);
        if (!handlers.length) edge(r, raise);
        return -1;
      }
      case ts.SyntaxKind.BreakStatement:
      case ts.SyntaxKind.ContinueStatement: {
        const j = s as ts.BreakOrContinueStatement;
        const isBreak = s.kind === ts.SyntaxKind.BreakStatement;
        for (let k = jumps.length - 1; k >= 0; k--) {
          const t = jumps[k];
          if (j.label ? t.label === j.label.text : isBreak || t.cont !== undefined) {
            if (isBreak) edge(cur, t.brk);
            else if (t.cont !== undefined) edge(cur, t.cont);
            break;
          }
        }
        return -1;
      }
      case ts.SyntaxKind.FunctionDeclaration:
      case ts.SyntaxKind.ClassDeclaration:
      case ts.SyntaxKind.InterfaceDeclaration:
      case ts.SyntaxKind.TypeAliasDeclaration:
      case ts.SyntaxKind.ImportDeclaration:
      case ts.SyntaxKind.EmptyStatement:
        return cur;
      default: {
        if (ts.isExpressionStatement(s) && isBranching(s.expression)) return cond(s.expression, cur); // `ok && measure(q);`
        const n = mk("stmt", s); edge(cur, n);
        return n;
      }
    }
  }

  /** Evaluates a condition after `cur`, splitting short-circuit operators into branches; returns the node after it. */
  function cond(e: ts.Expression, cur: number): number {
    while (ts.isParenthesizedExpression(e)) e = e.expression;
    if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken) return cond(e.operand, cur);
    if (ts.isBinaryExpression(e) && SHORT_CIRCUIT.has(e.operatorToken.kind)) {
      const l = cond(e.left, cur);
      const r = cond(e.right, l);   // runs on some paths only…
      const j = mk("nop"); edge(l, j); edge(r, j); // …the other path skips it
      return j;
    }
    if (ts.isConditionalExpression(e)) {
      const c = cond(e.condition, cur);
      const a = cond(e.whenTrue, c), b = cond(e.whenFalse, c);
      const j = mk("nop"); edge(a, j); edge(b, j);
      return j;
    }
    const n = mk("cond", e); edge(cur, n);
    return n;
  }

  function list(ss: readonly ts.Statement[], cur: number): number {
    for (const s of ss) {
      if (cur < 0) break; // unreachable code after a jump
      cur = stmt(s, cur);
    }
    return cur;
  }

  function loop(s: ts.IterationStatement, cur: number, label?: string): number {
    const info: LoopInfo = { id: loops.length, stmt: s, indexed: [] };
    loops.push(info);
    const init = mk("loopInit", s); nodes[init].loop = info; edge(cur, init);
    const head = mk("loopHead", s); nodes[head].loop = info;
    const next = mk("loopNext", s); nodes[next].loop = info;
    const brk = mk("loopBreak", s); nodes[brk].loop = info;
    const exitN = mk("loopExit", s); nodes[exitN].loop = info;
    jumps.push({ label, brk, cont: next, loop: info });
    let bodyStart = head;
    let noHeadExit = false; // `while (true)`, `for (;;)`, first test known true
    if (ts.isForStatement(s)) {
      let c = init;
      if (s.initializer) {
        const i = mk(ts.isVariableDeclarationList(s.initializer) ? "stmt" : "cond", s.initializer); edge(init, i); c = i;
        info.index = inductionVar(s);
        if (info.index) info.indexed = indexedBy(s.statement, info.index);
      }
      edge(c, head);
      let back = next;
      if (s.incrementor) { const k = mk("cond", s.incrementor); edge(next, k); back = k; }
      if (s.condition && runsAtLeastOnce(s)) {
        // First test is known true: it moves to the back edge, so no zero-iteration path exists.
        const k = cond(s.condition, back); edge(k, head); edge(k, exitN);
        noHeadExit = true;
      } else if (s.condition) {
        const k = cond(s.condition, head); bodyStart = k; edge(back, head);
        if (isTrue(s.condition)) noHeadExit = true;
      } else { edge(back, head); noHeadExit = true; }
    } else if (ts.isForOfStatement(s) || ts.isForInStatement(s)) {
      info.iterable = s.expression; info.binding = s.initializer;
      edge(init, head); edge(next, head);
    } else if (ts.isWhileStatement(s)) {
      edge(init, head);
      const k = cond(s.expression, head); bodyStart = k; edge(next, head);
      if (isTrue(s.expression)) noHeadExit = true;
    } else if (ts.isDoStatement(s)) {
      edge(init, head);
      const k = cond(s.expression, next); edge(k, head);
      // do-while: the body runs at least once, the exit is after the condition.
      const out = stmt(s.statement, head);
      jumps.pop();
      edge(out, next); edge(k, exitN); edge(brk, exitN);
      return exitN;
    }
    const out = stmt(s.statement, bodyStart);
    jumps.pop();
    edge(out, next);
    if (!noHeadExit) edge(bodyStart, exitN);
    edge(brk, exitN);
    return exitN;
  }

  let out: number;
  if (ts.isSourceFile(body) || ts.isBlock(body) || ts.isModuleBlock(body)) {
    out = list((body as ts.Block).statements, entry);
  } else {
    // Concise arrow body: an expression, treated as `return expr`.
    const r = mk("return", body); edge(entry, r); out = r;
  }
  edge(out, exit);
  return { body, nodes, entry, exit, raise, loops };
}

/** `for (let i = …; …; i++)` → "i" (any ++/--/+=/-= update counts). */
function inductionVar(s: ts.ForStatement): string | undefined {
  const init = s.initializer;
  if (!init || !ts.isVariableDeclarationList(init) || init.declarations.length !== 1) return undefined;
  const d = init.declarations[0];
  if (!ts.isIdentifier(d.name)) return undefined;
  const name = d.name.text;
  const inc = s.incrementor;
  if (!inc) return undefined;
  const target = ts.isPrefixUnaryExpression(inc) || ts.isPostfixUnaryExpression(inc) ? inc.operand
    : ts.isBinaryExpression(inc) ? inc.left : undefined;
  return target && ts.isIdentifier(target) && target.text === name ? name : undefined;
}

/** Container expressions `E` used as `E[i]` in a loop body. */
function indexedBy(body: ts.Node, index: string): ts.Expression[] {
  const out: ts.Expression[] = [];
  const seen = new Set<string>();
  const visit = (n: ts.Node): void => {
    if (ts.isElementAccessExpression(n) && ts.isIdentifier(n.argumentExpression) && n.argumentExpression.text === index
      && (ts.isIdentifier(n.expression) || ts.isPropertyAccessExpression(n.expression))) {
      const key = n.expression.getText();
      if (!seen.has(key)) { seen.add(key); out.push(n.expression); }
    }
    if (!ts.isFunctionLike(n) || ts.isArrowFunction(n)) ts.forEachChild(n, visit);
  };
  visit(body);
  return out;
}

const isTrue = (e: ts.Expression) => e.kind === ts.SyntaxKind.TrueKeyword;

const SHORT_CIRCUIT = new Set([ts.SyntaxKind.AmpersandAmpersandToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken]);

function isBranching(e: ts.Expression): boolean {
  while (ts.isParenthesizedExpression(e)) e = e.expression;
  return ts.isConditionalExpression(e) || (ts.isBinaryExpression(e) && SHORT_CIRCUIT.has(e.operatorToken.kind));
}

/** `for (let i = 0; i < 3; …)`: literal bounds whose first test is true. */
function runsAtLeastOnce(s: ts.ForStatement): boolean {
  const init = s.initializer, c = s.condition;
  if (!init || !c || !ts.isVariableDeclarationList(init) || init.declarations.length !== 1) return false;
  const d = init.declarations[0];
  if (!ts.isIdentifier(d.name) || !d.initializer || !ts.isNumericLiteral(d.initializer)) return false;
  if (!ts.isBinaryExpression(c) || !ts.isIdentifier(c.left) || c.left.text !== d.name.text || !ts.isNumericLiteral(c.right)) return false;
  const a = Number(d.initializer.text), b = Number(c.right.text);
  switch (c.operatorToken.kind) {
    case ts.SyntaxKind.LessThanToken: return a < b;
    case ts.SyntaxKind.LessThanEqualsToken: return a <= b;
    case ts.SyntaxKind.GreaterThanToken: return a > b;
    case ts.SyntaxKind.GreaterThanEqualsToken: return a >= b;
    case ts.SyntaxKind.ExclamationEqualsEqualsToken: return a !== b;
    default: return false;
  }
}

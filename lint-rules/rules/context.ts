// What every rule receives: the facts of one file plus helpers to describe objects.
import { ts } from "ts-morph";
import type { Analyzer } from "../analyzer.js";
import type { Diagnostic, Fix, Severity } from "../diagnostics.js";
import type { Fact } from "../facts.js";
import type { RuleId } from "../model.js";

export interface RuleContext {
  sf: ts.SourceFile;
  an: Analyzer;
  report(rule: RuleId, severity: Severity, node: ts.Node, message: string, fix?: Fix): void;
  /** `q`, or the source text of the operand expression. */
  nameOf(obj: number, expr?: ts.Node): string;
  /** "line 7", or "cell 3, line 2" in notebooks. */
  lineOf(pos: number): string;
  /** Tenants an object may belong to: literal names, "*" = widened (unknown literal). Empty = no information. */
  tenantsOf(obj: number): Set<string>;
}

export interface Rule {
  id: RuleId;
  description: string;
  check(facts: Fact[], ctx: RuleContext): void;
}

export function makeContext(sf: ts.SourceFile, an: Analyzer, out: Diagnostic[], lineLabel: (line: number) => string = (l) => `line ${l}`): RuleContext {
  const ctx: RuleContext = {
    sf, an,
    report(rule, severity, node, message, fix) {
      out.push({ rule, severity, message, start: node.getStart(sf), end: node.getEnd(), fix });
    },
    nameOf(obj, expr) {
      if (expr) return expr.getText(sf);
      return an.meta[obj].name ?? "qubit";
    },
    lineOf(pos) { return lineLabel(sf.getLineAndCharacterOfPosition(pos).line + 1); },
    tenantsOf(obj) { return an.tenantsOf([obj]); },
  };
  return ctx;
}

export const plural = (at: number[], ctx: RuleContext) =>
  at.length ? ` (${[...new Set(at.map((p) => ctx.lineOf(p)))].join("; ")})` : "";

// Small text-edit builders shared by rules.
import { ts } from "ts-morph";
import type { Fix } from "../diagnostics.js";

/** The statement (direct child of a block / file / case) that contains `n`. */
export function enclosingStatement(n: ts.Node): ts.Statement | undefined {
  for (let p: ts.Node | undefined = n; p; p = p.parent) {
    if (p.parent && (ts.isBlock(p.parent) || ts.isSourceFile(p.parent) || ts.isCaseClause(p.parent) || ts.isDefaultClause(p.parent)) && ts.isStatement(p as ts.Node)) {
      return p as ts.Statement;
    }
  }
  return undefined;
}

export function insertBeforeStatement(sf: ts.SourceFile, n: ts.Node, text: string, description: string): Fix | undefined {
  const s = enclosingStatement(n);
  if (!s) return undefined;
  const start = s.getStart(sf);
  const lineStart = sf.text.lastIndexOf("\n", start - 1) + 1;
  const indent = sf.text.slice(lineStart, start).match(/^\s*/)?.[0] ?? "";
  return { description, edits: [{ start, end: start, newText: `${text}\n${indent}` }] };
}

export function deleteStatement(sf: ts.SourceFile, n: ts.Node, description: string): Fix | undefined {
  const s = enclosingStatement(n);
  if (!s || !ts.isExpressionStatement(s) || s.expression !== n) return undefined;
  return { description, edits: [{ start: s.getStart(sf), end: s.getEnd(), newText: "" }] };
}

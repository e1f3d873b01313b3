// Syntax-only helpers: literal keys, brands written in type annotations, inlined callbacks.
import { ts } from "ts-morph";
import { ELEMENT_CALLBACKS, QUBIT_TYPE_NAMES } from "./model.js";

export function literalKey(e: ts.Expression): string | undefined {
  if (ts.isNumericLiteral(e)) return String(Number(e.text));
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return e.text;
  return undefined;
}

export function propName(n: ts.PropertyName): string | undefined {
  return ts.isIdentifier(n) || ts.isStringLiteral(n) || ts.isNumericLiteral(n) || ts.isPrivateIdentifier(n) ? n.text : undefined;
}

export function innermostCastOperand(a: ts.AsExpression | ts.TypeAssertion): ts.Expression {
  let e: ts.Expression = a;
  while (ts.isAsExpression(e) || ts.isTypeAssertionExpression(e) || ts.isParenthesizedExpression(e)) e = e.expression;
  return e;
}

/** Callbacks whose body is analysed in place (they run during the call). */
export function isInlineCallback(n: ts.Node): boolean {
  if (!(ts.isArrowFunction(n) || ts.isFunctionExpression(n)) || !n.parent || !ts.isCallExpression(n.parent)) return false;
  const callee = n.parent.expression;
  if (ts.isIdentifier(callee)) return callee.text === "ifOne" || callee.text === "ifZero" || callee.text === "circuit";
  return ts.isPropertyAccessExpression(callee) && ELEMENT_CALLBACKS.has(callee.name.text);
}

/** `Qubit<"alice">` → "alice"; `Qubit<string>` / `Qubit` → "*" (widened); not a qubit type → undefined. */
export function brandTenant(t: ts.TypeNode): string | undefined {
  if (ts.isIntersectionTypeNode(t) || ts.isUnionTypeNode(t)) {
    for (const x of t.types) { const r = brandTenant(x); if (r !== undefined) return r; }
    return undefined;
  }
  if (!ts.isTypeReferenceNode(t)) return undefined;
  const name = ts.isIdentifier(t.typeName) ? t.typeName.text : t.typeName.right.text;
  if (!QUBIT_TYPE_NAMES.has(name)) return undefined;
  const arg = t.typeArguments?.[0];
  if (arg && ts.isLiteralTypeNode(arg) && ts.isStringLiteral(arg.literal)) return arg.literal.text;
  return "*";
}

export function isQubitType(t: ts.TypeNode): boolean { return brandTenant(t) !== undefined; }


const NON_QUBIT_KEYWORDS = new Set([
  ts.SyntaxKind.NumberKeyword, ts.SyntaxKind.StringKeyword, ts.SyntaxKind.BooleanKeyword, ts.SyntaxKind.BigIntKeyword,
  ts.SyntaxKind.SymbolKeyword, ts.SyntaxKind.VoidKeyword, ts.SyntaxKind.UndefinedKeyword, ts.SyntaxKind.NullKeyword, ts.SyntaxKind.NeverKeyword,
]);

export function isNeverQubit(t: ts.TypeNode): boolean {
  return NON_QUBIT_KEYWORDS.has(t.kind) || ts.isLiteralTypeNode(t) || ts.isFunctionTypeNode(t) || ts.isArrayTypeNode(t) || ts.isTupleTypeNode(t)
    || (ts.isTypeReferenceNode(t) && ts.isIdentifier(t.typeName) && ["Record", "Map", "Set", "Array", "Promise", "Date", "RegExp", "Uint8Array"].includes(t.typeName.text));
}

/** `Qubit<"alice">`, `Live<"alice"> & Measured`, `Qubit<string>` as printed by a checker → tenant / "*". */
export function brandFromTypeText(text: string | undefined): string | undefined {
  const m = text && /\b(Qubit|Live|Measured|Freed|Loan)<\s*(?:"([^"]*)"|(string))\s*>/.exec(text);
  return m ? (m[2] ?? "*") : undefined;
}

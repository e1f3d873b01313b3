// OpenQASM 2.0 / 3 text → parse tree, with the parser generated from the
// official openqasm/openqasm ANTLR grammar (grammar/, Apache-2.0; regenerate
// with `npx antlr-ng -Dlanguage=TypeScript -o ../generated --generate-visitor
// true --generate-listener false qasm3Lexer.g4 qasm3Parser.g4` in grammar/).
// The OpenQASM 3 grammar also accepts the OpenQASM 2.0 programs real
// circuits use (qreg/creg, `measure a -> b`, `if (c == n)`), so one parser
// reads both; the version statement tells the translator which dialect's
// meaning applies (`^` is a power in 2.0, XOR in 3).
import { BailErrorStrategy, BaseErrorListener, CharStream, CommonTokenStream, DefaultErrorStrategy, PredictionMode, type ATNSimulator, type RecognitionException, type Recognizer, type Token } from "antlr4ng";
import { qasm3Lexer } from "./generated/qasm3Lexer.js";
import { qasm3Parser, type ProgramContext } from "./generated/qasm3Parser.js";
import { QmkError } from "../errors.js";

/** Longest program text accepted (a parse tree costs ~100× the text). */
export const MAX_QASM_LENGTH = 4_000_000;

export interface SyntaxIssue {
  line: number;
  /** 1-based */
  column: number;
  message: string;
}

class Collect extends BaseErrorListener {
  readonly issues: SyntaxIssue[] = [];
  override syntaxError<S extends Token, T extends ATNSimulator>(_r: Recognizer<T>, _sym: S | null, line: number, col: number, msg: string, _e: RecognitionException | null): void {
    if (this.issues.length < 20) this.issues.push({ line, column: col + 1, message: msg });
  }
}

/**
 * Parses with the official grammar; returns the tree and every syntax error
 * (empty = accepted). Two-stage, as ANTLR recommends: SLL prediction with a
 * bail-out first (about 13× faster on real circuits: 46 KB of QASMBench's
 * dnn_n16 in 80 ms instead of 1.1 s, which matters because a q_submit parses
 * on the kernel's one thread), and only if that fails the full LL parse,
 * which also finds and reports the syntax errors.
 */
export function parseQasmTree(text: string): { tree: ProgramContext; issues: SyntaxIssue[] } {
  const errs = new Collect();
  const lexer = new qasm3Lexer(CharStream.fromString(text));
  lexer.removeErrorListeners();
  lexer.addErrorListener(errs);
  const tokens = new CommonTokenStream(lexer);
  const parser = new qasm3Parser(tokens);
  parser.removeErrorListeners();
  parser.interpreter.predictionMode = PredictionMode.SLL;
  parser.errorHandler = new BailErrorStrategy();
  try {
    const tree = parser.program();
    if (errs.issues.length === 0) return { tree, issues: errs.issues };
  } catch {
    /* SLL could not decide (or the text has an error): the full parse below says which */
  }
  errs.issues.length = 0;
  lexer.reset();
  tokens.setTokenSource(lexer);
  parser.reset();
  parser.addErrorListener(errs);
  parser.interpreter.predictionMode = PredictionMode.LL;
  parser.errorHandler = new DefaultErrorStrategy();
  const tree = parser.program();
  return { tree, issues: errs.issues };
}

/** Syntax errors of `text` under the official OpenQASM 3 grammar (empty = accepted). */
export function qasmSyntaxIssues(text: string): SyntaxIssue[] {
  return parseQasmTree(text).issues;
}

/** Error at a source position: code INVALID_GRAPH, `field: "qasm"`, line and column in the data. */
export function qasmError(line: number, column: number, message: string): QmkError {
  return new QmkError("INVALID_GRAPH", `OpenQASM line ${line}:${column}: ${message}`, { field: "qasm", line, column });
}

/** Parse tree of a program, or the first syntax error with its line and column. */
export function parseQasm(text: unknown): ProgramContext {
  if (typeof text !== "string") throw new QmkError("INVALID_PARAMS", "OpenQASM program must be a string", { field: "qasm" });
  if (text.length > MAX_QASM_LENGTH) throw new QmkError("INVALID_PARAMS", `OpenQASM program longer than ${MAX_QASM_LENGTH} characters`, { field: "qasm" });
  const { tree, issues } = parseQasmTree(text);
  if (issues.length) {
    const i = issues[0]!;
    throw qasmError(i.line, i.column, `syntax error: ${i.message}`);
  }
  return tree;
}

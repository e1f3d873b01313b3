// Printed types from a full program (the editor's, or a tsconfig project in the CLI).
// Only strings cross this boundary, so the host may run another TypeScript version.
import { resolve, sep } from "node:path";
import { Project, ts as TS } from "ts-morph";

type TsModule = typeof TS;

/** typeText(start, end) for one host source file: the checker's printed type of the node at that range. */
export function typeTextFrom(ts: TsModule, checker: TS.TypeChecker, sf: TS.SourceFile) {
  return (start: number, end: number): string | undefined => {
    const n = nodeAt(ts, sf, start, end);
    // InTypeAlias expands a top-level alias (`AliceQ` → `Qubit<"alice">`).
    return n ? checker.typeToString(checker.getTypeAtLocation(n), undefined, ts.TypeFormatFlags.InTypeAlias | ts.TypeFormatFlags.NoTruncation) : undefined;
  };
}

/** The innermost node spanning exactly [start, end). */
function nodeAt(ts: TsModule, sf: TS.SourceFile, start: number, end: number): TS.Node | undefined {
  let found: TS.Node | undefined;
  const visit = (n: TS.Node): void => {
    if (n.getStart(sf) <= start && n.getEnd() >= end) {
      if (n.getStart(sf) === start && n.getEnd() === end) found = n;
      ts.forEachChild(n, visit);
    }
  };
  visit(sf);
  return found;
}

/** CLI `--project tsconfig.json`: a type provider per file of that project (undefined for files outside it). */
export function projectTypes(tsconfig: string): (file: string) => ((start: number, end: number) => string | undefined) | undefined {
  const project = new Project({ tsConfigFilePath: tsconfig });
  const program = project.getProgram().compilerObject;
  const checker = program.getTypeChecker();
  return (file) => {
    const sf = program.getSourceFile(resolve(file).split(sep).join("/"));
    return sf ? typeTextFrom(TS, checker, sf) : undefined;
  };
}

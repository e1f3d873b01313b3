// What the abstract interpreter observes; rules turn facts into diagnostics.
import type { ts } from "ts-morph";
import type { ObjState } from "./dataflow.js";
import type { OpKind, Right } from "./model.js";

export type ObjKind = "qubit" | "container" | "session" | "request" | "channel" | "loan";

export interface ObjMeta {
  id: number;
  kind: ObjKind;
  site: ts.Node;
  /** Source name for messages (`q`, `qs[0]`). */
  name?: string;
  /** qubit → the session objects it was allocated from. */
  sessions?: Set<number>;
  /** session: literal tenant name, "*" when widened (non-literal); qubit parameter: from its `Qubit<"t">` annotation. */
  tenant?: string;
  /** session: rights when statically known, and the array literal that lists them (for the fix-it). */
  rights?: Set<string>;
  rightsNode?: ts.ArrayLiteralExpression;
  optionsNode?: ts.Expression;
  /** request / channel: the sessions at each end. */
  pair?: [Set<number>, Set<number>];
  /** loan → the lent qubits. */
  loanOf?: Set<number>;
  /** Loop-element stand-in: the real elements it represents (one per iteration). */
  members?: Set<number>;
  shadow?: boolean;
  /** One abstract object for many run-time qubits (alloc(n) with unknown n, allocation kept across iterations). */
  summary?: boolean;
  param?: boolean;
  /** Parameter without a qubit type (untyped, any, unknown): may hold anything. */
  loose?: boolean;
  usedAsQubit?: boolean;
}

export interface Target { id: number; state: ObjState | undefined }

export type Fact =
  | { kind: "use"; op: string; opKind: OpKind | "lend" | "helper" | "channel"; call: ts.Node; arg: ts.Node; targets: Target[] }
  | { kind: "operands"; op: string; call: ts.CallExpression; operands: { expr: ts.Node; objs: number[] }[]; channel?: { expr: ts.Node; objs: number[] } }
  | { kind: "leak"; obj: number; state: ObjState; where: "exit" | "realloc"; scope: ts.Node; node: ts.Node }
  | { kind: "cast"; node: ts.Node; expr: ts.Node; type: ts.TypeNode; objs: number[]; annotation: boolean }
  | { kind: "capability"; op: string; call: ts.Node; right: Right; sessions: number[] }
  | { kind: "channel"; op: string; node: ts.Node; channels: Target[] }
  /** Same-tenant operands whose entanglement component may already hold other tenants' qubits. */
  | { kind: "component"; op: string; call: ts.CallExpression; tenants: string[]; own: string; since?: number };

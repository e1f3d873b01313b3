// The OpenRPC 1.2 document of the qSyscall ABI, generated from the method
// table (schema.ts for shapes, methods.ts for rights). `rpc.discover` serves
// it; `qmk methods --json` prints the same table.
import { SCHEMAS, type MethodName } from "./schema.js";
import { METHODS } from "./methods.js";
import { ErrorCodes } from "../errors.js";

export interface MethodInfo {
  name: MethodName;
  summary: string;
  rights: readonly string[];
  derivedRights: boolean;
  params: unknown;
  result: unknown;
}

/** Plain JSON copies (TypeBox schemas carry symbol keys; JSON drops them). */
const plain = (s: unknown): unknown => JSON.parse(JSON.stringify(s));

export function methodTable(): MethodInfo[] {
  // only what the kernel serves (a schema without a handler is not a method)
  return (Object.keys(SCHEMAS) as MethodName[]).filter((name) => Object.hasOwn(METHODS, name)).map((name) => ({
    name,
    summary: SCHEMAS[name].summary,
    rights: METHODS[name]?.rights ?? [],
    derivedRights: Boolean(METHODS[name]?.derive),
    params: plain(SCHEMAS[name].params),
    result: plain(SCHEMAS[name].result),
  }));
}

let doc: unknown;
export function openRpcDocument(version = "0.1.0"): unknown {
  doc ??= {
    openrpc: "1.2.6",
    info: { title: "QMK qSyscall", version, description: "The qSyscall ABI of the QMK quantum microkernel (JSON-RPC 2.0)." },
    methods: methodTable().map((m) => {
      const props = (m.params as { properties?: Record<string, unknown>; required?: string[] }).properties ?? {};
      const required = new Set((m.params as { required?: string[] }).required ?? []);
      return {
        name: m.name,
        summary: m.summary,
        paramStructure: "by-name",
        params: Object.entries(props).map(([name, schema]) => ({ name, required: required.has(name), schema })),
        result: { name: "result", schema: m.result },
        "x-rights": m.rights,
        ...(m.derivedRights ? { "x-derived-rights": true } : {}),
      };
    }),
    components: {
      errors: Object.fromEntries(Object.entries(ErrorCodes).map(([name, code]) => [name, { code, message: name }])),
    },
  };
  return doc;
}

// kernel/qvm public surface.
export type { QvmGraph, QvmNode, QvmGuard, QvmResources, NormNode } from "./graph.js";
export { normalizeNode } from "./graph.js";
export { OPCODES, OPCODE_NAMES, UPSTREAM_OPCODES, MAX_ALLOC, lookupOpcode, requiredRights, argsAreFreeForm } from "./opcodes.js";
export type { OpcodeSpec, ArgSpec, ArgType, OpEffect, ChEffect } from "./opcodes.js";
export { QVM_SCHEMA, schemaIssues, schemaCheck } from "./schema.js";
export type { SchemaCheck } from "./schema.js";
export { parseAsm } from "./asm.js";
export { evalAngle, angleParams, MAX_ANGLE } from "./expr.js";
export type { ExprCtx } from "./expr.js";
export { verifyGraph } from "./verifier.js";
export type { Issue, VerifyOptions, VerifyResult } from "./verifier.js";
export { executeGraph, ExecutionCancelled, shotSeed, MAX_SHOTS } from "./executor.js";
export type { ExecuteOptions, ExecuteResult } from "./executor.js";
export type { QuantumPort, NodeCtx, VqRef, ChRef } from "./port.js";
export { BarePort } from "./bare-port.js";

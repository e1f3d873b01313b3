import type { Rule } from "./context.js";
import { crossTenant } from "./cross-tenant.js";
import { doubleConsume } from "./double-consume.js";
import { duplicateOperand } from "./duplicate-operand.js";
import { leak } from "./leak.js";
import { missingCapability } from "./missing-capability.js";
import { unsafeCast } from "./unsafe-cast.js";
import { useAfterConsume } from "./use-after-consume.js";

export const RULES: Rule[] = [useAfterConsume, doubleConsume, leak, crossTenant, duplicateOperand, unsafeCast, missingCapability];
export type { Rule };

// Policy engine: declarative allow/deny/limit rules, token buckets, quotas as policies.
export * from "./types.js";
export { PolicyEngine, decisionError, type PolicyEngineOptions, type PolicyRecord } from "./engine.js";
export { validateRules, MAX_RULES } from "./validate.js";
export { TokenBucket } from "./bucket.js";
export { compilePattern } from "./glob.js";

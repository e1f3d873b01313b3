// Tenants: lifecycle, quotas, usage, namespaces and the physical-qubit pool.
export * from "./registry.js";
export * from "./quota.js";
export * from "./names.js";
export { PhysicalPool, type Extent, type ScrubEvent } from "./pool.js";

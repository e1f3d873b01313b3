// Process-wide simulator tuning an embedder may opt in to (the CLI does).
// Re-exported here so that nothing above kernel/machine reaches into kernel/sim.
export { enableFmaKernels } from "../sim/index.js";

// Every behavioural test runs on each kernel path, with and without fusion.
import type { SimulatorOptions } from "../../kernel/sim/index.js";

export const configs: { name: string; opts: SimulatorOptions }[] = [
  { name: "js, unfused", opts: { kernels: "js", fusion: false } },
  { name: "js, fused", opts: { kernels: "js", fusion: true } },
  { name: "wasm, unfused", opts: { kernels: "wasm", fusion: false } },
  { name: "wasm, fused", opts: { kernels: "wasm", fusion: true } },
  { name: "wasm, 1-qubit fusion", opts: { kernels: "wasm", fusion: 1 } },
  // tiny chunks so the cache-blocked path runs on test-sized states
  { name: "wasm, fused, 2-qubit chunks", opts: { kernels: "wasm", fusion: true, chunkQubits: 2 } },
  { name: "js, fused, 3-qubit chunks", opts: { kernels: "js", fusion: true, chunkQubits: 3 } },
];

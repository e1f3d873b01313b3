// Every behavioural test runs on each kernel path, with and without fusion.
import type { SimulatorOptions } from "../../kernel/sim/index.js";

export const configs: { name: string; opts: SimulatorOptions }[] = [
  { name: "js, unfused", opts: { kernels: "js", fusion: false } },
  { name: "js, fused", opts: { kernels: "js", fusion: true } },
  { name: "wasm, unfused", opts: { kernels: "wasm", fusion: false } },
  { name: "wasm, fused", opts: { kernels: "wasm", fusion: true } },
  { name: "wasm, 1-qubit fusion", opts: { kernels: "wasm", fusion: 1 } },
];

import { readFileSync, readdirSync } from "node:fs";
import { expect } from "vitest";
import { parseAsm } from "../../kernel/qvm/asm.js";
import type { QvmGraph } from "../../kernel/qvm/graph.js";

export const CONFORMANCE_DIR = new URL("../fixtures/conformance/qvm/", import.meta.url).pathname;

export function conformanceFiles(): string[] {
  return readdirSync(CONFORMANCE_DIR).filter((f) => f.endsWith(".qvm.json") || f.endsWith(".qvm.asm")).sort();
}

export function loadConformance(file: string): QvmGraph {
  const text = readFileSync(CONFORMANCE_DIR + file, "utf8");
  return file.endsWith(".asm") ? parseAsm(text) : (JSON.parse(text) as QvmGraph);
}

/** Count of shots whose bitstring has `bit` at position k. */
export function countBit(counts: Record<string, number>, k: number, bit: string): number {
  let c = 0;
  for (const [key, n] of Object.entries(counts)) if (key[k] === bit) c += n;
  return c;
}

/** Binomial check within 5σ; p ∈ {0,1} must be exact. */
export function expectBinomial(k: number, n: number, p: number): void {
  if (p === 0 || p === 1) {
    expect(k).toBe(p * n);
    return;
  }
  const sigma = Math.sqrt(n * p * (1 - p));
  expect(Math.abs(k - n * p), `k=${k} n=${n} p=${p}`).toBeLessThanOrEqual(5 * sigma);
}

/** A minimal valid graph builder for the negative tests. */
export function graph(nodes: unknown[], resources: { vqs?: string[]; chs?: string[]; events?: string[] } = {}): Record<string, unknown> {
  return {
    version: "0.1",
    program: { nodes },
    resources: { vqs: resources.vqs ?? ["q0", "q1"], chs: resources.chs ?? [], events: resources.events ?? ["m0", "m1"] },
  };
}

export const ALLOC2 = { id: "alloc", op: "ALLOC_LQ", args: { n: 2, profile: "logical:Surface(d=3)" }, vqs: ["q0", "q1"] };
export const FREE2 = { id: "free", op: "FREE_LQ", vqs: ["q0", "q1"] };

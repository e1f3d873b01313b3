// What `qmk run` / `qmk verify` / `qmk convert` add for experiments:
// OpenQASM files as programs, counts keyed by a QASM program's classical
// bits, `--noise FILE` and `--observable "…"`.
import type { QvmGraph } from "../../qvm/graph.js";
import { qasmCounts, qasmMeta, qasmToGraph, type QasmMeta } from "../../qasm/import.js";
import { withNoise } from "../../noise/insert.js";
import { parseNoiseModel, type ResolvedNoise } from "../../noise/model.js";
import { expectationExact, expectationSampled, type Caller, type Expectation } from "../../observables/estimate.js";
import { parseObservable } from "../../observables/pauli.js";
import { parseGraphText, readInputText } from "../io.js";

/** OpenQASM when the file says so: a `.qasm` name, or text that opens with `OPENQASM` (after comments). */
export function looksLikeQasm(file: string, text: string): boolean {
  if (/\.qasm$/i.test(file)) return true;
  let s = text.trimStart();
  for (;;) {
    if (s.startsWith("//")) s = s.slice(s.indexOf("\n") + 1 || s.length).trimStart();
    else if (s.startsWith("/*")) s = s.indexOf("*/") < 0 ? "" : s.slice(s.indexOf("*/") + 2).trimStart();
    else break;
  }
  return s.startsWith("OPENQASM");
}

export interface Program {
  /** the graph as loaded (no noise) */
  graph: QvmGraph;
  /** set for an OpenQASM program */
  qasm?: QasmMeta;
  format: "qasm" | "json" | "asm";
}

/** Reads FILE ("-": stdin) once: OpenQASM 2/3, QVM JSON, or `.qvm.asm`. A missing file is exit 3. */
export function loadProgram(file: string): Program {
  const text = readInputText(file, "file");
  if (looksLikeQasm(file, text)) {
    const graph = qasmToGraph(text);
    return { graph, qasm: qasmMeta(graph), format: "qasm" };
  }
  const { graph, format } = parseGraphText(file, text);
  return { graph: graph as QvmGraph, format };
}

/** A `--noise FILE` model (JSON, see kernel/noise/model.ts), validated. */
export function readNoise(noiseFile: string): ResolvedNoise {
  return parseNoiseModel(readInputText(noiseFile, "noise"));
}

/** The graph `qmk run` submits: the program with `--noise FILE`'s channels inserted. */
export function runGraph(p: Program, noiseFile?: string): QvmGraph {
  return noiseFile ? withNoise(p.graph, readNoise(noiseFile)) : p.graph;
}

/**
 * The counts `qmk run` prints: for an OpenQASM program keyed by its
 * classical bits in declaration order (first declared bit leftmost), else
 * by `resources.events` (bit k = events[k]).
 */
export function runCounts(p: Program, st: { counts?: Record<string, number>; events_order?: string[] }): { order: string[]; counts: Record<string, number> } {
  const counts = st.counts ?? {};
  const order = st.events_order ?? p.graph.resources.events;
  if (p.qasm) return { order: p.qasm.bits, counts: qasmCounts(p.qasm, order, counts) };
  return { order, counts };
}

/**
 * `qmk run FILE --observable "…"`: exact (stderr 0) when no --shots is
 * given and the kernel lets the caller read the final state, else sampled
 * with `shots` per group of commuting terms. With --noise, always sampled.
 */
export async function runObservable(
  call: Caller,
  p: Program,
  o: { observable: string; shots?: string; seed: number; params: Record<string, number>; noise?: string; json?: boolean },
): Promise<Expectation> {
  const obs = parseObservable(o.observable);
  let r: Expectation;
  if (o.shots === undefined && !o.noise) {
    r = await expectationExact(call, p.graph, obs, o.params);
  } else {
    const shots = o.shots === undefined ? 1000 : Number(o.shots);
    const model = o.noise ? readNoise(o.noise) : undefined;
    r = await expectationSampled(call, p.graph, obs, {
      shots,
      seed: o.seed,
      params: o.params,
      ...(model ? { prepare: (g: QvmGraph) => withNoise(g, model) } : {}),
    });
  }
  if (o.json) process.stdout.write(JSON.stringify({ expectation: { observable: r.observable, value: r.value, stderr: r.stderr, shots: r.shots } }) + "\n");
  else process.stdout.write(`<${r.observable}> = ${r.value}${r.shots ? ` ± ${r.stderr} (${r.shots} shots, ${r.groups} setting(s))` : " (exact)"}\n`);
  return r;
}

// A graph run that can stop between any two nodes and resume later.
//
// Why: jobs share the kernel's one thread with every tenant's eager calls.
// A slice counted in shots lets one job hold the thread for as long as its
// shots take (a 5 000-node shot blocked others for seconds). GraphRun
// advances by *work* — each node costs the amplitudes it touches plus a
// fixed mediation overhead — so a slice ends after a bounded amount of work
// even in the middle of a shot, and the scheduler can serve someone else.
// Results are those of executeGraph for the same graph, shots and seed.
import { QmkError } from "../errors.js";
import type { QvmGraph } from "./graph.js";
import type { QuantumPort, VqRef } from "./port.js";
import { MAX_SHOTS, planStep, samplingSplit, shotSeed, ShotRun, type Step } from "./executor.js";

/** Shots drawn per sampling call, so a 10⁶-shot sample is split across slices too. */
const SAMPLE_CHUNK = 50_000;

/**
 * Work units planning one node costs (normalizing it, evaluating its angles:
 * about a microsecond). Every node is planned before the first one runs — a
 * bad angle expression fails the job before any effect — but in slices, so
 * a 100 000-node plan is not one 100 ms stall.
 */
const PLAN_COST = 2 ** 10;

export interface GraphRunOptions {
  shots: number;
  seed: number;
  params?: Record<string, number>;
  /** work units one node costs now (e.g. 2^live qubits + overhead) */
  cost: () => number;
}

export class GraphRun {
  readonly counts: Record<string, number> = {};
  /** event values of the last finished shot */
  events: Record<string, number> = {};
  shotsDone = 0;
  private readonly steps: Step[] = [];
  private readonly nodes: QvmGraph["program"]["nodes"];
  private readonly evOrder: readonly string[];
  private readonly split: number;
  private shot = 0;
  private pos = 0;
  private run: ShotRun | null = null;
  /** sampling path: refs of the final measurements and the samples still to draw */
  private sampleRefs: VqRef[] | null = null;
  private samplesLeft = 0;
  private samplePos = new Map<string, number>();

  constructor(
    graph: QvmGraph,
    private readonly port: QuantumPort,
    private readonly opts: GraphRunOptions,
  ) {
    const { shots, seed } = opts;
    if (!Number.isInteger(shots) || shots < 1 || shots > MAX_SHOTS)
      throw new QmkError("INVALID_PARAMS", `shots must be an integer in 1..${MAX_SHOTS}`, { field: "shots" });
    if (!Number.isInteger(seed)) throw new QmkError("INVALID_PARAMS", "seed must be an integer", { field: "seed" });
    this.nodes = graph.program.nodes;
    this.evOrder = graph.resources.events;
    this.split = port.sample && shots > 1 ? samplingSplit(graph) : -1;
  }

  get done(): boolean {
    return this.shotsDone >= this.opts.shots;
  }

  /** Run until `budget` work units are spent or every shot is done; true when done. */
  advance(budget: number): boolean {
    let spent = 0;
    const params = this.opts.params ?? {};
    while (this.steps.length < this.nodes.length) {
      if (spent >= budget) return false;
      this.steps.push(planStep(this.nodes[this.steps.length]!, params));
      spent += PLAN_COST;
    }
    while (!this.done && spent < budget) {
      if (!this.run) {
        this.port.beginShot?.(this.shot, shotSeed(this.opts.seed, this.shot));
        this.run = new ShotRun(this.port, this.shot);
        this.pos = 0;
      }
      try {
        if (this.split >= 0 && this.pos === this.split && this.drawSamples(budget - spent)) {
          spent = budget; // sampling used the rest of this slice; more samples next time
          continue;
        }
        const s = this.steps[this.pos];
        if (s) {
          spent += this.opts.cost();
          this.run.step(s);
          this.pos++;
          continue;
        }
      } catch (e) {
        this.endShot();
        throw e;
      }
      this.finishShot();
    }
    return this.done;
  }

  /**
   * Sampling fast path (see executeGraph): at the split, draw the final Z
   * measurements' samples from the prepared state, a chunk per call.
   * Returns true while samples remain to be drawn.
   */
  private drawSamples(budget: number): boolean {
    const run = this.run!;
    if (!this.sampleRefs) {
      const measured = this.steps.slice(this.split).filter((s) => s.node.op === "MEASURE_Z");
      this.sampleRefs = measured.map((s) => run.boundRef(s.node.vqs[0]!, s.node.id));
      measured.forEach((s, k) => s.node.produces.forEach((e) => this.samplePos.set(e, k)));
      this.samplesLeft = this.opts.shots - 1;
    }
    if (this.samplesLeft === 0) return false;
    const n = Math.min(this.samplesLeft, SAMPLE_CHUNK, Math.max(1, Math.floor(budget / 64)));
    const samples = this.port.sample!(this.sampleRefs, n);
    for (const [bits, c] of samples) {
      const key = this.evOrder.map((e) => (this.samplePos.has(e) ? bits[this.samplePos.get(e)!] : "-")).join("");
      this.counts[key] = (this.counts[key] ?? 0) + c;
    }
    this.samplesLeft -= n;
    this.shotsDone += n;
    return true;
  }

  private finishShot(): void {
    const run = this.run!;
    this.endShot();
    const key = this.evOrder.map((e) => (run.events.has(e) ? String(run.events.get(e)) : "-")).join("");
    this.counts[key] = (this.counts[key] ?? 0) + 1;
    this.events = Object.fromEntries(run.events);
    this.shotsDone++;
    this.shot++;
  }

  private endShot(): void {
    this.port.endShot(this.shot);
    this.run = null;
  }
}

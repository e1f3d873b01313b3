// Run-time linearity (SPEC §1.4): the backstop that no client can skip.
// Tracks each kernel qubit's typestate and refuses every transition the
// rule does not allow, before anything touches the simulator.
import { QmkError } from "../errors.js";

export type QubitState = "live" | "measured" | "freed";

/** What an operation does to its operands' typestate. */
export type LinearEffect = "gate" | "consume" | "revive" | "free" | "classical";

export class LinearTracker {
  private readonly state = new Map<number, QubitState>();

  add(id: number): void {
    this.state.set(id, "live");
  }

  get(id: number): QubitState | undefined {
    return this.state.get(id);
  }

  /**
   * Throws LINEARITY_VIOLATION if `effect` is not allowed on every operand.
   * Pure: changes nothing, so a refused op leaves no trace.
   */
  check(ids: readonly number[], effect: LinearEffect, op: string, labels?: readonly string[]): void {
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++) {
        if (ids[i] === ids[j]) {
          throw new QmkError("LINEARITY_VIOLATION", `${op}: the same qubit appears twice (operands ${i} and ${j})`, {
            field: `vqs[${j}]`,
            violation: "duplicate_operand",
          });
        }
      }
    }
    for (let i = 0; i < ids.length; i++) {
      const s = this.state.get(ids[i]) ?? "freed";
      const ok =
        s === "live" ||
        (s === "measured" && (effect === "revive" || effect === "free" || effect === "classical"));
      if (!ok) {
        const violation =
          s === "freed"
            ? effect === "free"
              ? "double_free"
              : "use_after_free"
            : effect === "consume"
              ? "double_measure"
              : "use_after_measure";
        throw new QmkError(
          "LINEARITY_VIOLATION",
          `${op}: ${violation.replace(/_/g, " ")} on ${labels?.[i] ?? `qubit ${i}`} (state ${s})`,
          { field: `vqs[${i}]`, violation, state: s },
        );
      }
    }
  }

  /** Apply the transition of an op that passed `check`. */
  commit(ids: readonly number[], effect: LinearEffect): void {
    const next: QubitState | null =
      effect === "consume" ? "measured" : effect === "revive" ? "live" : effect === "free" ? "freed" : null;
    if (next === null) return;
    for (const id of ids) {
      if (next === "freed") this.state.delete(id);
      else this.state.set(id, next);
    }
  }

  live(): number[] {
    return [...this.state.entries()].filter(([, s]) => s === "live").map(([id]) => id);
  }
}

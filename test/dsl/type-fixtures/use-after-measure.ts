// Deliberately wrong: the compiler must reject line 9 and name the measured state.
import { h, measure, type Session } from "../../../dsl/index.js";

export function program(alice: Session<"alice">): void {
  const q = alice.qubit();
  h(q);
  measure(q);
  // use after measure:
  h(q);
}

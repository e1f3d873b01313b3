// Every operation of SPEC §1.2 is reachable without annotations, with
// numeric or named (expression) angles.
import { describe, expectTypeOf, test } from "vitest";
import {
  circuit,
  cphase,
  cx,
  cnot,
  cz,
  free,
  freeAll,
  h,
  injectT,
  measure,
  measureAngle,
  measureBell,
  measureIn,
  measureX,
  measureY,
  reset,
  rx,
  ry,
  rz,
  s,
  sdg,
  swap,
  t,
  tdg,
  teleportCnot,
  u,
  x,
  y,
  z,
  ifZero,
  type Bit,
  type Counts,
  type Qubit,
  type Session,
} from "../../dsl/index.js";

declare const alice: Session<"alice">;

describe("gates", () => {
  test("one-qubit gates, free and fluent", () => {
    const q = alice.qubit();
    h(q); x(q); y(q); z(q); s(q); sdg(q); t(q); tdg(q);
    rx(q, 0.1); ry(q, "theta"); rz(q, "pi/4");
    u(q, 0.1, "phi", "lambda/2");
    q.h().x().y().z().s().sdg().t().tdg().rx(1).ry("a").rz(2).u(1, 2, 3);
    const fresh = alice.qubit();
    injectT(fresh);
    fresh.injectT();
  });

  test("two-qubit gates", () => {
    const [a, b] = alice.alloc(2);
    expectTypeOf(a).toEqualTypeOf<Qubit<"alice">>();
    cx(a, b); cnot(a, b); cz(a, b); swap(a, b); cphase(a, b, "pi/8"); teleportCnot(a, b);
  });

  test("measurement in every basis; Bell measurement; reset; free", () => {
    const [a, b, c, d, e, f] = alice.alloc(6);
    measure(a);
    measureX(b);
    measureY(c);
    measureAngle(d, "pi/3");
    measureIn(e, { angle: 0.2 });
    expectTypeOf(a.outcome).toEqualTypeOf<0 | 1>();
    expectTypeOf(b.bit).toEqualTypeOf<Bit>();
    ifZero(c, () => x(f));
    reset(a);
    h(a);
    const [p, q] = alice.alloc(2);
    measureBell(p, q);
    expectTypeOf(p.bellIndex).toEqualTypeOf<0 | 1 | 2 | 3>();
    free(p);
    freeAll([a, b, c, d, e, f, q]);
  });

  test("captured outputs type the counts", async () => {
    const c = circuit(alice, (s) => {
      const q = s.qubit();
      h(q);
      measure(q);
      return { heads: q };
    });
    const counts = await c.run({ shots: 10 });
    expectTypeOf(counts).toEqualTypeOf<Counts<"heads">>();
    expectTypeOf(counts.marginal).parameter(0).toEqualTypeOf<"heads">();
  });
});

// Compile-time linearity: each must-fail case is a `// @ts-expect-error`
// (an unused one fails the run), each must-pass case compiles.
import { describe, expectTypeOf, test } from "vitest";
import {
  circuit,
  cx,
  cz,
  free,
  h,
  ifOne,
  measure,
  measureAngle,
  measureBell,
  measureX,
  measureY,
  reset,
  rz,
  s,
  x,
  type Channel,
  type Connection,
  type Live,
  type Loan,
  type Measured,
  type Qubit,
  type Session,
} from "../../dsl/index.js";

declare const alice: Session<"alice">;
declare const bob: Session<"bob">;
declare const conn: Connection;
declare const loan: Loan<"bob">;
declare const carol: Channel<"alice", "carol">;
declare const reversed: Channel<"bob", "alice">;

describe("typestate", () => {
  test("fresh qubits carry the tenant and are live", () => {
    const q = alice.qubit();
    expectTypeOf(q).toEqualTypeOf<Qubit<"alice">>();
    expectTypeOf(q).toMatchTypeOf<Live<"alice">>();
    h(q);
    q.h().s().rz(0.3).rx("theta/2");
    rz(q, "pi/4");
  });

  test("use after measure (Z)", () => {
    const q = alice.qubit();
    measure(q);
    expectTypeOf(q).toEqualTypeOf<Qubit<"alice"> & Measured>();
    // @ts-expect-error use after measure
    h(q);
    // @ts-expect-error fluent gate on a measured qubit
    q.h();
  });

  test("use after measure (X, Y, angle)", () => {
    const a = alice.qubit();
    const b = alice.qubit();
    const c = alice.qubit();
    measureX(a);
    measureY(b);
    measureAngle(c, Math.PI / 3);
    // @ts-expect-error use after measureX
    x(a);
    // @ts-expect-error use after measureY
    s(b);
    // @ts-expect-error use after measureAngle
    rz(c, 1);
  });

  test("use after Bell measurement (first operand)", () => {
    const a = alice.qubit();
    const b = alice.qubit();
    measureBell(a, b);
    // @ts-expect-error use after measureBell
    h(a);
  });

  test("double measure", () => {
    const q = alice.qubit();
    measure(q);
    // @ts-expect-error double measure
    measure(q);
  });

  test("double measure across bases", () => {
    const q = alice.qubit();
    measureX(q);
    // @ts-expect-error double measure
    measureY(q);
  });

  test("use after free, double free", () => {
    const q = alice.qubit();
    free(q);
    // @ts-expect-error use after free
    h(q);
    const q2 = alice.qubit();
    free(q2);
    // @ts-expect-error measure after free
    measure(q2);
    const q3 = alice.qubit();
    free(q3);
    // @ts-expect-error reset after free
    reset(q3);
    const r = alice.qubit();
    measure(r);
    free(r); // measured → freed is fine
    // @ts-expect-error double free
    free(r);
  });

  test("gate on a reset qubit compiles again, and the next measurement is tracked", () => {
    const q = alice.qubit();
    measure(q);
    reset(q);
    h(q);
    q.x();
    measure(q);
    // @ts-expect-error use after the second measurement
    h(q);
    reset(q);
    x(q);
    free(q);
  });

  test("reading a result before measurement", () => {
    const q = alice.qubit();
    // @ts-expect-error no outcome on a live qubit
    q.outcome;
    // @ts-expect-error a live qubit is not a condition
    ifOne(q, () => {});
    measure(q);
    expectTypeOf(q.outcome).toEqualTypeOf<0 | 1>();
    const r = alice.qubit();
    ifOne(q, () => x(r));
  });
});

describe("tenants and channels", () => {
  test("same-tenant two-qubit gates compile", () => {
    const a = alice.qubit();
    const b = alice.qubit();
    cx(a, b);
    cz(a, b);
  });

  test("cross-tenant two-qubit gate without a channel", () => {
    const a = alice.qubit();
    const b = bob.qubit();
    // @ts-expect-error Qubit<"bob"> is not a Live<"alice">
    cx(a, b);
    // @ts-expect-error a loan needs its channel
    cx(a, loan);
  });

  test("cross-tenant gate with the wrong channel (pair or order)", () => {
    const a = alice.qubit();
    // @ts-expect-error wrong pair
    cx(a, loan, carol);
    // @ts-expect-error wrong order
    cx(a, loan, reversed);
  });

  test("cross-tenant gate with the right channel compiles", async () => {
    const byName = await alice.requestChannel("bob");
    expectTypeOf(byName.to).toEqualTypeOf<"bob">();
    const req = await alice.requestChannel(bob, { maxUses: 2 });
    const ch = await bob.approve(req);
    expectTypeOf(ch).toEqualTypeOf<Channel<"alice", "bob">>();
    const qb = bob.qubit();
    const loan = bob.lend(qb, ch);
    expectTypeOf(loan).toEqualTypeOf<Loan<"bob">>();
    const a = alice.qubit();
    cx(a, loan, ch);
    // @ts-expect-error alice cannot approve a request addressed to bob
    await alice.approve(req);
  });

  test("measureBell with a channel: a channel involving the tenant compiles (either direction) and narrows the first operand", () => {
    const ab = undefined as unknown as Channel<"alice", "bob">;
    const a = alice.qubit();
    const b = alice.qubit();
    measureBell(a, b, ab);
    expectTypeOf(a.bellIndex).toEqualTypeOf<0 | 1 | 2 | 3>();
    // @ts-expect-error use after measureBell (with a channel)
    h(a);
    const c = alice.qubit();
    const d = alice.qubit();
    measureBell(c, d, reversed); // Channel<"bob", "alice">: the kernel binds the unordered pair
    const e = bob.qubit();
    const f = bob.qubit();
    measureBell(e, f, ab); // bob's Bell measurement on the same channel
  });

  test("measureBell with a wrong channel, or across tenants, does not compile", () => {
    const bc = undefined as unknown as Channel<"bob", "carol">;
    const a = alice.qubit();
    const b = alice.qubit();
    // @ts-expect-error the channel does not involve alice
    measureBell(a, b, bc);
    const c = alice.qubit();
    const qb = bob.qubit();
    // @ts-expect-error the second operand is bob's, not alice's (channel or not)
    measureBell(c, qb, carol);
    const e = alice.qubit();
    // @ts-expect-error a loan is not a Bell-measurement operand
    measureBell(e, loan, reversed);
  });

  test("non-literal tenant names are rejected", async () => {
    const ok = await conn.tenant("alice");
    expectTypeOf(ok).toEqualTypeOf<Session<"alice">>();
    let name = "alice";
    name += "";
    // @ts-expect-error non-literal tenant
    await conn.tenant(name);
    const fromToken = await conn.session("token", "bob");
    expectTypeOf(fromToken).toEqualTypeOf<Session<"bob">>();
    // @ts-expect-error non-literal tenant for a token session
    await conn.session("token", name);
  });
});

describe("registers and capture", () => {
  test("registers are fixed-size tuples", () => {
    const reg = alice.register(3);
    h(reg[0]);
    cx(reg[0], reg[2]);
    expectTypeOf(reg.length).toEqualTypeOf<3>();
    // @ts-expect-error index out of range
    h(reg[3]);
    measure(reg[1]);
    // @ts-expect-error use after measure through a register element
    x(reg[1]);
  });

  test("the same program text captures with typed outputs", () => {
    const c = circuit(alice, (s) => {
      const [a, b] = s.alloc(2);
      h(a);
      cx(a, b);
      measure(a);
      measure(b);
      return { a, b };
    });
    expectTypeOf(c.outputs[0].name).toEqualTypeOf<"a" | "b">();
    // @ts-expect-error no output named c
    void (async () => (await c.run()).marginal("c"));
  });
});

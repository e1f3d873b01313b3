// Deliberately wrong, one error per marked line: what users see.
import { cx, free, h, measure, measureX, type Channel, type Loan, type Session, type Connection } from "../../../dsl/index.js";

export async function program(conn: Connection, alice: Session<"alice">, bob: Session<"bob">, loan: Loan<"bob">, carol: Channel<"alice", "carol">) {
  const q = alice.qubit();
  measureX(q);
  measureX(q); // E1 double measure
  const r = alice.qubit();
  free(r);
  h(r); // E2 use after free
  const f = alice.qubit();
  free(f);
  free(f); // E3 double free
  const a = alice.qubit();
  cx(a, bob.qubit()); // E4 cross-tenant without channel
  cx(a, loan, carol); // E5 wrong channel
  const m = alice.qubit();
  m.outcome; // E6 result before measurement
  let name = "alice";
  name += "";
  await conn.tenant(name); // E7 non-literal tenant
  const n = alice.qubit();
  measure(n);
  n.h(); // E8 fluent gate after measure
}

// The same program text, run eagerly and captured as a graph, gives the
// same outcome distribution.
//  1. exact replay: with the eager session given each shot's stream exactly
//     as the job executor derives it (kernel internals, test only), eager and
//     captured runs produce identical counts, shot for shot;
//  2. statistical: with the plain kernel seed, both match the Born rule.
import { describe, expect, test } from "vitest";
import { createKernel } from "../../kernel/index.js";
import { shotSeed } from "../../kernel/qvm/executor.js";
import { shotSource } from "../../kernel/security/entropy.js";
import { qmk, circuit, cx, free, h, ifOne, measure, measureX, ry, rz, x, type QubitSource } from "../../dsl/index.js";

/** A program with superposition, entanglement, mid-circuit measurement and a classically controlled gate. */
function program<T extends string>(s: QubitSource<T>) {
  const [a, b, c] = s.alloc(3);
  ry(a, 1.1);
  h(b);
  cx(a, c);
  rz(b, 0.4);
  measure(a);
  ifOne(a, () => x(b));
  measureX(b);
  measure(c);
  const out = { a: a.bit, b: b.bit, c: c.bit };
  free(a);
  free(b);
  free(c);
  return out;
}

const key = (o: ReturnType<typeof program>) => `${o.a.value}${o.b.value}${o.c.value}`;

describe("eager vs captured", () => {
  test("identical counts for a fixed seed (per-shot replay)", async () => {
    const seed = 1234;
    const shots = 64; // one executor slice
    const kernel = await createKernel({ inMemory: true, seed });
    const conn = await qmk.local({ kernel });
    const alice = await conn.tenant("alice");

    const captured = await circuit(alice, program).run({ shots, seed });

    // Each job shot draws from its own stream (the job's entropy from its seed, and the shot's
    // seed); give alice's eager session exactly that stream before each eager run.
    const entropy = kernel.internals.entropy.forJob(seed);
    const session = [...kernel.internals.sessions.values()].find((x) => x.tenant.startsWith("alice"))!;
    const eager: Record<string, number> = {};
    for (let i = 0; i < shots; i++) {
      session.random = shotSource(entropy, shotSeed(seed, i));
      const k = key(program(alice));
      eager[k] = (eager[k] ?? 0) + 1;
    }
    console.log("captured", captured.counts, "\neager   ", eager);
    expect(eager).toEqual(captured.counts);
    expect(Object.keys(eager).length).toBeGreaterThan(2);
    await conn.close();
    await kernel.close();
  });

  test("same Born-rule distribution with the plain kernel seed", async () => {
    const conn = await qmk.local({ inMemory: true, seed: 5 });
    const alice = await conn.tenant("alice");
    // eager shots cost ~12 API calls each (the default quota is 6000 calls/minute)
    const shots = 300;
    const captured = await circuit(alice, program).run({ shots, seed: 5 });
    const eager: Record<string, number> = {};
    for (let i = 0; i < shots; i++) {
      const k = key(program(alice));
      eager[k] = (eager[k] ?? 0) + 1;
    }
    // exact marginals: P(a=1) = P(c=1) = sin²(0.55); a and c always agree;
    // b = RZ(0.4)|+⟩ (an X on it keeps P) measured in X: P(b=1) = sin²(0.2)
    const pa = Math.sin(0.55) ** 2;
    for (const counts of [captured.counts, eager]) {
      let a1 = 0;
      let b1 = 0;
      for (const [k, v] of Object.entries(counts)) {
        expect(k[0]).toBe(k[2]);
        if (k[0] === "1") a1 += v;
        if (k[1] === "1") b1 += v;
      }
      // ±4σ at 300 shots
      expect(Math.abs(a1 / shots - pa)).toBeLessThan(0.1);
      expect(Math.abs(b1 / shots - Math.sin(0.2) ** 2)).toBeLessThan(0.05);
    }
    await conn.close();
  });
});

// Every example compiles (strict) and runs against the embedded kernel.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { qmk } from "../../dsl/index.js";
import * as bell from "../../examples/bell.js";
import * as teleport from "../../examples/teleport.js";
import * as sweep from "../../examples/sweep.js";
import * as twoTenant from "../../examples/two-tenant.js";
import * as distributedTeleport from "../../examples/distributed-teleport.js";

const root = join(import.meta.dirname, "../..");

async function withKernel<T>(fn: (c: Awaited<ReturnType<typeof qmk.local>>) => Promise<T>, seed = 42): Promise<T> {
  const conn = await qmk.local({ inMemory: true, seed });
  try {
    return await fn(conn);
  } finally {
    await conn.close();
  }
}

describe("examples", () => {
  test("compile under the strict root options", () => {
    const r = spawnSync(join(root, "node_modules/.bin/tsc"), ["--noEmit", "-p", "test/dsl/tsconfig.examples.json"], {
      cwd: root,
      encoding: "utf8",
    });
    expect(r.stdout + r.stderr).toBe("");
    expect(r.status).toBe(0);
  }, 120_000);

  test("bell", async () => {
    const r = await withKernel((c) => bell.main(c, 1000));
    expect(r.eager.every((s) => s === "00" || s === "11")).toBe(true);
    expect(Object.keys(r.counts).sort()).toEqual(["00", "11"]);
    expect(r.p00).toBeGreaterThan(0.4);
    expect(r.p00).toBeLessThan(0.6);
    expect(r.qasm).toContain("cx q[0], q[1];");
  });

  test("teleport (CNOT+H and Bell-measurement variants, eager and captured)", async () => {
    const r = await withKernel((c) => teleport.main(c, 800));
    expect(r.expected).toBeCloseTo(0.3, 10);
    for (const p of [r.captured, r.capturedBell, r.eager]) expect(Math.abs(p - 0.3)).toBeLessThan(0.1);
  });

  test("parameter sweep", async () => {
    const r = await withKernel((c) => sweep.main(c, 5, 400));
    expect(r.params.sort()).toEqual(["phi", "theta"]);
    for (const row of r.rows) expect(Math.abs(row.measured - row.expected)).toBeLessThan(0.1);
    expect(r.rows[0].measured).toBe(0);
    expect(r.rows.at(-1)!.measured).toBe(1);
    r.eager.forEach((p, i) => expect(Math.abs(p - r.rows[i].expected)).toBeLessThan(0.25));
  });

  test("two tenants through a channel", async () => {
    const r = await withKernel((c) => twoTenant.main(c, 8));
    expect(r.pairs.length).toBe(8);
    expect(r.correlated).toBe(true);
    expect(new Set(r.pairs.map(([a]) => a)).size).toBe(2); // both outcomes occur (seed 42)
  });

  test("distributed teleport: alice → bob across the channel, P(1) = sin²(θ/2) within 5σ", async () => {
    const r = await withKernel((c) => distributedTeleport.main(c, 300));
    expect(r.expected).toBeCloseTo(Math.sin(1.1 / 2) ** 2, 12);
    expect(Math.abs(r.measured - r.expected)).toBeLessThanOrEqual(5 * r.sigma);
    expect(r.within5Sigma).toBe(true);
    expect(r.channel).toMatchObject({ used: 600, maxUses: 600 }); // 2 channel uses per teleport: cx + measureBell
  });

  test("distributed teleport on queued (remote-style) sessions", async () => {
    const conn = await qmk.local({ inMemory: true, seed: 9, queued: true });
    try {
      const r = await distributedTeleport.main(conn, 100);
      expect(Math.abs(r.measured - r.expected)).toBeLessThanOrEqual(5 * r.sigma);
    } finally {
      await conn.close();
    }
  });
});

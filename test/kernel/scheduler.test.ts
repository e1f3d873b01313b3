// Weighted fair queuing of job slices (kernel/jobs/scheduler.ts): one
// tenant's long job delays another tenant's job by a bounded number of
// slices, weights share the machine proportionally, and idle time banks no credit.
import { describe, it, expect } from "vitest";
import { FairScheduler, type SliceTask } from "../../kernel/jobs/scheduler.js";
import { createKernel } from "../../kernel/index.js";

/** A scheduler whose deferred steps run when the test pumps them, on a fake clock. */
let fakeNow = 0;
function manual() {
  const queue: Array<() => void> = [];
  const s = new FairScheduler((fn) => queue.push(fn), () => fakeNow);
  const pump = (max = 100_000) => {
    let n = 0;
    while (queue.length && n++ < max) queue.shift()!();
  };
  return { s, pump };
}

function task(tenant: string, slices: number, log: string[], costMs = 0.2): SliceTask & { done: boolean } {
  let left = slices;
  const t = {
    tenant,
    done: false,
    runSlice() {
      fakeNow += costMs; // the scheduler measures each slice's cost on its clock
      log.push(tenant);
      left--;
      if (left === 0) t.done = true;
      return left === 0;
    },
    fail() {},
  };
  return t;
}

describe("FairScheduler", () => {
  it("a short job queued behind a long one waits a bounded number of slices", () => {
    const { s, pump } = manual();
    const log: string[] = [];
    s.enqueue(task("hog", 200, log));
    pump(10); // the hog has been running for a while
    s.enqueue(task("small", 3, log));
    pump();
    const firstSmall = log.indexOf("small");
    const lastSmall = log.lastIndexOf("small");
    // the small job starts within a couple of slices and finishes long before the hog
    expect(firstSmall - 10).toBeLessThanOrEqual(2);
    expect(lastSmall).toBeLessThan(30);
    expect(log.filter((t) => t === "hog")).toHaveLength(200);
  });

  it("weights share slices proportionally", () => {
    const { s, pump } = manual();
    const log: string[] = [];
    s.setWeight("gold", 3);
    s.enqueue(task("gold", 300, log));
    s.enqueue(task("plain", 300, log));
    pump(200);
    const gold = log.filter((t) => t === "gold").length;
    const plain = log.filter((t) => t === "plain").length;
    expect(gold / plain).toBeGreaterThan(2);
    expect(gold / plain).toBeLessThan(4.5);
  });

  it("an idle tenant does not bank credit to starve others later", () => {
    const { s, pump } = manual();
    const log: string[] = [];
    s.enqueue(task("busy", 100, log));
    pump(50);
    s.enqueue(task("late", 100, log));
    pump(40);
    const window = log.slice(50, 90);
    // after joining, "late" shares the machine about evenly instead of running 50 slices in a row
    expect(window.filter((t) => t === "busy").length).toBeGreaterThanOrEqual(15);
  });

  it("rejects a non-positive weight", () => {
    expect(() => new FairScheduler().setWeight("x", 0)).toThrow(RangeError);
  });
});

describe("jobs of two tenants interleave in the kernel", () => {
  it("a 2-shot job submitted after a 3000-shot job of another tenant finishes first", async () => {
    const k = await createKernel({ inMemory: true, fsync: false });
    try {
      const admin = (await k.call("q_negotiate_caps", { token: k.adminToken })).session_id;
      const sess = async (name: string) => {
        const t = await k.call("q_create_tenant", { session_id: admin, name, rights: ["CAP_ALLOC", "CAP_MEASURE"] });
        return (await k.call("q_negotiate_caps", { token: t.token })).session_id as string;
      };
      const [a, b] = [await sess("hog"), await sess("small")];
      // feed-forward graph: every shot really runs, in slices of 64
      const graph = {
        version: "0.1",
        program: {
          nodes: [
            { id: "al", op: "ALLOC_LQ", args: { n: 2 }, vqs: ["q", "r"] },
            { id: "h", op: "APPLY_H", vqs: ["q"] },
            { id: "m", op: "MEASURE_Z", vqs: ["q"], produces: ["e"] },
            { id: "x", op: "APPLY_X", vqs: ["r"], guard: { event: "e", equals: 1 } },
            { id: "m2", op: "MEASURE_Z", vqs: ["r"], produces: ["f"] },
          ],
        },
        resources: { vqs: ["q", "r"], events: ["e", "f"] },
      };
      const long = await k.call("q_submit", { session_id: a, graph, policy: { shots: 3000, seed: 1 } });
      const short = await k.call("q_submit", { session_id: b, graph, policy: { shots: 2, seed: 1 } });
      const order: string[] = [];
      await Promise.all([
        k.call("q_wait", { session_id: a, job_id: long.job_id, timeout_ms: 60_000 }).then(() => order.push("long")),
        k.call("q_wait", { session_id: b, job_id: short.job_id, timeout_ms: 60_000 }).then(() => order.push("short")),
      ]);
      expect(order).toEqual(["short", "long"]);
      const st = await k.call("q_wait", { session_id: a, job_id: long.job_id, timeout_ms: 60_000 });
      expect(st.counts["11"] + st.counts["00"]).toBe(3000); // the correction made r follow q every time
    } finally {
      await k.close();
    }
  });
});

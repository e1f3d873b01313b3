// Shared fixtures for the kernel integration tests.
import { createKernel, type Kernel } from "../../kernel/index.js";
import { OPCODES } from "../../kernel/qvm/opcodes.js";

export const ALL_RIGHTS = ["CAP_ALLOC", "CAP_LINK", "CAP_TELEPORT", "CAP_MAGIC", "CAP_MEASURE", "CAP_ADMIN", "CAP_AUDIT"];
export const ROOMY = {
  api_calls_per_minute: 1_000_000,
  measurements_per_second: 1_000_000,
  allocations_per_minute: 1_000_000,
  jobs_per_minute: 100_000,
  concurrent_jobs: 64,
  channels: 64,
  sessions: 256,
};

export async function kernelWithAdmin(opts: Parameters<typeof createKernel>[0] = {}) {
  const k = await createKernel({ inMemory: true, fsync: false, seed: 11, ...opts });
  const admin = (await k.call("q_negotiate_caps", { token: k.adminToken })).session_id as string;
  const A = (m: string, p: Record<string, unknown> = {}) => k.call(m, { session_id: admin, ...p });
  return { k, admin, A };
}

export async function caught(p: Promise<unknown>): Promise<any> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  return null;
}

export function g(nodes: any[], vqs: string[], events: string[] = [], chs: string[] = []): any {
  return { version: "0.1", program: { nodes }, resources: { vqs, chs, events }, caps: [] };
}

/** A minimal valid graph exercising `op` (its `caps` deliberately left empty: rights come from opcodes). */
export function graphFor(op: string): any {
  const spec = OPCODES[op];
  const alloc = (n: number) => ({ id: "alloc", op: "ALLOC_LQ", args: { n, profile: "logical:Surface(d=3)" }, vqs: ["q", "r", "s"].slice(0, n) });
  const free = (vqs: string[]) => ({ id: "free", op: "FREE_LQ", vqs });
  const angles: Record<string, number> = {};
  for (const [name, a] of Object.entries(spec.args)) if (a.type === "angle") angles[name] = 0.3;
  switch (op) {
    case "ALLOC_LQ":
      return g([alloc(1), free(["q"])], ["q"]);
    case "FREE_LQ":
      return g([alloc(1), free(["q"])], ["q"]);
    case "FENCE_EPOCH":
    case "BAR_REGION":
    case "SET_POLICY":
      return g([alloc(1), { id: "x", op, args: op === "SET_POLICY" ? { hint: "none" } : { tag: "t" } }, free(["q"])], ["q"]);
    case "OPEN_CHAN":
      return g([alloc(2), { id: "x", op, vqs: ["q", "r"], chs: ["c"] }, free(["q", "r"])], ["q", "r"], [], ["c"]);
    case "USE_CHAN":
    case "CLOSE_CHAN":
      return g(
        [alloc(2), { id: "o", op: "OPEN_CHAN", vqs: ["q", "r"], chs: ["c"] }, { id: "x", op, chs: ["c"] }, free(["q", "r"])],
        ["q", "r"],
        [],
        ["c"],
      );
    case "COND_PAULI":
      return g(
        [alloc(1), { id: "m", op: "MEASURE_Z", vqs: ["q"], produces: ["e"] }, { id: "x", op, vqs: ["q"], inputs: ["e"], args: { mask: "X" } }, free(["q"])],
        ["q"],
        ["e"],
      );
    case "MEASURE_BELL":
      return g([alloc(2), { id: "x", op, vqs: ["q", "r"], produces: ["e0", "e1"] }, free(["q", "r"])], ["q", "r"], ["e0", "e1"]);
    default:
      if (spec.effect === "consume") return g([alloc(1), { id: "x", op, vqs: ["q"], produces: ["e"], args: angles }, free(["q"])], ["q"], ["e"]);
      if (spec.vqs === 3) return g([alloc(3), { id: "x", op, vqs: ["q", "r", "s"] }, free(["q", "r", "s"])], ["q", "r", "s"]);
      if (spec.vqs === 2) return g([alloc(2), { id: "x", op, vqs: ["q", "r"], args: angles }, free(["q", "r"])], ["q", "r"]);
      return g([alloc(1), { id: "x", op, vqs: ["q"], ...(Object.keys(angles).length ? { args: angles } : {}) }, free(["q"])], ["q"]);
  }
}

// Placeholder fuser: queues ops unchanged (replaced by block fusion below).
import type { Op } from "./ops.js";

export class Fuser {
  private ops: Op[] = [];
  constructor(readonly enabled: boolean) {}
  push(op: Op): void { this.ops.push(op); }
  get size(): number { return this.ops.length; }
  drain(): Op[] { const o = this.ops; this.ops = []; return o; }
}

// Entanglement components over handle names (SPEC §2.9), for the static
// firewall: entangling ops merge components; measure/reset/free isolate a
// qubit again (the rest of its component stays joined: conservative).
// Union–find with, per root, a count of live members per tenant, so merge
// and isolate stay near O(1) even on 100k-node graphs.
export class Components {
  private readonly parent: number[] = [];
  /** per root: tenant → number of live members of that tenant */
  private readonly counts: Map<string, number>[] = [];
  private readonly nodeOf = new Map<string, number>();
  private readonly tenantOf = new Map<string, string>();

  /** (Re)introduce `h` as a fresh singleton owned by `tenant`. */
  add(h: string, tenant?: string): void {
    this.isolate(h);
    if (tenant !== undefined) {
      this.tenantOf.set(h, tenant);
      this.counts[this.nodeOf.get(h)!] = new Map([[tenant, 1]]);
    }
  }

  /** Tenants having a live member in h's component, first-seen order not guaranteed. */
  tenants(h: string): string[] {
    const m = this.counts[this.find(this.node(h))]!;
    return [...m].filter(([, c]) => c > 0).map(([t]) => t);
  }

  merge(hs: readonly string[]): void {
    for (let i = 1; i < hs.length; i++) this.union(this.node(hs[0]!), this.node(hs[i]!));
  }

  /** Remove h from its component (measurement, reset, free). */
  isolate(h: string): void {
    const old = this.nodeOf.get(h);
    const t = this.tenantOf.get(h);
    if (old !== undefined && t !== undefined) {
      const m = this.counts[this.find(old)]!;
      m.set(t, (m.get(t) ?? 1) - 1);
    }
    const id = this.fresh();
    if (t !== undefined) this.counts[id] = new Map([[t, 1]]);
    this.nodeOf.set(h, id);
  }

  private node(h: string): number {
    let id = this.nodeOf.get(h);
    if (id === undefined) {
      id = this.fresh();
      this.nodeOf.set(h, id);
    }
    return id;
  }

  private fresh(): number {
    this.parent.push(this.parent.length);
    this.counts.push(new Map());
    return this.parent.length - 1;
  }

  private find(x: number): number {
    while (this.parent[x] !== x) {
      this.parent[x] = this.parent[this.parent[x]!]!;
      x = this.parent[x]!;
    }
    return x;
  }

  private union(a: number, b: number): void {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return;
    // small-to-large on the tenant maps
    if (this.counts[ra]!.size < this.counts[rb]!.size) [ra, rb] = [rb, ra];
    const big = this.counts[ra]!;
    for (const [t, c] of this.counts[rb]!) big.set(t, (big.get(t) ?? 0) + c);
    this.counts[rb] = new Map();
    this.parent[rb] = ra;
  }
}

// Which live qubits may be entangled with which (SPEC §2.9).
//
// An over-approximation that must never miss real entanglement: components
// only grow by union on entangling ops; a measured/reset qubit is a product
// state afterwards, so it alone leaves (the rest of its component stays
// together — e.g. measuring the middle of a GHZ state in X leaves the ends
// entangled). Union by size with explicit member sets keeps every op
// O(size of the smaller side) and makes removal O(1).
import { QmkError } from "../../errors.js";
import { opEffect } from "./ops.js";

export type QubitId = number;

interface Component {
  readonly id: number;
  readonly members: Set<QubitId>;
  /** tenant → number of members it owns; the keys are the tenants the component touches */
  readonly tenants: Map<string, number>;
  /**
   * every tenant whose qubit ever shared this component since its members'
   * last reset: a state can carry information about a peer it once met
   * (its basis, its outcome) even after the peer's qubit has left
   */
  readonly history: Set<string>;
}

export interface ComponentView {
  id: number;
  qubits: QubitId[];
  tenants: string[];
}

export interface TenantComponentView {
  id: number;
  /** the viewer's own qubits in this component */
  own: QubitId[];
  /** how many qubits of other tenants share the component */
  foreign: number;
  tenants: string[];
}

export class EntanglementTracker {
  private readonly owner = new Map<QubitId, string>();
  private readonly compOf = new Map<QubitId, Component>();
  private readonly byTenant = new Map<string, Set<QubitId>>();
  private nextId = 1;
  private _version = 0;

  /** Bumped on every structural change; lets the firewall detect a stale decision. */
  get version(): number {
    return this._version;
  }

  get size(): number {
    return this.owner.size;
  }

  /** A freshly allocated qubit: its own component. */
  add(q: QubitId, tenant: string): void {
    if (this.owner.has(q)) throw new QmkError("INVALID_PARAMS", `qubit ${q} is already tracked`, { field: "qubit", qubit: q });
    this.owner.set(q, tenant);
    let set = this.byTenant.get(tenant);
    if (!set) this.byTenant.set(tenant, (set = new Set()));
    set.add(q);
    this.compOf.set(q, this.newComponent([q]));
    this._version++;
  }

  has(q: QubitId): boolean {
    return this.owner.has(q);
  }

  ownerOf(q: QubitId): string {
    const t = this.owner.get(q);
    if (t === undefined) throw unknown(q);
    return t;
  }

  /** Freed qubit: gone from the tracker. */
  remove(q: QubitId): void {
    const tenant = this.ownerOf(q);
    this.detach(q);
    this.compOf.delete(q);
    this.owner.delete(q);
    const set = this.byTenant.get(tenant)!;
    set.delete(q);
    if (set.size === 0) this.byTenant.delete(tenant);
    this._version++;
  }

  /** Measured or reset: q is in a product state with everything else. */
  isolate(q: QubitId): void {
    this.splitOff([q]);
  }

  /** Union of the components of all `qubits`. */
  entangle(qubits: readonly QubitId[]): void {
    for (const q of qubits) this.ownerOf(q);
    if (qubits.length < 2) return;
    let root = this.compOf.get(qubits[0])!;
    for (let i = 1; i < qubits.length; i++) {
      const other = this.compOf.get(qubits[i])!;
      if (other === root) continue;
      const [big, small] = root.members.size >= other.members.size ? [root, other] : [other, root];
      for (const m of small.members) {
        big.members.add(m);
        this.compOf.set(m, big);
      }
      for (const [t, n] of small.tenants) big.tenants.set(t, (big.tenants.get(t) ?? 0) + n);
      for (const t of small.history) big.history.add(t);
      root = big;
    }
    this._version++;
  }

  /**
   * Move `qubits` out of their components into one new component of their own
   * (a Bell measurement leaves its two operands in a Bell state, separate from
   * the rest; a single-qubit measurement leaves a singleton).
   */
  splitOff(qubits: readonly QubitId[]): void {
    qubits = [...new Set(qubits)];
    for (const q of qubits) this.ownerOf(q);
    const past = new Set<string>();
    for (const q of qubits) for (const t of this.compOf.get(q)!.history) past.add(t);
    for (const q of qubits) this.detach(q);
    const c = this.newComponent(qubits, past);
    for (const q of qubits) this.compOf.set(q, c);
    this._version++;
  }

  /** Apply the structural effect of an executed operation (see ops.ts). */
  apply(op: string, qubits: readonly QubitId[]): void {
    switch (opEffect(op)) {
      case "entangle":
        return this.entangle(qubits);
      case "bell":
        this.entangle(qubits);
        return this.splitOff(qubits);
      case "isolate":
        for (const q of qubits) this.isolate(q);
        return;
      case "remove":
        for (const q of qubits) this.remove(q);
        return;
      case "none":
        for (const q of qubits) this.ownerOf(q);
        return;
    }
  }

  /**
   * A reset qubit (isolated first, by its RESET effect) holds |0⟩: nothing of
   * its past. Its history is its owner alone again.
   */
  clearHistory(q: QubitId): void {
    const c = this.compOf.get(q);
    if (!c) throw unknown(q);
    if (c.members.size !== 1) return; // still entangled: the past is still there
    c.history.clear();
    c.history.add(this.ownerOf(q));
  }

  /** Tenants whose qubits ever shared a component with any of `qubits` since their last reset, sorted. */
  historyOf(qubits: readonly QubitId[]): string[] {
    const out = new Set<string>();
    for (const q of qubits) {
      const c = this.compOf.get(q);
      if (!c) throw unknown(q);
      for (const t of c.history) out.add(t);
    }
    return [...out].sort();
  }

  /** Members of q's component, ascending. */
  componentOf(q: QubitId): QubitId[] {
    const c = this.compOf.get(q);
    if (!c) throw unknown(q);
    return [...c.members].sort((a, b) => a - b);
  }

  componentIdOf(q: QubitId): number {
    const c = this.compOf.get(q);
    if (!c) throw unknown(q);
    return c.id;
  }

  sameComponent(a: QubitId, b: QubitId): boolean {
    return this.componentIdOf(a) === this.componentIdOf(b);
  }

  /** Tenants owning any qubit in the union of the components of `qubits`, sorted. */
  tenantsOf(qubits: readonly QubitId[]): string[] {
    const out = new Set<string>();
    for (const q of qubits) {
      const c = this.compOf.get(q);
      if (!c) throw unknown(q);
      for (const t of c.tenants.keys()) out.add(t);
    }
    return [...out].sort();
  }

  /** Components containing at least one qubit of `tenant` (all components if omitted). */
  components(tenant?: string): ComponentView[] {
    const seeds = tenant === undefined ? this.owner.keys() : (this.byTenant.get(tenant) ?? new Set<QubitId>()).values();
    const seen = new Set<Component>();
    for (const q of seeds) seen.add(this.compOf.get(q)!);
    return [...seen].map(view).sort((a, b) => a.qubits[0] - b.qubits[0]);
  }

  /**
   * What `tenant` may be shown (q_components): its own qubits per component,
   * and only the names and count of foreign ones — never another tenant's ids.
   */
  componentsFor(tenant: string): TenantComponentView[] {
    return this.components(tenant).map((c) => {
      const own = c.qubits.filter((q) => this.owner.get(q) === tenant);
      return { id: c.id, own, foreign: c.qubits.length - own.length, tenants: c.tenants };
    });
  }

  countOf(tenant: string): number {
    return this.byTenant.get(tenant)?.size ?? 0;
  }

  /** Live qubits of a tenant, ascending. */
  qubitsOf(tenant: string): QubitId[] {
    return [...(this.byTenant.get(tenant) ?? [])].sort((a, b) => a - b);
  }

  /** True iff `qubits` is a union of whole components (then it is unentangled with the rest). */
  isClosed(qubits: readonly QubitId[]): boolean {
    const set = new Set(qubits);
    for (const q of set) {
      const c = this.compOf.get(q);
      if (!c) throw unknown(q);
      for (const m of c.members) if (!set.has(m)) return false;
    }
    return true;
  }

  /** Canonical structural snapshot (for equality checks in tests and debugging). */
  snapshot(): { owners: [QubitId, string][]; components: QubitId[][] } {
    const owners = [...this.owner].sort((a, b) => a[0] - b[0]);
    const components = this.components().map((c) => c.qubits);
    return { owners, components };
  }

  private newComponent(qubits: readonly QubitId[], past?: ReadonlySet<string>): Component {
    const c: Component = { id: this.nextId++, members: new Set(qubits), tenants: new Map(), history: new Set(past) };
    for (const q of qubits) {
      const t = this.owner.get(q)!;
      c.tenants.set(t, (c.tenants.get(t) ?? 0) + 1);
      c.history.add(t);
    }
    return c;
  }

  /** Take q out of its component's bookkeeping (q keeps no component until reassigned). */
  private detach(q: QubitId): void {
    const c = this.compOf.get(q)!;
    c.members.delete(q);
    const t = this.owner.get(q)!;
    const n = c.tenants.get(t)! - 1;
    if (n === 0) c.tenants.delete(t);
    else c.tenants.set(t, n);
  }
}

function view(c: Component): ComponentView {
  return {
    id: c.id,
    qubits: [...c.members].sort((a, b) => a - b),
    tenants: [...c.tenants.keys()].sort(),
  };
}

function unknown(q: QubitId): QmkError {
  return new QmkError("INVALID_PARAMS", `qubit ${q} is not live`, { field: "qubit", qubit: q });
}

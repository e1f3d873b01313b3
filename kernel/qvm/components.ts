// Entanglement components over handle names (SPEC §2.9), for the static
// firewall: entangling ops merge components; measure/reset/free isolate a
// qubit again. Conservative: isolating one member never splits the rest.
export class Components {
  private readonly comp = new Map<string, Set<string>>();

  members(h: string): ReadonlySet<string> {
    return this.comp.get(h) ?? new Set([h]);
  }

  merge(hs: readonly string[]): void {
    const all = new Set<string>();
    for (const h of hs) for (const m of this.members(h)) all.add(m);
    for (const m of all) this.comp.set(m, all);
  }

  isolate(h: string): void {
    this.comp.get(h)?.delete(h);
    this.comp.set(h, new Set([h]));
  }
}

// Forward data-flow: the abstract state (lattice) and a worklist solver that
// iterates a CFG to a fixpoint.
import type { Cfg } from "./cfg.js";

/** Qubit/channel typestate bits; a set of them = the states possible on some path. */
export const LIVE = 1, MEASURED = 2, FREED = 4, REVOKED = 8;

export interface ObjState {
  /** Union of the typestates reachable on the paths joined here. */
  mask: number;
  /** True when a weak update (ambiguous alias / summary object) touched it: "maybe" bits are imprecise. */
  weak: boolean;
  /** Positions of the calls that consumed it (for messages). */
  at: number[];
  /** Tenants of the entanglement component it may be in ("alice,bob"; absent = only its own). */
  comp?: string;
  /** Position of the entangling call that made the component cross tenants. */
  compAt?: number;
}

/** Union of two comma-separated tenant sets (sorted, so equal sets compare equal as strings). */
export function unionComp(a: string | undefined, b: string | undefined): string | undefined {
  if (!a) return b; if (!b || a === b) return a;
  return [...new Set([...a.split(","), ...b.split(",")])].sort().join(",");
}

export interface AState {
  /** Variable (declaration symbol key) → abstract objects it may point to. */
  env: Map<number, Set<number>>;
  /** Container object → field ("0", "a", "*" = unknown) → objects. */
  fields: Map<number, Map<string, Set<number>>>;
  /** Qubit / channel object → typestate. */
  obj: Map<number, ObjState>;
  /** Objects that left the analysed body (returned, passed to unknown code). */
  escaped: Set<number>;
}

export const emptyState = (): AState => ({ env: new Map(), fields: new Map(), obj: new Map(), escaped: new Set() });

/** Shallow copy: value sets, inner field maps and ObjStates are treated as immutable (copy-on-write). */
export function clone(s: AState): AState {
  return { env: new Map(s.env), fields: new Map(s.fields), obj: new Map(s.obj), escaped: new Set(s.escaped) };
}

const union = (a: Set<number>, b: Set<number>): Set<number> => {
  if (a === b || b.size === 0) return a;
  if (a.size === 0) return b;
  const u = new Set(a); for (const x of b) u.add(x); return u;
};

export function joinObj(a: ObjState | undefined, b: ObjState | undefined): ObjState | undefined {
  if (!a) return b; if (!b) return a;
  if (a.mask === b.mask && a.weak === b.weak && a.at === b.at && a.comp === b.comp) return a;
  const at = a.at === b.at ? a.at : [...new Set([...a.at, ...b.at])].sort((x, y) => x - y);
  const comp = unionComp(a.comp, b.comp);
  return { mask: a.mask | b.mask, weak: a.weak || b.weak, at, ...(comp ? { comp, compAt: a.compAt ?? b.compAt } : {}) };
}

/** Least upper bound. An object absent on one side is "not allocated yet" there, so its state comes from the other. */
export function join(a: AState, b: AState): AState {
  const r = clone(a);
  for (const [k, v] of b.env) r.env.set(k, union(r.env.get(k) ?? new Set(), v));
  for (const [k, f] of b.fields) {
    const rf = new Map(r.fields.get(k) ?? []);
    for (const [fk, fv] of f) rf.set(fk, union(rf.get(fk) ?? new Set(), fv));
    r.fields.set(k, rf);
  }
  for (const [k, v] of b.obj) r.obj.set(k, joinObj(r.obj.get(k), v)!);
  for (const e of b.escaped) r.escaped.add(e);
  return r;
}

const setEq = (a: Set<number> | undefined, b: Set<number> | undefined) => {
  if (a === b) return true;
  if (!a || !b || a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
};

export function equals(a: AState, b: AState): boolean {
  if (a.env.size !== b.env.size || a.obj.size !== b.obj.size || a.fields.size !== b.fields.size || a.escaped.size !== b.escaped.size) return false;
  for (const [k, v] of a.env) if (!setEq(v, b.env.get(k))) return false;
  for (const [k, v] of a.obj) {
    const w = b.obj.get(k);
    if (!w || w.mask !== v.mask || w.weak !== v.weak || w.at.length !== v.at.length || w.comp !== v.comp) return false;
  }
  for (const [k, f] of a.fields) {
    const g = b.fields.get(k);
    if (!g || g.size !== f.size) return false;
    for (const [fk, fv] of f) if (!setEq(fv, g.get(fk))) return false;
  }
  for (const e of a.escaped) if (!b.escaped.has(e)) return false;
  return true;
}

/**
 * Worklist fixpoint. Returns the in-state of every reachable node.
 * The lattice has finite height (objects are allocation sites, fields literal keys), so this terminates;
 * the iteration cap only guards against a bug turning into a hang in the editor.
 */
export function solve(cfg: Cfg, entry: AState, transfer: (nodeId: number, input: AState) => AState): Map<number, AState> {
  const inS = new Map<number, AState>();
  const outS = new Map<number, AState>();
  inS.set(cfg.entry, entry);
  const order = reversePostorder(cfg);
  const rank = new Map(order.map((id, i) => [id, i]));
  const work = new Set<number>([cfg.entry]);
  let budget = 200 * cfg.nodes.length + 1000;
  while (work.size && budget-- > 0) {
    // Lowest reverse-postorder rank first: loop bodies settle before their exits.
    let id = -1, best = Infinity;
    for (const w of work) { const r = rank.get(w) ?? Infinity; if (r < best) { best = r; id = w; } }
    work.delete(id);
    const input = inS.get(id)!;
    const out = transfer(id, input);
    const prev = outS.get(id);
    if (prev && equals(prev, out)) continue;
    outS.set(id, out);
    for (const s of cfg.nodes[id].succ) {
      // Recompute from the predecessors' current outputs (not old ∪ new): loop-exit
      // transfers overwrite element states, so a stale first-pass input must not linger.
      let merged: AState | undefined = s === cfg.entry ? entry : undefined;
      for (const p of cfg.nodes[s].pred) { const o = outS.get(p); if (o) merged = merged ? join(merged, o) : o; }
      const old = inS.get(s);
      if (merged && (!old || !equals(old, merged))) { inS.set(s, merged); work.add(s); }
    }
  }
  return inS;
}

function reversePostorder(cfg: Cfg): number[] {
  const seen = new Set<number>(); const post: number[] = [];
  const stack: Array<[number, number]> = [[cfg.entry, 0]];
  seen.add(cfg.entry);
  while (stack.length) {
    const top = stack[stack.length - 1];
    const succ = cfg.nodes[top[0]].succ;
    if (top[1] < succ.length) {
      // Last successor first: loop exits are added after loop bodies, so exploring them first
      // places the whole body before the exit in reverse postorder.
      const s = succ[succ.length - 1 - top[1]++];
      if (!seen.has(s)) { seen.add(s); stack.push([s, 0]); }
    } else { post.push(top[0]); stack.pop(); }
  }
  return post.reverse();
}

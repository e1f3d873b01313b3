// Glob patterns compiled once, at rule load, into the cheapest matcher that
// fits: set lookup for literals, one anchored RegExp for wildcards.

export type Matcher = (s: string) => boolean;

export function hasWildcard(p: string): boolean {
  return p.includes("*") || p.includes("?");
}

function globToRegExpSource(p: string): string {
  let out = "";
  for (const ch of p) {
    if (ch === "*") out += ".*";
    else if (ch === "?") out += ".";
    else out += ch.replace(/[.+^${}()|[\]\\/-]/g, "\\$&");
  }
  return out;
}

export function compilePattern(pattern: string | string[]): Matcher {
  const list = Array.isArray(pattern) ? pattern : [pattern];
  if (list.includes("*")) return () => true;
  const literals = list.filter((p) => !hasWildcard(p));
  const globs = list.filter(hasWildcard);
  const re = globs.length ? new RegExp(`^(?:${globs.map(globToRegExpSource).join("|")})$`, "s") : null;
  if (!re) {
    if (literals.length === 1) {
      const only = literals[0];
      return (s) => s === only;
    }
    const set = new Set(literals);
    return (s) => set.has(s);
  }
  if (literals.length === 0) return (s) => re.test(s);
  const set = new Set(literals);
  return (s) => set.has(s) || re.test(s);
}

/** The literal values of a pattern, or null if any element is a glob. */
export function literalsOf(pattern: string | string[]): string[] | null {
  const list = Array.isArray(pattern) ? pattern : [pattern];
  return list.some(hasWildcard) ? null : list;
}

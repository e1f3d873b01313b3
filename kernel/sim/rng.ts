// Seeded PRNG for measurement outcomes. mulberry32: 32-bit state, fast, good
// enough for Born-rule sampling, and trivially reproducible (same seed ⇒
// same stream ⇒ same outcomes), which is what replay needs.

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return function next(): number {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A small seeded PRNG (mulberry32) whose whole state is one 32-bit integer, so it lives in the
 * session's JSON and a saved session resumes with exactly the same choices.
 */
export function nextRandom(state: number): { value: number; state: number } {
  const next = (state + 0x6d2b79f5) | 0;
  let t = next;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return { value: ((t ^ (t >>> 14)) >>> 0) / 4294967296, state: next };
}

/** Pick one of `items` (non-empty) with the PRNG; returns the item and the new PRNG state. */
export function pick<T>(items: readonly T[], state: number): { item: T; state: number } {
  const r = nextRandom(state);
  return { item: items[Math.floor(r.value * items.length)]!, state: r.state };
}

/** Turn any number into a valid seed (a 32-bit integer). */
export function seedFrom(seed: number): number {
  return Number.isFinite(seed) ? Math.trunc(seed) | 0 : 0;
}

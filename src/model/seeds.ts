/**
 * Derived seeds. Every random choice in training (initial weights, the shuffle
 * of each epoch, the dropout masks of each epoch) gets its own seed computed
 * from the run's seed and a stable tuple such as `(seed, epoch, purpose)`, never
 * from a generator that has been running since epoch 1. That is what lets a run
 * resumed at epoch 4 draw exactly what an uninterrupted run would have drawn.
 */

/** Salts that keep the seeds of different purposes apart. */
export const SeedPurpose = {
  Initializer: 1,
  Shuffle: 2,
  Dropout: 3,
} as const;

/**
 * Hashes integers into a seed in [1, 2³¹ − 1] (murmur3's 32-bit finaliser over
 * a running mix). Never 0: some tfjs random ops treat a falsy seed as "unseeded".
 */
export function deriveSeed(...parts: readonly number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) {
    h = Math.imul(h ^ (part >>> 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  const seed = (h >>> 0) % 0x7fffffff;
  return seed === 0 ? 1 : seed;
}

/**
 * The part of numpy's legacy `RandomState` that scikit-learn's
 * `StratifiedShuffleSplit(random_state=42)` uses: the MT19937 generator seeded
 * from an integer, `permutation(n)` and `choice(a, k, replace=False)`.
 *
 * NannyML decides whether to calibrate with such a split, so reproducing its
 * decision means reproducing numpy's random stream bit for bit. The numbers
 * are pinned to numpy by the CBPE reference fixture (permutations for seed 42).
 */

const STATE_SIZE = 624;
const SHIFT_SIZE = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;

/** numpy's `np.random.RandomState(seed)`, for the methods scikit-learn's splitters call. */
export class NumpyRandomState {
  private readonly state = new Uint32Array(STATE_SIZE);
  private position = STATE_SIZE;

  /**
   * @param seed - an integer in [0, 2^32), as numpy requires
   * @throws RangeError for any other seed
   */
  constructor(seed: number) {
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
      throw new RangeError(`seed must be an integer between 0 and 2**32 - 1, got ${seed}`);
    }
    // numpy's mt19937_seed: Knuth's multiplier, as in the reference MT19937 init_genrand.
    let value = seed >>> 0;
    for (let i = 0; i < STATE_SIZE; i++) {
      this.state[i] = value;
      value = (Math.imul(1812433253, value ^ (value >>> 30)) + i + 1) >>> 0;
    }
  }

  /** The next 32-bit output of MT19937 (numpy's `mt19937_next32`). */
  nextUint32(): number {
    if (this.position >= STATE_SIZE) this.regenerate();
    let y = this.state[this.position++]!;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /**
   * A uniform integer in [0, max] by masked rejection (numpy's `random_interval`,
   * which the legacy shuffle uses; only `max` < 2^32 is needed here).
   */
  randomInterval(max: number): number {
    if (max === 0) return 0;
    let mask = max;
    mask |= mask >>> 1;
    mask |= mask >>> 2;
    mask |= mask >>> 4;
    mask |= mask >>> 8;
    mask |= mask >>> 16;
    mask >>>= 0;
    let value: number;
    do {
      value = (this.nextUint32() & mask) >>> 0;
    } while (value > max);
    return value;
  }

  /** Shuffles `values` in place (numpy's legacy Fisher–Yates, from the end). */
  shuffle<T>(values: T[]): T[] {
    for (let i = values.length - 1; i >= 1; i--) {
      const j = this.randomInterval(i);
      const tmp = values[i]!;
      values[i] = values[j]!;
      values[j] = tmp;
    }
    return values;
  }

  /** `permutation(n)`: 0..n-1 shuffled; `permutation(array)`: a shuffled copy. */
  permutation(n: number): number[];
  permutation<T>(values: readonly T[]): T[];
  permutation<T>(input: number | readonly T[]): Array<number | T> {
    const values: Array<number | T> =
      typeof input === 'number' ? Array.from({ length: input }, (_, i) => i) : [...input];
    return this.shuffle(values);
  }

  /** `choice(values, size, replace=False)` without weights: the first `size` of a permutation. */
  choiceWithoutReplacement<T>(values: readonly T[], size: number): T[] {
    if (size > values.length) {
      throw new RangeError(`cannot take a larger sample (${size}) than the population (${values.length})`);
    }
    return this.permutation(values.length)
      .slice(0, size)
      .map((i) => values[i]!);
  }

  private regenerate(): void {
    const mt = this.state;
    let k = 0;
    for (; k < STATE_SIZE - SHIFT_SIZE; k++) {
      const y = (mt[k]! & UPPER_MASK) | (mt[k + 1]! & LOWER_MASK);
      mt[k] = mt[k + SHIFT_SIZE]! ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    for (; k < STATE_SIZE - 1; k++) {
      const y = (mt[k]! & UPPER_MASK) | (mt[k + 1]! & LOWER_MASK);
      mt[k] = mt[k + SHIFT_SIZE - STATE_SIZE]! ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    const y = (mt[STATE_SIZE - 1]! & UPPER_MASK) | (mt[0]! & LOWER_MASK);
    mt[STATE_SIZE - 1] = mt[SHIFT_SIZE - 1]! ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    this.position = 0;
  }
}

/**
 * Category counts of the two samples over the union of their categories: the
 * common input of the chi-squared test, the Z-test, and of Jensen–Shannon and
 * PSI on categorical data, and the source of the categorical summaries.
 */

/** One category value. Strings and numbers are distinct keys (`1` ≠ `'1'`), as in pandas. */
export type CategoryValue = string | number | boolean;

/** Counts of both samples over the union of their categories. */
export interface CategoryCounts {
  /** Every category seen in either sample, each once. */
  readonly keys: readonly CategoryValue[];
  /** Reference count per key (0 for a category seen only in current). */
  readonly reference: Float64Array;
  /** Current count per key (0 for a category seen only in reference). */
  readonly current: Float64Array;
  /** Σ reference counts: rows with a value. */
  readonly referenceTotal: number;
  /** Σ current counts: rows with a value. */
  readonly currentTotal: number;
}

/** {@link CategoryCounts} plus how many null values each side had. */
export interface CountedCategories extends CategoryCounts {
  readonly referenceDropped: number;
  readonly currentDropped: number;
}

/** Where the first value that is not a category is, if any. */
export interface InvalidCategory {
  readonly side: 'reference' | 'current';
  readonly index: number;
  readonly value: unknown;
}

function isCategoryValue(v: unknown): v is CategoryValue {
  return typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
}

/**
 * Counts both samples over the union of their categories, in order of first
 * appearance (reference first). Null, undefined, NaN and ±Infinity are
 * dropped and counted, as Evidently does before testing
 * (`replace([-inf, inf], nan).dropna()`).
 *
 * @param onInvalid - called with the first value that is neither string, number nor boolean
 *   (an object, say); it is then dropped. Callers use it to raise an error naming the column.
 */
export function countCategories(
  reference: ArrayLike<CategoryValue | null | undefined>,
  current: ArrayLike<CategoryValue | null | undefined>,
  onInvalid?: (problem: InvalidCategory) => void,
): CountedCategories {
  const index = new Map<CategoryValue, number>();
  const keys: CategoryValue[] = [];
  const counts: [number[], number[]] = [[], []];
  const dropped = [0, 0];
  let reported = false;
  const sides = [reference, current] as const;
  for (let s = 0; s < 2; s++) {
    const values = sides[s]!;
    const sideCounts = counts[s]!;
    for (let i = 0; i < values.length; i++) {
      const v = values[i] as unknown;
      if (!isCategoryValue(v)) {
        dropped[s]!++;
        if (v !== null && v !== undefined && !(typeof v === 'number') && !reported && onInvalid) {
          reported = true;
          onInvalid({ side: s === 0 ? 'reference' : 'current', index: i, value: v });
        }
        continue;
      }
      let k = index.get(v);
      if (k === undefined) {
        k = keys.length;
        index.set(v, k);
        keys.push(v);
        counts[0].push(0);
        counts[1].push(0);
      }
      sideCounts[k]!++;
    }
  }
  const referenceCounts = Float64Array.from(counts[0]);
  const currentCounts = Float64Array.from(counts[1]);
  return {
    keys,
    reference: referenceCounts,
    current: currentCounts,
    referenceTotal: reference.length - dropped[0]!,
    currentTotal: current.length - dropped[1]!,
    referenceDropped: dropped[0]!,
    currentDropped: dropped[1]!,
  };
}

/**
 * Value counts of two ascending numeric samples over the union of their
 * distinct values, keys ascending; the categorical view of a numeric column
 * with few values (Evidently's `value_counts()` on a numeric Series).
 */
export function countSortedValues(reference: Float64Array, current: Float64Array): CategoryCounts {
  const keys: number[] = [];
  const ref: number[] = [];
  const cur: number[] = [];
  let i = 0;
  let j = 0;
  while (i < reference.length || j < current.length) {
    const v = Math.min(
      i < reference.length ? reference[i]! : Infinity,
      j < current.length ? current[j]! : Infinity,
    );
    const i0 = i;
    const j0 = j;
    while (i < reference.length && reference[i]! <= v) i++;
    while (j < current.length && current[j]! <= v) j++;
    keys.push(v);
    ref.push(i - i0);
    cur.push(j - j0);
  }
  return {
    keys,
    reference: Float64Array.from(ref),
    current: Float64Array.from(cur),
    referenceTotal: reference.length,
    currentTotal: current.length,
  };
}

/** Maps UTF-16 code units so that comparing them orders strings by code point (surrogates last). */
function codePointOrder(unit: number): number {
  if (unit < 0xd800) return unit;
  return unit >= 0xe000 ? unit - 0x800 : unit + 0x2000;
}

/**
 * Python's `sorted()` order for category keys: numbers and booleans
 * numerically (False = 0, True = 1), strings by code point. Python cannot
 * compare a string with a number; here numbers come first.
 */
export function compareCategories(a: CategoryValue, b: CategoryValue): number {
  if (typeof a === 'string' && typeof b === 'string') {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
      const ca = a.charCodeAt(i);
      const cb = b.charCodeAt(i);
      if (ca !== cb) return codePointOrder(ca) - codePointOrder(cb);
    }
    return a.length - b.length;
  }
  if (typeof a === 'string') return 1;
  if (typeof b === 'string') return -1;
  return Number(a) - Number(b);
}

/** Number of categories with a non-zero count in `counts`. */
export function countPresent(counts: Float64Array): number {
  let present = 0;
  for (const c of counts) if (c > 0) present++;
  return present;
}

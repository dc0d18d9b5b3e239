/**
 * Loads `test/reference/drift/drift-reference.fixture.json`, written by
 * `drift_reference.py` beside this file (Evidently + scipy), and gives the
 * drift tests tolerance checks. The file is validated on load so a stale or
 * hand-edited fixture fails loudly instead of making assertions vacuous.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * Relative tolerance for statistics and distances. The TypeScript code
 * differs from numpy only in summation order (compensated sums vs pairwise),
 * which moves results by ~1e-15 relative; 1e-9 leaves room for the iterative
 * special functions while still catching any formula difference.
 */
export const RELATIVE_TOLERANCE = 1e-9;
/**
 * Absolute floor, for p-values and values near 0: p-values are compared to
 * 1e-9 absolute or 1e-9 relative, whichever is looser, so tiny p-values are
 * still checked relatively.
 */
export const ABSOLUTE_TOLERANCE = 1e-12;
/** Absolute tolerance for p-values, which live in [0, 1]. */
export const P_VALUE_ABSOLUTE_TOLERANCE = 1e-9;

// JSON has no NaN or Infinity: the script writes them as strings.
const float = z.union([z.number(), z.enum(['NaN', 'Infinity', '-Infinity'])]).transform((v) => Number(v));

/** A sample stored as run lengths (row order does not matter to any drift statistic). */
const numericRuns = z.object({ values: z.array(float), counts: z.array(z.number().int().positive()) });
const categoryRuns = z.object({
  categories: z.array(z.string()),
  counts: z.array(z.number().int().positive()),
});
const sample = z.union([numericRuns, categoryRuns]);

const methodName = z.enum(['ks', 'chisquare', 'z', 'wasserstein', 'jensenshannon', 'psi']);

const columnCase = z.object({
  name: z.string(),
  description: z.string(),
  type: z.enum(['numeric', 'categorical']),
  integerValued: z.boolean(),
  method: methodName.nullable(),
  threshold: z.number().nullable(),
  reference: sample,
  current: sample,
  expected: z.object({ method: methodName, score: float, drifted: z.boolean(), threshold: z.number() }),
});

const datasetCase = z.object({
  name: z.string(),
  description: z.string(),
  numerical: z.array(z.string()),
  categorical: z.array(z.string()),
  reference: z.record(z.string(), sample),
  current: z.record(z.string(), sample),
  expected: z.object({
    driftShare: z.number(),
    numberOfColumns: z.number(),
    numberOfDriftedColumns: z.number(),
    shareOfDriftedColumns: z.number(),
    datasetDrift: z.boolean(),
    columns: z.record(
      z.string(),
      z.object({ stattest: z.string(), score: float, drifted: z.boolean(), threshold: z.number() }),
    ),
  }),
});

const referenceSchema = z.object({
  versions: z.object({
    evidently: z.string(),
    scipy: z.string(),
    numpy: z.string(),
    pandas: z.string(),
    python: z.string(),
  }),
  columns: z.array(columnCase).min(1),
  datasets: z.array(datasetCase).min(1),
  ks: z.array(
    z.object({
      name: z.string(),
      reference: numericRuns,
      current: numericRuns,
      statistic: float,
      pValue: float,
      method: z.enum(['exact', 'asymp']),
    }),
  ),
  special: z.object({
    gammaln: z.array(z.tuple([z.number(), float])),
    gammainc: z.array(z.tuple([z.number(), z.number(), float, float])),
    ndtr: z.array(z.tuple([z.number(), float])),
    chi2Sf: z.array(z.tuple([z.number(), z.number(), float])),
    kstwoSf: z.array(z.tuple([z.number(), z.number(), float])),
    smirnovSf: z.array(z.tuple([z.number(), z.number(), float])),
  }),
  distances: z.object({
    wasserstein: z.array(
      z.object({ name: z.string(), u: z.array(float), v: z.array(float), distance: float, stdU: float }),
    ),
    jensenshannon: z.array(
      z.object({ name: z.string(), p: z.array(z.number()), q: z.array(z.number()), distance: float }),
    ),
    chisquare: z.array(
      z.object({
        name: z.string(),
        observed: z.array(z.number()),
        expected: z.array(z.number()),
        statistic: float,
        pValue: float,
      }),
    ),
  }),
  histograms: z.array(
    z.object({
      name: z.string(),
      integer: z.boolean(),
      a: z.array(float),
      b: z.array(float),
      edges: z.array(float),
      countsA: z.array(z.number()),
      countsB: z.array(z.number()),
    }),
  ),
});

/** The whole fixture, decoded. */
export type DriftReference = z.infer<typeof referenceSchema>;
/** One per-column case with Evidently's verdict. */
export type ColumnCase = DriftReference['columns'][number];
/** One whole-dataset case with Evidently's report. */
export type DatasetCase = DriftReference['datasets'][number];
/** A stored sample (run lengths). */
export type StoredSample = z.infer<typeof sample>;

const FIXTURE = path.join(__dirname, 'drift-reference.fixture.json');

let cached: DriftReference | undefined;

/** Reads and validates the Evidently/scipy reference fixture (once per test file). */
export function loadDriftReference(): DriftReference {
  cached ??= referenceSchema.parse(JSON.parse(readFileSync(FIXTURE, 'utf8')));
  return cached;
}

/**
 * Expands a numeric run-length sample into a plain array, largest values first,
 * so the code under test gets unsorted input and must sort it itself.
 */
export function expandNumeric(stored: StoredSample): number[] {
  if (!('values' in stored)) throw new Error('expected a numeric sample');
  const out: number[] = [];
  for (let k = stored.values.length - 1; k >= 0; k--) {
    for (let c = 0; c < stored.counts[k]!; c++) out.push(stored.values[k]!);
  }
  return out;
}

/** Expands a categorical run-length sample round-robin (a, b, c, a, b, …), so equal values are not adjacent. */
export function expandCategorical(stored: StoredSample): string[] {
  if (!('categories' in stored)) throw new Error('expected a categorical sample');
  const left = [...stored.counts];
  const out: string[] = [];
  let remaining = left.reduce((s, c) => s + c, 0);
  while (remaining > 0) {
    for (let k = 0; k < left.length; k++) {
      if (left[k]! > 0) {
        out.push(stored.categories[k]!);
        left[k]!--;
        remaining--;
      }
    }
  }
  return out;
}

/** Expands either kind of stored sample. */
export function expandSample(stored: StoredSample): number[] | string[] {
  return 'values' in stored ? expandNumeric(stored) : expandCategorical(stored);
}

/** True when `actual` is within `relative` (or the absolute floor) of `expected`; NaN matches NaN. */
export function isClose(
  actual: number,
  expected: number,
  relative = RELATIVE_TOLERANCE,
  absolute = ABSOLUTE_TOLERANCE,
): boolean {
  if (Number.isNaN(expected)) return Number.isNaN(actual);
  if (!Number.isFinite(expected)) return actual === expected;
  return Math.abs(actual - expected) <= Math.max(relative * Math.abs(expected), absolute);
}

/** Asserts {@link isClose} for a statistic or distance, with a message naming the source. */
export function expectClose(
  actual: number,
  expected: number,
  what: string,
  relative = RELATIVE_TOLERANCE,
): void {
  if (!isClose(actual, expected, relative)) {
    throw new Error(
      `${what}: got ${actual}, the reference gives ${expected} (relative tolerance ${relative})`,
    );
  }
}

/** Asserts a p-value matches to 1e-9 absolute or 1e-9 relative (for tiny p-values). */
export function expectPValueClose(actual: number, expected: number, what: string): void {
  const ok =
    isClose(actual, expected, RELATIVE_TOLERANCE, 0) ||
    (Math.abs(actual - expected) <= P_VALUE_ABSOLUTE_TOLERANCE && expected > 1e-6);
  if (!ok) {
    throw new Error(
      `${what}: got p = ${actual}, the reference gives ${expected} ` +
        `(tolerance ${RELATIVE_TOLERANCE} relative, or ${P_VALUE_ABSOLUTE_TOLERANCE} absolute above 1e-6)`,
    );
  }
}

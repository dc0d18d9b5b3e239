/**
 * Loads `test/reference/sklearn-reference.fixture.json`, written by
 * `metrics_reference.py` beside this file, and gives the tests a tolerance
 * check. The file is validated on load so a stale or hand-edited fixture fails
 * loudly instead of making assertions vacuous.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * Relative tolerance against scikit-learn. The implementations differ only in
 * summation order (e.g. exact integer AUC sums vs trapezoids of rates), which
 * moves results by a few ulps (~1e-16 relative), so 1e-12 leaves room while
 * still catching any real formula difference.
 */
export const RELATIVE_TOLERANCE = 1e-12;
/** Absolute floor for values near 0, where a relative tolerance is meaningless. */
export const ABSOLUTE_TOLERANCE = 1e-15;

// JSON has no NaN or Infinity: the script writes them as strings.
const float = z.union([z.number(), z.enum(['NaN', 'Infinity', '-Infinity'])]).transform((v) => Number(v));
const floats = z.array(float);

const expectedSchema = z.object({
  confusion: z.object({ tp: z.number(), fp: z.number(), tn: z.number(), fn: z.number() }),
  accuracy: float,
  precision: float,
  recall: float,
  f1: float,
  rocAuc: float,
  averagePrecision: float,
  logLoss: float,
  rocCurve: z.object({ fpr: floats, tpr: floats, thresholds: floats }),
  precisionRecallCurve: z.object({ precision: floats, recall: floats, thresholds: floats }),
  calibration: z.object({
    bin: z.array(z.number()),
    count: z.array(z.number()),
    fractionPositive: floats,
    meanPredicted: floats,
  }),
  thresholdTable: z.array(
    z.object({ threshold: float, precision: float, recall: float, f1: float, positiveRate: float }),
  ),
});

const referenceSchema = z.object({
  versions: z.object({ sklearn: z.string(), numpy: z.string(), python: z.string() }),
  threshold: z.number(),
  tableThresholds: z.array(z.number()),
  calibrationBins: z.number(),
  float64Epsilon: z.number(),
  cases: z
    .array(
      z.object({
        name: z.string(),
        description: z.string(),
        labels: z.array(z.number()),
        scores: z.array(z.number()),
        expected: expectedSchema,
      }),
    )
    .min(1),
});

/** The whole fixture, decoded. */
export type SklearnReference = z.infer<typeof referenceSchema>;
/** One input set with scikit-learn's outputs. */
export type ReferenceCase = SklearnReference['cases'][number];

const FIXTURE = path.join(__dirname, 'sklearn-reference.fixture.json');

/** Reads and validates the scikit-learn reference fixture. */
export function loadSklearnReference(): SklearnReference {
  return referenceSchema.parse(JSON.parse(readFileSync(FIXTURE, 'utf8')));
}

/** True when `actual` is within the reference tolerance of `expected` (NaN matches NaN, ±Infinity itself). */
export function isClose(actual: number, expected: number): boolean {
  if (Number.isNaN(expected)) return Number.isNaN(actual);
  if (!Number.isFinite(expected)) return actual === expected;
  return Math.abs(actual - expected) <= Math.max(RELATIVE_TOLERANCE * Math.abs(expected), ABSOLUTE_TOLERANCE);
}

/** Asserts {@link isClose}, with a message that shows both numbers and what they are. */
export function expectClose(actual: number, expected: number, what: string): void {
  if (!isClose(actual, expected)) {
    throw new Error(
      `${what}: got ${actual}, scikit-learn gives ${expected} (relative tolerance ${RELATIVE_TOLERANCE})`,
    );
  }
}

/** Asserts two arrays have equal length and elementwise {@link isClose}. */
export function expectAllClose(actual: ArrayLike<number>, expected: readonly number[], what: string): void {
  if (actual.length !== expected.length) {
    throw new Error(`${what}: got ${actual.length} values, scikit-learn gives ${expected.length}`);
  }
  for (let i = 0; i < expected.length; i++) expectClose(actual[i]!, expected[i]!, `${what}[${i}]`);
}

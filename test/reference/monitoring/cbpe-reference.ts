/**
 * Loads `cbpe-reference.fixture.json`, written by `cbpe_reference.py`
 * beside this file (NannyML 0.13.1's CBPE), validated on
 * load so a stale or hand-edited fixture fails loudly instead of making the
 * comparisons vacuous.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * Relative tolerance for every CBPE number. Our code and numpy add in a
 * different order (numpy sums pairwise, we sum left to right), which moves a
 * sum of a few thousand probabilities by ~1e-16 relative; the worst case
 * measured over the fixture is 1.8e-14, on a band edge where value − 3·error
 * cancels digits. 1e-12 leaves room for that, while any difference of formula
 * (a wrong ddof, a missed clip, an off-by-one chunk) shows up at 1e-3 or more.
 */
export const CBPE_RELATIVE_TOLERANCE = 1e-12;
/** Absolute floor for values at or near 0 (sampling errors of empty parts, thresholds clipped to 0). */
export const CBPE_ABSOLUTE_TOLERANCE = 1e-12;

// JSON has no NaN or Infinity: the script writes them as strings.
const float = z.union([z.number(), z.enum(['NaN', 'Infinity', '-Infinity'])]).transform((v) => Number(v));

const metricResult = z.object({
  value: float.nullable(),
  sampling_error: float.nullable(),
  realized: float.nullable(),
  upper_confidence_boundary: float.nullable(),
  lower_confidence_boundary: float.nullable(),
  upper_threshold: float.nullable(),
  lower_threshold: float.nullable(),
  alert: z.boolean().nullable(),
});

const RESULT_METRICS = [
  'roc_auc',
  'accuracy',
  'f1',
  'precision',
  'recall',
  'true_positive',
  'true_negative',
  'false_positive',
  'false_negative',
] as const;
/** A metric column of NannyML's CBPE result. */
export type ResultMetric = (typeof RESULT_METRICS)[number];

const chunkResult = z.object({
  key: z.string(),
  startIndex: z.number().int(),
  endIndex: z.number().int(),
  metrics: z.object(
    Object.fromEntries(RESULT_METRICS.map((m) => [m, metricResult])) as Record<
      ResultMetric,
      typeof metricResult
    >,
  ),
});

const labelled = z.object({ labels: z.array(z.number().int().min(0).max(1)), scores: z.array(float) });

const cbpeCase = z.object({
  name: z.string(),
  description: z.string(),
  chunking: z.object({ chunk_size: z.number().int().optional(), chunk_number: z.number().int().optional() }),
  reference: labelled,
  analysis: labelled,
  expected: z.object({
    needsCalibration: z.boolean(),
    calibration: z.object({
      decision: z.boolean(),
      stableDecision: z.boolean(),
      shortcut: z.enum(['single_class', 'auc_above_0.999']).nullable(),
      eceBefore: float.optional(),
      eceAfter: float.optional(),
      eceBeforeStable: float.optional(),
      eceAfterStable: float.optional(),
    }),
    calibrator: z.object({ x: z.array(float), y: z.array(float) }).nullable(),
    calibratedAnalysisScores: z.array(float).nullable(),
    samplingErrorComponents: z.record(z.string(), z.array(float)),
    referenceChunks: z.array(chunkResult).min(1),
    analysisChunks: z.array(chunkResult).min(1),
  }),
});

const referenceSchema = z.object({
  generatedBy: z.string(),
  versions: z.object({
    nannyml: z.string(),
    numpy: z.string(),
    pandas: z.string(),
    scipy: z.string(),
    sklearn: z.string(),
    python: z.string(),
  }),
  threshold: z.number(),
  cases: z.array(cbpeCase).min(1),
  blocks: z.object({
    permutations: z.array(
      z.object({ n: z.number().int(), first: z.array(z.number().int()), second: z.array(z.number().int()) }),
    ),
    splits: z.array(
      z.object({
        name: z.string(),
        labels: z.array(z.number().int()),
        folds: z.array(
          z.object({ train: z.array(z.number().int()).nullable(), test: z.array(z.number().int()) }),
        ),
      }),
    ),
    isotonic: z.array(
      z.object({
        name: z.string(),
        x: z.array(float),
        y: z.array(float),
        thresholdsX: z.array(float),
        thresholdsY: z.array(float),
        queries: z.array(float),
        predictions: z.array(float),
      }),
    ),
    binEdges: z.array(
      z.object({
        length: z.number().int(),
        bins: z.number().int(),
        edges: z.array(z.tuple([z.number().int(), z.number().int()])),
      }),
    ),
  }),
});

/** The whole fixture, decoded. */
export type CbpeReference = z.infer<typeof referenceSchema>;
/** One whole-estimator case. */
export type CbpeCase = CbpeReference['cases'][number];
/** NannyML's numbers for one chunk. */
export type CbpeChunkResult = CbpeCase['expected']['analysisChunks'][number];

const FIXTURE = path.join(__dirname, 'cbpe-reference.fixture.json');

let cached: CbpeReference | undefined;

/** Reads and validates the NannyML reference fixture (once per test file). */
export function loadCbpeReference(): CbpeReference {
  cached ??= referenceSchema.parse(JSON.parse(readFileSync(FIXTURE, 'utf8')));
  return cached;
}

/** True when `actual` is within the CBPE tolerance of `expected`; NaN matches NaN, null matches null. */
export function cbpeClose(
  actual: number | null | undefined,
  expected: number | null,
  relative = CBPE_RELATIVE_TOLERANCE,
): boolean {
  if (expected === null) return actual === null || actual === undefined;
  if (actual === null || actual === undefined) return false;
  if (Number.isNaN(expected)) return Number.isNaN(actual);
  if (!Number.isFinite(expected)) return actual === expected;
  return Math.abs(actual - expected) <= Math.max(relative * Math.abs(expected), CBPE_ABSOLUTE_TOLERANCE);
}

/** Asserts {@link cbpeClose} with a message naming the case, chunk and field. */
export function expectCbpeClose(
  actual: number | null | undefined,
  expected: number | null,
  what: string,
): void {
  if (!cbpeClose(actual, expected)) {
    throw new Error(
      `${what}: got ${actual}, NannyML gives ${expected} (relative tolerance ${CBPE_RELATIVE_TOLERANCE})`,
    );
  }
}

/**
 * Confidence-based performance estimation (CBPE) for the matchmaking model,
 * as NannyML 0.13.1 defines it for binary classification: estimate a chunk's
 * accuracy, F1, precision, recall, confusion matrix and ROC AUC from the
 * model's scores alone, before any outcome is known.
 *
 * `fitCbpe` learns from a reference set with outcomes (the held-out split the
 * version was promoted on): whether isotonic calibration helps (NannyML's
 * rule) and the calibrator, each metric's sampling-error components, and the
 * alert thresholds (mean ± 3 std of the realized metric over the reference
 * chunks). `estimateCbpeChunk` then turns one chunk of production scores into
 * estimates with a ±3 sampling-error band. Pinned to NannyML by
 * `test/reference/monitoring/cbpe_reference.py`.
 */
import { DEFAULT_THRESHOLD } from '../../metrics';
import {
  type AlertThresholds,
  alertThresholds,
  DEFAULT_STD_MULTIPLIER,
  isOutsideThresholds,
} from './alert-thresholds';
import { CBPE_METRICS, type CbpeMetric, metricLimits } from './cbpe-metrics';
import { type Chunking, chunkRanges } from './chunking';
import {
  estimateAccuracy,
  estimateF1,
  estimatePrecision,
  estimateRecall,
  estimateRocAuc,
  expectedConfusion,
} from './estimate-metrics';
import { fitIsotonic, type IsotonicFit, predictIsotonic } from './isotonic-regression';
import { type CalibrationDecision, decideCalibration } from './needs-calibration';
import { realizedChunk } from './realized-chunk';
import {
  SAMPLING_ERROR_RANGE,
  samplingError,
  samplingErrorComponents,
  type SamplingErrorComponents,
} from './sampling-error';
import { CbpeInputError } from './errors';

/** Options of {@link fitCbpe}. */
export interface CbpeOptions {
  /** The model's decision threshold: a score >= it predicts a match. @default 0.5 */
  readonly threshold?: number;
  /** How the reference is cut into chunks for the alert thresholds. @default NannyML's 10 chunks */
  readonly referenceChunking?: Chunking;
  /**
   * `auto` applies NannyML's rule ({@link decideCalibration}); `always` and
   * `never` override it. @default 'auto'
   */
  readonly calibration?: 'auto' | 'always' | 'never';
  /** Standard deviations between the reference mean and an alert threshold. @default 3 */
  readonly stdMultiplier?: number;
}

/** What CBPE learnt from the reference: plain JSON, stored beside a monitoring run. */
export interface FittedCbpe {
  readonly threshold: number;
  readonly referenceRows: number;
  readonly calibration: CalibrationDecision & { readonly mode: 'auto' | 'always' | 'never' };
  /** The isotonic calibrator, when calibration is applied. */
  readonly calibrator: IsotonicFit | null;
  readonly samplingErrorComponents: SamplingErrorComponents;
  readonly thresholds: Readonly<Record<CbpeMetric, AlertThresholds>>;
}

/** One metric's estimate for a chunk. NaN where NannyML gives NaN (e.g. ROC AUC of a one-class chunk). */
export interface CbpeMetricEstimate {
  readonly value: number;
  readonly samplingError: number;
  /** The band: value ± 3 sampling errors, within the metric's limits. */
  readonly lower: number;
  readonly upper: number;
  readonly lowerThreshold: number;
  readonly upperThreshold: number;
  /** The estimate is outside the alert thresholds. */
  readonly alert: boolean;
  /** The realized value, when the chunk's outcomes were given. */
  readonly realized?: number;
}

/** CBPE's result for one chunk. */
export interface CbpeChunkEstimate {
  readonly rows: number;
  readonly metrics: Readonly<Record<CbpeMetric, CbpeMetricEstimate>>;
}

export { CbpeInputError } from './errors';

function predictions(scores: ArrayLike<number>, threshold: number): Uint8Array {
  const out = new Uint8Array(scores.length);
  for (let i = 0; i < scores.length; i++) out[i] = scores[i]! >= threshold ? 1 : 0;
  return out;
}

function validate(what: string, scores: ArrayLike<number>, labels?: ArrayLike<number>): void {
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i]!;
    if (!(s >= 0 && s <= 1))
      throw new CbpeInputError(`${what} score ${i} is ${s}, not a probability in [0, 1]`);
  }
  if (!labels) return;
  if (labels.length !== scores.length) {
    throw new CbpeInputError(`${what} has ${labels.length} labels for ${scores.length} scores`);
  }
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] !== 0 && labels[i] !== 1)
      throw new CbpeInputError(`${what} label ${i} is ${labels[i]}, not 0 or 1`);
  }
}

function slice(values: ArrayLike<number>, start: number, end: number): number[] {
  return Array.prototype.slice.call(values, start, end) as number[];
}

/**
 * Fits CBPE on reference outcomes and scores.
 *
 * @throws CbpeInputError when the reference is empty, lengths differ, a label is not 0/1 or a score not in [0, 1]
 */
export function fitCbpe(
  reference: { readonly labels: ArrayLike<number>; readonly scores: ArrayLike<number> },
  options: CbpeOptions = {},
): FittedCbpe {
  const { threshold = DEFAULT_THRESHOLD, referenceChunking = {}, calibration = 'auto' } = options;
  const multiplier = options.stdMultiplier ?? DEFAULT_STD_MULTIPLIER;
  const { labels, scores } = reference;
  if (scores.length === 0) throw new CbpeInputError('the reference has no rows');
  validate('reference', scores, labels);
  const predicted = predictions(scores, threshold);

  // Alert thresholds: the realized metrics of the reference chunks (uncalibrated, as NannyML).
  const realizedByChunk = chunkRanges(scores.length, referenceChunking).map(({ start, end }) =>
    realizedChunk(slice(labels, start, end), slice(scores, start, end), slice(predicted, start, end)),
  );
  const thresholds = Object.fromEntries(
    CBPE_METRICS.map((m) => [
      m,
      alertThresholds(
        m,
        realizedByChunk.map((r) => r[m]),
        multiplier,
      ),
    ]),
  ) as Record<CbpeMetric, AlertThresholds>;

  const decision: CalibrationDecision =
    calibration === 'auto' ? decideCalibration(labels, scores) : { calibrate: calibration === 'always' };
  return {
    threshold,
    referenceRows: scores.length,
    calibration: { ...decision, mode: calibration },
    calibrator: decision.calibrate ? fitIsotonic(scores, labels) : null,
    samplingErrorComponents: samplingErrorComponents(labels, scores, predicted),
    thresholds,
  };
}

/** The calibrated probabilities CBPE uses for a chunk's scores. */
export function calibrateScores(fitted: FittedCbpe, scores: ArrayLike<number>): Float64Array {
  return fitted.calibrator ? predictIsotonic(fitted.calibrator, scores) : Float64Array.from(scores);
}

/**
 * Estimates every CBPE metric for one chunk of production scores; with
 * `labels`, also the realized values beside them.
 *
 * @throws CbpeInputError when the chunk is empty or a score is not a probability
 */
export function estimateCbpeChunk(
  fitted: FittedCbpe,
  scores: ArrayLike<number>,
  labels?: ArrayLike<number>,
): CbpeChunkEstimate {
  if (scores.length === 0) throw new CbpeInputError('the chunk has no rows');
  validate('chunk', scores, labels);
  const predicted = predictions(scores, fitted.threshold);
  const calibrated = calibrateScores(fitted, scores);
  const confusion = expectedConfusion(calibrated, predicted);
  const values: Record<CbpeMetric, number> = {
    rocAuc: estimateRocAuc(calibrated, scores),
    accuracy: estimateAccuracy(calibrated, predicted),
    f1: estimateF1(calibrated, predicted),
    precision: estimatePrecision(calibrated, predicted),
    recall: estimateRecall(calibrated, predicted),
    ...confusion,
  };
  const realized = labels ? realizedChunk(labels, scores, predicted) : undefined;
  const metrics = Object.fromEntries(
    CBPE_METRICS.map((metric) => {
      const value = values[metric];
      const error = samplingError(fitted.samplingErrorComponents, metric, scores.length);
      const limits = metricLimits(metric);
      const band = SAMPLING_ERROR_RANGE * error;
      const estimate: CbpeMetricEstimate = {
        value,
        samplingError: error,
        lower: Math.max(limits.lower, value - band),
        upper: Math.min(limits.upper ?? Infinity, value + band),
        lowerThreshold: fitted.thresholds[metric].lower,
        upperThreshold: fitted.thresholds[metric].upper,
        alert: isOutsideThresholds(value, fitted.thresholds[metric]),
        ...(realized ? { realized: realized[metric] } : {}),
      };
      return [metric, estimate];
    }),
  ) as Record<CbpeMetric, CbpeMetricEstimate>;
  return { rows: scores.length, metrics };
}

/** Estimates chunk by chunk, the chunks cut as NannyML would (for comparisons and backfills). */
export function estimateCbpeChunks(
  fitted: FittedCbpe,
  scores: ArrayLike<number>,
  chunking: Chunking,
  labels?: ArrayLike<number>,
): Array<CbpeChunkEstimate & { readonly start: number; readonly end: number }> {
  return chunkRanges(scores.length, chunking).map(({ start, end }) => ({
    start,
    end,
    ...estimateCbpeChunk(fitted, slice(scores, start, end), labels ? slice(labels, start, end) : undefined),
  }));
}

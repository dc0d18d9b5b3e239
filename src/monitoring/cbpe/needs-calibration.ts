/**
 * NannyML's rule for whether CBPE calibrates the reference scores
 * (`nannyml.calibration.needs_calibration`): fit an isotonic calibrator on 9/10
 * of the reference and calibrate the other tenth, ten times over stratified
 * shuffled splits (seed 42); calibrate when the expected calibration error of
 * the held-out tenths is lower after calibration than before. Skipped (no
 * calibration) when the labels hold one class or the scores already separate
 * them (ROC AUC > 0.999).
 */
import { rocAuc } from '../../metrics';
import { binIndexEdges, expectedCalibrationError } from './calibration-error';
import { fitIsotonic, predictIsotonic } from './isotonic-regression';
import { stratifiedShuffleSplit } from './stratified-shuffle-split';

/** The decision and the numbers behind it. */
export interface CalibrationDecision {
  readonly calibrate: boolean;
  /** Set when the ECE comparison was skipped. */
  readonly shortcut?: 'single_class' | 'auc_above_0.999';
  /** ECE of the held-out scores before calibration. */
  readonly eceBefore?: number;
  /** ECE of the same scores after calibration. */
  readonly eceAfter?: number;
}

/** NannyML's defaults: 10 ECE bins, 10 splits. */
export const CALIBRATION_BINS = 10;
export const CALIBRATION_SPLITS = 10;

/**
 * Decides whether isotonic calibration helps the reference scores.
 *
 * @throws RangeError when the reference is too small to split (a class with one row)
 */
export function decideCalibration(labels: ArrayLike<number>, scores: ArrayLike<number>): CalibrationDecision {
  const hasPositive = Array.prototype.some.call(labels, (v: number) => v === 1);
  const hasNegative = Array.prototype.some.call(labels, (v: number) => v === 0);
  if (!hasPositive || !hasNegative) return { calibrate: false, shortcut: 'single_class' };
  if (rocAuc(labels, scores) > 0.999) return { calibrate: false, shortcut: 'auc_above_0.999' };

  const heldOutLabels: number[] = [];
  const before: number[] = [];
  const after: number[] = [];
  for (const { train, test } of stratifiedShuffleSplit(labels, { splits: CALIBRATION_SPLITS })) {
    const fit = fitIsotonic(
      train.map((i) => scores[i]!),
      train.map((i) => labels[i]!),
    );
    const testScores = test.map((i) => scores[i]!);
    heldOutLabels.push(...test.map((i) => labels[i]!));
    before.push(...testScores);
    after.push(...predictIsotonic(fit, testScores));
  }
  const edges = binIndexEdges(before.length, CALIBRATION_BINS);
  const eceBefore = expectedCalibrationError(heldOutLabels, before, edges);
  const eceAfter = expectedCalibrationError(heldOutLabels, after, edges);
  return { calibrate: eceBefore > eceAfter, eceBefore, eceAfter };
}

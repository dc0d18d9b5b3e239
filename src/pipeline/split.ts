/**
 * How every run splits a snapshot into train, validation and test rows: the
 * content split of `src/data/split.ts` with one fixed seed.
 *
 * The seed is fixed and independent of the training seed, and a row's part
 * depends only on its content, so candidate and production are always compared
 * on the same held-out rows of a snapshot, whatever training parameters a run
 * overrides — and training, the candidate's evaluation and `evaluate` all call
 * {@link analyseSnapshotRows}, never a split of their own.
 */
import type { ColumnTable } from 'arquero';
import {
  analyseDatasetContent,
  assertBothLabelClasses,
  assertEnoughRows,
  TRAINING_PARTS,
  type DatasetContent,
  type SplitOptions,
} from '../data';

/** The split of every run. Changing it changes every test set: bump it only with a note in the CHANGELOG. */
export const EVALUATION_SPLIT: SplitOptions = {
  seed: 20251108,
  validationFraction: 0.15,
  testFraction: 0.15,
};

/** The snapshot's rows split by {@link EVALUATION_SPLIT}, with their duplicate and per-class counts. */
export function analyseSnapshotRows(table: ColumnTable): Promise<DatasetContent> {
  return analyseDatasetContent(table, EVALUATION_SPLIT);
}

/**
 * The split a training run (a candidate or a tuning trial) and the study's test
 * comparison use, after checking the snapshot can carry it: both label classes,
 * and at least `MIN_DISTINCT_ROWS_PER_CLASS` distinct rows of each class in
 * train, validation and test. The snapshot step checks the same before storing
 * a file; this catches a snapshot stored by an older version.
 *
 * @param datasetPath - how error messages name the snapshot file
 * @throws DatasetValidationError SINGLE_LABEL_CLASS or TOO_FEW_ROWS
 */
export async function trainingRows(table: ColumnTable, datasetPath: string): Promise<DatasetContent> {
  assertBothLabelClasses(table, datasetPath);
  const content = await analyseSnapshotRows(table);
  assertEnoughRows(content, datasetPath, TRAINING_PARTS);
  return content;
}

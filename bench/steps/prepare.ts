/**
 * Step: loads a dataset CSV, splits it as every retrain does, fits the
 * preprocessing on the training rows and writes the encoded train and
 * validation matrices (see `lib/matrix-files.ts`), so tfjs and Keras train on
 * identical inputs. Reports the load and preprocessing times.
 */
import { loadDatasetCsv } from '../../src/data';
import { fitPreprocessor, transformRows } from '../../src/features';
import { balancedClassWeights } from '../../src/model/class-weights';
import { analyseSnapshotRows } from '../../src/pipeline/split';
import { writeMatrices } from '../lib/matrix-files';
import { runStep } from '../lib/step-io';

/** Arguments of the step. */
export interface PrepareArgs {
  readonly csv: string;
  readonly outDir: string;
}

/** What the step prints. */
export interface PrepareResult {
  readonly rows: number;
  readonly trainRows: number;
  readonly validationRows: number;
  readonly features: number;
  readonly loadMs: number;
  readonly preprocessMs: number;
}

runStep<PrepareArgs, PrepareResult>(async ({ csv, outDir }) => {
  const t0 = performance.now();
  const table = await loadDatasetCsv(csv);
  const t1 = performance.now();
  const { split } = await analyseSnapshotRows(table);
  const preprocessor = fitPreprocessor(table, split.train);
  const train = transformRows(preprocessor, table, split.train);
  const validation = transformRows(preprocessor, table, split.validation);
  const t2 = performance.now();
  await writeMatrices(outDir, train, validation, balancedClassWeights(train.labels));
  return {
    rows: table.numRows(),
    trainRows: train.rowCount,
    validationRows: validation.rowCount,
    features: train.featureCount,
    loadMs: t1 - t0,
    preprocessMs: t2 - t1,
  };
});

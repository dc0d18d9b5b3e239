/**
 * Measures one retrain's training work on the bundled dataset with the backend
 * named by TFJS_BACKEND: CSV load + validation, split, preprocessing, and
 * training to the early-stopped model with the production architecture and
 * default parameters. Prints one JSON line; `bench/run.ts` drives it per backend.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LABEL_COLUMN, loadDatasetCsv, stratifiedSplitIndices } from '../src/data';
import { fitPreprocessor, transformRows } from '../src/features';
import { DEFAULT_TRAINING_PARAMS, initTensorflowBackend, trainMatchModel } from '../src/model';
import { EVALUATION_SPLIT } from '../src/pipeline/split';

async function main(): Promise<void> {
  const dataset = process.argv[2] ?? 'data/matchmaking_dataset.csv';
  const backend = await initTensorflowBackend();
  const t0 = performance.now();
  const table = await loadDatasetCsv(dataset);
  const t1 = performance.now();
  const split = stratifiedSplitIndices(table.array(LABEL_COLUMN) as ArrayLike<number>, EVALUATION_SPLIT);
  const preprocessor = fitPreprocessor(table, split.train);
  const train = transformRows(preprocessor, table, split.train);
  const validation = transformRows(preprocessor, table, split.validation);
  const t2 = performance.now();
  const checkpointDir = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-ckpt-'));
  const result = await trainMatchModel({ train, validation, params: DEFAULT_TRAINING_PARAMS, checkpointDir });
  const t3 = performance.now();
  result.model.dispose();
  await fs.rm(checkpointDir, { recursive: true, force: true });
  const epochs = result.history.length;
  console.log(
    JSON.stringify({
      backend,
      rows: table.numRows(),
      trainRows: train.rowCount,
      features: train.featureCount,
      loadMs: t1 - t0,
      preprocessMs: t2 - t1,
      trainMs: t3 - t2,
      epochs,
      bestEpoch: result.bestEpoch,
      samplesPerSecond: (train.rowCount * epochs) / ((t3 - t2) / 1000),
      bestValRocAuc: result.history.find((h) => h.epoch === result.bestEpoch)?.valRocAuc ?? null,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

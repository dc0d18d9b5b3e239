/**
 * Writes the small, fixed model and rows that the explanation reference numbers
 * are computed on (test/reference/explain/fixture/): a match model trained with
 * the project's own trainer on generated rows, its preprocessor, a 50-row
 * background sample of its training rows, six rows to explain, 600 held-out
 * rows for permutation importance, and what tfjs predicts for all of them (the
 * numpy forward pass in shap_reference.py must agree with those to 1e-6).
 *
 * The fixture does not depend on the pipeline's train/test split: it makes its
 * own from a fixed seed, so a change of the pipeline's split leaves it valid.
 *
 *   npx tsx test/reference/explain/make-fixture.ts     (then run shap_reference.py)
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { loadDatasetCsv } from '../../../src/data/load-dataset';
import { parseDatasetCsv } from '../../../src/data/parse-dataset';
import { shuffledIndices } from '../../../src/data/random';
import { generateMatchmakingRows, rowsToCsv } from '../../../src/data/generate';
import {
  DEFAULT_BACKGROUND_SEED,
  DEFAULT_BACKGROUND_SIZE,
  sampleBackgroundRows,
} from '../../../src/explain/background';
import { fitPreprocessor, loadPreprocessor, savePreprocessor, transformRows } from '../../../src/features';
import {
  initTensorflowBackend,
  loadModel,
  predictProbabilities,
  saveModel,
  trainMatchModel,
} from '../../../src/model';
import { parseTrainingParams } from '../../../src/model/training-params';

/** Where the fixture lives. */
export const FIXTURE_DIR = path.join(__dirname, 'fixture');
/** Its files, beside the model's own (model.json, weights.bin, preprocessor.json). */
export const FIXTURE_FILES = {
  background: 'background.csv',
  explained: 'explained.csv',
  heldOut: 'held-out.csv',
  probabilities: 'tfjs-probabilities.json',
} as const;

const ROWS = 4000;
const DATA_SEED = 17017;
const SPLIT_SEED = 4242;
const HELD_OUT = 600;
const VALIDATION = 600;
const EXPLAINED = 6;

async function main(): Promise<void> {
  const backend = await initTensorflowBackend();
  const rows = generateMatchmakingRows({ rows: ROWS, seed: DATA_SEED });
  const table = parseDatasetCsv(rowsToCsv(rows), 'generated');
  const order = shuffledIndices(ROWS, SPLIT_SEED);
  const heldOut = order.slice(0, HELD_OUT).sort();
  const validation = order.slice(HELD_OUT, HELD_OUT + VALIDATION).sort();
  const train = order.slice(HELD_OUT + VALIDATION).sort();

  const state = fitPreprocessor(table, train);
  const checkpointDir = await fs.mkdtemp(path.join(os.tmpdir(), 'explain-fixture-'));
  const params = parseTrainingParams({ epochs: 15, seed: 17, batchSize: 128, learningRate: 0.003 });
  const { model, bestEpoch, history } = await trainMatchModel({
    train: transformRows(state, table, train),
    validation: transformRows(state, table, validation),
    params,
    checkpointDir,
  });
  await fs.rm(checkpointDir, { recursive: true, force: true });
  await fs.mkdir(FIXTURE_DIR, { recursive: true });
  await saveModel(FIXTURE_DIR, model);
  await savePreprocessor(FIXTURE_DIR, state);
  model.dispose();

  // Rows to explain: the held-out rows at six evenly spaced ranks of the predicted
  // probability, so the reference covers confident no-matches, confident matches and
  // everything between.
  const heldOutScores = predictProbabilities(
    await loadModel(FIXTURE_DIR),
    transformRows(state, table, heldOut),
  );
  const ranked = Array.from(heldOut).sort(
    (a, b) => heldOutScores[heldOut.indexOf(a)]! - heldOutScores[heldOut.indexOf(b)]!,
  );
  const explained = Array.from(
    { length: EXPLAINED },
    (_, k) => ranked[Math.round((k * (HELD_OUT - 1)) / (EXPLAINED - 1))]!,
  );
  const background = sampleBackgroundRows(train, DEFAULT_BACKGROUND_SIZE, DEFAULT_BACKGROUND_SEED);

  const write = (file: string, indices: ArrayLike<number>) =>
    fs.writeFile(path.join(FIXTURE_DIR, file), rowsToCsv(Array.from(indices, (i) => rows[i]!)));
  await write(FIXTURE_FILES.background, background);
  await write(FIXTURE_FILES.explained, explained);
  await write(FIXTURE_FILES.heldOut, heldOut);

  // What tfjs predicts for the files as written, read back through the project's loaders.
  const loaded = await loadModel(FIXTURE_DIR);
  const preprocessor = await loadPreprocessor(FIXTURE_DIR);
  const probabilities: Record<string, number[]> = {};
  for (const [name, file] of [
    ['background', FIXTURE_FILES.background],
    ['explained', FIXTURE_FILES.explained],
    ['heldOut', FIXTURE_FILES.heldOut],
  ] as const) {
    const rowsTable = await loadDatasetCsv(path.join(FIXTURE_DIR, file));
    const all = Int32Array.from({ length: rowsTable.numRows() }, (_, i) => i);
    probabilities[name] = Array.from(
      predictProbabilities(loaded, transformRows(preprocessor, rowsTable, all)),
    );
  }
  loaded.dispose();
  await fs.writeFile(
    path.join(FIXTURE_DIR, FIXTURE_FILES.probabilities),
    `${JSON.stringify({ backend, tfjs: tf.version.tfjs, ...probabilities }, null, 2)}\n`,
  );
  const valAuc = history.find((h) => h.epoch === bestEpoch)?.valRocAuc;
  console.log(
    `fixture written to ${FIXTURE_DIR} (backend ${backend}, best epoch ${bestEpoch}, validation ROC AUC ${valAuc})`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

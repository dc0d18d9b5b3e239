/**
 * Both model families end to end on a small generated dataset: trials trained
 * into their own folders, the logistic regression published to the registry
 * and scored by the same loader as the DNN, and the study's DeLong comparison.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSnapshot, generateMatchmakingRows, rowsToCsv } from '../data';
import { loadModel } from '../model';
import { createTempRegistry } from '../registry/registry.fixture';
import { compareFamilies } from './compare-families';
import { predictWithVersion } from './score-version';
import { trainCandidate } from './train-candidate';
import { TRIAL_SUMMARY_FILE, trainTrial } from './train-trial';
import { loadSnapshotTable } from '../data';
import { analyseSnapshotRows } from './split';

let root: string;
let snapshotsDir: string;
let md5: string;
const small = { epochs: 4, batchSize: 64, learningRate: 0.01, patience: 4 };

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'families-'));
  const csv = path.join(root, 'data.csv');
  await fs.writeFile(csv, rowsToCsv(generateMatchmakingRows({ rows: 1500, seed: 5 })));
  snapshotsDir = path.join(root, 'snapshots');
  md5 = (await createSnapshot({ sourcePath: csv, root: snapshotsDir, now: new Date(0) })).md5;
});

afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

const trial = (name: string, params: object) =>
  trainTrial({
    snapshotsDir,
    datasetMd5: md5,
    params,
    trialDir: path.join(root, 'trials', name),
    checkpointDir: path.join(root, 'work', name),
  });

describe('model families', () => {
  it('trains a DNN and a logistic-regression trial into their folders, reporting every epoch', async () => {
    const epochs: number[][] = [];
    const dnn = await trainTrial({
      snapshotsDir,
      datasetMd5: md5,
      params: { ...small, hiddenUnits: [16, 8] },
      trialDir: path.join(root, 'trials', 'dnn'),
      checkpointDir: path.join(root, 'work', 'dnn'),
      onEpoch: (_, intermediate) => {
        epochs.push(intermediate.map((v) => v ?? NaN));
      },
    });
    expect(dnn.family).toBe('dnn');
    expect(dnn.intermediate).toHaveLength(4);
    expect(epochs.map((e) => e.length)).toEqual([1, 2, 3, 4]);
    expect(epochs[3]).toEqual(dnn.intermediate);
    expect(dnn.bestValidationRocAuc).toBe(Math.max(...dnn.intermediate.map((v) => v ?? -1)));

    const logreg = await trial('logreg', {
      ...small,
      hiddenUnits: [],
      dropoutRate: 0,
      classWeighting: 'none',
    });
    expect(logreg.family).toBe('logreg');
    expect(logreg.bestValidationRocAuc).toBeGreaterThan(0.6);
    const model = await loadModel(path.join(root, 'trials', 'logreg'));
    expect(model.layers.map((l) => l.name)).toEqual(['match_probability']);
    expect(model.countParams()).toBe((model.inputs[0]!.shape[1] as number) + 1);
    model.dispose();
  });

  it('returns the saved summary when a finished trial is asked again (a retried activity)', async () => {
    const again = await trial('logreg', {
      ...small,
      hiddenUnits: [],
      dropoutRate: 0,
      classWeighting: 'none',
    });
    expect(again.alreadyTrained).toBe(true);
    await expect(fs.stat(path.join(root, 'trials', 'logreg', TRIAL_SUMMARY_FILE))).resolves.toBeDefined();
  });

  it('compares the families on the test split with DeLong’s test, and an ensemble of both', async () => {
    const comparison = await compareFamilies({
      snapshotsDir,
      datasetMd5: md5,
      dnn: { trial: 3, dir: path.join(root, 'trials', 'dnn') },
      logreg: { trial: 7, dir: path.join(root, 'trials', 'logreg') },
      ensemble: [
        { trial: 3, dir: path.join(root, 'trials', 'dnn') },
        { trial: 7, dir: path.join(root, 'trials', 'logreg') },
      ],
    });
    const table = await loadSnapshotTable(snapshotsDir, md5);
    const { test } = (await analyseSnapshotRows(table)).split;
    expect(comparison.testRows).toBe(test.length);
    const d = comparison.dnnVsLogreg!;
    expect(d.aucA).toBeCloseTo(comparison.dnn!.metrics.rocAuc!, 12);
    expect(d.aucB).toBeCloseTo(comparison.logreg!.metrics.rocAuc!, 12);
    expect(d.ciLow).toBeLessThan(d.difference);
    expect(d.ciHigh).toBeGreaterThan(d.difference);
    expect(d.summary).toMatch(
      /^the DNN (beats|trails) the logistic regression by \d\.\d{3} ROC AUC \(95% CI .* to .*, p = .*\): (not )?significant at 5%$/,
    );
    expect(comparison.ensemble!.trials).toEqual([3, 7]);
    expect(comparison.ensembleVsBest!.summary).toMatch(
      /^the ensemble (beats|trails) the best (DNN|logistic regression)/,
    );
  });

  it('publishes a logistic regression to the registry like the DNN, and the registry scorer reads it', async () => {
    const { registry, root: registryRoot } = await createTempRegistry();
    const published = await trainCandidate({
      registry,
      snapshotsDir,
      datasetMd5: md5,
      version: 'v20260101-000000-0123abcd',
      params: { ...small, hiddenUnits: [], dropoutRate: 0 },
      checkpointDir: path.join(registryRoot, 'work'),
      run: { workflowId: 'wf', runId: 'run' },
    });
    expect((await registry.readManifest(published.version)).training.params.hiddenUnits).toEqual([]);
    const table = await loadSnapshotTable(snapshotsDir, md5);
    const { test } = (await analyseSnapshotRows(table)).split;
    const scored = await predictWithVersion(registry, published.version, table, test);
    expect(scored.probabilities).toHaveLength(test.length);
    expect(scored.probabilities.every((p) => p > 0 && p < 1)).toBe(true);
    await fs.rm(registryRoot, { recursive: true, force: true });
  });
});

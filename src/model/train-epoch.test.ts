import * as tf from '@tensorflow/tfjs';
import { shuffledIndices } from '../data/random';
import { buildMatchModel, disposeMatchModel, reseedDropout } from './architecture';
import { initTensorflowBackend } from './backend';
import { balancedClassWeights } from './class-weights';
import { syntheticFeatureMatrix } from './synthetic-matrix';
import { trainEpoch } from './train-epoch';
import { parseTrainingParams } from './training-params';

// 1000 rows in batches of 64: 15 full batches and a short one of 40.
const train = syntheticFeatureMatrix(1000, 8, 3);
const params = parseTrainingParams({ batchSize: 64, learningRate: 0.01, seed: 5 });
const classWeight = balancedClassWeights(train.labels);
const order = shuffledIndices(train.rowCount, 11);

beforeAll(async () => {
  await initTensorflowBackend();
});

/** The reference: tfjs's own fit over the rows in `order`, with the same class weights. */
async function fitOnce(model: tf.LayersModel): Promise<number> {
  const rows = Array.from(order);
  const xs = tf.tidy(() => tf.gather(tf.tensor2d(train.values, [train.rowCount, train.featureCount]), rows));
  const ys = tf.tidy(() => tf.gather(tf.tensor2d(train.labels, [train.rowCount, 1]), rows));
  try {
    const history = await model.fit(xs, ys, {
      epochs: 1,
      batchSize: params.batchSize,
      shuffle: false,
      classWeight: { ...classWeight },
      verbose: 0,
    });
    return history.history.loss![0] as number;
  } finally {
    xs.dispose();
    ys.dispose();
  }
}

const weightsOf = (model: tf.LayersModel) => model.getWeights().map((w) => Array.from(w.dataSync()));

describe('trainEpoch', () => {
  it('computes what model.fit computes: the same loss and the same weights after an epoch', async () => {
    const reference = buildMatchModel(train.featureCount, params);
    const model = buildMatchModel(train.featureCount, params);
    reseedDropout(reference, params.seed, 1);
    reseedDropout(model, params.seed, 1);
    const expectedLoss = await fitOnce(reference);
    const loss = await trainEpoch(model, { train, order, batchSize: params.batchSize, classWeight });
    // Same batches, masks, class weights and L2 penalty; only kernel summation order differs.
    expect(loss).toBeCloseTo(expectedLoss, 5);
    const expected = weightsOf(reference).flat();
    weightsOf(model)
      .flat()
      .forEach((w, i) => expect(w).toBeCloseTo(expected[i]!, 4));
    disposeMatchModel(reference);
    disposeMatchModel(model);
  });

  it('learns: the loss falls over a few epochs', async () => {
    const model = buildMatchModel(train.featureCount, params);
    const losses: number[] = [];
    for (let epoch = 1; epoch <= 4; epoch++) {
      reseedDropout(model, params.seed, epoch);
      losses.push(await trainEpoch(model, { train, order, batchSize: params.batchSize, classWeight }));
    }
    expect(losses[3]!).toBeLessThan(losses[0]!);
    disposeMatchModel(model);
  });

  it('leaves the number of live tensors unchanged, epoch after epoch', async () => {
    const model = buildMatchModel(train.featureCount, params);
    await trainEpoch(model, { train, order, batchSize: params.batchSize, classWeight }); // creates Adam's moments
    const after: number[] = [];
    for (let epoch = 0; epoch < 3; epoch++) {
      await trainEpoch(model, { train, order, batchSize: params.batchSize, classWeight });
      after.push(tf.memory().numTensors);
    }
    expect(new Set(after).size).toBe(1);
    const before = tf.memory().numTensors;
    disposeMatchModel(model);
    expect(tf.memory().numTensors).toBeLessThan(before);
  });
});

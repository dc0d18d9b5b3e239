import * as tf from '@tensorflow/tfjs';
import { shuffledIndices } from '../data/random';
import { buildMatchModel, disposeMatchModel, reseedDropout } from './architecture';
import { initTensorflowBackend } from './backend';
import { balancedClassWeights } from './class-weights';
import { adamInternals, restoreOptimizer, snapshotOptimizer } from './optimizer-state';
import { syntheticFeatureMatrix } from './synthetic-matrix';
import { trainEpoch } from './train-epoch';
import { parseTrainingParams } from './training-params';
import { restoreModelWeights, snapshotModelWeights, type TensorSnapshot } from './weight-snapshot';

// 256 rows in batches of 32: 8 Adam steps per epoch. After 8 steps β₁ᵗ as a
// running float32 product differs from pow(β₁, 9) in the last bit (found by
// stepping both on this backend; 11, 13, 15, 26… steps differ too).
const train = syntheticFeatureMatrix(256, 6, 4);
const params = parseTrainingParams({ batchSize: 32, learningRate: 0.01, seed: 3 });
const classWeight = balancedClassWeights(train.labels);

beforeAll(async () => {
  await initTensorflowBackend();
});

async function epoch(model: tf.LayersModel, n: number): Promise<void> {
  reseedDropout(model, params.seed, n);
  const order = shuffledIndices(train.rowCount, 100 + n);
  await trainEpoch(model, { train, order, batchSize: params.batchSize, classWeight });
}

const bytesOf = (model: tf.LayersModel): Buffer =>
  Buffer.concat(model.getWeights().map((w) => Buffer.from((w.dataSync() as Float32Array).slice().buffer)));

const powers = (model: tf.LayersModel): number[] => {
  const { beta1Power, beta2Power } = adamInternals(model.optimizer);
  return [beta1Power.dataSync()[0]!, beta2Power.dataSync()[0]!];
};

/** A model that has trained one epoch (8 steps), and a fresh one of the same architecture. */
async function trainedAndFresh(): Promise<{ trained: tf.LayersModel; fresh: tf.LayersModel }> {
  const trained = buildMatchModel(train.featureCount, params);
  await epoch(trained, 1);
  return { trained, fresh: buildMatchModel(train.featureCount, params) };
}

describe('optimizer state', () => {
  it("shows the cause of the inexact resume: tfjs's Adam.setWeights recomputes the β powers, which differ from the running product", async () => {
    const { trained, fresh } = await trainedAndFresh();
    const named = await trained.optimizer.getWeights();
    await fresh.optimizer.setWeights(named);
    named[0]!.tensor.dispose();
    expect(adamInternals(fresh.optimizer).adam.iterations).toBe(8);
    expect(powers(fresh)).not.toEqual(powers(trained));
    disposeMatchModel(trained);
    disposeMatchModel(fresh);
  });

  it('restores step count, β powers and moments so that the next epoch is identical bit for bit', async () => {
    const { trained, fresh } = await trainedAndFresh();
    restoreModelWeights(fresh, await snapshotModelWeights(trained));
    await restoreOptimizer(fresh, await snapshotOptimizer(trained));
    expect(powers(fresh)).toEqual(powers(trained));
    expect(await snapshotOptimizer(fresh)).toEqual(await snapshotOptimizer(trained));

    await epoch(trained, 2);
    await epoch(fresh, 2);
    expect(bytesOf(fresh).equals(bytesOf(trained))).toBe(true);
    disposeMatchModel(trained);
    disposeMatchModel(fresh);
  });

  it('names the state after the layers, not after the process-unique variable names, in trainable-weight order', async () => {
    const { trained, fresh } = await trainedAndFresh();
    const snapshot = await snapshotOptimizer(trained);
    const weights = ['hidden_1/kernel', 'hidden_1/bias', 'hidden_2/kernel', 'hidden_2/bias'].concat([
      'match_probability/kernel',
      'match_probability/bias',
    ]);
    expect(snapshot.map((s) => s.name)).toEqual([
      'adam/iterations',
      'adam/beta1_power',
      'adam/beta2_power',
      ...weights.map((w) => `${w}/m`),
      ...weights.map((w) => `${w}/v`),
    ]);
    expect(snapshot.map((s) => s.shape.join('x'))).toEqual([
      '',
      '',
      '',
      ...[0, 1].flatMap(() => ['6x64', '64', '64x32', '32', '32x1', '1']),
    ]);
    expect(Array.from(snapshot[0]!.values)).toEqual([8]);
    disposeMatchModel(trained);
    disposeMatchModel(fresh);
  });

  it('refuses a state of another model or in another order, and an optimizer that is not Adam', async () => {
    const { trained, fresh } = await trainedAndFresh();
    const snapshot = await snapshotOptimizer(trained);
    const swapped: TensorSnapshot[] = [...snapshot];
    [swapped[3], swapped[5]] = [swapped[5]!, swapped[3]!];
    await expect(restoreOptimizer(fresh, swapped)).rejects.toThrow(/^optimizer state: expected tensors \[/);
    const wider = buildMatchModel(train.featureCount + 1, params);
    await expect(restoreOptimizer(wider, snapshot)).rejects.toThrow(
      'optimizer state: hidden_1/kernel/m is float32 [6, 64], expected float32 [7, 64]',
    );
    const sgd = buildMatchModel(train.featureCount, params);
    sgd.compile({ optimizer: tf.train.sgd(0.1), loss: 'binaryCrossentropy' });
    expect(() => adamInternals(sgd.optimizer)).toThrow("optimizer state: expected tfjs's Adam, got SGD");
    await expect(snapshotOptimizer(fresh)).rejects.toThrow('(no step taken yet?)');
    [trained, fresh, wider, sgd].forEach(disposeMatchModel);
  });

  it('leaks no tensors when snapshotting and restoring', async () => {
    const { trained, fresh } = await trainedAndFresh();
    const before = tf.memory().numTensors;
    const snapshot = await snapshotOptimizer(trained);
    expect(tf.memory().numTensors).toBe(before);
    await restoreOptimizer(fresh, snapshot);
    // The fresh optimizer now holds one variable per moment: 2 × 6 trainable weights.
    expect(tf.memory().numTensors).toBe(before + 12);
    disposeMatchModel(trained);
    disposeMatchModel(fresh);
  });
});

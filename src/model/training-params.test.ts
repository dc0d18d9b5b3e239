import { TrainingParamsError } from './errors';
import { DEFAULT_TRAINING_PARAMS, parseTrainingParams } from './training-params';

describe('parseTrainingParams', () => {
  it('fills every default', () => {
    expect(parseTrainingParams({})).toEqual(DEFAULT_TRAINING_PARAMS);
    expect(parseTrainingParams(undefined)).toEqual(DEFAULT_TRAINING_PARAMS);
    expect(DEFAULT_TRAINING_PARAMS).toEqual({
      epochs: 40,
      batchSize: 256,
      learningRate: 0.001,
      patience: 5,
      minDelta: 0.0001,
      seed: 42,
      dropoutRate: 0.2,
      l2: 0.0001,
      hiddenUnits: [64, 32],
      classWeighting: 'balanced',
    });
  });

  it('keeps the values it is given', () => {
    expect(parseTrainingParams({ epochs: 3, seed: 7 })).toEqual({
      ...DEFAULT_TRAINING_PARAMS,
      epochs: 3,
      seed: 7,
    });
  });

  it('names the bad field', () => {
    expect(() => parseTrainingParams({ batchSize: 0 })).toThrow(TrainingParamsError);
    expect(() => parseTrainingParams({ batchSize: 0 })).toThrow(/^trainingParams\.batchSize: /);
    expect(() => parseTrainingParams({ learningRate: 0 })).toThrow(/^trainingParams\.learningRate: /);
    expect(() => parseTrainingParams({ epochs: 2.5 })).toThrow(/^trainingParams\.epochs: /);
    expect(() => parseTrainingParams({ dropoutRate: 1 })).toThrow(/^trainingParams\.dropoutRate: /);
    expect(() => parseTrainingParams({ hiddenUnits: [64, 0] })).toThrow(/^trainingParams\.hiddenUnits\.1: /);
    expect(() => parseTrainingParams({ hiddenUnits: new Array(9).fill(8) })).toThrow(
      /^trainingParams\.hiddenUnits: /,
    );
    expect(() => parseTrainingParams({ classWeighting: 'inverse' })).toThrow(
      /^trainingParams\.classWeighting: /,
    );
  });

  it('rejects unknown keys, naming them', () => {
    expect(() => parseTrainingParams({ epoch: 3 })).toThrow(/^trainingParams\.epoch: Unrecognized key/);
  });
});

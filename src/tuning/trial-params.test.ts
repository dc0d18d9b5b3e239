import { parseSearchSpace } from './search-space';
import { mayStart, visibleTrials } from './study-schedule';
import { trialTrainingParams } from './trial-params';
import { TrialState, type FinishedTrial } from './trial-record';

const space = parseSearchSpace({
  version: 1,
  parameters: {
    modelFamily: { type: 'categorical', choices: ['dnn', 'logreg'] },
    layers: { type: 'int', low: 1, high: 3 },
    units: { type: 'int', low: 4, high: 64 },
    dropout: { type: 'float', low: 0, high: 0.5 },
    learningRate: { type: 'float', low: 1e-4, high: 1e-1, log: true },
  },
  fixed: { epochs: 3, seed: 7 },
});

describe('trialTrainingParams', () => {
  it('turns units_l<i> into hiddenUnits and keeps the fixed settings', () => {
    expect(
      trialTrainingParams(space, {
        modelFamily: 'dnn',
        layers: 2,
        units_l1: 32,
        units_l2: 8,
        dropout: 0.1,
        learningRate: 0.01,
      }),
    ).toEqual({ epochs: 3, seed: 7, hiddenUnits: [32, 8], dropoutRate: 0.1, learningRate: 0.01 });
  });
  it('gives the logistic regression no hidden layer and no dropout', () => {
    expect(trialTrainingParams(space, { modelFamily: 'logreg', learningRate: 0.02 })).toEqual({
      epochs: 3,
      seed: 7,
      learningRate: 0.02,
      hiddenUnits: [],
      dropoutRate: 0,
    });
  });
});

describe('study schedule', () => {
  const done = (n: number): FinishedTrial => ({
    number: n,
    state: TrialState.Complete,
    params: {},
    value: n,
    intermediate: [],
  });
  it('shows trial k exactly trials 0 … k − P and starts it only once they finished', () => {
    const finished = [done(0), done(2), done(3)];
    expect(visibleTrials(finished, 4, 2).map((t) => t.number)).toEqual([0, 2]);
    expect(mayStart(finished, 2, 2)).toBe(true);
    expect(mayStart(finished, 3, 2)).toBe(false); // trial 1 still running
    expect(mayStart([], 1, 2)).toBe(true);
  });
});

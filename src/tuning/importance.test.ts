import { parameterImportances } from './importance';
import { DEFAULT_SEARCH_SPACE } from './run-synthetic-study';
import { TrialState, type FinishedTrial } from './trial-record';

const trial = (number: number, params: FinishedTrial['params'], value: number): FinishedTrial => ({
  number,
  state: TrialState.Complete,
  params,
  value,
  intermediate: [],
});

describe('parameterImportances', () => {
  const trials = Array.from({ length: 40 }, (_, i) => {
    const learningRate = 10 ** (-4 + (i % 10) * 0.2);
    const batchSize = [64, 128, 256, 512][i % 4]!;
    // The objective depends on the learning rate only; batch size is noise-free irrelevant.
    return trial(
      i,
      { learningRate, batchSize, modelFamily: i % 2 ? 'dnn' : 'logreg' },
      -((Math.log10(learningRate) + 2.5) ** 2),
    );
  });

  it('puts the parameter that drives the objective first, and the shares sum to 1', () => {
    const result = parameterImportances(DEFAULT_SEARCH_SPACE, trials);
    expect(result[0]!.name).toBe('learningRate');
    expect(result[0]!.etaSquared).toBeGreaterThan(0.8);
    expect(result.reduce((a, r) => a + r.importance, 0)).toBeCloseTo(1, 12);
    expect(result.find((r) => r.name === 'batchSize')!.etaSquared).toBeLessThan(0.1);
  });

  it('judges conditional parameters on the trials that have them and skips pruned, failed and constant ones', () => {
    const more = [
      ...trials,
      trial(40, { learningRate: 0.001, layers: 1 }, -1),
      trial(41, { learningRate: 0.001, layers: 2 }, -1),
      trial(42, { learningRate: 0.001, layers: 3 }, -1),
      { ...trial(43, { learningRate: 0.5 }, 100), state: TrialState.Pruned },
    ];
    const result = parameterImportances(DEFAULT_SEARCH_SPACE, more);
    expect(result.find((r) => r.name === 'layers')!.trials).toBe(3);
    expect(result.find((r) => r.name === 'learningRate')!.trials).toBe(43);
    expect(parameterImportances(DEFAULT_SEARCH_SPACE, trials.slice(0, 2))).toEqual([]);
  });
});

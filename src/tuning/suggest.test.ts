import { StudySettingsError } from './errors';
import { DEFAULT_SEARCH_SPACE } from './run-synthetic-study';
import { parsePrunerSettings, parseSamplerSettings } from './study-settings';
import { checkFixedParams, suggestTrial } from './suggest';
import { syntheticObjective } from './synthetic-objective';
import { TrialState, type FinishedTrial } from './trial-record';

const tpe = parseSamplerSettings({ type: 'tpe' });
const space = DEFAULT_SEARCH_SPACE;

function history(n: number): FinishedTrial[] {
  const trials: FinishedTrial[] = [];
  for (let number = 0; number < n; number++) {
    const params = suggestTrial({ space, sampler: tpe, seed: 9, trialNumber: number, trials });
    trials.push({
      number,
      state: TrialState.Complete,
      params,
      value: syntheticObjective(params),
      intermediate: [],
    });
  }
  return trials;
}

describe('suggestTrial', () => {
  const trials = history(20);

  it('suggests the same parameters for the same seed, trial number and finished trials', () => {
    const a = suggestTrial({ space, sampler: tpe, seed: 9, trialNumber: 20, trials });
    const b = suggestTrial({
      space,
      sampler: tpe,
      seed: 9,
      trialNumber: 20,
      trials: trials.map((t) => ({ ...t })),
    });
    expect(b).toEqual(a);
  });

  it('suggests something else for another seed or trial number', () => {
    const a = suggestTrial({ space, sampler: tpe, seed: 9, trialNumber: 20, trials });
    expect(suggestTrial({ space, sampler: tpe, seed: 10, trialNumber: 20, trials })).not.toEqual(a);
    expect(suggestTrial({ space, sampler: tpe, seed: 9, trialNumber: 21, trials })).not.toEqual(a);
  });

  it('samples layers, one units_l<i> per layer and dropout for the DNN only', () => {
    for (const t of trials) {
      if (t.params.modelFamily === 'logreg') {
        expect(Object.keys(t.params).sort()).toEqual([
          'batchSize',
          'classWeighting',
          'l2',
          'learningRate',
          'modelFamily',
        ]);
      } else {
        const layers = t.params.layers as number;
        for (let l = 1; l <= 3; l++) expect(`units_l${l}` in t.params).toBe(l <= layers);
        expect(t.params.dropout).toBeDefined();
      }
    }
  });

  it('keeps fixed (enqueued) values and samples the rest', () => {
    const fixed = { modelFamily: 'dnn', layers: 2, units_l1: 64 };
    const params = suggestTrial({ space, sampler: tpe, seed: 9, trialNumber: 20, trials, fixed });
    expect(params).toMatchObject(fixed);
    expect(params.units_l2).toBeDefined();
  });

  it('ignores failed trials when counting startup trials', () => {
    const failed = trials.map((t) => ({ ...t, state: TrialState.Failed }));
    const random = parseSamplerSettings({ type: 'random' });
    // With only failed trials TPE is still in its random phase, and draws what random search draws.
    expect(suggestTrial({ space, sampler: tpe, seed: 1, trialNumber: 30, trials: failed })).toEqual(
      suggestTrial({ space, sampler: random, seed: 1, trialNumber: 30, trials: [] }),
    );
  });
});

describe('checkFixedParams', () => {
  it('accepts values inside the space', () => {
    expect(() =>
      checkFixedParams(space, { modelFamily: 'logreg', learningRate: 0.001, units_l3: 16 }),
    ).not.toThrow();
  });

  it.each([
    [{ colour: 'red' }, 'params.colour: is not a parameter of this search space'],
    [{ units_l4: 16 }, 'params.units_l4: is not a parameter of this search space'],
    [{ learningRate: 0.5 }, 'params.learningRate: 0.5 is outside the search space'],
    [{ batchSize: 100 }, 'params.batchSize: 100 is outside the search space'],
    [{ modelFamily: 'forest' }, 'params.modelFamily: "forest" is outside the search space'],
    [{ layers: [1] }, 'params.layers: must be a string, number or boolean'],
  ])('refuses %j naming the field', (fixed, message) => {
    expect(() => checkFixedParams(space, fixed)).toThrow(
      new StudySettingsError('x', 'y').constructor as never,
    );
    expect(() => checkFixedParams(space, fixed)).toThrow(message);
  });
});

describe('study settings', () => {
  it("fills in Optuna's defaults", () => {
    expect(parseSamplerSettings(undefined)).toEqual({
      type: 'tpe',
      nStartupTrials: 10,
      nEiCandidates: 24,
      priorWeight: 1,
      considerMagicClip: true,
      considerEndpoints: false,
    });
    expect(parsePrunerSettings({ type: 'median', nWarmupSteps: 3 })).toEqual({
      type: 'median',
      nStartupTrials: 5,
      nWarmupSteps: 3,
      intervalSteps: 1,
      nMinTrials: 1,
    });
  });

  it('names the bad field', () => {
    expect(() => parsePrunerSettings({ type: 'median', intervalSteps: 0 })).toThrow(
      /^pruner\.intervalSteps: /,
    );
    expect(() => parseSamplerSettings({ type: 'tpe', gamma: 3 })).toThrow(/^sampler: .*gamma/);
    expect(() => parseSamplerSettings({ type: 'grid' })).toThrow(/^sampler\.type: /);
  });
});

/**
 * The experiment policy in a retrain's input: what `validateRetrainInput`
 * (the workflow at start, the launcher and the CLI before starting) takes
 * and refuses, each refusal naming the field.
 */
import { ApplicationFailure } from '@temporalio/common';
import { validateRetrainInput } from './input-schemas';

const base = { datasetPath: 'data/train.csv' };

/** The refusal's message (and that it is a non-retryable InvalidInput). */
function refusal(experiment: unknown): string {
  try {
    validateRetrainInput({ ...base, experiment });
  } catch (error) {
    expect(error).toBeInstanceOf(ApplicationFailure);
    expect(error).toMatchObject({ type: 'InvalidInput', nonRetryable: true });
    return (error as Error).message;
  }
  throw new Error(`accepted ${JSON.stringify(experiment)}`);
}

describe('the experiment policy of a retrain input', () => {
  it('is optional, and "off" alone is what no policy means', () => {
    expect(validateRetrainInput(base).experiment).toBeUndefined();
    expect(validateRetrainInput({ ...base, experiment: { policy: 'off' } }).experiment).toEqual({
      policy: 'off',
    });
  });

  it('takes shadow-then-canary with the settings an engineer sets, and the statistics settings', () => {
    const experiment = {
      policy: 'shadow_then_canary',
      canaryShare: 0.2,
      batchInterval: '1 minute',
      shadowDuration: '2 hours',
      maxDuration: '3 days',
      batchesPerRun: 100,
      settings: { alpha: 0.01, guardrails: { maxErrorRate: 0.05 } },
    };
    const parsed = validateRetrainInput({ ...base, experiment }).experiment!;
    expect(parsed).toMatchObject({
      ...experiment,
      settings: { alpha: 0.01, guardrails: { maxErrorRate: 0.05 } },
    });
    expect(parsed.settings?.minSamples).toBe(100); // the experiment's defaults fill the rest
    expect(
      validateRetrainInput({ ...base, experiment: { policy: 'shadow', maxDuration: '1 day' } }).experiment,
    ).toEqual({
      policy: 'shadow',
      maxDuration: '1 day',
    });
  });

  it('refuses an unknown policy, naming the choices', () => {
    expect(refusal({ policy: 'canary' })).toBe(
      'experiment.policy must be one of "off", "shadow", "shadow_then_canary"',
    );
    expect(refusal({})).toBe('experiment.policy must be one of "off", "shadow", "shadow_then_canary"');
    expect(refusal('shadow')).toBe('experiment must be an object, got string');
  });

  it('refuses a canary share outside (0, 0.5]', () => {
    for (const share of [0, -0.1, 0.6]) {
      expect(refusal({ policy: 'shadow_then_canary', canaryShare: share })).toBe(
        'experiment.canaryShare must be above 0 and at most 0.5',
      );
    }
    expect(refusal({ policy: 'shadow_then_canary', canaryShare: '10%' })).toBe(
      'experiment.canaryShare must be a number, got string',
    );
  });

  it('refuses settings the policy would not use instead of ignoring them', () => {
    expect(refusal({ policy: 'off', canaryShare: 0.1 })).toBe(
      'experiment.canaryShare is set but the experiment policy is "off"',
    );
    expect(refusal({ policy: 'shadow', canaryShare: 0.1 })).toBe(
      'experiment.canaryShare needs policy "shadow_then_canary" (a shadow experiment has no canary stage)',
    );
    expect(refusal({ policy: 'shadow', shadowDuration: '1 hour' })).toBe(
      'experiment.shadowDuration needs policy "shadow_then_canary" (a shadow experiment has no canary stage)',
    );
  });

  it('refuses durations that are not durations, are zero, or leave no time for the canary', () => {
    expect(refusal({ policy: 'shadow', maxDuration: 'soon' })).toBe(
      'experiment.maxDuration must be a duration like "5 minutes", "90s" or "14 days"',
    );
    expect(refusal({ policy: 'shadow', batchInterval: '0s' })).toBe(
      'experiment.batchInterval must be longer than 0',
    );
    expect(refusal({ policy: 'shadow_then_canary', maxDuration: '30 minutes' })).toBe(
      'experiment.maxDuration "30 minutes" leaves no time for the canary: maxDuration (30 minutes) must be longer than shadowDuration (1 hour)',
    );
    expect(refusal({ policy: 'shadow_then_canary', shadowDuration: '30 days' })).toBe(
      'experiment.shadowDuration "30 days" leaves no time for the canary: maxDuration (14 days) must be longer than shadowDuration (30 days)',
    );
  });

  it('refuses bad statistics settings and unknown fields, naming the path', () => {
    expect(refusal({ policy: 'shadow', settings: { alpha: 2 } })).toMatch(/^experiment\.settings\.alpha /);
    expect(refusal({ policy: 'shadow', settings: { guardrails: { maxErrorRate: 'low' } } })).toBe(
      'experiment.settings.guardrails.maxErrorRate must be a number, got string',
    );
    expect(refusal({ policy: 'shadow', batchesPerRun: 0.5 })).toMatch(/^experiment\.batchesPerRun /);
    expect(refusal({ policy: 'shadow', share: 0.1 })).toBe('experiment has unknown field "share"');
  });
});

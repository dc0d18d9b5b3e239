import { ApplicationFailure } from '@temporalio/common';
import { DEFAULT_SEARCH_SPACE } from '../src/tuning/run-synthetic-study';
import { parsePrunerSettings, parseSamplerSettings } from '../src/tuning/study-settings';
import { syntheticStudy } from '../src/tuning/study.fixture';
import { parseCarried } from '../workflows/tune-carried';
import { extensionInput, type CarriedStudy, type TuneResult } from '../workflows/tune-messages';

const trials = syntheticStudy(12, 4);
const carried: CarriedStudy = {
  studyKey: 'study-a',
  studyRecordId: 'study-20261130-000000-abcdef01',
  datasetMd5: '749dfce8ec93c969b81a45b8275a8d7d',
  space: DEFAULT_SEARCH_SPACE,
  sampler: parseSamplerSettings({ type: 'tpe' }),
  pruner: parsePrunerSettings({ type: 'median' }),
  startedAt: '2026-11-30T10:00:00.000Z',
  trials,
  total: 12,
  enqueued: [],
  runs: 3,
};
const result: TuneResult = {
  studyKey: 'study-a',
  studyRecordId: carried.studyRecordId,
  datasetMd5: carried.datasetMd5,
  trials,
  reportPath: 'reports/studies/study-a.html',
  carried,
  settings: { datasetPath: 'data/x.csv', seed: 5, parallelism: 3, requestedBy: 'ana' },
};

/** The failure's message, or a test failure when nothing was thrown. */
function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ApplicationFailure);
    expect((error as ApplicationFailure).nonRetryable).toBe(true);
    return (error as Error).message;
  }
  throw new Error('accepted');
}

describe('extensionInput', () => {
  it('keeps the settings, carries every trial and raises the total by the count', () => {
    const input = extensionInput(result, 5, 'bob');
    expect(input).toMatchObject({ datasetPath: 'data/x.csv', seed: 5, parallelism: 3, requestedBy: 'bob' });
    expect(input.trials).toBe(5);
    expect(input.carried).toEqual({ ...carried, total: 17, runs: 4 });
  });

  it('refuses a count that is not a positive integer or passes the trial limit', () => {
    expect(() => extensionInput(result, 0)).toThrow('count must be a positive integer, got 0');
    expect(() => extensionInput(result, 1.5)).toThrow('count must be a positive integer, got 1.5');
    expect(() => extensionInput(result, 989)).toThrow(
      'a study holds at most 1000 trials; this one has 12, so count may be at most 988',
    );
  });
});

describe('parseCarried', () => {
  it('accepts the state a study carries, unchanged', () => {
    expect(parseCarried(carried, 'study-a')).toEqual(carried);
    expect(parseCarried(extensionInput(result, 2).carried, 'study-a').total).toBe(14);
  });

  it("refuses another study's state, gaps in the trials and bad fields, naming them", () => {
    expect(refusal(() => parseCarried(carried, 'study-b'))).toBe(
      'carried.studyKey "study-a" is not this workflow\'s ID "study-b"',
    );
    expect(refusal(() => parseCarried({ ...carried, trials: trials.slice(1) }, 'study-a'))).toBe(
      'carried.trials must be numbered 0 … n − 1, each once',
    );
    expect(refusal(() => parseCarried({ ...carried, total: 11 }, 'study-a'))).toBe(
      'carried.total is less than the trials finished and enqueued',
    );
    expect(refusal(() => parseCarried({ ...carried, datasetMd5: 'x' }, 'study-a'))).toMatch(
      /^carried\.datasetMd5 /,
    );
    expect(
      refusal(() => parseCarried({ ...carried, sampler: { type: 'tpe', nEiCandidates: 0 } }, 'study-a')),
    ).toMatch(/^carried\.sampler\.nEiCandidates /);
  });
});

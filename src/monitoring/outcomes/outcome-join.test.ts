import { joinOutcomes, type LoggedPrediction } from './outcome-join';
import type { StoredOutcome } from './outcome';
import { predictionId } from './outcome-fixture.fixture';
import { uuidV7Day, uuidV7Time } from './prediction-id';

const prediction = (n: number): LoggedPrediction => ({
  id: predictionId(n).toUpperCase(),
  time: '2026-11-02T09:00:00.000Z',
  version: 'v1',
  probability: 0.5,
  input: {},
});
const stored = (n: number, matchSuccess: 0 | 1): [string, StoredOutcome] => [
  predictionId(n),
  { predictionId: predictionId(n), matchSuccess, observedAt: null, recordedAt: '', source: 'http' },
];

describe('joinOutcomes', () => {
  it('pairs predictions with outcomes by id, case-insensitively, and counts the rest', async () => {
    const outcomes = new Map([stored(1, 1), stored(3, 0), stored(7, 1)]);
    const join = await joinOutcomes([0, 1, 2, 3, 3].map(prediction), outcomes);
    expect(join.labelled.map((l) => [l.prediction.id.toLowerCase(), l.outcome.matchSuccess])).toEqual([
      [predictionId(1), 1],
      [predictionId(3), 0],
    ]);
    expect(join.unlabelled).toBe(2);
  });
});

describe('UUIDv7 prediction ids', () => {
  it('carry the time the prediction was made, which names the log day', () => {
    const id = predictionId(5, Date.UTC(2026, 10, 2, 23, 59, 59, 999));
    expect(uuidV7Time(id)!.toISOString()).toBe('2026-11-02T23:59:59.999Z');
    expect(uuidV7Day(id)).toBe('2026-11-02');
    expect(uuidV7Day('6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBeUndefined(); // a v1 UUID
  });
});

import { thresholdCounts } from './threshold-counts';

describe('thresholdCounts', () => {
  it('groups tied scores and accumulates positives and negatives by decreasing score', () => {
    // By hand: scores 0.9 (1, 0), 0.7 (1, 1), 0.3 (0, 1).
    const counts = thresholdCounts([1, 0, 1, 0, 0], [0.9, 0.9, 0.7, 0.7, 0.3]);
    expect(Array.from(counts.thresholds)).toEqual([0.9, 0.7, 0.3]);
    expect(Array.from(counts.tps)).toEqual([1, 2, 2]);
    expect(Array.from(counts.fps)).toEqual([1, 2, 3]);
    expect(counts).toMatchObject({ positives: 2, negatives: 3 });
  });

  it('treats -0 and +0 as one tie group', () => {
    const counts = thresholdCounts([1, 0], [-0, 0]);
    expect(counts.thresholds).toHaveLength(1);
    expect(Array.from(counts.tps)).toEqual([1]);
    expect(Array.from(counts.fps)).toEqual([1]);
  });

  it('handles a single class', () => {
    const counts = thresholdCounts([0, 0, 0], [0.2, 0.1, 0.2]);
    expect(Array.from(counts.thresholds)).toEqual([0.2, 0.1]);
    expect(Array.from(counts.tps)).toEqual([0, 0]);
    expect(Array.from(counts.fps)).toEqual([2, 3]);
  });

  it('accepts scores outside [0, 1], since ranking needs only their order', () => {
    expect(Array.from(thresholdCounts([1, 0], [-5, 12]).thresholds)).toEqual([12, -5]);
  });

  it('validates its inputs', () => {
    expect(() => thresholdCounts([0, 1], [0.5])).toThrow(
      'thresholdCounts: labels and scores must have the same length, got 2 labels and 1 scores',
    );
  });
});

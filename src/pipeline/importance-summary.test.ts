import type { GlobalImportance } from '../explain';
import { summariseImportance } from './importance-summary';

function importance(mean: number[], attribution: number[]): GlobalImportance {
  return {
    columns: mean.map((_, j) => `c${j}`),
    permutation: {
      scoring: 'roc_auc',
      rowCount: 10,
      nRepeats: 5,
      seed: 0,
      baselineScore: 0.8,
      mean,
      std: mean.map((m) => m / 10),
    },
    meanAbsAttribution: { rowCount: 10, method: 'sampled', values: attribution },
  };
}

describe('summariseImportance', () => {
  it('keeps the top columns by permutation importance with their numbers, and what moved most', () => {
    const candidate = importance([0.1, 0.3, 0.0, 0.2], [0.01, 0.05, 0.0, 0.02]);
    const production = importance([0.1, 0.0, 0.05, 0.2], [0.01, 0.0, 0.01, 0.03]);
    const summary = summariseImportance(
      { version: 'cand', importance: candidate },
      { version: 'prod', importance: production },
      2,
    );
    expect(summary.candidate).toEqual({
      version: 'cand',
      top: [
        { column: 'c1', permutation: 0.3, permutationStd: 0.03, meanAbsAttribution: 0.05 },
        { column: 'c3', permutation: 0.2, permutationStd: 0.02, meanAbsAttribution: 0.02 },
      ],
    });
    expect(summary.production?.top.map((c) => c.column)).toEqual(['c3', 'c0']);
    expect(summary.moved.map((m) => [m.column, m.permutation.change])).toEqual([
      ['c1', 0.3],
      ['c2', -0.05],
    ]);
    const alone = summariseImportance({ version: 'cand', importance: candidate }, null);
    expect(alone.production).toBeNull();
    expect(alone.moved).toEqual([]);
    expect(alone.candidate.top).toHaveLength(4);
  });
});

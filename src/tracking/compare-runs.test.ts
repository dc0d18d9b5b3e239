import { compareRuns } from './compare-runs';
import type { RunRecord } from './run-record';

function run(id: string, metrics: Record<string, number>, params: RunRecord['params']): RunRecord {
  return {
    id,
    kind: 'retrain',
    workflowId: 'wf',
    runId: id,
    params,
    metrics,
    artifacts: {},
    startedAt: '2026-01-01T00:00:00.000Z',
    status: 'completed',
  };
}

describe('compareRuns', () => {
  it('puts metrics side by side with b - a deltas, null where a run lacks the metric', () => {
    const result = compareRuns(
      run('a', { rocAuc: 0.75, f1: 0.6 }, { epochs: 10 }),
      run('b', { rocAuc: 0.8, logLoss: 0.4 }, { epochs: 20 }),
    );
    expect(result.metrics).toEqual([
      { name: 'f1', a: 0.6, b: null, delta: null },
      { name: 'logLoss', a: null, b: 0.4, delta: null },
      { name: 'rocAuc', a: 0.75, b: 0.8, delta: expect.closeTo(0.05, 12) as number },
    ]);
  });

  it('marks which parameters differ', () => {
    const result = compareRuns(
      run('a', {}, { epochs: 10, algorithm: 'mlp' }),
      run('b', {}, { epochs: 20, algorithm: 'mlp' }),
    );
    expect(result.params).toEqual([
      { name: 'algorithm', a: 'mlp', b: 'mlp', same: true },
      { name: 'epochs', a: 10, b: 20, same: false },
    ]);
  });
});

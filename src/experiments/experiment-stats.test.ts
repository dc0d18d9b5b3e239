import { EMPTY_OUTCOME_SUMS, NO_PREDICTIONS, emptyTrafficWindow, type ExperimentBatch } from './batch';
import { foldBatch, initialExperimentStats, reportExperiment } from './experiment-stats';
import { addScore } from './score-histogram';
import { defaultExperimentSettings } from './settings';

const settings = defaultExperimentSettings();
const zeroOne = (n: number, successes: number) => ({ n, sum: successes, sumSquares: successes });

function batch(
  requests: number,
  errors: number,
  candidate: [number, number],
  production: [number, number],
): ExperimentBatch {
  const traffic = emptyTrafficWindow();
  const candidateScores = [...traffic.candidateScores];
  const productionScores = [...traffic.productionScores];
  for (let i = 0; i < requests; i++) {
    addScore(candidateScores, (i % 10) / 10 + 0.05);
    addScore(productionScores, (i % 10) / 10 + 0.05);
  }
  return {
    traffic: {
      ...traffic,
      candidateRequests: requests,
      candidateErrors: errors,
      candidateScores,
      productionScores,
    },
    predictions: { ...NO_PREDICTIONS, canaryCandidate: candidate[0], canaryProduction: production[0] },
    outcomes: {
      ...EMPTY_OUTCOME_SUMS,
      success: { candidate: zeroOne(...candidate), production: zeroOne(...production) },
    },
    outcomesJoined: candidate[0] + production[0],
  };
}

describe('folding batches into the running sums', () => {
  it('adds counts, and judges the guardrail window only once it is full', () => {
    let stats = initialExperimentStats();
    const first = foldBatch(stats, batch(150, 0, [50, 20], [150, 45]), settings);
    expect(first.judged).toBeNull();
    expect(first.stats.window.candidateRequests).toBe(150);
    stats = first.stats;
    const second = foldBatch(stats, batch(100, 0, [60, 25], [140, 40]), settings);
    expect(second.judged).toMatchObject({ candidateRequests: 250, breaches: [] });
    expect(second.stats.window.candidateRequests).toBe(0);
    expect(second.stats.outcomes.success.candidate).toEqual({ n: 110, sum: 45, sumSquares: 45 });
    expect(second.stats.predictions.canaryProduction).toBe(290);
    expect(second.stats.armTest.looks).toBe(1); // the candidate arm passed the burn-in of 100 in batch 2
  });

  it('reports a breach in the batch whose window it is in', () => {
    const folded = foldBatch(initialExperimentStats(), batch(300, 30, [0, 0], [0, 0]), settings);
    expect(folded.judged!.breaches.map((b) => b.guardrail)).toEqual(['error_rate']);
  });

  it('is a pure function of the sums: the same batch folded twice gives the same numbers', () => {
    const b = batch(120, 1, [150, 70], [150, 40]);
    expect(foldBatch(initialExperimentStats(), b, settings)).toEqual(
      foldBatch(initialExperimentStats(), b, settings),
    );
  });

  it('reports per-arm counts, the effect and the confidence sequence', () => {
    let stats = initialExperimentStats();
    for (let i = 0; i < 8; i++) stats = foldBatch(stats, batch(10, 0, [200, 120], [200, 60]), settings).stats;
    const report = reportExperiment(stats, settings);
    expect(report.arms.candidate).toMatchObject({ predictions: 1600, outcomes: 1600, successRate: 0.6 });
    expect(report.arms.production.successRate).toBe(0.3);
    expect(report.armTest).toMatchObject({ metric: 'success_rate', verdict: 'candidate_better' });
    expect(report.armTest.effect).toBeCloseTo(0.3, 12);
    expect(report.armTest.lower!).toBeGreaterThan(0);
    expect(report.armTest.upper!).toBeGreaterThan(0.3);
  });
});

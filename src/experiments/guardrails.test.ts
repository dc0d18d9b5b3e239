import { emptyTrafficWindow, type TrafficWindow } from './batch';
import { Guardrail, judgeGuardrails, windowIsFull } from './guardrails';
import { addLatency, emptyLatencyHistogram, latencyQuantile } from './latency-histogram';
import { addScore, emptyScoreHistogram } from './score-histogram';
import { defaultExperimentSettings } from './settings';

const limits = defaultExperimentSettings().guardrails;

/** A window of `n` requests: each version's latency and scores from the given functions of the row index. */
function traffic(
  n: number,
  options: {
    errors?: number;
    candidateMs?: (i: number) => number;
    candidateScore?: (p: number) => number;
  } = {},
): TrafficWindow {
  const candidateLatency = emptyLatencyHistogram();
  const productionLatency = emptyLatencyHistogram();
  const candidateScores = emptyScoreHistogram();
  const productionScores = emptyScoreHistogram();
  for (let i = 0; i < n; i++) {
    const production = ((i * 37) % 100) / 100;
    addLatency(productionLatency, 0.4 + (i % 10) * 0.05);
    addLatency(candidateLatency, options.candidateMs?.(i) ?? 0.4 + (i % 10) * 0.05);
    addScore(productionScores, production);
    addScore(candidateScores, options.candidateScore?.(production) ?? Math.min(1, production + 0.01));
  }
  return {
    ...emptyTrafficWindow(),
    candidateRequests: n,
    candidateErrors: options.errors ?? 0,
    candidateLatency,
    productionLatency,
    candidateScores,
    productionScores,
  };
}

describe('guardrails', () => {
  it('let a healthy candidate through', () => {
    const report = judgeGuardrails(traffic(500), limits);
    expect(report.breaches).toEqual([]);
    expect(report.errorRate).toBe(0);
    expect(report.scoreDrift).toBeLessThan(0.05);
  });

  it('judge a window only once it holds enough candidate requests', () => {
    expect(windowIsFull(traffic(limits.windowRows - 1), limits)).toBe(false);
    expect(windowIsFull(traffic(limits.windowRows), limits)).toBe(true);
  });

  it('break on the error rate', () => {
    const report = judgeGuardrails(traffic(400, { errors: 10 }), limits);
    expect(report.breaches.map((b) => b.guardrail)).toEqual([Guardrail.ErrorRate]);
    expect(report.breaches[0]!.message).toBe('the candidate failed 10 of 400 requests (2.50 % > 1.00 %)');
  });

  it('break on a slow p99 but not on sub-millisecond noise', () => {
    const slow = judgeGuardrails(traffic(1000, { candidateMs: (i) => (i % 50 === 0 ? 40 : 0.5) }), limits);
    expect(slow.breaches.map((b) => b.guardrail)).toEqual([Guardrail.LatencyP99]);
    const jitter = judgeGuardrails(traffic(1000, { candidateMs: (i) => (i % 50 === 0 ? 1.5 : 0.5) }), limits);
    expect(jitter.breaches).toEqual([]);
  });

  it('break when the scores drift from production’s (Jensen–Shannon ≥ 0.1)', () => {
    const squeezed = judgeGuardrails(traffic(500, { candidateScore: (p) => 0.4 + p / 5 }), limits);
    expect(squeezed.breaches.map((b) => b.guardrail)).toEqual([Guardrail.ScoreDrift]);
    expect(squeezed.scoreDrift).toBeGreaterThan(0.1);
  });
});

describe('latency quantiles from the histogram', () => {
  it('interpolate inside the bucket as histogram_quantile does', () => {
    const counts = emptyLatencyHistogram();
    for (let i = 0; i < 100; i++) addLatency(counts, 1);
    const p99 = latencyQuantile(counts, 0.99)!;
    // 1 ms lies in the bucket (0.05·1.25¹³, 0.05·1.25¹⁴] = (0.909, 1.137]
    expect(p99).toBeGreaterThan(0.909);
    expect(p99).toBeLessThanOrEqual(1.137);
    expect(latencyQuantile(emptyLatencyHistogram(), 0.99)).toBeNull();
  });
});

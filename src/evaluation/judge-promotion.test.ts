import type { ClassificationMetrics } from '../metrics';
import { judgePromotion } from './judge-promotion';
import { DEFAULT_PROMOTION_POLICY, parsePromotionPolicy, type PromotionPolicy } from './promotion-policy';

/** Metrics with plausible defaults; tests override what they are about. */
function metrics(overrides: Partial<ClassificationMetrics> = {}): ClassificationMetrics {
  return {
    count: 1000,
    positiveRate: 0.3,
    threshold: 0.5,
    accuracy: 0.8,
    precision: 0.7,
    recall: 0.75,
    f1: 0.72,
    rocAuc: 0.801,
    prAuc: 0.6,
    logLoss: 0.45,
    confusion: { tp: 225, fp: 96, tn: 604, fn: 75 },
    ...overrides,
  };
}

describe('judgePromotion without a production model', () => {
  it('qualifies a candidate that meets every floor', () => {
    const decision = judgePromotion(metrics({ rocAuc: 0.842 }), null, DEFAULT_PROMOTION_POLICY);
    expect(decision).toEqual({
      qualifies: true,
      reason: 'No production model yet: candidate meets every floor (rocAuc 0.842 ≥ 0.700).',
      checks: [
        {
          kind: 'floor',
          metric: 'rocAuc',
          candidate: 0.842,
          threshold: 0.7,
          passed: true,
          detail: 'rocAuc 0.842 ≥ 0.700',
        },
      ],
    });
  });

  it('rejects a candidate below a floor', () => {
    const decision = judgePromotion(metrics({ rocAuc: 0.64 }), null);
    expect(decision.qualifies).toBe(false);
    expect(decision.reason).toBe('Candidate fails floor: rocAuc 0.640 < 0.700.');
  });

  it('qualifies a candidate exactly on its floor', () => {
    expect(judgePromotion(metrics({ rocAuc: 0.7 }), null).qualifies).toBe(true);
  });

  it('rejects a candidate whose floored metric is undefined', () => {
    const decision = judgePromotion(metrics({ rocAuc: null }), null);
    expect(decision.qualifies).toBe(false);
    expect(decision.reason).toBe('Candidate fails floor: rocAuc is undefined (needs ≥ 0.700).');
  });

  it('makes no improvement or guardrail checks', () => {
    const decision = judgePromotion(metrics({ rocAuc: 0.9, recall: 0.1 }), null);
    expect(decision.checks.map((check) => check.kind)).toEqual(['floor']);
  });

  it('qualifies anything when there are no floors, and says so', () => {
    const policy = parsePromotionPolicy({ floors: {} });
    expect(judgePromotion(metrics({ rocAuc: 0.5 }), null, policy)).toEqual({
      qualifies: true,
      reason: 'No production model yet and no floors set: candidate qualifies.',
      checks: [],
    });
  });

  it('lists every floor it met, in metric order', () => {
    const policy = parsePromotionPolicy({ floors: { logLoss: 0.5, recall: 0.6 } });
    expect(judgePromotion(metrics(), null, policy).reason).toBe(
      'No production model yet: candidate meets every floor (recall 0.750 ≥ 0.600, logLoss 0.450 ≤ 0.500).',
    );
  });
});

describe('judgePromotion against production', () => {
  const production = metrics({ rocAuc: 0.801, recall: 0.75, logLoss: 0.45 });

  it('qualifies a candidate that beats production by enough with floors and guardrails holding', () => {
    const decision = judgePromotion(metrics({ rocAuc: 0.842 }), production, DEFAULT_PROMOTION_POLICY);
    expect(decision.qualifies).toBe(true);
    expect(decision.reason).toBe(
      'Candidate qualifies: rocAuc 0.842 beats production 0.801 by +0.041 (needs +0.020); floors and guardrails hold.',
    );
    expect(decision.checks.map((check) => [check.kind, check.metric, check.passed])).toEqual([
      ['floor', 'rocAuc', true],
      ['improvement', 'rocAuc', true],
      ['guardrail', 'recall', true],
      ['guardrail', 'logLoss', true],
    ]);
  });

  it('rejects a candidate that improves by less than the minimum', () => {
    const decision = judgePromotion(metrics({ rocAuc: 0.812 }), production);
    expect(decision.qualifies).toBe(false);
    expect(decision.reason).toBe(
      'Candidate not better: rocAuc 0.812 vs production 0.801 (+0.011, needs +0.020).',
    );
  });

  it('qualifies an improvement exactly equal to the minimum (ties at the boundary pass)', () => {
    // 0.821 - 0.801 is 0.019999999999999907 in float64; the 1e-9 slack makes it a tie.
    const decision = judgePromotion(metrics({ rocAuc: 0.821 }), production);
    expect(decision.qualifies).toBe(true);
    expect(decision.reason).toBe(
      'Candidate qualifies: rocAuc 0.821 beats production 0.801 by +0.020 (needs +0.020); floors and guardrails hold.',
    );
  });

  it('rejects an improvement just short of the minimum', () => {
    expect(judgePromotion(metrics({ rocAuc: 0.8209 }), production).qualifies).toBe(false);
  });

  it('rejects a candidate that breaks a guardrail even when it is better', () => {
    const decision = judgePromotion(metrics({ rocAuc: 0.842, recall: 0.699 }), production);
    expect(decision.qualifies).toBe(false);
    expect(decision.reason).toBe('Guardrail broken: recall dropped 0.051 (tolerance 0.020).');
  });

  it('lets a guarded metric regress by exactly its tolerance', () => {
    expect(judgePromotion(metrics({ rocAuc: 0.842, recall: 0.73 }), production).qualifies).toBe(true);
  });

  it('guards log loss against rising', () => {
    const decision = judgePromotion(metrics({ rocAuc: 0.842, logLoss: 0.481 }), production);
    expect(decision.reason).toBe('Guardrail broken: logLoss rose 0.031 (tolerance 0.020).');
  });

  it('checks floors even when production exists, and reports a floor before anything else', () => {
    const weak = metrics({ rocAuc: 0.65, recall: 0.5 });
    const decision = judgePromotion(weak, metrics({ rocAuc: 0.6 }), DEFAULT_PROMOTION_POLICY);
    expect(decision.qualifies).toBe(false);
    expect(decision.reason).toBe('Candidate fails floor: rocAuc 0.650 < 0.700; 1 other check also failed.');
  });

  it('reports a missed improvement before a broken guardrail, and counts the rest', () => {
    const decision = judgePromotion(metrics({ rocAuc: 0.805, recall: 0.6, logLoss: 0.6 }), production);
    expect(decision.reason).toBe(
      'Candidate not better: rocAuc 0.805 vs production 0.801 (+0.004, needs +0.020); 2 other checks also failed.',
    );
  });

  it('rejects when the primary metric is undefined on the evaluation rows', () => {
    const decision = judgePromotion(
      metrics({ rocAuc: null }),
      metrics({ rocAuc: null }),
      parsePromotionPolicy({ floors: {} }),
    );
    expect(decision.qualifies).toBe(false);
    expect(decision.reason).toBe(
      'Candidate not better: rocAuc is undefined for both candidate and production.',
    );
  });

  it('uses log loss as a primary metric, where lower is better', () => {
    const policy: PromotionPolicy = {
      primaryMetric: 'logLoss',
      minImprovement: 0.02,
      floors: {},
      guardrails: {},
    };
    expect(judgePromotion(metrics({ logLoss: 0.4 }), production, policy).reason).toBe(
      'Candidate qualifies: logLoss 0.400 beats production 0.450 by -0.050 (needs -0.020); floors and guardrails hold.',
    );
    expect(judgePromotion(metrics({ logLoss: 0.44 }), production, policy).reason).toBe(
      'Candidate not better: logLoss 0.440 vs production 0.450 (-0.010, needs -0.020).',
    );
  });

  it('uses the default policy when none is given', () => {
    expect(judgePromotion(metrics({ rocAuc: 0.842 }), production)).toEqual(
      judgePromotion(metrics({ rocAuc: 0.842 }), production, DEFAULT_PROMOTION_POLICY),
    );
  });

  it('returns a decision that survives JSON unchanged, as it crosses the activity boundary', () => {
    const decision = judgePromotion(metrics({ rocAuc: null }), production);
    expect(JSON.parse(JSON.stringify(decision))).toEqual(decision);
  });
});

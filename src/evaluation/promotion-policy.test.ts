import { PromotionPolicyError } from './errors';
import { DEFAULT_PROMOTION_POLICY, parsePromotionPolicy } from './promotion-policy';

function issuesOf(input: unknown): readonly string[] {
  try {
    parsePromotionPolicy(input);
  } catch (error) {
    if (error instanceof PromotionPolicyError) return error.issues;
    throw error;
  }
  throw new Error('expected a PromotionPolicyError');
}

describe('DEFAULT_PROMOTION_POLICY', () => {
  it('promotes on +0.02 ROC AUC with a 0.70 floor and recall/log-loss guardrails of 0.02', () => {
    expect(DEFAULT_PROMOTION_POLICY).toEqual({
      primaryMetric: 'rocAuc',
      minImprovement: 0.02,
      floors: { rocAuc: 0.7 },
      guardrails: { recall: 0.02, logLoss: 0.02 },
    });
  });

  it('is frozen, down to its floors and guardrails', () => {
    expect(Object.isFrozen(DEFAULT_PROMOTION_POLICY)).toBe(true);
    expect(Object.isFrozen(DEFAULT_PROMOTION_POLICY.floors)).toBe(true);
    expect(Object.isFrozen(DEFAULT_PROMOTION_POLICY.guardrails)).toBe(true);
  });
});

describe('parsePromotionPolicy', () => {
  it('returns the defaults for undefined or an empty object', () => {
    expect(parsePromotionPolicy(undefined)).toEqual(DEFAULT_PROMOTION_POLICY);
    expect(parsePromotionPolicy({})).toEqual(DEFAULT_PROMOTION_POLICY);
  });

  it('fills only the missing top-level fields with defaults', () => {
    expect(parsePromotionPolicy({ primaryMetric: 'prAuc', minImprovement: 0 })).toEqual({
      ...DEFAULT_PROMOTION_POLICY,
      primaryMetric: 'prAuc',
      minImprovement: 0,
    });
  });

  it('lets a given floors object replace the default one, so {} means no floors', () => {
    expect(parsePromotionPolicy({ floors: {} }).floors).toEqual({});
    expect(parsePromotionPolicy({ floors: { f1: 0.5 } }).floors).toEqual({ f1: 0.5 });
  });

  it('returns a fresh floors object, never the frozen default', () => {
    const policy = parsePromotionPolicy({});
    expect(policy.floors).not.toBe(DEFAULT_PROMOTION_POLICY.floors);
  });

  it('accepts a log-loss floor above 1, since log loss is unbounded', () => {
    expect(parsePromotionPolicy({ floors: { logLoss: 1.5 } }).floors).toEqual({ logLoss: 1.5 });
  });

  it('names the field of a floor outside [0, 1]', () => {
    expect(() => parsePromotionPolicy({ floors: { rocAuc: 1.7 } })).toThrow(
      'promotionPolicy.floors.rocAuc must be a number between 0 and 1',
    );
  });

  it('names the field of a floor that is not a number', () => {
    expect(issuesOf({ floors: { rocAuc: '0.7' } })).toEqual([
      'promotionPolicy.floors.rocAuc must be a number between 0 and 1',
    ]);
  });

  it('rejects a negative log-loss guardrail', () => {
    expect(issuesOf({ guardrails: { logLoss: -0.1 } })).toEqual([
      'promotionPolicy.guardrails.logLoss must be a non-negative number',
    ]);
  });

  it('rejects NaN and Infinity', () => {
    expect(issuesOf({ minImprovement: NaN })).toEqual([
      'promotionPolicy.minImprovement must be a number between 0 and 1',
    ]);
    expect(issuesOf({ guardrails: { logLoss: Infinity } })).toEqual([
      'promotionPolicy.guardrails.logLoss must be a non-negative number',
    ]);
  });

  it('rejects an unknown primary metric and lists the valid ones', () => {
    expect(issuesOf({ primaryMetric: 'auc' })).toEqual([
      'promotionPolicy.primaryMetric must be one of accuracy, precision, recall, f1, rocAuc, prAuc, logLoss',
    ]);
  });

  it('rejects an unknown metric in floors instead of silently ignoring it', () => {
    expect(issuesOf({ floors: { auc: 0.7 } })).toEqual([
      'promotionPolicy.floors has unknown key "auc" (expected one of accuracy, precision, recall, f1, rocAuc, prAuc, logLoss)',
    ]);
  });

  it('rejects a misspelt top-level field', () => {
    expect(issuesOf({ minImprovment: 0.05 })).toEqual([
      'promotionPolicy has unknown key "minImprovment" (expected one of primaryMetric, minImprovement, floors, guardrails)',
    ]);
  });

  it('rejects a policy that is not an object', () => {
    expect(issuesOf(42)).toEqual(['promotionPolicy must be an object']);
    expect(issuesOf({ floors: [] })).toEqual(['promotionPolicy.floors must be an object']);
  });

  it('reports every problem at once, joined in the message', () => {
    const error = (() => {
      try {
        parsePromotionPolicy({ minImprovement: -1, floors: { recall: 2 } });
      } catch (caught) {
        return caught as Error;
      }
      throw new Error('expected an error');
    })();
    expect(error.name).toBe('PromotionPolicyError');
    expect(error.message).toBe(
      'promotionPolicy.minImprovement must be a number between 0 and 1; ' +
        'promotionPolicy.floors.recall must be a number between 0 and 1',
    );
  });
});

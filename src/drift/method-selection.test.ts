import {
  DEFAULT_THRESHOLDS,
  DRIFT_METHODS,
  isDriftMethod,
  isDrifted,
  isPValueMethod,
  selectDefaultMethod,
} from './method-selection';

// The rules come from Evidently 0.7.23 `_get_default_stattest`; the fixture tests
// (column-drift.test.ts) check the same choices against Evidently itself.
describe('selectDefaultMethod', () => {
  const pick = (type: 'numeric' | 'categorical', referenceRows: number, distinctValues: number): string =>
    selectDefaultMethod({ type, referenceRows, distinctValues });

  it('uses p-value tests up to 1000 reference rows and distances above', () => {
    expect(pick('numeric', 1000, 50)).toBe('ks');
    expect(pick('numeric', 1001, 50)).toBe('wasserstein');
    expect(pick('categorical', 1000, 4)).toBe('chisquare');
    expect(pick('categorical', 1001, 4)).toBe('jensenshannon');
  });

  it('tests numeric columns with at most 5 distinct values (reference and current together) as categories', () => {
    expect(pick('numeric', 500, 6)).toBe('ks');
    expect(pick('numeric', 500, 5)).toBe('chisquare');
    expect(pick('numeric', 500, 3)).toBe('chisquare');
    expect(pick('numeric', 500, 2)).toBe('z');
    expect(pick('numeric', 5000, 5)).toBe('jensenshannon');
    expect(pick('numeric', 5000, 6)).toBe('wasserstein');
  });

  it('uses the Z-test for categorical columns with at most 2 values on a small reference', () => {
    expect(pick('categorical', 10, 2)).toBe('z');
    expect(pick('categorical', 10, 1)).toBe('z');
    expect(pick('categorical', 10, 3)).toBe('chisquare');
    expect(pick('categorical', 2000, 2)).toBe('jensenshannon');
  });
});

describe('isDrifted', () => {
  it('uses p <= threshold for KS and p < threshold for chi-squared and Z, as Evidently does', () => {
    expect(isDrifted('ks', 0.05, 0.05)).toBe(true);
    expect(isDrifted('chisquare', 0.05, 0.05)).toBe(false);
    expect(isDrifted('z', 0.05, 0.05)).toBe(false);
    expect(isDrifted('z', 0.049, 0.05)).toBe(true);
  });

  it('uses score >= threshold for the distances', () => {
    for (const method of ['wasserstein', 'jensenshannon', 'psi'] as const) {
      expect(isDrifted(method, 0.1, 0.1)).toBe(true);
      expect(isDrifted(method, 0.0999, 0.1)).toBe(false);
    }
  });
});

describe('method metadata', () => {
  it('has Evidently default thresholds: 0.05 for p-values, 0.1 for distances', () => {
    for (const method of DRIFT_METHODS) {
      expect(DEFAULT_THRESHOLDS[method]).toBe(isPValueMethod(method) ? 0.05 : 0.1);
    }
  });

  it('recognises method names', () => {
    expect(isDriftMethod('psi')).toBe(true);
    expect(isDriftMethod('PSI')).toBe(false);
    expect(isDriftMethod(3)).toBe(false);
  });
});

import { checkSummaryOptions, resolveMethod } from './column-options';
import { DriftInputError } from './errors';

describe('resolveMethod', () => {
  const fallback = () => 'ks' as const;

  it('uses the fallback method and its default threshold when nothing is requested', () => {
    expect(resolveMethod('x', 'numeric', {}, fallback)).toEqual({ method: 'ks', threshold: 0.05 });
  });

  it('uses the requested method with its own default threshold, or the requested threshold', () => {
    expect(resolveMethod('x', 'numeric', { method: 'psi' }, fallback)).toEqual({
      method: 'psi',
      threshold: 0.1,
    });
    expect(resolveMethod('x', 'numeric', { method: 'psi', threshold: 0.25 }, fallback)).toEqual({
      method: 'psi',
      threshold: 0.25,
    });
    expect(resolveMethod('x', 'numeric', { threshold: 0 }, fallback)).toEqual({ method: 'ks', threshold: 0 });
  });

  it('refuses a method that does not accept the column type', () => {
    expect(() => resolveMethod('c', 'categorical', { method: 'wasserstein' }, fallback)).toThrow(
      DriftInputError,
    );
  });

  it('refuses an infinite threshold', () => {
    expect(() => resolveMethod('x', 'numeric', { threshold: Infinity }, fallback)).toThrow(
      "Column 'x': threshold must be a finite number, got Infinity",
    );
  });
});

describe('checkSummaryOptions', () => {
  it('accepts positive integers and absent options', () => {
    expect(() => checkSummaryOptions('x', {})).not.toThrow();
    expect(() => checkSummaryOptions('x', { maxCategories: 1, histogramBins: 50 })).not.toThrow();
  });

  it('rejects zero, negative and fractional counts, naming the column', () => {
    expect(() => checkSummaryOptions('x', { maxCategories: 0 })).toThrow(
      "Column 'x': maxCategories must be a positive integer, got 0",
    );
    expect(() => checkSummaryOptions('x', { histogramBins: 2.5 })).toThrow(
      "Column 'x': histogramBins must be a positive integer, got 2.5",
    );
  });
});

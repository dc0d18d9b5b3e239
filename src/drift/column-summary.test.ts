import { sturgesBinEdges } from './binning';
import { countCategories } from './category-counts';
import { DEFAULT_MAX_CATEGORIES, categoricalSummaries, numericSummaries } from './column-summary';
import { toNumericSample } from './numeric-sample';

describe('numericSummaries', () => {
  const reference = toNumericSample([1, 2, 2, 3, 4, NaN]);
  const current = toNumericSample([3, 4, 5, 6, 7, 8, 9]);

  it('uses the same Sturges bins over both samples for both sides', () => {
    const { reference: r, current: c } = numericSummaries(reference, current, true);
    expect(r.binEdges).toEqual(c.binEdges);
    expect(r.binEdges).toEqual(Array.from(sturgesBinEdges(reference.sorted, current.sorted, true)));
    expect(r.counts.reduce((s, x) => s + x, 0)).toBe(5);
    expect(c.counts.reduce((s, x) => s + x, 0)).toBe(7);
  });

  it('reports rows, missing values and basic statistics per side', () => {
    const { reference: r } = numericSummaries(reference, current, true);
    expect(r).toMatchObject({ kind: 'histogram', rows: 5, missing: 1, min: 1, max: 4, mean: 2.4 });
    expect(r.std).toBeCloseTo(Math.sqrt(1.04), 14);
  });

  it('uses equal-width bins over the pooled range when given a bin count', () => {
    const { reference: r } = numericSummaries(reference, current, true, { histogramBins: 4 });
    expect(r.binEdges).toEqual([1, 3, 5, 7, 9]);
  });

  it('widens a constant column to one bin around the value', () => {
    const constant = toNumericSample([2, 2]);
    expect(numericSummaries(constant, constant, true).reference.binEdges).toEqual([1.5, 2.5]);
    expect(numericSummaries(constant, constant, true, { histogramBins: 2 }).reference.binEdges).toEqual([
      1.5, 2, 2.5,
    ]);
  });
});

describe('categoricalSummaries', () => {
  it('lists the union of categories in the same order on both sides, zero where a side lacks one', () => {
    const counts = countCategories(['a', 'a', 'a', 'b'], ['c', 'c', 'a', 'a']);
    const { reference, current } = categoricalSummaries(counts, { reference: 0, current: 0 });
    expect(reference.categories).toEqual(['a', 'c', 'b']);
    expect(current.categories).toEqual(reference.categories);
    expect(reference.counts).toEqual([3, 0, 1]);
    expect(current.counts).toEqual([2, 2, 0]);
    expect(reference.otherCount).toBe(0);
  });

  it('ranks by reference share + current share, so a small reference weighs as much as a large current', () => {
    const counts = countCategories(
      ['x', 'x', 'x', 'y'],
      [...Array<string>(90).fill('y'), ...Array<string>(10).fill('x')],
    );
    // x: 0.75 + 0.10 = 0.85; y: 0.25 + 0.90 = 1.15
    expect(categoricalSummaries(counts, { reference: 0, current: 0 }).reference.categories).toEqual([
      'y',
      'x',
    ]);
  });

  it('folds categories beyond the top N into "other" on both sides', () => {
    const many = Array.from(
      { length: DEFAULT_MAX_CATEGORIES + 5 },
      (_, i) => `c${String(i).padStart(2, '0')}`,
    );
    const counts = countCategories(many, [...many, 'c00']);
    const { reference, current } = categoricalSummaries(counts, { reference: 1, current: 0 });
    expect(reference.categories.length).toBe(DEFAULT_MAX_CATEGORIES);
    expect(reference.categories[0]).toBe('c00');
    expect(reference.otherCategories).toBe(5);
    expect(reference.otherCount).toBe(5);
    expect(current.otherCount).toBe(5);
    expect(reference.missing).toBe(1);
    expect(reference.counts.reduce((s, x) => s + x, 0) + reference.otherCount).toBe(reference.rows);
  });

  it('labels numeric and boolean categories as strings', () => {
    // shares: 1 -> 2/3 + 1/2, true -> 0 + 1/2, 0 -> 1/3 + 0
    const counts = countCategories([0, 1, 1], [true, 1]);
    const { reference } = categoricalSummaries(counts, { reference: 0, current: 0 });
    expect(reference.categories).toEqual(['1', 'true', '0']);
  });
});

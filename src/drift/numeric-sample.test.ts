import {
  countDistinctMerged,
  countDistinctSorted,
  lowerBound,
  sortedFinite,
  toNumericSample,
  upperBound,
} from './numeric-sample';

describe('toNumericSample', () => {
  it('keeps the finite values, sorted ascending, and counts what it dropped', () => {
    const sample = toNumericSample([3, NaN, -1, Infinity, null as unknown as number, 2, -Infinity]);
    expect(Array.from(sample.sorted)).toEqual([-1, 2, 3]);
    expect(sample.dropped).toBe(4);
  });

  it('sorts numerically, not as strings', () => {
    expect(Array.from(sortedFinite([10, 9, 100, -5]))).toEqual([-5, 9, 10, 100]);
  });

  it('reports the first value that is not a number, and drops it', () => {
    const problems: unknown[] = [];
    const sample = toNumericSample([1, 'x' as unknown as number, 'y' as unknown as number], (p) =>
      problems.push(p),
    );
    expect(problems).toEqual([{ index: 1, value: 'x' }]);
    expect(Array.from(sample.sorted)).toEqual([1]);
  });

  it('sorts large integer columns (counted, not compared) exactly as a comparison sort does', () => {
    // 5000 ages from 16 to 100 in a scrambled order, with gaps, nulls and NaN among them.
    const values: (number | null)[] = Array.from({ length: 5000 }, (_, i) => 16 + ((i * 7919) % 85));
    values[10] = null;
    values[20] = NaN;
    values[30] = -3; // negative integers too
    const sample = toNumericSample(values as number[]);
    const expected = Float64Array.from(values.filter((v): v is number => Number.isFinite(v))).sort();
    expect(Array.from(sample.sorted)).toEqual(Array.from(expected));
    expect(sample.dropped).toBe(2);
    // Fractions fall back to the comparison sort.
    const fractions = Array.from({ length: 3000 }, (_, i) => ((i * 7919) % 1000) / 7);
    expect(Array.from(sortedFinite(fractions))).toEqual(Array.from(Float64Array.from(fractions).sort()));
  });

  it('copies a typed array instead of sorting it in place', () => {
    const input = Float64Array.of(2, 1);
    toNumericSample(input);
    expect(Array.from(input)).toEqual([2, 1]);
  });
});

describe('distinct counts', () => {
  it('counts distinct values of one sorted array and of the union of two (pandas nunique)', () => {
    expect(countDistinctSorted(Float64Array.of(1, 1, 2, 5, 5))).toBe(3);
    expect(countDistinctSorted(new Float64Array(0))).toBe(0);
    expect(countDistinctMerged(Float64Array.of(1, 2, 2), Float64Array.of(2, 3))).toBe(3);
    expect(countDistinctMerged(new Float64Array(0), Float64Array.of(4, 4))).toBe(1);
  });
});

describe('lowerBound and upperBound', () => {
  it('behave like numpy searchsorted left and right', () => {
    const a = Float64Array.of(1, 2, 2, 3);
    expect([lowerBound(a, 2), upperBound(a, 2)]).toEqual([1, 3]);
    expect([lowerBound(a, 0), upperBound(a, 9)]).toEqual([0, 4]);
  });
});

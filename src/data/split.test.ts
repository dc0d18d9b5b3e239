import { splitIndices, stratifiedSplitIndices, type SplitIndices } from './split';

const OPTIONS = { seed: 7, validationFraction: 0.15, testFraction: 0.15 };

/** Every index 0..n-1 exactly once across the three parts. */
function expectCovering(split: SplitIndices, n: number): void {
  const all = [...split.train, ...split.validation, ...split.test].sort((a, b) => a - b);
  expect(all).toEqual(Array.from({ length: n }, (_, i) => i));
}

function positiveRate(indices: Int32Array, labels: readonly number[]): number {
  return indices.reduce((sum, i) => sum + labels[i]!, 0) / indices.length;
}

describe('splitIndices', () => {
  it('gives disjoint parts that cover every row, with sizes rounded from the fractions', () => {
    const split = splitIndices(1001, OPTIONS);
    expectCovering(split, 1001);
    expect(split.test).toHaveLength(150); // round(150.15)
    expect(split.validation).toHaveLength(150);
    expect(split.train).toHaveLength(701);
  });

  it('is the same for the same seed and different for another seed', () => {
    expect(splitIndices(500, OPTIONS)).toEqual(splitIndices(500, OPTIONS));
    expect(splitIndices(500, { ...OPTIONS, seed: 8 }).test).not.toEqual(splitIndices(500, OPTIONS).test);
  });

  it('returns each part sorted ascending', () => {
    const { train } = splitIndices(200, OPTIONS);
    expect([...train]).toEqual([...train].sort((a, b) => a - b));
  });

  it('handles zero rows and zero fractions', () => {
    expect(splitIndices(0, OPTIONS).train).toHaveLength(0);
    const trainOnly = splitIndices(10, { seed: 1, validationFraction: 0, testFraction: 0 });
    expect(trainOnly.train).toHaveLength(10);
  });

  it('rejects fractions outside [0, 1), fractions summing to 1 and a bad row count', () => {
    expect(() => splitIndices(10, { ...OPTIONS, testFraction: -0.1 })).toThrow(RangeError);
    expect(() => splitIndices(10, { ...OPTIONS, validationFraction: 0.5, testFraction: 0.5 })).toThrow(
      'validationFraction + testFraction must be below 1, got 1',
    );
    expect(() => splitIndices(2.5, OPTIONS)).toThrow(RangeError);
  });
});

describe('stratifiedSplitIndices', () => {
  // 1000 rows, 30 % positive, positives bunched at the start so a bad split would show.
  const labels = Array.from({ length: 1000 }, (_, i) => (i < 300 ? 1 : 0));

  it('keeps the positive rate of every part at the overall 30 %', () => {
    const split = stratifiedSplitIndices(labels, OPTIONS);
    expectCovering(split, 1000);
    for (const part of [split.train, split.validation, split.test]) {
      expect(positiveRate(part, labels)).toBeCloseTo(0.3, 2);
    }
  });

  it('gives the same part sizes as splitIndices', () => {
    const split = stratifiedSplitIndices(labels.slice(0, 997), OPTIONS);
    const plain = splitIndices(997, OPTIONS);
    expect([split.train.length, split.validation.length, split.test.length]).toEqual([
      plain.train.length,
      plain.validation.length,
      plain.test.length,
    ]);
  });

  it('is deterministic for a seed', () => {
    expect(stratifiedSplitIndices(labels, OPTIONS)).toEqual(stratifiedSplitIndices(labels, OPTIONS));
  });

  it('accepts typed arrays and rejects labels other than 0 and 1', () => {
    expect(stratifiedSplitIndices(Float64Array.from(labels), OPTIONS).test).toHaveLength(150);
    expect(() => stratifiedSplitIndices([0, 1, 2], OPTIONS)).toThrow('labels[2] must be 0 or 1, got 2');
  });
});

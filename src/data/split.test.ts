import { csvText, validCsvLines, withCell } from './dataset.fixture';
import { parseDatasetCsv } from './parse-dataset';
import { rowContentKeys } from './row-content-keys';
import { LABEL_COLUMN } from './schema';
import { checkSplitOptions, contentSplit, splitPartOf, type SplitIndices } from './split';

const OPTIONS = { seed: 7, validationFraction: 0.15, testFraction: 0.15 };

/** Every index 0..n-1 exactly once across the three parts. */
function expectCovering(split: SplitIndices, n: number): void {
  const all = [...split.train, ...split.validation, ...split.test].sort((a, b) => a - b);
  expect(all).toEqual(Array.from({ length: n }, (_, i) => i));
}

const tableOf = (lines: readonly string[]) => parseDatasetCsv(csvText(lines), 'mem.csv');
const partOfRow = (split: SplitIndices, row: number): string =>
  split.test.includes(row) ? 'test' : split.validation.includes(row) ? 'validation' : 'train';

describe('contentSplit', () => {
  const lines = validCsvLines(2000, 3);

  it('gives disjoint parts that cover every row, each sorted, with shares near the fractions', async () => {
    const keys = await rowContentKeys(tableOf(lines), OPTIONS.seed);
    const split = contentSplit(keys, OPTIONS);
    expectCovering(split, 2000);
    expect([...split.train]).toEqual([...split.train].sort((a, b) => a - b));
    // Binomial(2000, 0.15): sd 16 rows; 4 sd either side.
    for (const part of [split.test, split.validation]) expect(Math.abs(part.length - 300)).toBeLessThan(64);
  });

  it('puts identical rows, and rows that differ only in their label, in the same part', async () => {
    const row = lines[1]!;
    const flipped = withCell([lines[0]!, row], 2, LABEL_COLUMN, row.endsWith(',1') ? '0' : '1')[1]!;
    const copies = [lines[0]!, ...Array.from({ length: 30 }, (_, i) => (i % 3 === 0 ? flipped : row))];
    const split = contentSplit(await rowContentKeys(tableOf(copies), OPTIONS.seed), OPTIONS);
    expect([split.train.length, split.validation.length, split.test.length].sort()).toEqual([0, 0, 30]);
  });

  it('keeps a row in its part in any file it appears in (order and other rows do not matter)', async () => {
    const a = lines.slice(0, 501);
    const b = [lines[0]!, ...lines.slice(1, 501).reverse(), ...validCsvLines(300, 9).slice(1)];
    const splitA = contentSplit(await rowContentKeys(tableOf(a), OPTIONS.seed), OPTIONS);
    const splitB = contentSplit(await rowContentKeys(tableOf(b), OPTIONS.seed), OPTIONS);
    for (let row = 0; row < 500; row += 7) expect(partOfRow(splitB, 499 - row)).toBe(partOfRow(splitA, row));
  });

  it('is the same for the same seed and different for another seed', async () => {
    const table = tableOf(lines.slice(0, 401));
    const split = contentSplit(await rowContentKeys(table, 7), OPTIONS);
    expect(contentSplit(await rowContentKeys(table, 7), OPTIONS)).toEqual(split);
    const other = contentSplit(await rowContentKeys(table, 8), { ...OPTIONS, seed: 8 });
    expect(other.test).not.toEqual(split.test);
  });

  it('handles zero rows and zero fractions', () => {
    expect(contentSplit(new BigUint64Array(0), OPTIONS).train).toHaveLength(0);
    const keys = BigUint64Array.from([0n, 2n ** 63n, 2n ** 64n - 1n]);
    expect(contentSplit(keys, { seed: 1, validationFraction: 0, testFraction: 0 }).train).toHaveLength(3);
  });

  it('reads the upper bits of a key as u in [0, 1) and never the label bit', () => {
    expect(splitPartOf(0n, OPTIONS)).toBe('test'); // u = 0
    expect(splitPartOf(1n, OPTIONS)).toBe('test');
    // The smallest key whose u is at least x (x · 2⁵³ rounded up), so the boundaries are exact.
    const u = (x: number) => BigInt(Math.ceil(x * 2 ** 53)) << 11n;
    expect(splitPartOf(u(0.1499), OPTIONS)).toBe('test');
    expect(splitPartOf(u(0.15), OPTIONS)).toBe('validation');
    expect(splitPartOf(u(0.2999) | 1n, OPTIONS)).toBe('validation');
    expect(splitPartOf(u(0.3), OPTIONS)).toBe('train');
    expect(splitPartOf(2n ** 64n - 1n, OPTIONS)).toBe('train');
  });

  it('rejects fractions outside [0, 1), fractions summing to 1 and a bad seed', () => {
    expect(() => checkSplitOptions({ ...OPTIONS, testFraction: -0.1 })).toThrow(RangeError);
    expect(() => checkSplitOptions({ ...OPTIONS, validationFraction: 0.5, testFraction: 0.5 })).toThrow(
      'validationFraction + testFraction must be below 1, got 1',
    );
    expect(() => checkSplitOptions({ ...OPTIONS, seed: 2.5 })).toThrow(
      'seed must be a non-negative integer, got 2.5',
    );
  });
});

import { analyseDatasetContent, summariseDuplicates, summariseDuplicatesAmong } from './dataset-content';
import { csvText, validCsvLines, withCell } from './dataset.fixture';
import { parseDatasetCsv } from './parse-dataset';
import { LABEL_COLUMN } from './schema';
import { splitPartOf } from './split';

const OPTIONS = { seed: 11, validationFraction: 0.15, testFraction: 0.15 };
const tableOf = (lines: readonly string[]) => parseDatasetCsv(csvText(lines), 'mem.csv');

describe('summariseDuplicates', () => {
  it('counts exact copies and feature vectors seen with both labels', () => {
    // a a a b (b with the other label) c: 6 rows, 4 distinct, 2 copies, 1 conflicting vector.
    const keys = BigUint64Array.from([10n, 10n, 10n, 20n, 21n, 30n]);
    expect(summariseDuplicates(keys)).toEqual({
      rows: 6,
      distinctRows: 4,
      duplicateRows: 2,
      duplicateShare: 2 / 6,
      conflictingFeatureVectors: 1,
    });
  });

  it('gives zeros for no rows', () => {
    expect(summariseDuplicates(new BigUint64Array(0))).toMatchObject({ rows: 0, duplicateShare: 0 });
  });
});

describe('analyseDatasetContent', () => {
  const base = validCsvLines(400, 13);

  it('counts distinct rows per class and part, and copies of a row stay in one part', async () => {
    const row = base[5]!;
    const flipped = withCell([base[0]!, row], 2, LABEL_COLUMN, row.endsWith(',1') ? '0' : '1')[1]!;
    // 400 distinct rows, then 99 more copies of file line 6 (data row 4) and one copy of it with the other label.
    const lines = [...base, ...Array.from({ length: 99 }, () => row), flipped];
    const content = await analyseDatasetContent(tableOf(lines), OPTIONS);

    expect(content.duplicates).toMatchObject({
      rows: 500,
      distinctRows: 401,
      duplicateRows: 99,
      conflictingFeatureVectors: 1,
    });
    const { train, validation, test } = content.split;
    expect(train.length + validation.length + test.length).toBe(500);
    // Every part's counts agree with the rows the split put there.
    const labels = tableOf(lines).array(LABEL_COLUMN) as Float64Array;
    for (const [name, rows] of [
      ['train', train],
      ['validation', validation],
      ['test', test],
    ] as const) {
      const distinct = new Set([...rows].map((r) => content.keys[r]!));
      const positives = [...distinct].filter((k) => (k & 1n) === 1n).length;
      expect(content.parts[name]).toEqual({
        rows: rows.length,
        distinct: { negative: distinct.size - positives, positive: positives },
      });
      for (const r of rows) expect(splitPartOf(content.keys[r]!, OPTIONS)).toBe(name);
    }
    // The base rows are distinct; the flipped copy adds one distinct row of the other class.
    const basePositives = [...labels.slice(0, 400)].filter((l) => l === 1).length;
    expect(content.parts.all.distinct).toEqual({
      positive: basePositives + (labels[499] === 1 ? 1 : 0),
      negative: 400 - basePositives + (labels[499] === 0 ? 1 : 0),
    });

    // Data row 4 (file line 6) and its 100 copies, the flipped one included, share one part.
    const sameFeatures = [4, ...Array.from({ length: 100 }, (_, i) => 400 + i)];
    expect(new Set(sameFeatures.map((r) => splitPartOf(content.keys[r]!, OPTIONS))).size).toBe(1);
    const exactCopies = Int32Array.from(sameFeatures.slice(0, 100));
    expect(summariseDuplicatesAmong(content, exactCopies)).toMatchObject({
      rows: 100,
      distinctRows: 1,
      duplicateRows: 99,
    });
  });
});

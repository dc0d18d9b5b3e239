import xxhash from 'xxhash-wasm';
import { csvText, validCsvLines, withCell } from './dataset.fixture';
import { parseDatasetCsv } from './parse-dataset';
import { FIELD_SEPARATOR, rowContentKeys, rowFeatureText } from './row-content-keys';
import { FEATURE_COLUMNS, LABEL_COLUMN } from './schema';

const lines = validCsvLines(4, 5);
const tableOf = (l: readonly string[]) => parseDatasetCsv(csvText(l), 'mem.csv');
const textOf = (l: readonly string[], row = 0): string => {
  const table = tableOf(l);
  return rowFeatureText(
    FEATURE_COLUMNS.map((c) => table.array(c.name) as ArrayLike<unknown>),
    row,
  );
};

describe('rowFeatureText', () => {
  it('joins the 14 feature values in schema order, without the label', () => {
    const cells = lines[1]!.split(',');
    const text = textOf(lines);
    expect(text.split(FIELD_SEPARATOR)).toHaveLength(FEATURE_COLUMNS.length);
    expect(text.split(FIELD_SEPARATOR)[0]).toBe(cells[0]);
  });

  it('gives one text per value: trailing zeros and the order of a language list do not count', () => {
    const a = withCell(withCell(lines, 2, 'lawyer_rating', '4.5'), 2, 'lawyer_languages', 'english|spanish');
    const b = withCell(
      withCell(lines, 2, 'lawyer_rating', '4.50'),
      2,
      'lawyer_languages',
      'spanish|english|english',
    );
    expect(textOf(b)).toBe(textOf(a));
    expect(textOf(withCell(a, 2, 'lawyer_rating', '4.6'))).not.toBe(textOf(a));
  });
});

describe('rowContentKeys', () => {
  it('is xxh64 of the feature text under the seed, with the label in the lowest bit', async () => {
    const { h64 } = await xxhash();
    // xxHash's published XXH64 of empty input with seed 0: the implementation is the reference one.
    expect(h64('', 0n)).toBe(0xef46db3751d8e999n);
    const table = tableOf(lines);
    const keys = await rowContentKeys(table, 42);
    const labels = table.array(LABEL_COLUMN) as Float64Array;
    for (let row = 0; row < 4; row++) {
      expect(keys[row]! >> 1n).toBe(h64(textOf(lines, row), 42n) >> 1n);
      expect(Number(keys[row]! & 1n)).toBe(labels[row]);
    }
  });

  it('gives identical rows identical keys and rows that differ only in the label keys one bit apart', async () => {
    const row = lines[1]!;
    const other = withCell([lines[0]!, row], 2, LABEL_COLUMN, row.endsWith(',1') ? '0' : '1')[1]!;
    const keys = await rowContentKeys(tableOf([lines[0]!, row, row, other]), 7);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[2]! ^ keys[0]!).toBe(1n);
  });

  it('refuses a bad seed', async () => {
    await expect(rowContentKeys(tableOf(lines), -1)).rejects.toThrow(
      'seed must be a non-negative integer, got -1',
    );
  });
});

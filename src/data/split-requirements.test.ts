import { analyseDatasetContent } from './dataset-content';
import { csvText, validCsvLines } from './dataset.fixture';
import { DatasetProblem, DatasetValidationError } from './errors';
import { parseDatasetCsv } from './parse-dataset';
import { LABEL_COLUMN } from './schema';
import { assertEnoughRows, MIN_DISTINCT_ROWS_PER_CLASS, TRAINING_PARTS } from './split-requirements';

const OPTIONS = { seed: 20251108, validationFraction: 0.15, testFraction: 0.15 };
const contentOf = (lines: readonly string[]) =>
  analyseDatasetContent(parseDatasetCsv(csvText(lines), 'mem.csv'), OPTIONS);

function refusal(fn: () => void): DatasetValidationError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DatasetValidationError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

/** Two distinct rows, one of each class, then both repeated: `copies` rows in all. */
function twoRowsRepeated(copies: number): string[] {
  const lines = validCsvLines(40, 2);
  const positive = lines.slice(1).find((l) => l.endsWith(',1'))!;
  const negative = lines.slice(1).find((l) => l.endsWith(',0'))!;
  return [lines[0]!, ...Array.from({ length: copies }, (_, i) => (i % 2 === 0 ? positive : negative))];
}

describe('assertEnoughRows', () => {
  it('lets a 2000-row file through for training', async () => {
    const content = await contentOf(validCsvLines(2000, 1));
    expect(() => assertEnoughRows(content, 'data/ok.csv', TRAINING_PARTS)).not.toThrow();
  });

  it('refuses a 3-row file naming the file, the part, the class, the count and the minimum', async () => {
    const lines = validCsvLines(40, 2);
    const three = [
      lines[0]!,
      ...lines
        .slice(1)
        .filter((l) => l.endsWith(',1'))
        .slice(0, 2),
      lines.slice(1).find((l) => l.endsWith(',0'))!,
    ];
    const content = await contentOf(three);
    const error = refusal(() => assertEnoughRows(content, 'data/three.csv', TRAINING_PARTS));
    expect(error).toMatchObject({ file: 'data/three.csv', column: LABEL_COLUMN, row: undefined });
    expect(error.problem).toBe(DatasetProblem.TooFewRows);
    expect(error.message).toMatch(
      new RegExp(
        `^data/three\\.csv, column "match_success": too few rows: the (train|validation|test) part has [0-2] distinct rows with match_success [01], ` +
          `and each of train, validation, test needs at least ${MIN_DISTINCT_ROWS_PER_CLASS} distinct rows of each class\\. ` +
          `The file has 3 rows, 2 distinct with label 1 and 1 with label 0\\. ` +
          'Rows go to train, validation and test by a hash of their content \\(about 70/15/15%\\), so copies of a row stay together$',
      ),
    );
  });

  it('refuses 2 distinct rows repeated 500 times, saying how many rows are copies', async () => {
    const content = await contentOf(twoRowsRepeated(1000));
    const error = refusal(() => assertEnoughRows(content, 'data/copies.csv', TRAINING_PARTS));
    expect(error.detail).toContain(
      'The file has 1000 rows, 1 distinct with label 1 and 1 with label 0; 998 of its 1000 rows (99.8%) repeat another row',
    );
    // Even a check of the whole file refuses it: copies do not count.
    expect(refusal(() => assertEnoughRows(content, 'data/copies.csv', ['all'])).detail).toMatch(
      /^too few rows: the file has 1 distinct rows with match_success 1, and the file needs at least 10 of each class/,
    );
  });

  it('counts only distinct rows: 10 of each class pass the whole-file check, 9 do not', async () => {
    const lines = validCsvLines(200, 3);
    const pos = lines.slice(1).filter((l) => l.endsWith(',1'));
    const neg = lines.slice(1).filter((l) => l.endsWith(',0'));
    const file = (p: number) => [lines[0]!, ...pos.slice(0, p), ...pos.slice(0, p), ...neg.slice(0, 10)];
    const ten = await contentOf(file(10));
    const nine = await contentOf(file(9));
    expect(() => assertEnoughRows(ten, 'f.csv', ['all'])).not.toThrow();
    expect(refusal(() => assertEnoughRows(nine, 'f.csv', ['all'])).detail).toMatch(
      /^too few rows: the file has 9 distinct rows with match_success 1/,
    );
  });
});

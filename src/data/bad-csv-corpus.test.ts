import path from 'node:path';
import {
  BAD_CSV_CORPUS,
  BASE_ROWS,
  baseLines,
  expectedMessage,
  writeCorpus,
  type CorpusCase,
  type Rejected,
} from './bad-csv-corpus.fixture';
import { csvText, makeTempDir, removeTempDirs, writeTempFile } from './dataset.fixture';
import { DatasetValidationError } from './errors';
import { assertBothLabelClasses, loadDatasetCsv } from './load-dataset';
import { COLUMN_NAMES, LABEL_COLUMN } from './schema';

afterAll(removeTempDirs);

let files: Map<string, string>;
beforeAll(async () => {
  files = await writeCorpus(await makeTempDir('bad-csv-corpus-'));
});

/** The error `fn` throws (or rejects with), which must be a DatasetValidationError. */
async function validationError(fn: () => unknown): Promise<DatasetValidationError> {
  const error: unknown = await Promise.resolve()
    .then(fn)
    .then(
      () => undefined,
      (e: unknown) => e,
    );
  if (!(error instanceof DatasetValidationError)) {
    throw new Error(`expected a DatasetValidationError, got ${String(error)}`);
  }
  return error;
}

/** Checks an error against the case's expectation: code, line, column and the whole message. */
function expectMatches(error: DatasetValidationError, file: string, expected: Rejected): void {
  expect(error).toMatchObject({
    file,
    problem: expected.problem,
    row: expected.row,
    column: expected.column,
  });
  const message = expectedMessage(file, expected);
  if (typeof message === 'string') expect(error.message).toBe(message);
  else expect(error.detail).toMatch(message);
}

const byStage = (stage: 'schema' | 'labels' | 'accepted') =>
  BAD_CSV_CORPUS.filter((c) =>
    stage === 'accepted'
      ? c.expected.kind === 'accepted'
      : c.expected.kind === 'rejected' && c.expected.stage === stage,
  ).map((c) => [c.name, c] as const);

describe('the bad-CSV corpus', () => {
  it('starts from a valid base file with both label classes', async () => {
    const file = await writeTempFile('base.csv', csvText(baseLines()));
    const table = await loadDatasetCsv(file);
    expect(table.numRows()).toBe(BASE_ROWS);
    expect(() => assertBothLabelClasses(table, file)).not.toThrow();
  });

  it('has one file per case, with distinct names', () => {
    expect(new Set(BAD_CSV_CORPUS.map((c) => c.name)).size).toBe(BAD_CSV_CORPUS.length);
    expect([...files.keys()]).toEqual(BAD_CSV_CORPUS.map((c) => c.name));
  });
});

describe('loadDatasetCsv on the corpus', () => {
  it.each(byStage('schema'))('refuses %s naming file, line, column and problem', async (name, c) => {
    const file = files.get(name)!;
    const error = await validationError(() => loadDatasetCsv(file));
    expectMatches(error, file, c.expected as Rejected);
  });

  it.each(byStage('labels'))(
    'loads %s (schema-valid) but assertBothLabelClasses refuses it',
    async (name, c) => {
      const file = files.get(name)!;
      const table = await loadDatasetCsv(file);
      const error = await validationError(() => assertBothLabelClasses(table, file));
      expectMatches(error, file, c.expected as Rejected);
    },
  );

  it.each(byStage('accepted'))('accepts %s with the same values as the plain file', async (name, c) => {
    const plain = await loadDatasetCsv(await writeTempFile('plain.csv', csvText(baseLines())));
    const table = await loadDatasetCsv(files.get(name)!);
    expect(table.numRows()).toBe((c.expected as { rows: number }).rows);
    expect(table.columnNames()).toEqual(COLUMN_NAMES);
    expect(table.objects()).toEqual(plain.objects());
    expect(table.array(LABEL_COLUMN)).toEqual(plain.array(LABEL_COLUMN));
  });

  it('names the file exactly as the caller gave it', async () => {
    const relative = path.relative(process.cwd(), files.get('rating-above-scale.csv')!);
    const error = await validationError(() => loadDatasetCsv(relative));
    expect(error.message.startsWith(`${relative} line 6, column "lawyer_rating": `)).toBe(true);
  });

  it('covers every case exactly once across the three groups', () => {
    const covered = [...byStage('schema'), ...byStage('labels'), ...byStage('accepted')];
    expect(covered.map(([name]) => name).sort()).toEqual(
      BAD_CSV_CORPUS.map((c: CorpusCase) => c.name).sort(),
    );
  });
});

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isClose } from '../../test/reference/drift/drift-reference';
import { loadForeignTables, tablePath, type ForeignTable } from '../../test/reference/drift/foreign-tables';
import { generateMatchmakingRows, hashFile, rowsToCsv } from '../data';
import { DatasetValidationError } from '../data/errors';
import type { ColumnDriftType } from '../drift';
import { compareDatasetFiles } from './check-drift';
import { compareCsvFiles, readColumnTypesFile } from './compare-csv-files';

// Expected numbers: Evidently 0.7.23's DataDriftPreset on pd.read_csv of the same files
// (test/reference/drift/foreign_tables.py). The schema's numbers are pinned to 1e-9 relative
// (test/reference/drift/drift-reference.ts); these are held to 1e-12. Measured: 11 of 24 scores
// are bit-identical, the largest difference is 5.3e-13 (Jensen-Shannon 0.0051 of two nearly equal
// 3-value distributions, where the square root of a tiny divergence magnifies rounding), and five
// differ by more than 1e-14: chi-squared and Jensen-Shannon sum over categories in another order
// than Evidently (which follows Python's set iteration), so 1e-14 cannot hold for them.
// Purely relative (no absolute floor), so p-values such as 7e-27 are checked too.
const FOREIGN_TOLERANCE = 1e-12;

function expectScore(actual: number, expected: number, what: string): void {
  if (!isClose(actual, expected, FOREIGN_TOLERANCE, 0)) {
    throw new Error(
      `${what}: got ${actual}, Evidently gives ${expected} (relative tolerance ${FOREIGN_TOLERANCE})`,
    );
  }
}
const { tables } = loadForeignTables();
// Tables Evidently compares as we do: not those with a column it types Unknown and leaves out.
const compared = tables.filter(
  (t) => t.expected !== undefined && !Object.values(t.inferredTypes).includes('unknown'),
);

const TYPE_OF_NAME: Record<'num' | 'cat', ColumnDriftType> = { num: 'numeric', cat: 'categorical' };

async function compareTable(table: ForeignTable) {
  return compareCsvFiles({
    referenceFile: tablePath(table.reference),
    currentFile: tablePath(table.current),
    columnTypes: Object.fromEntries(
      Object.entries(table.columnTypes).map(([column, name]) => [column, TYPE_OF_NAME[name]]),
    ),
  });
}

/** The error `promise` rejects with (the test fails if it resolves). */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

describe('compareCsvFiles against Evidently on foreign CSVs', () => {
  it('has at least three compared tables, small and large references among them', () => {
    expect(compared.length).toBeGreaterThanOrEqual(3);
    const methods = new Set(compared.flatMap((t) => Object.values(t.expected!.columns).map((c) => c.method)));
    expect([...methods].sort()).toEqual(['chisquare', 'jensenshannon', 'ks', 'wasserstein', 'z']);
  });

  it.each(compared.map((t) => [t.name, t] as const))('%s', async (_name, table) => {
    const expected = table.expected!;
    const { result, referenceMd5, currentMd5, basis } = await compareTable(table);
    // The files read are the bytes pandas read.
    expect([referenceMd5, currentMd5]).toEqual([table.md5.reference, table.md5.current]);
    expect(basis).toBe('inferred');
    const typeOf = Object.fromEntries(result.columns.map((c) => [c.column, c.type]));
    expect(Object.keys(typeOf).sort()).toEqual(Object.keys(expected.columns).sort());
    for (const name of expected.numerical) expect([name, typeOf[name]]).toEqual([name, 'numeric']);
    for (const name of expected.categorical) expect([name, typeOf[name]]).toEqual([name, 'categorical']);
    expect(result.totalColumns).toBe(expected.numberOfColumns);
    expect(result.driftedColumns).toBe(expected.numberOfDriftedColumns);
    expect(result.share).toBe(expected.shareOfDriftedColumns);
    expect(result.datasetDrift).toBe(expected.datasetDrift);
    expect(result.thresholdShare).toBe(expected.driftShare);
    for (const column of result.columns) {
      const evidently = expected.columns[column.column]!;
      expect([column.column, column.method, column.threshold, column.drifted]).toEqual([
        column.column,
        evidently.method,
        evidently.threshold,
        evidently.drifted,
      ]);
      expectScore(column.score, evidently.score, `${table.name}: ${column.column}`);
    }
  });

  it('refuses a column with no value in one file, as Evidently does, naming the file and column', async () => {
    const table = tables.find((t) => t.name === 'empty-column')!;
    expect(table.evidentlyError).toBe(
      "An empty column 'blank' was provided for drift calculation in the current dataset.",
    );
    const error = await rejection(compareTable(table));
    expect(error).toBeInstanceOf(DatasetValidationError);
    expect(error).toMatchObject({ file: tablePath(table.current), column: 'blank', problem: 'EMPTY_COLUMN' });
  });

  it('refuses booleans with gaps, which Evidently types Unknown and leaves out, rather than skip them', async () => {
    const table = tables.find((t) => t.name === 'boolean-gaps')!;
    expect(table.inferredTypes.flag).toBe('unknown');
    expect(Object.keys(table.expected!.columns)).toEqual(['x']);
    const error = await rejection(compareTable(table));
    expect(error).toMatchObject({ column: 'flag', problem: 'UNSUPPORTED_COLUMN_TYPE' });
    expect((error as Error).message).toContain('--column-type "flag=cat"');
    // Given a type, the column is compared; the other column's numbers are Evidently's.
    const { result } = await compareCsvFiles({
      referenceFile: tablePath(table.reference),
      currentFile: tablePath(table.current),
      columnTypes: { flag: 'categorical' },
    });
    const x = result.columns.find((c) => c.column === 'x')!;
    expectScore(x.score, table.expected!.columns.x!.score, 'x');
    expect(result.columns.find((c) => c.column === 'flag')!.type).toBe('categorical');
  });

  it('refuses an id column Evidently infers as text unless a type is given', async () => {
    const table = tables.find((t) => t.name === 'ids-with-types')!;
    expect(table.inferredTypes.customer_id).toBe('text');
    const error = await rejection(
      compareCsvFiles({ referenceFile: tablePath(table.reference), currentFile: tablePath(table.current) }),
    );
    expect(error).toMatchObject({
      file: tablePath(table.current),
      column: 'customer_id',
      problem: 'UNSUPPORTED_COLUMN_TYPE',
    });
    expect((error as Error).message).toContain('320 distinct values in 320 non-empty cells');
  });
});

describe('compareCsvFiles on the matchmaking schema', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'compare-csv-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('validates and types files with the schema columns by the schema, with the same result as before', async () => {
    const reference = path.join(dir, 'reference.csv');
    const current = path.join(dir, 'current.csv');
    await writeFile(reference, rowsToCsv(generateMatchmakingRows({ rows: 400, seed: 1 })));
    await writeFile(current, rowsToCsv(generateMatchmakingRows({ rows: 500, seed: 2, drift: 1 })));
    const compared = await compareCsvFiles({ referenceFile: reference, currentFile: current });
    expect(compared.basis).toBe('matchmaking-schema');
    expect(compared.result).toEqual(await compareDatasetFiles(reference, current));
    expect(compared.currentMd5).toBe((await hashFile(current)).md5);
    expect(new Set(Object.values(compared.typeSources))).toEqual(new Set(['schema']));
  });

  it('still refuses a schema file with a value outside the schema, naming line and column', async () => {
    const reference = path.join(dir, 'reference.csv');
    const bad = path.join(dir, 'bad.csv');
    const lines = rowsToCsv(generateMatchmakingRows({ rows: 5, seed: 3 })).split('\n');
    const header = lines[0]!.split(',');
    const cells = lines[3]!.split(',');
    cells[header.indexOf('lawyer_rating')] = '9.5';
    lines[3] = cells.join(',');
    await writeFile(bad, lines.join('\n'));
    const error = await rejection(compareCsvFiles({ referenceFile: reference, currentFile: bad }));
    expect(error).toMatchObject({ file: bad, row: 4, column: 'lawyer_rating', problem: 'OUT_OF_RANGE' });
  });

  it('names the columns that differ when only one file has the schema columns', async () => {
    const reference = path.join(dir, 'reference.csv');
    const other = path.join(dir, 'other.csv');
    await writeFile(other, 'client_age,income\n30,100\n');
    const error = await rejection(compareCsvFiles({ referenceFile: reference, currentFile: other }));
    expect(error).toMatchObject({ file: other, row: 1, problem: 'HEADER_MISMATCH' });
    expect((error as Error).message).toContain('not in the reference: income');
    expect((error as Error).message).toContain('missing here: client_case_type');
  });

  it('reads a column types file, YAML or JSON', async () => {
    const yaml = path.join(dir, 'types.yaml');
    await writeFile(yaml, '# ids as categories\ncolumns:\n  customer_id: cat\n  visits: num\n');
    expect(await readColumnTypesFile(yaml)).toEqual({ customer_id: 'categorical', visits: 'numeric' });
    const json = path.join(dir, 'types.json');
    await writeFile(json, '{"columns": {"grade": "cat"}}');
    expect(await readColumnTypesFile(json)).toEqual({ grade: 'categorical' });
    await expect(readColumnTypesFile(path.join(dir, 'absent.yaml'))).rejects.toThrow(
      'absent.yaml: cannot read the file: it does not exist',
    );
  });
});

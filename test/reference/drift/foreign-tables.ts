/**
 * Loads `foreign-tables.fixture.json`, written by `foreign_tables.py` beside
 * this file (pandas + Evidently on the CSV files in `foreign-tables/`), and
 * validates it, so a stale or hand-edited fixture fails loudly instead of
 * making the assertions vacuous.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/** Folder of this fixture; the tables' paths in it are relative to it. */
export const FOREIGN_TABLES_DIR = __dirname;

// JSON has no NaN or Infinity: the script writes them as strings.
const float = z.union([z.number(), z.enum(['NaN', 'Infinity', '-Infinity'])]).transform((v) => Number(v));

const evidentlyType = z.enum(['numerical', 'categorical', 'text', 'unknown', 'datetime', 'list']);
const pandasDtype = z.string();
const methodName = z.enum(['ks', 'chisquare', 'z', 'wasserstein', 'jensenshannon', 'psi']);

const expected = z.strictObject({
  numerical: z.array(z.string()),
  categorical: z.array(z.string()),
  driftShare: z.number(),
  numberOfColumns: z.number().int(),
  numberOfDriftedColumns: z.number().int(),
  shareOfDriftedColumns: float,
  datasetDrift: z.boolean(),
  columns: z.record(
    z.string(),
    z.strictObject({ method: methodName, score: float, drifted: z.boolean(), threshold: z.number() }),
  ),
});

const table = z.strictObject({
  name: z.string(),
  description: z.string(),
  reference: z.string(),
  current: z.string(),
  md5: z.strictObject({ reference: z.string(), current: z.string() }),
  dtypes: z.strictObject({
    reference: z.record(z.string(), pandasDtype),
    current: z.record(z.string(), pandasDtype),
  }),
  inferredTypes: z.record(z.string(), evidentlyType),
  columnTypes: z.record(z.string(), z.enum(['num', 'cat'])),
  expected: expected.optional(),
  evidentlyError: z.string().optional(),
});

const dtypeCase = z.strictObject({
  csv: z.string(),
  dtype: pandasDtype,
  /**
   * pandas' values: numbers for float64 (null for NaN, strings for infinities), integers as
   * decimal strings (exact beyond 2^53), strings and booleans for object and bool.
   */
  values: z.array(z.union([z.number(), z.string(), z.boolean(), z.null()])),
  evidentlyType,
});

const fixtureSchema = z.strictObject({
  generatedBy: z.string(),
  regenerate: z.string(),
  versions: z.strictObject({
    evidently: z.string(),
    pandas: z.string(),
    numpy: z.string(),
    scipy: z.string(),
    python: z.string(),
  }),
  tables: z.array(table).min(1),
  dtypeCases: z.array(dtypeCase).min(1),
});

/** The whole fixture, decoded. */
export type ForeignTables = z.infer<typeof fixtureSchema>;
/** One pair of CSV files with what pandas and Evidently made of them. */
export type ForeignTable = ForeignTables['tables'][number];
/** One column of cells with the dtype and values `pd.read_csv` gives it. */
export type DtypeCase = ForeignTables['dtypeCases'][number];

let cached: ForeignTables | undefined;

/** Reads and validates the fixture (once per test file). */
export function loadForeignTables(): ForeignTables {
  cached ??= fixtureSchema.parse(
    JSON.parse(readFileSync(path.join(FOREIGN_TABLES_DIR, 'foreign-tables.fixture.json'), 'utf8')),
  );
  return cached;
}

/** Absolute path of one of a table's files. */
export function tablePath(relative: string): string {
  return path.join(FOREIGN_TABLES_DIR, relative);
}

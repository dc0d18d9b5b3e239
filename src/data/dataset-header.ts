/**
 * Checks a dataset header against the schema and maps file columns to schema
 * columns. Column order in the file may differ from the schema's; names must
 * match exactly (no trimming, no case folding: a stray space is a real error
 * that downstream tools would trip over too).
 */
import { DatasetProblem, DatasetValidationError } from './errors';
import { COLUMN_NAMES } from './schema';

/** `Client Age ` → `client_age`: how a near-miss header name is matched to a schema column for a hint. */
function looseName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

/** Why `name` is not a schema column, with a hint when it is one in all but spelling details. */
function extraColumnDetail(name: string): string {
  const loose = looseName(name);
  const near = COLUMN_NAMES.find((column) => column === loose);
  const hint =
    near === undefined
      ? ''
      : ` (did you mean "${near}"? names must match exactly: no spaces, capitals or hyphens)`;
  return `is not a column of the dataset schema${hint}`;
}

/**
 * Returns, for each field of the header in file order, the index of its column
 * in the schema.
 *
 * @param fields - the header's fields
 * @param file - the file name used in error messages
 * @throws DatasetValidationError (line 1) for a blank header, then the first of:
 *   DUPLICATE_COLUMN (in file order), EXTRA_COLUMN (in file order, with a hint for
 *   near misses such as `Client_Age`), MISSING_COLUMN (in schema order)
 */
export function mapHeaderToSchema(fields: readonly string[], file: string): Int32Array {
  const fail = (problem: DatasetProblem, detail: string, column?: string): never => {
    throw new DatasetValidationError({
      file,
      row: 1,
      problem,
      detail,
      ...(column === undefined ? {} : { column }),
    });
  };
  if (fields.length === 1 && fields[0]!.trim() === '') {
    fail(DatasetProblem.MissingColumn, `the header is blank; expected the columns ${COLUMN_NAMES.join(',')}`);
  }

  const firstField = new Map<string, number>();
  fields.forEach((name, i) => {
    const earlier = firstField.get(name);
    if (earlier !== undefined) {
      fail(
        DatasetProblem.DuplicateColumn,
        `appears twice in the header (fields ${earlier + 1} and ${i + 1})`,
        name,
      );
    }
    firstField.set(name, i);
  });

  const schemaIndex = new Map(COLUMN_NAMES.map((name, i) => [name, i]));
  const mapping = new Int32Array(fields.length);
  fields.forEach((name, i) => {
    const index = schemaIndex.get(name);
    if (index === undefined) fail(DatasetProblem.ExtraColumn, extraColumnDetail(name), name);
    mapping[i] = index ?? -1;
  });

  for (const name of COLUMN_NAMES) {
    if (!firstField.has(name)) fail(DatasetProblem.MissingColumn, 'is missing from the header', name);
  }
  return mapping;
}

/**
 * The small file that sets drift column types by name, for `drift compare
 * --column-types <file>`:
 *
 * ```yaml
 * columns:
 *   zip_code: cat
 *   visits: num
 * ```
 *
 * or the same as JSON (`{"columns": {"zip_code": "cat"}}`). One parser reads
 * both: YAML 1.2 is a superset of JSON, and the `yaml` package (eemeli/yaml,
 * no dependencies, YAML 1.2 by default) refuses duplicate keys, so a column
 * typed twice is an error rather than a silent last-wins. The shape is checked
 * with zod.
 */
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { DriftInputError, DriftInputReason } from './errors';
import type { ColumnDriftType } from './method-selection';

/** How a column type is spelled on the command line and in a types file. */
export const COLUMN_TYPE_NAMES = { num: 'numeric', cat: 'categorical' } as const satisfies Record<
  string,
  ColumnDriftType
>;
/** `num` or `cat`. */
export type ColumnTypeName = keyof typeof COLUMN_TYPE_NAMES;

const columnTypeName = z.enum(['num', 'cat'], { error: 'expected "num" or "cat"' });

/** The types file: one object with a `columns` map, nothing else. */
export const columnTypesFileSchema = z.strictObject({
  columns: z.record(z.string().min(1, 'a column name cannot be empty'), columnTypeName),
});

/** The column type a `num` / `cat` name stands for. */
export function columnTypeOfName(name: ColumnTypeName): ColumnDriftType {
  return COLUMN_TYPE_NAMES[name];
}

function invalid(file: string, detail: string): DriftInputError {
  return new DriftInputError(`${file}: ${detail}`, DriftInputReason.InvalidOption);
}

/**
 * Parses a types file's text (YAML or JSON).
 *
 * @param text - the file's content
 * @param file - the file name used in messages
 * @returns column name → type
 * @throws {@link DriftInputError} `invalid-option` naming the file and, for a wrong entry, its path
 *   (`columns.zip_code: expected "num" or "cat"`)
 */
export function parseColumnTypesFile(text: string, file: string): Record<string, ColumnDriftType> {
  let document: unknown;
  try {
    document = parseYaml(text);
  } catch (error) {
    throw invalid(file, `not valid YAML or JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = columnTypesFileSchema.safeParse(document);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ` : '';
    throw invalid(
      file,
      `${where}${issue.message} (expected a "columns" map of column name to num or cat, e.g. columns: {zip_code: cat})`,
    );
  }
  return Object.fromEntries(
    Object.entries(parsed.data.columns).map(([column, name]) => [column, columnTypeOfName(name)]),
  );
}

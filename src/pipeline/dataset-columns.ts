/**
 * The dataset's columns as the drift statistics take them, from a table the
 * loader returned: one read-only array per column, without a copy where the
 * table allows it ({@link columnValues}).
 */
import type { ColumnTable } from 'arquero';
import { COLUMN_NAMES } from '../data';
import type { DatasetColumns } from '../drift';
import { columnValues } from '../features/table-columns';

/** Every dataset column of `table`, by name, for `detectDatasetDrift`. */
export function datasetColumnsOf(table: ColumnTable): DatasetColumns {
  return Object.fromEntries(
    COLUMN_NAMES.map((name) => [name, columnValues(table, name) as DatasetColumns[string]]),
  );
}

/**
 * Reads the prediction log back: the API the drift check (current data from
 * real traffic) and the outcome join (predictions by id) build on.
 */
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import { ColumnKind, FEATURE_COLUMNS } from '../../data/schema';
import type { PredictionLogEntry } from './entry';
import type { PredictionLogStore } from './store';

/** Which entries to read. */
export interface PredictionLogQuery {
  /** First UTC day (`YYYY-MM-DD`), inclusive. @default the earliest */
  readonly from?: string;
  /** Last UTC day, inclusive. @default the latest */
  readonly to?: string;
  /** Only entries computed by these versions. @default all */
  readonly versions?: readonly string[];
}

/** Counts of what a read skipped. */
export interface PredictionLogReadStats {
  /** Lines that were not a whole entry: cut off by a crash or a full disk mid-write. */
  damagedLines: number;
}

function isEntry(value: unknown): value is PredictionLogEntry {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.id === 'string' &&
    typeof v.time === 'string' &&
    typeof v.version === 'string' &&
    typeof v.probability === 'number' &&
    typeof v.input === 'object' &&
    v.input !== null
  );
}

/**
 * Every entry of the query, file by file (each file in the order it was
 * written; files of different server processes one after the other).
 *
 * @param stats - filled with what was skipped
 */
export async function* readPredictionLog(
  store: PredictionLogStore,
  query: PredictionLogQuery = {},
  stats: PredictionLogReadStats = { damagedLines: 0 },
): AsyncGenerator<PredictionLogEntry> {
  const versions = query.versions ? new Set(query.versions) : undefined;
  for (const chunk of await store.list(query.from ?? '0000-00-00', query.to ?? '9999-99-99')) {
    let rest = '';
    const parse = function* (line: string): Generator<PredictionLogEntry> {
      if (line.trim() === '') return;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        stats.damagedLines++;
        return;
      }
      if (!isEntry(value)) stats.damagedLines++;
      else if (!versions || versions.has(value.version)) yield value;
    };
    for await (const text of store.read(chunk)) {
      const lines = (rest + text).split('\n');
      rest = lines.pop()!;
      for (const line of lines) yield* parse(line);
    }
    // A last line without its newline was being written when the process stopped.
    if (rest.trim() !== '') stats.damagedLines++;
  }
}

/** The log as a table: the 14 input columns (dataset types), then the entry's own fields. */
export interface PredictionLogTable {
  /** Columns: every input column of the schema, `prediction_id`, `time`, `model_version`, `arm`, `probability`. */
  readonly table: ColumnTable;
  readonly stats: PredictionLogReadStats;
}

/**
 * Loads the entries of a query into an arquero table whose input columns have
 * the types the dataset loader gives them (numbers as Float64Array), so the
 * drift statistics read it as they read a dataset file.
 */
export async function loadPredictionLogTable(
  store: PredictionLogStore,
  query: PredictionLogQuery = {},
): Promise<PredictionLogTable> {
  const stats: PredictionLogReadStats = { damagedLines: 0 };
  const inputs = FEATURE_COLUMNS.map((spec) => ({ spec, values: [] as (string | number)[] }));
  const ids: string[] = [];
  const times: string[] = [];
  const versions: string[] = [];
  const arms: string[] = [];
  const probabilities: number[] = [];
  for await (const entry of readPredictionLog(store, query, stats)) {
    for (const column of inputs) column.values.push(entry.input[column.spec.name]!);
    ids.push(entry.id);
    times.push(entry.time);
    versions.push(entry.version);
    arms.push(entry.arm);
    probabilities.push(entry.probability);
  }
  const columns: Record<string, ArrayLike<unknown>> = {};
  for (const { spec, values } of inputs) {
    const categorical = spec.kind === ColumnKind.Categorical || spec.kind === ColumnKind.CategoricalSet;
    columns[spec.name] = categorical ? values : Float64Array.from(values as number[]);
  }
  Object.assign(columns, {
    prediction_id: ids,
    time: times,
    model_version: versions,
    arm: arms,
    probability: Float64Array.from(probabilities),
  });
  return { table: aq.table(columns), stats };
}

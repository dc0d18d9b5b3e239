/**
 * A period's logged predictions: the prediction log read for the UTC days the
 * period touches, kept when `start <= time < end`. Also the drift check's
 * current data: the input columns of one version's rows, typed as the dataset
 * loader types them.
 */
import { ColumnKind, FEATURE_COLUMNS } from '../../data/schema';
import type { PredictionLogEntry } from '../../serving/prediction-log/entry';
import { readPredictionLog, type PredictionLogReadStats } from '../../serving/prediction-log/reader';
import type { PredictionLogStore } from '../../serving/prediction-log/store';

/** A monitoring period, `[start, end)`. */
export interface MonitoringWindow {
  readonly start: Date;
  readonly end: Date;
}

/** The period's entries, in log order, and what the read skipped. */
export interface PeriodPredictions {
  readonly entries: readonly PredictionLogEntry[];
  readonly stats: PredictionLogReadStats;
}

/** Reads the predictions logged within the window. */
export async function readPeriodPredictions(
  store: PredictionLogStore,
  window: MonitoringWindow,
): Promise<PeriodPredictions> {
  const stats: PredictionLogReadStats = { damagedLines: 0 };
  const from = window.start.toISOString().slice(0, 10);
  // `end` is exclusive: a period ending at midnight does not read the next day.
  const to = new Date(window.end.getTime() - 1).toISOString().slice(0, 10);
  const startMs = window.start.getTime();
  const endMs = window.end.getTime();
  const entries: PredictionLogEntry[] = [];
  for await (const entry of readPredictionLog(store, { from, to }, stats)) {
    const at = Date.parse(entry.time);
    if (at >= startMs && at < endMs) entries.push(entry);
  }
  return { entries, stats };
}

/** The input columns of `entries` as the drift statistics read a dataset (numbers as Float64Array). */
export function inputColumns(
  entries: readonly PredictionLogEntry[],
): Record<string, ArrayLike<string | number>> {
  const columns: Record<string, ArrayLike<string | number>> = {};
  for (const spec of FEATURE_COLUMNS) {
    const categorical = spec.kind === ColumnKind.Categorical || spec.kind === ColumnKind.CategoricalSet;
    const values = entries.map((e) => e.input[spec.name]!);
    columns[spec.name] = categorical ? values.map(String) : Float64Array.from(values as number[]);
  }
  return columns;
}

/**
 * One logged prediction, as a line of the prediction log.
 *
 * Format: JSON Lines, one object per scored row. Chosen over CSV because each
 * line describes itself (the version that computed it, the route and arm,
 * later fields such as a shadow score) so files written by different server
 * versions read the same, a line cut short by a crash is recognisable and
 * skipped alone, and pandas (`read_json(lines=True)`), DuckDB and `jq` read it
 * as is. The reader here turns it into a table with the dataset's columns for
 * the drift check.
 */
import { FEATURE_COLUMNS } from '../../data/schema';

/** What route answered a prediction. */
export type PredictionRoute = 'v2' | 'tfserving' | 'rank';

/** A logged prediction. */
export interface PredictionLogEntry {
  /** UUIDv7 (time-ordered), returned to the client with the prediction; outcomes are joined on it. */
  readonly id: string;
  /** When the prediction was made (ISO 8601, UTC). */
  readonly time: string;
  readonly model: string;
  /** The model version that computed `probability`. */
  readonly version: string;
  readonly route: PredictionRoute;
  /** How the version was chosen: `production`, `pinned` (the request named it), or an experiment's arm. */
  readonly arm: string;
  /** The request the row came with (v2 `id`, or one generated per request); a rank request's rows share it. */
  readonly request_id: string;
  /** The 14 input columns as the request sent them (after validation), in schema order. */
  readonly input: Readonly<Record<string, string | number>>;
  /** Predicted match probability (the float32 the model computed, as a JSON number). */
  readonly probability: number;
}

/** Input column names in schema order; the log writes them in this order. */
export const LOGGED_INPUT_COLUMNS: readonly string[] = FEATURE_COLUMNS.map((c) => c.name);

/** The UTC day (`YYYY-MM-DD`) of an ISO time; log files are per day. */
export function utcDay(isoTime: string): string {
  return isoTime.slice(0, 10);
}

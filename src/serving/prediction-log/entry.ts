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
  /** Present when the row was part of a shadow or canary experiment: both versions' scores. */
  readonly experiment?: LoggedExperiment;
}

/** A row's experiment fields: both versions scored it, each timed (per request). */
export interface LoggedExperiment {
  readonly id: string;
  /** `shadow` or `canary`. */
  readonly stage: string;
  readonly candidate: string;
  readonly production: string;
  /** Null when the candidate could not score the request (`candidate_error` says why). */
  readonly candidate_probability: number | null;
  readonly production_probability: number;
  /** Scoring time of the whole request (ms) per version; the same on every row of a request. */
  readonly candidate_ms: number | null;
  readonly production_ms: number;
  readonly candidate_error: string | null;
}

/** Input column names in schema order; the log writes them in this order. */
export const LOGGED_INPUT_COLUMNS: readonly string[] = FEATURE_COLUMNS.map((c) => c.name);

/** The UTC day (`YYYY-MM-DD`) of an ISO time; log files are per day. */
export function utcDay(isoTime: string): string {
  return isoTime.slice(0, 10);
}

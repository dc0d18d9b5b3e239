/**
 * Where a {@link RunStore} keeps its records: the seam between the store's
 * rules (validation, idempotent start, epochs in order, merge on finish) and
 * how one backend makes a record's writes safe under concurrent writers.
 * Two backends: local files under a per-run lock (file-run-records.ts, the
 * default) and an artifact store with conditional writes (store-run-records.ts,
 * a bucket shared by machines with no common disk).
 */
import type { RunRecord } from './run-record';

/** How records are created, read and updated in one place. */
export interface RunRecordsBackend {
  /** Where the records are, for messages: a folder or `s3://bucket/prefix/tracking/runs`. */
  readonly location: string;
  /** Stores `record` only if no record has its id; false (nothing written) when one has. */
  create(record: RunRecord): Promise<boolean>;
  /**
   * The record with that id, or undefined when there is none.
   *
   * @throws TrackingError INVALID_RECORD when the stored record is damaged
   */
  read(id: string): Promise<RunRecord | undefined>;
  /**
   * Replaces a record with `apply(current)`, such that two concurrent updates
   * are applied one after the other and neither is lost; `apply` may run more
   * than once and must be a pure function of its argument.
   *
   * @throws TrackingError RUN_NOT_FOUND; whatever `apply` throws
   */
  update(id: string, apply: (current: RunRecord) => RunRecord): Promise<RunRecord>;
  /** Every record, in no particular order. @throws TrackingError INVALID_RECORD */
  readAll(): Promise<RunRecord[]>;
}

/** A record as stored: pretty JSON with a final newline, readable with `jq` or an editor. */
export function serializeRunRecord(record: RunRecord): string {
  return `${JSON.stringify(record, null, 2)}\n`;
}

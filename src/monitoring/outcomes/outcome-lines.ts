/**
 * What both outcome stores share (the folder's `outcomes.jsonl` and the
 * bucket's batch objects): the stored line format, the first-wins decision of
 * a batch, and the interface the server, the CLI and the activities use.
 */
import type { Outcome, StoredOutcome } from './outcome';

/** Which prediction ids exist (in the prediction log); the rest are reported as unknown. */
export type KnownPredictionIds = (ids: readonly string[]) => Promise<ReadonlySet<string>>;

/** What happened to one outcome that was not stored. */
export interface OutcomeProblem {
  readonly predictionId: string;
  /** The CSV line or body item (1-based), when known. */
  readonly position?: number;
  /** For a conflict: the value stored first. */
  readonly stored?: 0 | 1;
  readonly received?: 0 | 1;
}

/** What a batch of outcomes did to the store. */
export interface RecordOutcomesResult {
  readonly received: number;
  /** Newly stored. */
  readonly stored: number;
  /** Already stored with the same value: nothing to do. */
  readonly duplicates: number;
  /** Already stored with the other value: not stored. */
  readonly conflicts: readonly OutcomeProblem[];
  /** No logged prediction has this id: not stored. */
  readonly unknown: readonly OutcomeProblem[];
}

/** One outcome to record and where it came from. */
export interface OutcomeToRecord {
  readonly outcome: Outcome;
  readonly position?: number;
}

/** The outcomes stored after a position, and the position after them (see {@link OutcomeStore.readSince}). */
export interface OutcomesSince {
  readonly outcomes: readonly StoredOutcome[];
  readonly position: number;
  /** Lines skipped because they were not whole outcomes. */
  readonly damagedLines: number;
}

/** Where a project's match outcomes are kept. */
export interface OutcomeStore {
  /** Where, for messages: a file path or `s3://…`. */
  readonly location: string;
  /** Lines skipped so far because they were not whole outcomes. */
  readonly damagedLines: number;
  /** Every stored outcome by prediction id (the first stored for each id). */
  all(): Promise<ReadonlyMap<string, StoredOutcome>>;
  /**
   * Stores the outcomes that are new, in order, and reports the rest.
   *
   * @param known - which ids exist; outcomes of other ids are reported and not stored
   * @param source - `http` or `csv:<file>`, kept with each stored outcome
   */
  record(
    batch: readonly OutcomeToRecord[],
    known: KnownPredictionIds,
    source: string,
  ): Promise<RecordOutcomesResult>;
  /**
   * What was stored after `position` (0: from the start), in storage order,
   * whole outcomes only; the same position always gives the same outcomes.
   * Positions are bytes of the file, or batch objects in a bucket.
   */
  readSince(position: number): Promise<OutcomesSince>;
}

interface StoredLine {
  prediction_id: string;
  match_success: 0 | 1;
  observed_at: string | null;
  recorded_at: string;
  source: string;
}

/** One stored outcome as its JSON line (no newline). */
export function outcomeLine(o: StoredOutcome): string {
  return JSON.stringify({
    prediction_id: o.predictionId,
    match_success: o.matchSuccess,
    observed_at: o.observedAt,
    recorded_at: o.recordedAt,
    source: o.source,
  } satisfies StoredLine);
}

/** A stored line, or undefined when it is not a whole outcome. */
export function parseOutcomeLine(line: string): StoredOutcome | undefined {
  try {
    const v = JSON.parse(line) as Partial<StoredLine>;
    if (typeof v.prediction_id !== 'string' || (v.match_success !== 0 && v.match_success !== 1))
      return undefined;
    return {
      predictionId: v.prediction_id,
      matchSuccess: v.match_success,
      observedAt: typeof v.observed_at === 'string' ? v.observed_at : null,
      recordedAt: typeof v.recorded_at === 'string' ? v.recorded_at : '',
      source: typeof v.source === 'string' ? v.source : '',
    };
  } catch {
    return undefined;
  }
}

/** A batch decided against what is stored: what to store and what to report. */
export interface DecidedBatch {
  readonly accepted: readonly StoredOutcome[];
  readonly result: RecordOutcomesResult;
}

/**
 * First wins: an id already stored (or earlier in the batch) is a duplicate
 * when the value is the same and a conflict when it is not; an unknown id is
 * reported; the rest are accepted, stamped with `recordedAt` and `source`.
 */
export function decideBatch(
  batch: readonly OutcomeToRecord[],
  stored: ReadonlyMap<string, StoredOutcome>,
  knownIds: ReadonlySet<string>,
  recordedAt: string,
  source: string,
): DecidedBatch {
  const accepted = new Map<string, StoredOutcome>();
  const conflicts: OutcomeProblem[] = [];
  const unknown: OutcomeProblem[] = [];
  let duplicates = 0;
  for (const { outcome, position } of batch) {
    const id = outcome.predictionId;
    const where = position === undefined ? {} : { position };
    const previous = stored.get(id) ?? accepted.get(id);
    if (previous) {
      if (previous.matchSuccess === outcome.matchSuccess) duplicates++;
      else
        conflicts.push({
          predictionId: id,
          ...where,
          stored: previous.matchSuccess,
          received: outcome.matchSuccess,
        });
    } else if (!knownIds.has(id)) {
      unknown.push({ predictionId: id, ...where });
    } else {
      accepted.set(id, { ...outcome, recordedAt, source });
    }
  }
  return {
    accepted: [...accepted.values()],
    result: { received: batch.length, stored: accepted.size, duplicates, conflicts, unknown },
  };
}

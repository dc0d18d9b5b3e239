/**
 * Joins logged predictions with their outcomes by prediction id. Works on any
 * stream of entries shaped like the serving side's prediction log, so it does
 * not depend on how the log is stored.
 */
import type { StoredOutcome } from './outcome';

/** What the join needs of a logged prediction (a subset of the serving log's entry). */
export interface LoggedPrediction {
  readonly id: string;
  /** ISO time of the prediction. */
  readonly time: string;
  /** The model version that computed `probability`. */
  readonly version: string;
  readonly probability: number;
  readonly input: Readonly<Record<string, string | number>>;
}

/** A prediction whose outcome is known. */
export interface LabelledPrediction<P extends LoggedPrediction = LoggedPrediction> {
  readonly prediction: P;
  readonly outcome: StoredOutcome;
}

/** The join's result. */
export interface OutcomeJoin<P extends LoggedPrediction = LoggedPrediction> {
  readonly labelled: Array<LabelledPrediction<P>>;
  /** Predictions without an outcome (yet). */
  readonly unlabelled: number;
}

/**
 * Pairs each prediction with its outcome. A prediction logged twice (never
 * expected; a replayed log file) is counted once.
 */
export async function joinOutcomes<P extends LoggedPrediction>(
  predictions: AsyncIterable<P> | Iterable<P>,
  outcomes: ReadonlyMap<string, StoredOutcome>,
): Promise<OutcomeJoin<P>> {
  const seen = new Set<string>();
  const labelled: Array<LabelledPrediction<P>> = [];
  let unlabelled = 0;
  for await (const prediction of predictions) {
    const id = prediction.id.toLowerCase();
    if (seen.has(id)) continue;
    seen.add(id);
    const outcome = outcomes.get(id);
    if (outcome) labelled.push({ prediction, outcome });
    else unlabelled++;
  }
  return { labelled, unlabelled };
}

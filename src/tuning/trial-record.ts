/**
 * What the samplers and the pruner know about a finished trial. A study's
 * state is the list of these records: a sampler suggests from it and nothing
 * else, so a resumed or continued study suggests what an uninterrupted one would.
 */
import type { ParamValue } from './distributions';

/** How a trial ended (Optuna's `TrialState` minus RUNNING and WAITING). */
export const TrialState = {
  Complete: 'complete',
  Pruned: 'pruned',
  Failed: 'failed',
} as const;
/** One of {@link TrialState}. */
export type TrialState = (typeof TrialState)[keyof typeof TrialState];

/** A finished trial. */
export interface FinishedTrial {
  /** 0-based, in the order trials were suggested. */
  readonly number: number;
  readonly state: TrialState;
  /** Parameters the trial ran with (conditional ones only where they apply). */
  readonly params: Readonly<Record<string, ParamValue>>;
  /** The objective (validation ROC AUC at the best epoch); absent unless complete. */
  readonly value?: number;
  /**
   * Intermediate values by step: `intermediate[i]` is step `i + 1` (epoch i + 1's
   * validation ROC AUC); null where the value was not a number.
   */
  readonly intermediate: readonly (number | null)[];
}

/** Early stopping on validation ROC AUC, as a pure state update (so it can be checkpointed). */

/** Early-stopping counters; part of every checkpoint. */
export interface EarlyStoppingState {
  /** Epoch with the best validation ROC AUC so far; 0 before the first finite one. */
  readonly bestEpoch: number;
  /** That ROC AUC; null before the first finite one. */
  readonly bestValRocAuc: number | null;
  /** Epochs since the last improvement. */
  readonly epochsWithoutImprovement: number;
}

/** The state before epoch 1. */
export const INITIAL_EARLY_STOPPING: EarlyStoppingState = {
  bestEpoch: 0,
  bestValRocAuc: null,
  epochsWithoutImprovement: 0,
};

/**
 * Records `valRocAuc` of `epoch`. An epoch improves when its AUC exceeds the
 * best so far by more than `minDelta` (Keras' `EarlyStopping` rule); a NaN AUC
 * never improves. Training stops after `patience` epochs without improvement.
 */
export function updateEarlyStopping(
  state: EarlyStoppingState,
  epoch: number,
  valRocAuc: number,
  options: { readonly patience: number; readonly minDelta: number },
): { state: EarlyStoppingState; improved: boolean; stop: boolean } {
  const improved =
    Number.isFinite(valRocAuc) &&
    (state.bestValRocAuc === null || valRocAuc > state.bestValRocAuc + options.minDelta);
  const next: EarlyStoppingState = improved
    ? { bestEpoch: epoch, bestValRocAuc: valRocAuc, epochsWithoutImprovement: 0 }
    : { ...state, epochsWithoutImprovement: state.epochsWithoutImprovement + 1 };
  return { state: next, improved, stop: next.epochsWithoutImprovement >= options.patience };
}

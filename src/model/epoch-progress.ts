/** What training reports after every epoch; also the entries of the training history. */
export interface EpochProgress {
  /** 1-based epoch number. */
  readonly epoch: number;
  /** `params.epochs`: the most epochs this run can take. */
  readonly maxEpochs: number;
  /** Mean training loss of the epoch: class-weighted binary cross-entropy plus the L2 penalty. */
  readonly loss: number;
  /** Unweighted binary cross-entropy (log loss) on the validation rows. */
  readonly valLoss: number;
  /** ROC AUC on the validation rows. */
  readonly valRocAuc: number;
  /** Best `valRocAuc` so far (early-stopping reference). */
  readonly bestValRocAuc: number;
  /** Epoch of `bestValRocAuc`; its weights are the ones a finished run returns. */
  readonly bestEpoch: number;
  /** Wall time spent training up to the end of this epoch, summed over resumed runs. */
  readonly elapsedMs: number;
}

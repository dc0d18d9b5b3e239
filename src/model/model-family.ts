/**
 * Model families. Both are tfjs layers models over the same engineered
 * features, trained by the same loop, saved in the same files and scored by
 * the same code; they differ only in their hidden layers:
 *
 * - `dnn`: the production network (ReLU layers with dropout);
 * - `logreg`: no hidden layer — a sigmoid over a linear function of the
 *   features, i.e. an L2-regularised logistic regression fitted by Adam on the
 *   (optionally class-weighted) log loss. The baseline every comparison should
 *   carry: on the bundled data it reaches about the DNN's held-out ROC AUC.
 */
import type { TrainingParams } from './training-params';

/** The families. */
export const MODEL_FAMILIES = ['dnn', 'logreg'] as const;
/** One of {@link MODEL_FAMILIES}. */
export type ModelFamily = (typeof MODEL_FAMILIES)[number];

/** The family of a parameter set: `logreg` when it has no hidden layer. */
export function modelFamilyOf(params: Pick<TrainingParams, 'hiddenUnits'>): ModelFamily {
  return params.hiddenUnits.length === 0 ? 'logreg' : 'dnn';
}

/** Parameter overrides that turn the default DNN into the logistic-regression baseline. */
export const LOGISTIC_REGRESSION: Pick<TrainingParams, 'hiddenUnits' | 'dropoutRate'> = {
  hiddenUnits: [],
  dropoutRate: 0,
};

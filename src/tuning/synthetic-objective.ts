/**
 * A documented synthetic objective over the default search space's
 * parameters, shaped like a validation ROC AUC surface: a smooth optimum at
 * learning rate ≈ 3e-3, L2 ≈ 1e-4, batch 128, balanced class weights, and a
 * DNN of two layers of ~64 units with dropout 0.2 beating the logistic
 * regression by 0.015. Its maximum is 0.849. The same formula is written in
 * Python in `test/reference/tuning/optuna_reference.py` and
 * `bench/python/tpe_optuna.py`, so our TPE and Optuna's are compared on it
 * without training anything.
 */
import type { ParamValue } from './distributions';

/** The objective's value for a trial's parameters (higher is better). */
export function syntheticObjective(params: Readonly<Record<string, ParamValue>>): number {
  const num = (name: string, fallback: number): number => {
    const v = params[name];
    return typeof v === 'number' ? v : fallback;
  };
  let value = 0.8;
  value -= 0.03 * (Math.log10(num('learningRate', 1e-3)) + 2.5) ** 2;
  value -= 0.004 * (Math.log10(num('l2', 1e-4)) + 4) ** 2;
  value -= 0.002 * (Math.log2(num('batchSize', 256)) - 7) ** 2;
  if (params.classWeighting === 'balanced') value += 0.004;
  if (params.modelFamily === 'logreg') return value + 0.03;
  const layers = num('layers', 2);
  let unitsPenalty = 0;
  for (let layer = 1; layer <= layers; layer++)
    unitsPenalty += (Math.log2(num(`units_l${layer}`, 64)) - 6) ** 2;
  return (
    value +
    0.045 -
    0.01 * (layers - 2) ** 2 -
    (0.0015 * unitsPenalty) / layers -
    0.06 * (num('dropout', 0.2) - 0.2) ** 2
  );
}

/**
 * The sampled fast path: a KernelSHAP estimate of the same Shapley values that
 * exact-shapley.ts computes, from a budget of coalitions (kernel-sampling.ts)
 * and the constrained weighted regression (constrained-wls.ts). Each sampled
 * coalition's value is the exact mean over the background, so the only error is
 * the sampling of coalitions; the attributions always sum to f(x) − E[f].
 *
 * As in shap, only columns where the explained row differs from some background
 * row are players (the others are null players with attribution 0). A hybrid row
 * depends only on which of b's differing columns come from x, so a coalition
 * that a background row cannot tell apart from another is scored once.
 */
import type * as tf from '@tensorflow/tfjs';
import type { CoalitionEncoder } from './coalition-encoder';
import { solveConstrainedWls } from './constrained-wls';
import type { ShapleyResult } from './exact-shapley';
import { EXPLAINED_COLUMNS, columnsOfMask } from './explained-columns';
import { planCoalitions } from './kernel-sampling';
import { scoreGeneratedRows } from './score-rows';

/** Options of {@link kernelShap}. */
export interface KernelShapOptions {
  /** Coalitions to evaluate (capped at 2^M − 2, when the estimate is exact). */
  readonly samples: number;
  /** Seed of the coalition draws. */
  readonly seed: number;
  /** Rows per forward pass. */
  readonly chunkRows?: number;
}

/** A KernelSHAP estimate of the explained row of `encoder`. */
export function kernelShap(
  model: tf.LayersModel,
  featureNames: readonly string[],
  encoder: CoalitionEncoder,
  options: KernelShapOptions,
): ShapleyResult {
  const B = encoder.backgroundSize;
  const F = encoder.featureCount;
  let varying = 0;
  for (let b = 0; b < B; b++) varying |= encoder.differing[b]!;
  const players = columnsOfMask(varying);
  const plan = planCoalitions(players.length, options.samples, options.seed);
  const toColumns = (local: number): number => {
    let mask = 0;
    for (let i = 0; i < players.length; i++) if ((local >> i) & 1) mask |= 1 << players[i]!;
    return mask;
  };

  // Rows to score: 0 is the explained row, 1 … B the background rows (the empty
  // coalition), then one per distinct (background row, columns it takes from x).
  const rowMasks: number[] = [];
  const rowBackground: number[] = [];
  const rowOf = new Int32Array(plan.masks.length * B);
  const seen: Map<number, number>[] = Array.from({ length: B }, () => new Map<number, number>());
  plan.masks.forEach((local, s) => {
    const mask = toColumns(local);
    for (let b = 0; b < B; b++) {
      const key = mask & encoder.differing[b]!;
      let row: number;
      if (key === 0) row = 1 + b;
      else if (key === encoder.differing[b]) row = 0;
      else {
        const known = seen[b]!.get(key);
        if (known !== undefined) row = known;
        else {
          row = 1 + B + rowMasks.length;
          rowMasks.push(key);
          rowBackground.push(b);
          seen[b]!.set(key, row);
        }
      }
      rowOf[s * B + b] = row;
    }
  });

  const probabilities = scoreGeneratedRows(
    model,
    featureNames,
    1 + B + rowMasks.length,
    (start, count, out) => {
      for (let r = start; r < start + count; r++) {
        const at = (r - start) * F;
        if (r === 0) out.set(encoder.explainedRow, at);
        else if (r <= B) out.set(encoder.backgroundRows.subarray((r - 1) * F, r * F), at);
        else encoder.writeRow(rowMasks[r - 1 - B]!, rowBackground[r - 1 - B]!, out, at);
      }
    },
    options.chunkRows,
  );

  const prediction = probabilities[0]!;
  let baseValue = 0;
  for (let b = 0; b < B; b++) baseValue += probabilities[1 + b]! / B;
  const values = plan.masks.map((_, s) => {
    let sum = 0;
    for (let b = 0; b < B; b++) sum += probabilities[rowOf[s * B + b]!]!;
    return sum / B;
  });
  const phi = solveConstrainedWls(players.length, plan.masks, plan.weights, values, baseValue, prediction);
  const attributions = new Float64Array(EXPLAINED_COLUMNS.length);
  players.forEach((column, i) => (attributions[column] = phi[i]!));
  return {
    attributions,
    baseValue,
    prediction,
    coalitions: plan.masks.length,
    modelRows: 1 + B + rowMasks.length,
  };
}

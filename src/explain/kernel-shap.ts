/**
 * The sampled fast path: a KernelSHAP estimate of the Shapley values that
 * exact-shapley.ts computes.
 *
 * Shapley values are linear in the game, so φ(v) = mean over background rows b
 * of φ(v_b), v_b(S) = f(x on S, b elsewhere), and v_b's players are only the
 * columns where b differs from x (the others are null players). Each v_b is
 * estimated by KernelSHAP as shap does it — its coalition plan
 * (kernel-sampling.ts: outer sizes enumerated, the rest drawn with paired
 * sampling under the Shapley kernel) and its constrained weighted regression
 * (constrained-wls.ts), so φ(v_b) sums to f(x) − f(b) — with its own seed. A
 * background row that differs in few columns is enumerated exactly within the
 * budget (2^d − 2 ≤ samples), and the others' sampling errors are independent,
 * so they shrink when averaged over the background. Against one shared
 * coalition sample for the mean game (shap's own scheme), the same number of
 * model rows gives about an eighth of the error on the fixture model
 * (kernel-shap.test.ts); the attributions still sum to f(x) − E[f].
 */
import { deriveSeed } from '../model/seeds';
import type { CoalitionEncoder } from './coalition-encoder';
import { solveConstrainedWls } from './constrained-wls';
import type { ShapleyResult } from './exact-shapley';
import { EXPLAINED_COLUMNS, columnsOfMask } from './explained-columns';
import { planCoalitions, type CoalitionPlan } from './kernel-sampling';
import { scoreGeneratedRows, type MatrixPredictor } from './score-rows';

/** Options of {@link kernelShap}. */
export interface KernelShapOptions {
  /** Coalitions per background row (a row differing in d columns needs at most 2^d − 2: then it is exact). */
  readonly samples: number;
  /** Seed of the coalition draws (each background row draws with a seed derived from it). */
  readonly seed: number;
  /** Rows per forward pass. */
  readonly chunkRows?: number;
}

/** Maps a coalition over a background row's players to a mask over the explained columns. */
function toColumns(local: number, players: readonly number[]): number {
  let mask = 0;
  for (let i = 0; i < players.length; i++) if ((local >> i) & 1) mask |= 1 << players[i]!;
  return mask;
}

/** A KernelSHAP estimate for the explained row of `encoder`. */
export function kernelShap(
  predict: MatrixPredictor,
  featureNames: readonly string[],
  encoder: CoalitionEncoder,
  options: KernelShapOptions,
): ShapleyResult {
  const B = encoder.backgroundSize;
  const F = encoder.featureCount;
  const players = Array.from(encoder.differing, columnsOfMask);
  const plans: CoalitionPlan[] = players.map((p, b) =>
    planCoalitions(p.length, options.samples, deriveSeed(options.seed, b)),
  );
  // Row 0: the explained row (every full coalition); rows 1 … B: the background rows
  // (every empty one); then each background row's planned coalitions.
  const offsets = new Int32Array(B + 1);
  offsets[0] = 1 + B;
  for (let b = 0; b < B; b++) offsets[b + 1] = offsets[b]! + plans[b]!.masks.length;
  const rowCount = offsets[B]!;

  const probabilities = scoreGeneratedRows(
    predict,
    featureNames,
    rowCount,
    (start, count, out) => {
      let b = 0;
      for (let r = start; r < start + count; r++) {
        const at = (r - start) * F;
        if (r === 0) out.set(encoder.explainedRow, at);
        else if (r <= B) out.set(encoder.backgroundRows.subarray((r - 1) * F, r * F), at);
        else {
          while (r >= offsets[b + 1]!) b++;
          encoder.writeRow(toColumns(plans[b]!.masks[r - offsets[b]!]!, players[b]!), b, out, at);
        }
      }
    },
    options.chunkRows,
  );

  const prediction = probabilities[0]!;
  const attributions = new Float64Array(EXPLAINED_COLUMNS.length);
  let baseValue = 0;
  let coalitions = 0;
  for (let b = 0; b < B; b++) {
    const background = probabilities[1 + b]!;
    baseValue += background / B;
    const plan = plans[b]!;
    const cols = players[b]!;
    coalitions += plan.masks.length;
    const values = probabilities.subarray(offsets[b], offsets[b + 1]);
    const phi = solveConstrainedWls(cols.length, plan.masks, plan.weights, values, background, prediction);
    cols.forEach((column, i) => (attributions[column]! += phi[i]! / B));
  }
  return { attributions, baseValue, prediction, coalitions, modelRows: rowCount };
}

import type { GlobalImportance } from '../explain/global-importance';
import { EXPLAINED_COLUMNS } from '../explain/explained-columns';
import { createRng } from '../data/random';

/** Held-out rows scored by two models, for report tests and the screenshot. */
export interface SyntheticEvaluation {
  readonly labels: Uint8Array;
  /** A better-separating model. */
  readonly candidate: Float64Array;
  /** A weaker, slightly over-confident model on the same rows. */
  readonly production: Float64Array;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/**
 * Seeded synthetic scores: about a quarter of rows are matches, and each
 * model's logit is a class offset plus Gaussian noise (a binormal ROC), so the
 * candidate's ROC AUC is about 0.90 and production's about 0.82.
 */
export function syntheticEvaluation(rows: number, seed = 7): SyntheticEvaluation {
  const rng = createRng(seed);
  const labels = new Uint8Array(rows);
  const candidate = new Float64Array(rows);
  const production = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    const label = rng.next() < 0.25 ? 1 : 0;
    labels[i] = label;
    candidate[i] = sigmoid(-1.9 + 2.0 * label + 1.2 * rng.normal());
    production[i] = sigmoid(-1.6 + 1.8 * label + 1.5 * rng.normal());
  }
  return { labels, candidate, production };
}

/**
 * Seeded global importance of a model over the 14 raw columns, for report tests;
 * `shift` moves importance from the lawyer's specialisation to the distance, as a
 * retrained model might.
 */
export function syntheticImportance(seed: number, shift = 0): GlobalImportance {
  const rng = createRng(seed);
  const mean = EXPLAINED_COLUMNS.map((column) => {
    const base = column === 'lawyer_specialization' ? 0.12 - shift : column === 'distance_km' ? 0.02 + shift : 0;
    return base + 0.03 * rng.next() - 0.004;
  });
  return {
    columns: EXPLAINED_COLUMNS,
    permutation: {
      scoring: 'roc_auc',
      rowCount: 1500,
      nRepeats: 5,
      seed: 0,
      baselineScore: 0.85,
      mean,
      std: mean.map(() => 0.002 + 0.006 * rng.next()),
    },
    meanAbsAttribution: {
      rowCount: 100,
      method: 'sampled',
      values: mean.map((m) => Math.max(0, m * 0.8 + 0.01 * rng.next())),
    },
  };
}

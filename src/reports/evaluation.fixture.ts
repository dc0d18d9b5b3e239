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

/**
 * The ground truth behind `match_success`: a logistic model of the pair's
 * features, with non-linear terms and interactions so that a DNN has something
 * to learn beyond a linear model, and with noise so that it cannot be perfect.
 *
 * The coefficients were tuned by hand (see data/README.md) so that about a third
 * of the pairs succeed and the true probabilities rank pairs with a ROC AUC of
 * about 0.86; a model fitted on 10,000 rows gets 0.83–0.85.
 */
import type { MatchFeatures } from './population';
import type { Rng } from './random';

/** Intercept: sets the positive rate (about 36 % at drift 0). */
const INTERCEPT = -4.1;
/** Standard deviation of the unobserved part of the logit (the client's and lawyer's circumstances we never see). */
const LATENT_NOISE_SD = 0.5;

function isUrgent(features: MatchFeatures): boolean {
  return features.client_urgency === 'high' || features.client_urgency === 'critical';
}

function speaksClientLanguage(features: MatchFeatures): boolean {
  return features.lawyer_languages.split('|').includes(features.client_language);
}

/**
 * The observable part of the logit of a successful match. Terms, in words:
 * - a specialist in the case type helps a lot, more for criminal and immigration law;
 * - a shared language helps;
 * - experience helps with diminishing returns (the first years matter most);
 * - a rating above 4 helps, below 3.6 hurts (a hinge, not a line);
 * - caseload hurts, three times as much when the case is urgent;
 * - pro-bono lawyers help poor clients and not the others;
 * - distance hurts on a log scale, twice as much when the case is urgent.
 */
export function matchLogit(features: MatchFeatures): number {
  const urgent = isUrgent(features);
  const poor = features.client_income_bracket === 'below_poverty' || features.client_income_bracket === 'low';
  let logit = INTERCEPT;
  if (features.lawyer_specialization === features.client_case_type) {
    const demanding = features.client_case_type === 'criminal' || features.client_case_type === 'immigration';
    logit += demanding ? 3.2 : 2.4;
  }
  if (speaksClientLanguage(features)) logit += 1.5;
  logit += 1.8 * (1 - Math.exp(-features.lawyer_years_experience / 6));
  logit += 1.8 * Math.max(0, features.lawyer_rating - 4) - 1.2 * Math.max(0, 3.6 - features.lawyer_rating);
  logit -= features.lawyer_caseload * (urgent ? 0.055 : 0.018);
  if (features.lawyer_pro_bono === 1) logit += poor ? 1.2 : -0.15;
  logit -= Math.log1p(features.distance_km / 10) * (urgent ? 0.75 : 0.35);
  if (features.client_urgency === 'critical') logit -= 0.3;
  return logit;
}

/** The probability of success given the observable features alone (the latent noise integrated out approximately). */
export function matchProbability(features: MatchFeatures): number {
  // Probit-style correction: E[sigmoid(x + e)], e ~ N(0, s²) ≈ sigmoid(x / sqrt(1 + π s² / 8)).
  const scale = Math.sqrt(1 + (Math.PI * LATENT_NOISE_SD * LATENT_NOISE_SD) / 8);
  return 1 / (1 + Math.exp(-matchLogit(features) / scale));
}

/** Draws the label: the observable logit plus latent noise, then a Bernoulli draw. */
export function drawMatchLabel(features: MatchFeatures, rng: Rng): 0 | 1 {
  const logit = matchLogit(features) + LATENT_NOISE_SD * rng.normal();
  return rng.next() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
}

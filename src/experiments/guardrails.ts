/**
 * The guardrails, judged on a window of candidate traffic: the candidate's
 * error rate, its p99 scoring latency against production's, and its score
 * distribution against production's on the same rows (the project's drift
 * statistic, Jensen–Shannon distance, with Evidently's threshold). Any breach
 * rolls the experiment back.
 */
import { jensenShannonDistance } from '../drift/jensen-shannon';
import type { TrafficWindow } from './batch';
import { latencyQuantile } from './latency-histogram';
import { histogramTotal } from './score-histogram';
import type { GuardrailSettings } from './settings';

/** The guardrails by name. */
export const Guardrail = {
  ErrorRate: 'error_rate',
  LatencyP99: 'latency_p99',
  ScoreDrift: 'score_drift',
} as const;
export type Guardrail = (typeof Guardrail)[keyof typeof Guardrail];

/** One guardrail that a window broke. */
export interface GuardrailBreach {
  readonly guardrail: Guardrail;
  readonly value: number;
  readonly limit: number;
  /** A sentence for people: what was measured against what. */
  readonly message: string;
}

/** The guardrails' reading of one window. */
export interface GuardrailReport {
  readonly candidateRequests: number;
  readonly candidateErrors: number;
  readonly errorRate: number;
  readonly candidateP99Ms: number | null;
  readonly productionP99Ms: number | null;
  /** Jensen–Shannon distance of the two versions' scores on the same rows; null without such rows. */
  readonly scoreDrift: number | null;
  readonly scoredRows: number;
  readonly breaches: readonly GuardrailBreach[];
}

/** Whether a window holds enough candidate traffic to be judged. */
export function windowIsFull(window: TrafficWindow, settings: GuardrailSettings): boolean {
  return window.candidateRequests >= settings.windowRows;
}

/** Judges a window against the limits. */
export function judgeGuardrails(window: TrafficWindow, settings: GuardrailSettings): GuardrailReport {
  const breaches: GuardrailBreach[] = [];
  const errorRate = window.candidateRequests === 0 ? 0 : window.candidateErrors / window.candidateRequests;
  if (errorRate > settings.maxErrorRate) {
    breaches.push({
      guardrail: Guardrail.ErrorRate,
      value: errorRate,
      limit: settings.maxErrorRate,
      message: `the candidate failed ${window.candidateErrors} of ${window.candidateRequests} requests (${pct(errorRate)} > ${pct(settings.maxErrorRate)})`,
    });
  }
  const candidateP99Ms = latencyQuantile(window.candidateLatency, 0.99);
  const productionP99Ms = latencyQuantile(window.productionLatency, 0.99);
  if (candidateP99Ms !== null && productionP99Ms !== null) {
    const limit = productionP99Ms * settings.maxLatencyRatio + settings.latencySlackMs;
    if (candidateP99Ms > limit) {
      breaches.push({
        guardrail: Guardrail.LatencyP99,
        value: candidateP99Ms,
        limit,
        message: `the candidate's p99 scoring time is ${ms(candidateP99Ms)}, over ${settings.maxLatencyRatio} × production's ${ms(productionP99Ms)} + ${ms(settings.latencySlackMs)}`,
      });
    }
  }
  const scoredRows = Math.min(
    histogramTotal(window.candidateScores),
    histogramTotal(window.productionScores),
  );
  const scoreDrift =
    scoredRows > 0 ? jensenShannonDistance(window.candidateScores, window.productionScores) : null;
  if (scoreDrift !== null && scoreDrift >= settings.maxScoreDrift) {
    breaches.push({
      guardrail: Guardrail.ScoreDrift,
      value: scoreDrift,
      limit: settings.maxScoreDrift,
      message: `the candidate's scores drifted from production's on the same ${scoredRows} rows (Jensen–Shannon distance ${scoreDrift.toFixed(3)} ≥ ${settings.maxScoreDrift})`,
    });
  }
  return {
    candidateRequests: window.candidateRequests,
    candidateErrors: window.candidateErrors,
    errorRate,
    candidateP99Ms,
    productionP99Ms,
    scoreDrift,
    scoredRows,
    breaches,
  };
}

function pct(share: number): string {
  return `${(share * 100).toFixed(share < 0.1 ? 2 : 1)} %`;
}

function ms(value: number): string {
  return `${value.toFixed(value < 10 ? 2 : 0)} ms`;
}

/**
 * What one batch of an experiment brings: guardrail evidence from the
 * traffic logged since the last batch, and the outcomes that arrived since,
 * joined to their predictions per arm. Only counts, sums and fixed-size
 * histograms: a batch is a few hundred numbers however much traffic it covers.
 */
import { emptyLatencyHistogram, type LatencyHistogram } from './latency-histogram';
import { EMPTY_SUMS, mergeSums, type RunningSums } from './running-sums';
import { addHistograms, emptyScoreHistogram, type ScoreHistogram } from './score-histogram';

/** Guardrail evidence from a stretch of experiment traffic. */
export interface TrafficWindow {
  /** Requests the candidate was asked to score (to answer, or in the shadow). */
  readonly candidateRequests: number;
  /** Of those, the ones it could not score (not loadable, failed): production answered instead. */
  readonly candidateErrors: number;
  /** Scoring time per request, candidate and production. */
  readonly candidateLatency: LatencyHistogram;
  readonly productionLatency: LatencyHistogram;
  /** Scores of the rows both versions scored, per version. */
  readonly candidateScores: ScoreHistogram;
  readonly productionScores: ScoreHistogram;
}

/** Outcome sums per arm. */
export interface ArmSums {
  readonly candidate: RunningSums;
  readonly production: RunningSums;
}

/** Sums of the outcomes joined in a batch (or so far). */
export interface OutcomeSums {
  /** Canary rows with an outcome, by the arm that answered: 0/1 match success. */
  readonly success: ArmSums;
  /** Canary rows with an outcome, by the arm that answered: the answer's log loss. */
  readonly logLoss: ArmSums;
  /** Rows both versions scored, with an outcome: candidate's log loss − production's. */
  readonly pairedLogLoss: RunningSums;
}

/** Predictions logged, by how they were served. */
export interface PredictionCounts {
  /** Shadow stage: production answered, the candidate scored alongside. */
  readonly shadow: number;
  /** Canary stage, clients in the canary (candidate answered). */
  readonly canaryCandidate: number;
  /** Canary stage, clients outside it (production answered). */
  readonly canaryProduction: number;
  /** Canary stage, requests without a client id (production answered, candidate alongside). */
  readonly unassigned: number;
}

/** One batch. */
export interface ExperimentBatch {
  readonly traffic: TrafficWindow;
  readonly predictions: PredictionCounts;
  readonly outcomes: OutcomeSums;
  /** Outcomes of this experiment's predictions found in the batch. */
  readonly outcomesJoined: number;
}

/** A window with nothing in it. */
export function emptyTrafficWindow(): TrafficWindow {
  return {
    candidateRequests: 0,
    candidateErrors: 0,
    candidateLatency: emptyLatencyHistogram(),
    productionLatency: emptyLatencyHistogram(),
    candidateScores: emptyScoreHistogram(),
    productionScores: emptyScoreHistogram(),
  };
}

/** Both windows together. */
export function mergeTraffic(a: TrafficWindow, b: TrafficWindow): TrafficWindow {
  return {
    candidateRequests: a.candidateRequests + b.candidateRequests,
    candidateErrors: a.candidateErrors + b.candidateErrors,
    candidateLatency: addHistograms(a.candidateLatency, b.candidateLatency),
    productionLatency: addHistograms(a.productionLatency, b.productionLatency),
    candidateScores: addHistograms(a.candidateScores, b.candidateScores),
    productionScores: addHistograms(a.productionScores, b.productionScores),
  };
}

/** No outcomes. */
export const EMPTY_OUTCOME_SUMS: OutcomeSums = {
  success: { candidate: EMPTY_SUMS, production: EMPTY_SUMS },
  logLoss: { candidate: EMPTY_SUMS, production: EMPTY_SUMS },
  pairedLogLoss: EMPTY_SUMS,
};

const mergeArms = (a: ArmSums, b: ArmSums): ArmSums => ({
  candidate: mergeSums(a.candidate, b.candidate),
  production: mergeSums(a.production, b.production),
});

/** Both sums together. */
export function mergeOutcomes(a: OutcomeSums, b: OutcomeSums): OutcomeSums {
  return {
    success: mergeArms(a.success, b.success),
    logLoss: mergeArms(a.logLoss, b.logLoss),
    pairedLogLoss: mergeSums(a.pairedLogLoss, b.pairedLogLoss),
  };
}

/** No predictions. */
export const NO_PREDICTIONS: PredictionCounts = {
  shadow: 0,
  canaryCandidate: 0,
  canaryProduction: 0,
  unassigned: 0,
};

/** Both counts together. */
export function mergePredictions(a: PredictionCounts, b: PredictionCounts): PredictionCounts {
  return {
    shadow: a.shadow + b.shadow,
    canaryCandidate: a.canaryCandidate + b.canaryCandidate,
    canaryProduction: a.canaryProduction + b.canaryProduction,
    unassigned: a.unassigned + b.unassigned,
  };
}

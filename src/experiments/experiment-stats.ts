/**
 * An experiment's statistics as running sums, and how one batch changes
 * them: the counts and sums grow, the sequential tests take a look, and the
 * guardrail window fills until it is judged. Pure and JSON-safe, so the
 * workflow can keep the result in its state and hand it back for the next
 * batch; the same batch folded twice gives the same numbers.
 */
import {
  EMPTY_OUTCOME_SUMS,
  NO_PREDICTIONS,
  emptyTrafficWindow,
  mergeOutcomes,
  mergePredictions,
  mergeTraffic,
  type ExperimentBatch,
  type OutcomeSums,
  type PredictionCounts,
  type TrafficWindow,
} from './batch';
import { judgeGuardrails, windowIsFull, type GuardrailReport } from './guardrails';
import { sumsMean, type RunningSums } from './running-sums';
import {
  INITIAL_TEST_STATE,
  lookSequentialTest,
  meanDifference,
  pairedMeanDifference,
  proportionDifference,
  testVerdict,
  type SequentialTestState,
  type TestVerdict,
} from './sequential-test';
import { ExperimentMetric, higherIsBetter, type ExperimentSettings } from './settings';

/** Everything an experiment has measured so far. */
export interface ExperimentStats {
  readonly batches: number;
  readonly predictions: PredictionCounts;
  readonly outcomes: OutcomeSums;
  readonly outcomesJoined: number;
  /** The canary's decision test on the settings' metric, candidate arm against production arm. */
  readonly armTest: SequentialTestState;
  /** Paired log loss (candidate − production on the same rows), from the first shadow batch on. */
  readonly pairedTest: SequentialTestState;
  /** The guardrail window being filled. */
  readonly window: TrafficWindow;
  /** Windows judged so far. */
  readonly windowsJudged: number;
  /** The last judged window's reading. */
  readonly guardrails: GuardrailReport | null;
}

/** Before the first batch. */
export function initialExperimentStats(): ExperimentStats {
  return {
    batches: 0,
    predictions: NO_PREDICTIONS,
    outcomes: EMPTY_OUTCOME_SUMS,
    outcomesJoined: 0,
    armTest: INITIAL_TEST_STATE,
    pairedTest: INITIAL_TEST_STATE,
    window: emptyTrafficWindow(),
    windowsJudged: 0,
    guardrails: null,
  };
}

/** What a batch did. */
export interface FoldResult {
  readonly stats: ExperimentStats;
  /** The window judged in this batch, if it filled. */
  readonly judged: GuardrailReport | null;
  /** The arm test's verdict (the canary's decision). */
  readonly armVerdict: TestVerdict;
  /** The paired log-loss test's verdict (the shadow policy's decision). */
  readonly pairedVerdict: TestVerdict;
}

/**
 * Folds a batch into the statistics: sums grow, both tests look once, the
 * guardrail window takes the batch's traffic and is judged (then emptied)
 * once it holds `guardrails.windowRows` candidate requests.
 */
export function foldBatch(
  stats: ExperimentStats,
  batch: ExperimentBatch,
  settings: ExperimentSettings,
): FoldResult {
  const outcomes = mergeOutcomes(stats.outcomes, batch.outcomes);
  const { alpha, metric, minSamples } = settings;
  const armEffect =
    metric === ExperimentMetric.SuccessRate
      ? proportionDifference(outcomes.success.candidate, outcomes.success.production, minSamples)
      : meanDifference(outcomes.logLoss.candidate, outcomes.logLoss.production, minSamples);
  const armTest = lookSequentialTest(stats.armTest, armEffect, {
    alpha,
    tau2: settings.mixingSd[metric] ** 2,
  });
  const pairedTest = lookSequentialTest(
    stats.pairedTest,
    pairedMeanDifference(outcomes.pairedLogLoss, minSamples),
    {
      alpha,
      tau2: settings.mixingSd.log_loss ** 2,
    },
  );
  let window = mergeTraffic(stats.window, batch.traffic);
  let judged: GuardrailReport | null = null;
  if (windowIsFull(window, settings.guardrails)) {
    judged = judgeGuardrails(window, settings.guardrails);
    window = emptyTrafficWindow();
  }
  return {
    stats: {
      batches: stats.batches + 1,
      predictions: mergePredictions(stats.predictions, batch.predictions),
      outcomes,
      outcomesJoined: stats.outcomesJoined + batch.outcomesJoined,
      armTest,
      pairedTest,
      window,
      windowsJudged: stats.windowsJudged + (judged ? 1 : 0),
      guardrails: judged ?? stats.guardrails,
    },
    judged,
    armVerdict: testVerdict(armTest, alpha, higherIsBetter(metric)),
    pairedVerdict: testVerdict(pairedTest, alpha, false),
  };
}

/** One arm as people read it. */
export interface ArmReport {
  readonly predictions: number;
  readonly outcomes: number;
  readonly successRate: number | null;
  readonly meanLogLoss: number | null;
}

/** One test as people read it. */
export interface TestReport {
  readonly metric: ExperimentMetric;
  /** Candidate − production (observations so far); null before the burn-in ends. */
  readonly effect: number | null;
  /** The confidence sequence at level 1 − α; null bounds are ±∞. */
  readonly lower: number | null;
  readonly upper: number | null;
  readonly pValue: number;
  readonly looks: number;
  readonly verdict: TestVerdict;
  readonly observations: number;
}

/** The experiment's results for the status query and the approval gate. */
export interface ExperimentReport {
  readonly alpha: number;
  readonly batches: number;
  readonly arms: { readonly candidate: ArmReport; readonly production: ArmReport };
  readonly armTest: TestReport;
  readonly pairedLogLoss: TestReport;
  readonly guardrails: GuardrailReport | null;
  readonly predictions: PredictionCounts;
}

const meanOrNull = (s: RunningSums) => (s.n === 0 ? null : sumsMean(s));

function testReport(
  state: SequentialTestState,
  metric: ExperimentMetric,
  alpha: number,
  higher: boolean,
  observations: number,
): TestReport {
  return {
    metric,
    effect: state.estimate,
    lower: state.lower,
    upper: state.upper,
    pValue: state.pValue,
    looks: state.looks,
    verdict: testVerdict(state, alpha, higher),
    observations,
  };
}

/** The report of the statistics so far. */
export function reportExperiment(stats: ExperimentStats, settings: ExperimentSettings): ExperimentReport {
  const { outcomes, predictions } = stats;
  const arm = (key: 'candidate' | 'production', served: number): ArmReport => ({
    predictions: served,
    outcomes: outcomes.success[key].n,
    successRate: meanOrNull(outcomes.success[key]),
    meanLogLoss: meanOrNull(outcomes.logLoss[key]),
  });
  const armObservations = Math.min(outcomes.success.candidate.n, outcomes.success.production.n);
  return {
    alpha: settings.alpha,
    batches: stats.batches,
    arms: {
      candidate: arm('candidate', predictions.canaryCandidate),
      production: arm('production', predictions.canaryProduction),
    },
    armTest: testReport(
      stats.armTest,
      settings.metric,
      settings.alpha,
      higherIsBetter(settings.metric),
      armObservations,
    ),
    pairedLogLoss: testReport(
      stats.pairedTest,
      ExperimentMetric.LogLoss,
      settings.alpha,
      false,
      outcomes.pairedLogLoss.n,
    ),
    guardrails: stats.guardrails,
    predictions,
  };
}

/**
 * A simulated experiment for the report's tests: seeded traffic and 0/1
 * outcomes, batch by batch, folded by the same `foldBatch` the workflow's
 * activity uses, with the timeline kept the way the workflow keeps it —
 * shadow, then a canary whose candidate is 20 points better, a share change,
 * a pause and a resume, until the sequential test decides.
 */
import { createRng } from '../data/random';
import { EMPTY_OUTCOME_SUMS, type ExperimentBatch } from '../experiments/batch';
import { foldBatch, initialExperimentStats, reportExperiment } from '../experiments/experiment-stats';
import { addLatency, emptyLatencyHistogram } from '../experiments/latency-histogram';
import { sumsOf } from '../experiments/running-sums';
import { addScore, emptyScoreHistogram } from '../experiments/score-histogram';
import { experimentSettingsSchema } from '../experiments/settings';
import { addBatchPoint, addStageChange, startTimeline } from '../experiments/timeline';
import type { ExperimentReportInput, ReportControl } from './experiment-report';

const START = Date.parse('2026-11-30T08:00:00.000Z');
const at = (minutes: number) => new Date(START + minutes * 60_000).toISOString();

/** Options of {@link simulatedExperimentStatus}. */
export interface SimulatedExperimentOptions {
  /** Most batches before it stops "inconclusive". @default 60 */
  readonly maxBatches?: number;
  /** The candidate's success-rate lift. @default 0.2 */
  readonly lift?: number;
  readonly seed?: number;
}

/** Runs the simulated experiment and returns its status as the workflow would report it at the end. */
export function simulatedExperimentStatus(options: SimulatedExperimentOptions = {}): ExperimentReportInput {
  const rng = createRng(options.seed ?? 7);
  const lift = options.lift ?? 0.2;
  const settings = experimentSettingsSchema.parse({
    minSamples: 40,
    guardrails: { windowRows: 60, latencySlackMs: 5, maxScoreDrift: 0.3 },
  });
  let stats = initialExperimentStats();
  let stage = 'shadow';
  let timeline = startTimeline(settings, stage, at(0));
  let share = 0.1;
  let paused = false;
  const controls: ReportControl[] = [];
  let outcome = 'inconclusive';
  let reason = 'no decision within the simulated duration';
  const maxBatches = options.maxBatches ?? 60;
  for (let b = 1; b <= maxBatches; b++) {
    const now = 5 * b;
    if (b === 6) {
      stage = 'canary';
      timeline = addStageChange(timeline, stage, at(now - 2));
    }
    if (b === 10) {
      share = 0.3;
      controls.push({ action: 'set_share', share, by: 'ana', at: at(now - 3), via: 'update', reason: 'more data' });
    }
    if (b === 14) {
      paused = true;
      controls.push({ action: 'pause', by: 'ben', at: at(now - 4), via: 'signal', reason: 'incident review' });
    }
    if (b === 17) {
      paused = false;
      controls.push({ action: 'resume', by: 'ben', at: at(now - 4), via: 'signal' });
    }
    const requests = 30;
    const candidateLatency = emptyLatencyHistogram();
    const productionLatency = emptyLatencyHistogram();
    const candidateScores = emptyScoreHistogram();
    const productionScores = emptyScoreHistogram();
    for (let i = 0; i < requests; i++) {
      addLatency(candidateLatency, 1 + rng.next() * 2);
      addLatency(productionLatency, 1 + rng.next() * 2);
      const p = rng.next();
      addScore(candidateScores, Math.min(1, p + 0.02));
      addScore(productionScores, p);
    }
    const inCanary = stage === 'canary' && !paused;
    const nCandidate = inCanary ? Math.round(requests * share) : 0;
    const nProduction = inCanary ? requests - nCandidate : 0;
    const draws = (n: number, p: number) => Array.from({ length: n }, () => (rng.next() < p ? 1 : 0));
    const cand = draws(nCandidate, 0.4 + lift);
    const prod = draws(nProduction, 0.4);
    const paired = Array.from({ length: requests }, () => (rng.next() - 0.55) * 0.2);
    const batch: ExperimentBatch = {
      traffic: {
        candidateRequests: stage === 'canary' && paused ? 0 : requests,
        candidateErrors: 0,
        candidateLatency,
        productionLatency,
        candidateScores,
        productionScores,
      },
      predictions: {
        shadow: stage === 'shadow' ? requests : 0,
        canaryCandidate: nCandidate,
        canaryProduction: nProduction,
        unassigned: 0,
      },
      outcomes: {
        ...EMPTY_OUTCOME_SUMS,
        success: { candidate: sumsOf(cand), production: sumsOf(prod) },
        pairedLogLoss: sumsOf(paired),
      },
      outcomesJoined: cand.length + prod.length,
    };
    const folded = foldBatch(stats, batch, settings);
    stats = folded.stats;
    const report = reportExperiment(stats, settings);
    timeline = addBatchPoint(timeline, report, folded.judged, {
      at: at(now),
      stage,
      paused,
      canaryShare: stage === 'canary' ? share : 0,
    });
    if (stage === 'canary' && folded.armVerdict === 'candidate_better') {
      outcome = 'candidate_better';
      reason = `the sequential test found the candidate better (always-valid p = ${report.armTest.pValue.toPrecision(3)})`;
      break;
    }
  }
  const end = timeline.points[timeline.points.length - 1]!.at;
  timeline = addStageChange(timeline, 'completed', end);
  return {
    experimentId: 'experiment-matchmaking-v20261130-080000-demo',
    candidate: 'v20261130-080000-demo',
    production: 'v20261101-120000-prod',
    policy: 'shadow_then_canary',
    stage: 'completed',
    paused: false,
    canaryShare: share,
    startedAt: at(0),
    deadline: at(14 * 24 * 60),
    report: reportExperiment(stats, settings),
    breach: null,
    controls,
    outcome,
    reason,
    run: 2,
    timeline,
  };
}

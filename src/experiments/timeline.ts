/**
 * An experiment's course for its report: one small summary per batch
 * (cumulative counts and both tests' reading — numbers, never rows), every
 * judged guardrail window, and the stage changes with their times. The
 * experiment workflow keeps it in its state and hands it on at
 * continue-as-new, so it must stay small however long the experiment runs:
 * each list keeps every `stride`-th entry plus the newest, and when it is full
 * the stride doubles and every other entry goes — the whole course stays at
 * one even, coarser resolution rather than only its tail.
 *
 * Pure and free of run-time imports, so workflow code can use it.
 */
import type { PredictionCounts } from './batch';
import type { ExperimentReport, TestReport } from './experiment-stats';
import type { GuardrailReport } from './guardrails';
import type { ExperimentMetric, ExperimentSettings } from './settings';

/** Most batch points kept; about 60 KB of JSON in the workflow's state. */
export const MAX_TIMELINE_POINTS = 240;
/** Most guardrail windows kept. */
export const MAX_TIMELINE_WINDOWS = 120;
/** Most stage changes kept (an experiment has at most six stages; this is a safety bound). */
export const MAX_STAGE_CHANGES = 20;

/** One test's reading after a batch. */
export interface TestPoint {
  /** Candidate − production; null before the burn-in ends. */
  readonly effect: number | null;
  /** The confidence sequence; null bounds are ±∞. */
  readonly lower: number | null;
  readonly upper: number | null;
  readonly pValue: number;
  readonly observations: number;
}

/** The experiment after one batch. */
export interface TimelinePoint {
  /** Batches folded so far (1 for the first). */
  readonly batch: number;
  /** When the batch was folded (workflow time, ISO-8601). */
  readonly at: string;
  readonly stage: string;
  readonly paused: boolean;
  readonly canaryShare: number;
  /** Predictions logged so far, by arm. */
  readonly predictions: PredictionCounts;
  /** Outcomes joined so far: canary arms, and rows both versions scored. */
  readonly outcomes: { readonly candidate: number; readonly production: number; readonly paired: number };
  /** The canary's decision test (settings' metric, arm against arm). */
  readonly armTest: TestPoint;
  /** Paired log loss on the same rows (the shadow's decision test). */
  readonly pairedLogLoss: TestPoint;
}

/** One judged guardrail window and its limits. */
export interface WindowPoint {
  /** Windows judged so far (1 for the first). */
  readonly window: number;
  readonly batch: number;
  readonly at: string;
  readonly candidateRequests: number;
  readonly errorRate: number;
  readonly candidateP99Ms: number | null;
  readonly productionP99Ms: number | null;
  /** Production's p99 × the allowed ratio + the slack; null without timings. */
  readonly latencyLimitMs: number | null;
  readonly scoreDrift: number | null;
  /** Guardrails this window broke. */
  readonly breached: readonly string[];
}

/** When the experiment entered a stage. */
export interface StageChange {
  readonly stage: string;
  readonly at: string;
}

/** The limits the charts draw. */
export interface TimelineLimits {
  readonly alpha: number;
  readonly metric: ExperimentMetric;
  readonly maxErrorRate: number;
  readonly maxLatencyRatio: number;
  readonly latencySlackMs: number;
  readonly maxScoreDrift: number;
  readonly windowRows: number;
}

/** An experiment's course so far. */
export interface ExperimentTimeline {
  readonly limits: TimelineLimits;
  readonly points: readonly TimelinePoint[];
  readonly windows: readonly WindowPoint[];
  readonly stages: readonly StageChange[];
  /** Every `pointStride`-th batch is kept (and the newest). */
  readonly pointStride: number;
  /** Every `windowStride`-th judged window is kept (and the newest). */
  readonly windowStride: number;
  /** Entries dropped to keep the lists bounded (the charts are coarser by that much). */
  readonly thinned: number;
}

/** Where the batch stood when it was folded. */
export interface BatchContext {
  readonly at: string;
  readonly stage: string;
  readonly paused: boolean;
  readonly canaryShare: number;
}

/** A timeline that starts in `stage` at `at`. */
export function startTimeline(settings: ExperimentSettings, stage: string, at: string): ExperimentTimeline {
  const g = settings.guardrails;
  return {
    limits: {
      alpha: settings.alpha,
      metric: settings.metric,
      maxErrorRate: g.maxErrorRate,
      maxLatencyRatio: g.maxLatencyRatio,
      latencySlackMs: g.latencySlackMs,
      maxScoreDrift: g.maxScoreDrift,
      windowRows: g.windowRows,
    },
    points: [],
    windows: [],
    stages: [{ stage, at }],
    pointStride: 1,
    windowStride: 1,
    thinned: 0,
  };
}

/** A bounded list after one more entry. */
interface Strided<T> {
  readonly list: readonly T[];
  readonly stride: number;
  readonly dropped: number;
}

/**
 * Appends `item` (sequence number `seq(item)`, counting up by one) to a list
 * that keeps the entries whose distance from the first is a multiple of
 * `stride`, and the newest: a newest entry off the stride is replaced by the
 * next one; over `max` entries, the stride doubles and the entries off it go.
 */
function appendStrided<T>(
  list: readonly T[],
  item: T,
  stride: number,
  max: number,
  seq: (t: T) => number,
): Strided<T> {
  const first = list[0];
  const onStride = (t: T, s: number) => first === undefined || (seq(t) - seq(first)) % s === 0;
  const last = list[list.length - 1];
  let kept = last !== undefined && !onStride(last, stride) ? list.slice(0, -1) : list;
  let dropped = list.length - kept.length;
  kept = [...kept, item];
  while (kept.length > max) {
    stride *= 2;
    const before = kept.length;
    kept = kept.filter((t, i) => onStride(t, stride) || i === kept.length - 1);
    dropped += before - kept.length;
  }
  return { list: kept, stride, dropped };
}

function testPoint(t: TestReport): TestPoint {
  return { effect: t.effect, lower: t.lower, upper: t.upper, pValue: t.pValue, observations: t.observations };
}

function windowPoint(
  judged: GuardrailReport,
  limits: TimelineLimits,
  window: number,
  batch: number,
  at: string,
): WindowPoint {
  return {
    window,
    batch,
    at,
    candidateRequests: judged.candidateRequests,
    errorRate: judged.errorRate,
    candidateP99Ms: judged.candidateP99Ms,
    productionP99Ms: judged.productionP99Ms,
    latencyLimitMs:
      judged.productionP99Ms === null
        ? null
        : judged.productionP99Ms * limits.maxLatencyRatio + limits.latencySlackMs,
    scoreDrift: judged.scoreDrift,
    breached: judged.breaches.map((b) => b.guardrail),
  };
}

/**
 * Adds the batch that produced `report` (and judged `judged`, if a window
 * filled) to the timeline.
 */
export function addBatchPoint(
  timeline: ExperimentTimeline,
  report: ExperimentReport,
  judged: GuardrailReport | null,
  context: BatchContext,
): ExperimentTimeline {
  const point: TimelinePoint = {
    batch: report.batches,
    at: context.at,
    stage: context.stage,
    paused: context.paused,
    canaryShare: context.canaryShare,
    predictions: report.predictions,
    outcomes: {
      candidate: report.arms.candidate.outcomes,
      production: report.arms.production.outcomes,
      paired: report.pairedLogLoss.observations,
    },
    armTest: testPoint(report.armTest),
    pairedLogLoss: testPoint(report.pairedLogLoss),
  };
  const points = appendStrided(
    timeline.points,
    point,
    timeline.pointStride,
    MAX_TIMELINE_POINTS,
    (p) => p.batch,
  );
  const lastWindow = timeline.windows[timeline.windows.length - 1]?.window ?? 0;
  const windows = judged
    ? appendStrided(
        timeline.windows,
        windowPoint(judged, timeline.limits, lastWindow + 1, report.batches, context.at),
        timeline.windowStride,
        MAX_TIMELINE_WINDOWS,
        (w) => w.window,
      )
    : { list: timeline.windows, stride: timeline.windowStride, dropped: 0 };
  return {
    ...timeline,
    points: points.list,
    windows: windows.list,
    pointStride: points.stride,
    windowStride: windows.stride,
    thinned: timeline.thinned + points.dropped + windows.dropped,
  };
}

/** Records that the experiment entered `stage` at `at` (a repeat of the current stage is ignored). */
export function addStageChange(timeline: ExperimentTimeline, stage: string, at: string): ExperimentTimeline {
  if (timeline.stages[timeline.stages.length - 1]?.stage === stage) return timeline;
  if (timeline.stages.length >= MAX_STAGE_CHANGES) return timeline;
  return { ...timeline, stages: [...timeline.stages, { stage, at }] };
}

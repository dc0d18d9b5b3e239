import { initialExperimentStats, reportExperiment } from './experiment-stats';
import type { GuardrailReport } from './guardrails';
import { defaultExperimentSettings } from './settings';
import {
  addBatchPoint,
  addStageChange,
  MAX_TIMELINE_POINTS,
  MAX_TIMELINE_WINDOWS,
  startTimeline,
} from './timeline';

const settings = defaultExperimentSettings();
const at = (i: number) => new Date(Date.UTC(2026, 10, 30) + i * 60_000).toISOString();
const report = (batches: number) => ({ ...reportExperiment(initialExperimentStats(), settings), batches });
const judged: GuardrailReport = {
  candidateRequests: 200,
  candidateErrors: 1,
  errorRate: 0.005,
  candidateP99Ms: 4,
  productionP99Ms: 2,
  scoreDrift: 0.03,
  scoredRows: 400,
  breaches: [],
};
const context = (i: number) => ({ at: at(i), stage: 'canary', paused: false, canaryShare: 0.1 });

describe('the experiment timeline', () => {
  it('keeps one point per batch, and each judged window with its latency limit', () => {
    let t = startTimeline(settings, 'shadow', at(0));
    t = addBatchPoint(t, report(1), null, context(1));
    t = addBatchPoint(t, report(2), judged, context(2));
    expect(t.points.map((p) => p.batch)).toEqual([1, 2]);
    expect(t.windows).toEqual([
      {
        window: 1,
        batch: 2,
        at: at(2),
        candidateRequests: 200,
        errorRate: 0.005,
        candidateP99Ms: 4,
        productionP99Ms: 2,
        latencyLimitMs: 2 * 1.5 + 2, // production's p99 × maxLatencyRatio + latencySlackMs (defaults)
        scoreDrift: 0.03,
        breached: [],
      },
    ]);
    expect(t.limits).toMatchObject({ alpha: 0.05, maxErrorRate: 0.01, maxScoreDrift: 0.1 });
  });

  it('stays bounded over a long experiment, evenly thinned, first and newest batches kept', () => {
    let t = startTimeline(settings, 'canary', at(0));
    for (let b = 1; b <= 5000; b++) t = addBatchPoint(t, report(b), b % 3 === 0 ? judged : null, context(b));
    expect(t.points.length).toBeLessThanOrEqual(MAX_TIMELINE_POINTS);
    expect(t.points.length).toBeGreaterThan(MAX_TIMELINE_POINTS / 2);
    expect(t.windows.length).toBeLessThanOrEqual(MAX_TIMELINE_WINDOWS);
    const batches = t.points.map((p) => p.batch);
    expect(batches[0]).toBe(1);
    expect(batches[batches.length - 1]).toBe(5000);
    expect([...batches].sort((a, b) => a - b)).toEqual(batches);
    // Even thinning: every kept batch is a stride apart, the newest at most a stride after the last.
    const gaps = batches.slice(1).map((b, i) => b - batches[i]!);
    expect(t.pointStride).toBeGreaterThan(1);
    expect(new Set(gaps.slice(0, -1))).toEqual(new Set([t.pointStride]));
    expect(gaps[gaps.length - 1]).toBeLessThanOrEqual(t.pointStride);
    expect(t.windows.map((w) => w.window).slice(0, 3)).toEqual([
      1,
      1 + t.windowStride,
      1 + 2 * t.windowStride,
    ]);
    expect(t.thinned).toBe(5000 - t.points.length + (Math.floor(5000 / 3) - t.windows.length));
    // Small enough for the workflow's state and continue-as-new input.
    expect(JSON.stringify(t).length).toBeLessThan(150_000);
    expect(JSON.parse(JSON.stringify(t))).toEqual(t);
  });

  it('notes stage changes once each, with their time', () => {
    let t = startTimeline(settings, 'shadow', at(0));
    t = addStageChange(t, 'shadow', at(1));
    t = addStageChange(t, 'canary', at(2));
    t = addStageChange(t, 'completed', at(3));
    expect(t.stages).toEqual([
      { stage: 'shadow', at: at(0) },
      { stage: 'canary', at: at(2) },
      { stage: 'completed', at: at(3) },
    ]);
  });
});

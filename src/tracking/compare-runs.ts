import type { ParamValue, RunRecord } from './run-record';

/** One metric of two runs. `null` where a run lacks the metric. */
export interface MetricComparison {
  readonly name: string;
  readonly a: number | null;
  readonly b: number | null;
  /** `b - a`, or `null` when either side is missing. */
  readonly delta: number | null;
}

/** One parameter of two runs. `null` where a run lacks the parameter. */
export interface ParamComparison {
  readonly name: string;
  readonly a: ParamValue | null;
  readonly b: ParamValue | null;
  readonly same: boolean;
}

/** What `runs compare <a> <b>` shows. */
export interface RunComparison {
  readonly a: RunRecord;
  readonly b: RunRecord;
  /** Union of both runs' metric names, sorted. */
  readonly metrics: readonly MetricComparison[];
  /** Union of both runs' parameter names, sorted. */
  readonly params: readonly ParamComparison[];
}

function unionOfKeys(a: object, b: object): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
}

/**
 * Puts two runs' metrics and parameters side by side. Deltas read "how much
 * did `b` change relative to `a`", so `compareRuns(production, candidate)`
 * gives the candidate's gains.
 */
export function compareRuns(a: RunRecord, b: RunRecord): RunComparison {
  const metrics = unionOfKeys(a.metrics, b.metrics).map((name) => {
    const left = a.metrics[name] ?? null;
    const right = b.metrics[name] ?? null;
    return { name, a: left, b: right, delta: left === null || right === null ? null : right - left };
  });
  const params = unionOfKeys(a.params, b.params).map((name) => {
    const left = a.params[name] ?? null;
    const right = b.params[name] ?? null;
    return { name, a: left, b: right, same: left === right };
  });
  return { a, b, metrics, params };
}

/**
 * The issue's three targets, checked against a run's results: training
 * throughput at least half of Keras', drift checks at least 3× faster than
 * Evidently, loading 1M rows within 2× of pandas.
 */
import type { DriftSection } from '../sections/drift';
import { fastestPandas, type LoadingSection } from '../sections/loading';
import { fastestKeras, type TrainingSection } from '../sections/training';
import type { TuningSection } from '../sections/tuning';
import { servingTargets, type ServingSection } from '../sections/serving';
import { explainTargets, type ExplainSection } from '../sections/explain';
import { valueOf } from './context';
import { ratio, renderTable } from './format';
import { divide } from './stats';

/** One target at one point of measurement. */
export interface TargetCheck {
  readonly target: string;
  readonly measured: string;
  /** The ratio in the target's own terms (higher is better), or undefined when not measured. */
  readonly value?: number;
  readonly threshold: number;
  readonly met?: boolean;
}

function check(target: string, measured: string, value: number | undefined, threshold: number): TargetCheck {
  return { target, measured, threshold, ...(value === undefined ? {} : { value, met: value >= threshold }) };
}

/** Checks every target the results allow; the training one per size, on the fastest available backend. */
export function checkTargets(results: {
  train?: TrainingSection;
  drift?: DriftSection;
  load?: LoadingSection;
  tuning?: TuningSection;
  serving?: ServingSection;
  explain?: ExplainSection;
}): TargetCheck[] {
  const checks: TargetCheck[] = [];
  for (const size of new Set(results.train?.runs.map((r) => r.size) ?? [])) {
    const runs = results.train!.runs.filter((r) => r.size === size);
    const kerasRun = fastestKeras(runs, size);
    const keras = valueOf(kerasRun?.outcome);
    const ours = runs
      .filter((r) => r.trainer.startsWith('tfjs'))
      .map((r) => ({ trainer: r.trainer, v: valueOf(r.outcome) }))
      .filter((r) => r.v !== undefined)
      .sort((a, b) => b.v!.samplesPerSecond - a.v!.samplesPerSecond)[0];
    checks.push(
      check(
        'training throughput ≥ 0.5× Keras',
        `${size}, ${ours?.trainer ?? 'tfjs'} samples/s ÷ fastest Keras (${kerasRun?.trainer.slice(7) ?? '—'}) samples/s`,
        divide(ours?.v?.samplesPerSecond, keras?.samplesPerSecond),
        0.5,
      ),
    );
  }
  const [ours, ...evidently] = results.drift?.runs ?? [];
  for (const peer of evidently) {
    checks.push(
      check(
        'drift check ≥ 3× faster than Evidently',
        `${peer.checker} time ÷ ours, load included`,
        divide(peer.totalMs, ours?.totalMs),
        3,
      ),
    );
  }
  const pandas = fastestPandas(results.load?.runs ?? [], '1m');
  const project = results.load?.runs.find((r) => r.size === '1m' && r.loader === 'project loader');
  if (pandas || project) {
    // Within 2× of pandas: our time ≤ 2 × pandas' time, i.e. pandas' time ÷ ours ≥ 0.5.
    checks.push(
      check(
        'loading 1M rows within 2× of pandas',
        `fastest pandas (${pandas?.loader ?? '—'}) time ÷ project loader time`,
        divide(pandas?.medianMs, project?.medianMs),
        0.5,
      ),
    );
  }
  const m = results.tuning?.medians;
  if (m?.['ours TPE'] && m['ours random']) {
    checks.push(
      check(
        "TPE reaches random search's 50-trial best within 25 trials",
        'median best after 25 TPE trials ÷ median best after 50 random trials (synthetic objective, 10 seeds)',
        divide(m['ours TPE'].at25, m['ours random'].at50),
        1,
      ),
    );
  }
  if (m?.['ours TPE'] && m['Optuna TPE']) {
    checks.push(
      check(
        "TPE no worse than Optuna's TPE",
        'median best after 50 trials, ours ÷ Optuna 4.9 (other random draws: 0.998 allowed)',
        divide(m['ours TPE'].at50, m['Optuna TPE'].at50),
        0.998,
      ),
    );
  }
  const overhead = results.tuning?.overhead;
  if (overhead) {
    checks.push(
      check(
        'study orchestration overhead per trial ≤ 1 s',
        '1 s ÷ median per-trial (slot − training) of a study run one trial at a time',
        divide(1000, overhead.medianMs),
        1,
      ),
    );
  }
  if (results.serving) {
    for (const t of servingTargets(results.serving))
      checks.push(check(t.name, t.measured, t.value, t.threshold));
  }
  if (results.explain) {
    for (const t of explainTargets(results.explain))
      checks.push(check(t.name, t.measured, t.value, t.threshold));
  }
  return checks;
}

/** The checks as text. */
export function targetsTable(checks: readonly TargetCheck[]): string {
  const rows = checks.map((c) => [
    c.target,
    c.measured,
    ratio(c.value),
    `≥ ${c.threshold}`,
    c.met === undefined ? 'not measured' : c.met ? 'met' : 'MISSED',
  ]);
  return [
    'Targets (from the issues)',
    renderTable(['target', 'measured as', 'value', 'needs', 'verdict'], rows),
  ].join('\n');
}

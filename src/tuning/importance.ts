/**
 * Parameter importances of a finished study, by a simple and documented
 * method rather than Optuna's default fANOVA (a random forest): for each
 * parameter, the share of the variance of the objective across completed
 * trials that is explained by that parameter alone — the correlation ratio η²
 * of a one-way ANOVA, grouping trials by choice (categorical) or by quartile
 * of the value (numeric, on the log scale for log parameters). The η² values
 * are then normalised to sum to 1, as Optuna's importances are. Conditional
 * parameters are judged on the trials that have them. It sees first-order
 * effects only; interactions show up as unexplained variance.
 */
import type { Distribution, ParamValue } from './distributions';
import type { SearchSpace } from './search-space';
import { TrialState, type FinishedTrial } from './trial-record';

/** One parameter's importance. */
export interface ParameterImportance {
  readonly name: string;
  /** Share of the summed η² of all parameters, in [0, 1]. */
  readonly importance: number;
  /** η² itself: variance of the objective explained by this parameter alone, in [0, 1]. */
  readonly etaSquared: number;
  /** Completed trials that have the parameter. */
  readonly trials: number;
}

const QUARTILES = 4;

function groupKeys(values: readonly ParamValue[], distribution: Distribution | undefined): string[] {
  if (!distribution || distribution.type === 'categorical' || values.some((v) => typeof v !== 'number')) {
    return values.map((v) => JSON.stringify(v));
  }
  const numbers = values.map((v) => (distribution.log ? Math.log(v as number) : (v as number)));
  const sorted = [...numbers].sort((a, b) => a - b);
  const cut = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.floor((q * sorted.length) / QUARTILES))]!;
  const edges = Array.from({ length: QUARTILES - 1 }, (_, i) => cut(i + 1));
  return numbers.map((x) => String(edges.filter((e) => x >= e).length));
}

function etaSquared(values: readonly number[], keys: readonly string[]): number {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const total = values.reduce((a, v) => a + (v - mean) ** 2, 0);
  if (total === 0) return 0;
  const groups = new Map<string, number[]>();
  keys.forEach((k, i) => groups.set(k, [...(groups.get(k) ?? []), values[i]!]));
  let between = 0;
  for (const g of groups.values()) {
    const m = g.reduce((a, b) => a + b, 0) / g.length;
    between += g.length * (m - mean) ** 2;
  }
  return between / total;
}

/** The distribution a trial parameter was drawn from (`units_l2` → `units`). */
export function distributionOf(space: SearchSpace, name: string): Distribution | undefined {
  const base = /^units_l\d+$/.test(name) ? 'units' : name;
  return (space.parameters as Record<string, Distribution | undefined>)[base];
}

/**
 * Importances of every parameter that varied across at least 3 completed
 * trials, most important first.
 */
export function parameterImportances(
  space: SearchSpace,
  trials: readonly FinishedTrial[],
): ParameterImportance[] {
  const complete = trials.filter((t) => t.state === TrialState.Complete && typeof t.value === 'number');
  const names = [...new Set(complete.flatMap((t) => Object.keys(t.params)))].sort();
  const raw = names
    .map((name) => {
      const withParam = complete.filter((t) => name in t.params);
      const values = withParam.map((t) => t.params[name]!);
      if (withParam.length < 3 || new Set(values.map((v) => JSON.stringify(v))).size < 2) return undefined;
      const eta = etaSquared(
        withParam.map((t) => t.value!),
        groupKeys(values, distributionOf(space, name)),
      );
      return { name, etaSquared: eta, trials: withParam.length };
    })
    .filter((x) => x !== undefined);
  const sum = raw.reduce((a, r) => a + r.etaSquared, 0);
  return raw
    .map((r) => ({ ...r, importance: sum === 0 ? 1 / raw.length : r.etaSquared / sum }))
    .sort((a, b) => b.importance - a.importance || a.name.localeCompare(b.name));
}

/**
 * src/tuning against Optuna 4.9.0's own numbers (fixture written by
 * test/reference/tuning/optuna_reference.py). Deterministic functions are
 * compared to 1e-9; random draws are not (other generator), see the sampler
 * behaviour tests for those.
 */
import { toInternal } from './distributions';
import { firstPrunedStep, shouldPrune } from './median-pruner';
import { buildParzenEstimator, defaultWeights, parzenLogPdf } from './parzen-estimator';
import { loadOptunaReference, toNumber } from '../../test/reference/tuning/optuna-reference';
import { DEFAULT_TPE_SETTINGS, defaultGamma, splitTrials } from './tpe-sampler';
import { logGaussMass, truncatedNormalLogPdf, truncatedNormalPpf } from './truncated-normal';
import { syntheticObjective } from './synthetic-objective';

const reference = loadOptunaReference();
const TOLERANCE = 1e-9;

function expectClose(actual: number, expected: number, tolerance = TOLERANCE): void {
  if (Number.isNaN(expected)) return expect(actual).toBeNaN();
  if (!Number.isFinite(expected)) return expect(actual).toBe(expected);
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance * Math.max(1, Math.abs(expected)));
}

describe('Optuna reference fixture', () => {
  it('was written by Optuna 4.9.0, the version whose defaults src/tuning follows', () => {
    expect(reference.versions.optuna).toBe('4.9.0');
  });
});

describe("Optuna's defaults", () => {
  it('gamma is min(ceil(0.1 n), 25)', () => {
    for (const [n, expected] of Object.entries(reference.defaults.gamma))
      expect(defaultGamma(Number(n))).toBe(expected);
  });

  it('weights are flat below 25 observations and ramp from 1/n above', () => {
    for (const [n, expected] of Object.entries(reference.defaults.weights)) {
      defaultWeights(Number(n)).forEach((w, i) => expectClose(w, expected[i]!, 1e-15));
      expect(defaultWeights(Number(n))).toHaveLength(expected.length);
    }
  });
});

describe('truncated normal', () => {
  it.each(reference.truncnorm.map((c) => [`[${c.a}, ${c.b}]`, c] as const))(
    'log mass, quantiles and log density on %s equal Optuna’s',
    (_, c) => {
      expectClose(logGaussMass(c.a, c.b), toNumber(c.logGaussMass));
      c.q.forEach((q, i) => expectClose(truncatedNormalPpf(q, c.a, c.b), toNumber(c.ppf[i]!), 1e-8));
      c.x.forEach((x, i) =>
        expectClose(truncatedNormalLogPdf(x, c.a, c.b, 0.3, 1.7), toNumber(c.logPdf[i]!)),
      );
    },
  );
});

describe('Parzen estimator', () => {
  it.each(reference.parzen.map((c) => [c.name, c] as const))(
    '%s: weights, kernels and log densities equal Optuna’s',
    (_, c) => {
      const estimator = buildParzenEstimator(c.observations, c.distribution, DEFAULT_TPE_SETTINGS);
      expect(estimator.weights).toHaveLength(c.weights.length);
      estimator.weights.forEach((w, i) => expectClose(w, c.weights[i]!));
      const k = estimator.kernels;
      if (k.kind === 'numeric') {
        k.mus.forEach((m, i) => expectClose(m, c.mus![i]!));
        k.sigmas.forEach((s, i) => expectClose(s, c.sigmas![i]!));
      } else {
        k.rows.forEach((row, i) => row.forEach((w, j) => expectClose(w, c.rows![i]![j]!)));
      }
      parzenLogPdf(estimator, c.points).forEach((v, i) => expectClose(v, toNumber(c.logPdf[i]!)));
    },
  );
});

describe('trial split', () => {
  it.each(reference.split.splits.map((s) => [s.nBelow, s] as const))(
    'with n_below = %d puts the same trials below and above as Optuna (pruned ones by step, then value; NaN last)',
    (nBelow, s) => {
      const { below, above } = splitTrials(reference.split.trials, nBelow, 'maximize');
      expect(below.map((t) => t.number)).toEqual(s.below);
      expect(above.map((t) => t.number)).toEqual(s.above);
    },
  );
});

describe('TPE acquisition on a real study state', () => {
  const { trials } = reference.acquisition;
  const { below, above } = splitTrials(trials, defaultGamma(trials.length), 'maximize');

  it('splits the 40 trials as Optuna did', () => {
    expect(below.map((t) => t.number)).toEqual(reference.acquisition.below);
  });

  it.each(reference.acquisition.params.map((p) => [p.name, p] as const))(
    '%s: log l(x) − log g(x) at Optuna’s candidates equals Optuna’s, and the same candidate wins',
    (name, p) => {
      const values = (group: typeof below) =>
        group.filter((t) => name in t.params).map((t) => toInternal(p.distribution, t.params[name]!));
      const l = buildParzenEstimator(values(below), p.distribution, DEFAULT_TPE_SETTINGS);
      const g = buildParzenEstimator(values(above), p.distribution, DEFAULT_TPE_SETTINGS);
      const logL = parzenLogPdf(l, p.candidates);
      const logG = parzenLogPdf(g, p.candidates);
      const acquisition = logL.map((v, i) => v - logG[i]!);
      acquisition.forEach((v, i) => expectClose(v, toNumber(p.acquisition[i]!)));
      // Optuna's _compare returns the winner in internal representation (a choice index for categoricals).
      expect(p.candidates[acquisition.indexOf(Math.max(...acquisition))]).toEqual(p.chosen);
    },
  );
});

describe('median pruner', () => {
  const { completed, candidates } = reference.pruner;
  it.each(reference.pruner.cases.map((c) => [JSON.stringify(c.settings), c] as const))(
    'with %s prunes at the same steps as Optuna',
    (_, c) => {
      candidates.forEach((values, t) => {
        const decisions = values.map((__, s) => shouldPrune(values.slice(0, s + 1), completed, c.settings));
        expect(decisions).toEqual(c.decisions[t]);
        const first = c.decisions[t]!.indexOf(true);
        expect(firstPrunedStep(values, completed, c.settings)).toBe(first < 0 ? null : first + 1);
      });
    },
  );
});

describe('synthetic objective', () => {
  it('is the same formula as the Python one Optuna was run on', () => {
    for (const { params, value } of reference.objective)
      expectClose(syntheticObjective(params), value, 1e-12);
  });
});

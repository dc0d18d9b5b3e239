import { createRng } from '../data/random';
import { contains, type Distribution } from './distributions';
import { loadOptunaReference } from '../../test/reference/tuning/optuna-reference';
import { sampleRandom } from './random-sampler';
import { DEFAULT_SEARCH_SPACE, syntheticBestCurve } from './run-synthetic-study';
import { DEFAULT_TPE_SETTINGS } from './tpe-sampler';

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

describe('random sampler', () => {
  const rng = createRng(1);
  const draw = (d: Distribution, n = 4000) => Array.from({ length: n }, () => sampleRandom(d, rng) as number);

  it('is uniform in log space for a log float, and stays inside the bounds', () => {
    const d: Distribution = { type: 'float', low: 1e-4, high: 1e-2, log: true };
    const values = draw(d);
    expect(values.every((v) => contains(d, v))).toBe(true);
    const below1e3 = values.filter((v) => v < 1e-3).length / values.length; // log-midpoint
    expect(below1e3).toBeGreaterThan(0.46);
    expect(below1e3).toBeLessThan(0.54);
  });

  it('gives the end points of an integer range their fair half-step share', () => {
    const d: Distribution = { type: 'int', low: 1, high: 3, log: false, step: 1 };
    const counts = [0, 0, 0];
    for (const v of draw(d, 6000)) counts[v - 1]!++;
    for (const c of counts) expect(Math.abs(c / 6000 - 1 / 3)).toBeLessThan(0.03);
  });

  it('rounds a log integer and keeps grid floats on the grid', () => {
    const logInt: Distribution = { type: 'int', low: 8, high: 128, log: true, step: 1 };
    expect(draw(logInt).every((v) => contains(logInt, v))).toBe(true);
    const grid: Distribution = { type: 'float', low: 0, high: 1, log: false, step: 0.25 };
    expect(new Set(draw(grid))).toEqual(new Set([0, 0.25, 0.5, 0.75, 1]));
  });

  it('picks every choice of a categorical about equally often', () => {
    const d: Distribution = { type: 'categorical', choices: ['a', 'b', 'c', 'd'] };
    const counts = new Map<unknown, number>();
    for (let i = 0; i < 4000; i++)
      counts.set(sampleRandom(d, rng), (counts.get(sampleRandom(d, rng)) ?? 0) + 1);
    expect(counts.size).toBe(4);
  });
});

describe('TPE behaviour on the synthetic objective (10 seeds, 50 sequential trials)', () => {
  const reference = loadOptunaReference().behaviour;
  const seeds = Array.from({ length: 10 }, (_, s) => s);
  const tpe = seeds.map((s) => syntheticBestCurve({ type: 'tpe', ...DEFAULT_TPE_SETTINGS }, s, 50));
  const random = seeds.map((s) => syntheticBestCurve({ type: 'random' }, s, 50));
  const at = (curves: number[][], trials: number) => median(curves.map((c) => c[trials - 1]!));

  it("reaches random search's 50-trial best within 25 trials (median over seeds)", () => {
    expect(at(tpe, 25)).toBeGreaterThanOrEqual(at(random, 50));
  });

  it("is no worse than Optuna 4.9's TPE on the same objective, within 0.002 (other random draws)", () => {
    expect(at(tpe, 25)).toBeGreaterThanOrEqual(at(reference.tpe, 25) - 0.002);
    expect(at(tpe, 50)).toBeGreaterThanOrEqual(at(reference.tpe, 50) - 0.002);
  });

  it("and random search matches Optuna's random search within 0.003", () => {
    expect(Math.abs(at(random, 50) - at(reference.random, 50))).toBeLessThan(0.003);
  });

  it('starts with nStartupTrials random trials: the first 10 suggestions do not depend on earlier results', () => {
    const space = DEFAULT_SEARCH_SPACE;
    expect(space.parameters.modelFamily).toBeDefined();
    const tpeFirst = syntheticBestCurve({ type: 'tpe', ...DEFAULT_TPE_SETTINGS }, 3, 10);
    const randomFirst = syntheticBestCurve({ type: 'random' }, 3, 10);
    expect(tpeFirst).toEqual(randomFirst);
  });
});

import { planCoalitions } from './kernel-sampling';
import { binomial, kernelSizeWeights, shapleyWeights } from './shapley-weights';

const popcount = (m: number) => m.toString(2).replaceAll('0', '').length;

describe('shapley weights', () => {
  it('are s!(n−s−1)!/n! and shap’s normalised per-size kernel', () => {
    // 4 players: 0!3!/4! = 1/4, 1!2!/4! = 1/12, 2!1!/4! = 1/12, 3!0!/4! = 1/4
    const close = (actual: Float64Array, expected: number[]) =>
      expected.forEach((e, i) => expect(actual[i]).toBeCloseTo(e, 15));
    close(shapleyWeights(4), [0.25, 1 / 12, 1 / 12, 0.25]);
    // shap, M = 5: sizes 1, 2 with (M−1)/(s(M−s)) = 1, 2/3, both doubled, normalised
    close(kernelSizeWeights(5), [0.6, 0.4]);
    // M = 4: size 1 paired (2 · 3/3 = 2) and size 2, the middle, alone (3/(2·2) = 0.75)
    close(kernelSizeWeights(4), [2 / 2.75, 0.75 / 2.75]);
    expect(binomial(14, 7)).toBe(3432);
  });
});

describe('planCoalitions', () => {
  it('enumerates every coalition but the empty and full ones when the budget allows, with kernel weights', () => {
    const plan = planCoalitions(6, 2 ** 14, 1);
    expect(plan.masks).toHaveLength(2 ** 6 - 2);
    expect(new Set(plan.masks).size).toBe(62);
    expect(plan.masks).not.toContain(0);
    expect(plan.masks).not.toContain(63);
    // Per coalition the Shapley kernel (M−1)/(C(M,s) s (M−s)), up to one common factor.
    const kernel = (s: number) => 5 / (binomial(6, s) * s * (6 - s));
    const ratio = plan.weights[0]! / kernel(popcount(plan.masks[0]!));
    plan.masks.forEach((m, i) => expect(plan.weights[i]! / kernel(popcount(m))).toBeCloseTo(ratio, 12));
    expect(plan.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('enumerates the outer sizes and samples the rest, paired with complements, within the budget', () => {
    const plan = planCoalitions(14, 512, 7);
    expect(plan.masks).toHaveLength(512);
    expect(new Set(plan.masks).size).toBe(512);
    // As in shap for M = 14 and 512 samples: sizes 1 and 13 (28 coalitions) get 512 · 0.339 ≈ 173
    // samples' weight, enough to enumerate; sizes 2 and 12 then get 484 · 0.277 ≈ 134 < 182, so they
    // and the inner sizes are drawn.
    expect(plan.enumeratedSizes).toBe(1);
    const sizes = plan.masks.map(popcount);
    expect(sizes.slice(0, 28).every((s) => s === 1 || s === 13)).toBe(true);
    expect(sizes.slice(28).every((s) => s >= 2 && s <= 12)).toBe(true);
    const present = new Set(plan.masks);
    const full = (1 << 14) - 1;
    // The middle size (7 of 14) stands for itself, as in shap; every other draw brings its
    // complement, except perhaps the last one when the budget runs out.
    const unpaired = plan.masks.filter((m) => popcount(m) !== 7 && !present.has(full ^ m));
    expect(unpaired.length).toBeLessThanOrEqual(1);
    expect(plan.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('is deterministic for a seed and differs between seeds', () => {
    expect(planCoalitions(14, 300, 5)).toEqual(planCoalitions(14, 300, 5));
    expect(planCoalitions(14, 300, 5).masks).not.toEqual(planCoalitions(14, 300, 6).masks);
  });
});

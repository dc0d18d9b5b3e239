import { mixtureConfidenceHalfWidth, mixtureLogLikelihoodRatio, nextAlwaysValidPValue } from './msprt';

/** ∫ N(x; θ, V)/N(x; θ₀, V) · N(θ; θ₀, τ²) dθ by Simpson's rule over ±12τ: the mixture ratio from its definition. */
function integratedRatio(x: number, variance: number, tau2: number, theta0 = 0): number {
  const tau = Math.sqrt(tau2);
  const steps = 20_000;
  const h = (24 * tau) / steps;
  let total = 0;
  for (let i = 0; i <= steps; i++) {
    const theta = theta0 - 12 * tau + i * h;
    const ratio = Math.exp(((x - theta0) ** 2 - (x - theta) ** 2) / (2 * variance));
    const density = Math.exp(-((theta - theta0) ** 2) / (2 * tau2)) / Math.sqrt(2 * Math.PI * tau2);
    const weight = i === 0 || i === steps ? 1 : i % 2 ? 4 : 2;
    total += weight * ratio * density;
  }
  return (total * h) / 3;
}

describe('the normal-mixture likelihood ratio', () => {
  it.each([
    [0.25, 0.01, 0.0025, 0],
    [0.03, 0.0004, 0.0025, 0],
    [-0.05, 0.0001, 0.0025, 0],
    [0.0, 0.01, 0.0025, 0],
    [0.12, 0.002, 0.01, 0.05],
  ])(
    'equals the integral of the likelihood ratio over the mixing density (Δ̂ %p, V %p, τ² %p, θ₀ %p)',
    (x, v, t2, t0) => {
      const closed = Math.exp(mixtureLogLikelihoodRatio(x, v, t2, t0));
      expect(closed).toBeCloseTo(integratedRatio(x, v, t2, t0), 8);
    },
  );

  it('has the value worked out by hand for Δ̂ = 0.25, V = 0.01, τ² = 0.0025', () => {
    // −½ ln 1.25 + 0.0025·0.0625 / (2·0.01·0.0125) = −0.1115718 + 0.625
    expect(mixtureLogLikelihoodRatio(0.25, 0.01, 0.0025)).toBeCloseTo(0.5134282, 7);
  });

  it('is below 1 at Δ̂ = θ₀ (no evidence) and grows with |Δ̂ − θ₀|', () => {
    expect(mixtureLogLikelihoodRatio(0, 0.01, 0.0025)).toBeLessThan(0);
    expect(mixtureLogLikelihoodRatio(0.2, 0.01, 0.0025)).toBeGreaterThan(
      mixtureLogLikelihoodRatio(0.1, 0.01, 0.0025),
    );
    expect(mixtureLogLikelihoodRatio(-0.2, 0.01, 0.0025)).toBeCloseTo(
      mixtureLogLikelihoodRatio(0.2, 0.01, 0.0025),
      12,
    );
  });
});

describe('the confidence interval of one look', () => {
  it.each([0.01, 0.05, 0.1])('holds exactly the θ₀ whose ratio stays below 1/α (α = %p)', (alpha) => {
    const [x, v, t2] = [0.04, 0.0003, 0.0025];
    const half = mixtureConfidenceHalfWidth(v, t2, alpha);
    for (const edge of [x - half, x + half]) {
      expect(mixtureLogLikelihoodRatio(x, v, t2, edge)).toBeCloseTo(Math.log(1 / alpha), 9);
    }
    expect(mixtureLogLikelihoodRatio(x, v, t2, x - 0.99 * half)).toBeLessThan(Math.log(1 / alpha));
    expect(mixtureLogLikelihoodRatio(x, v, t2, x + 1.01 * half)).toBeGreaterThan(Math.log(1 / alpha));
  });

  it('is wider than the fixed-horizon interval (the price of looking any time)', () => {
    const v = 0.0004;
    expect(mixtureConfidenceHalfWidth(v, 0.0025, 0.05)).toBeGreaterThan(1.96 * Math.sqrt(v));
  });
});

describe('the always-valid p-value', () => {
  it('is the running minimum of 1/Λ, never above 1', () => {
    expect(nextAlwaysValidPValue(1, -0.5)).toBe(1);
    expect(nextAlwaysValidPValue(1, Math.log(20))).toBeCloseTo(0.05, 12);
    expect(nextAlwaysValidPValue(0.05, Math.log(2))).toBe(0.05);
  });
});

import { solveConstrainedWls } from './constrained-wls';
import { planCoalitions } from './kernel-sampling';

/** v(S) of a game with an additive part and one interaction (players 0 and 2). */
const game = (mask: number) =>
  0.1 +
  0.3 * (mask & 1) +
  -0.2 * ((mask >> 1) & 1) +
  0.05 * ((mask >> 3) & 1) +
  0.4 * ((mask & 5) === 5 ? 1 : 0);

describe('solveConstrainedWls', () => {
  it('gives the exact Shapley values when every coalition is present', () => {
    const plan = planCoalitions(4, 100, 1);
    const phi = solveConstrainedWls(4, plan.masks, plan.weights, plan.masks.map(game), game(0), game(15));
    // Additive parts go to their players; the 0–2 interaction is split evenly.
    [0.3 + 0.2, -0.2, 0.2, 0.05].forEach((expected, i) => expect(phi[i]).toBeCloseTo(expected, 12));
  });

  it('always sums to v(N) − v(∅), even from a few coalitions', () => {
    const plan = planCoalitions(10, 40, 3);
    const values = plan.masks.map((m) => Math.sin(m) / 3);
    const phi = solveConstrainedWls(10, plan.masks, plan.weights, values, 0.2, 0.9);
    expect(phi.reduce((a, b) => a + b, 0)).toBeCloseTo(0.7, 12);
  });

  it('falls back to least squares when the normal equations are singular', () => {
    // Players 0 and 1 always enter together: the system cannot tell them apart.
    const masks = [3, 4, 7 ^ 4, 7 ^ 3];
    const phi = solveConstrainedWls(3, masks, [1, 1, 1, 1], [0.5, 0.2, 0.5, 0.2], 0, 0.7);
    expect(phi.every(Number.isFinite)).toBe(true);
    expect(phi.reduce((a, b) => a + b, 0)).toBeCloseTo(0.7, 12);
  });

  it('handles no and one varying player', () => {
    expect(Array.from(solveConstrainedWls(0, [], [], [], 0.3, 0.3))).toEqual([]);
    expect(Array.from(solveConstrainedWls(1, [], [], [], 0.3, 0.5))).toEqual([0.5 - 0.3]);
  });
});

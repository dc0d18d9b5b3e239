import { expectClose, loadSklearnReference } from '../../test/reference/sklearn-reference';
import { rocAuc } from './roc-auc';

/** O(n²) definition: P(score⁺ > score⁻) + ½ P(score⁺ = score⁻). */
function pairwiseAuc(labels: readonly number[], scores: readonly number[]): number {
  let wins = 0;
  let pairs = 0;
  labels.forEach((li, i) => {
    if (li !== 1) return;
    labels.forEach((lj, j) => {
      if (lj !== 0) return;
      pairs++;
      wins += scores[i]! > scores[j]! ? 1 : scores[i] === scores[j] ? 0.5 : 0;
    });
  });
  return wins / pairs;
}

describe('rocAuc', () => {
  const { cases } = loadSklearnReference();

  it.each(cases)('matches scikit-learn roc_auc_score on "$name"', ({ labels, scores, expected }) => {
    expectClose(rocAuc(labels, scores), expected.rocAuc, 'rocAuc');
  });

  it('is 1 for a perfect ranking, 0 for an inverted one and 0.5 when every score ties', () => {
    expect(rocAuc([0, 0, 1, 1], [0.1, 0.2, 0.8, 0.9])).toBe(1);
    expect(rocAuc([1, 1, 0, 0], [0.1, 0.2, 0.8, 0.9])).toBe(0);
    expect(rocAuc([1, 0, 1, 0], [0.5, 0.5, 0.5, 0.5])).toBe(0.5);
  });

  it('counts a positive–negative tie as one half', () => {
    // By hand: pairs (0.8 vs 0.8) = ½, (0.8 vs 0.1) = 1 → 1.5 / 2.
    expect(rocAuc([1, 0, 0], [0.8, 0.8, 0.1])).toBe(0.75);
  });

  it('is NaN when only one class is present', () => {
    expect(rocAuc([1, 1], [0.2, 0.9])).toBeNaN();
    expect(rocAuc([0], [0.2])).toBeNaN();
  });

  it('agrees with the pairwise definition on scores with many ties', () => {
    let seed = 7;
    const next = (): number => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const labels = Array.from({ length: 300 }, () => (next() < 0.3 ? 1 : 0));
    const scores = labels.map((l) => Math.round((0.2 * l + next()) * 20) / 20);
    expect(rocAuc(labels, scores)).toBeCloseTo(pairwiseAuc(labels, scores), 12);
  });

  it('accepts typed arrays, as the training code passes them', () => {
    expect(rocAuc(new Float32Array([0, 1]), new Float32Array([0.3, 0.6]))).toBe(1);
  });

  it('rejects labels other than 0/1 with the index', () => {
    expect(() => rocAuc([0, 3], [0.1, 0.2])).toThrow('rocAuc: labels[1] must be 0 or 1, got 3');
  });
});

import { expectCbpeClose, loadCbpeReference } from '../../../test/reference/monitoring/cbpe-reference';
import { fitIsotonic, poolAdjacentViolators, predictIsotonic } from './isotonic-regression';

describe('isotonic regression', () => {
  it("fits the thresholds and predictions of scikit-learn's IsotonicRegression(out_of_bounds='clip')", () => {
    for (const c of loadCbpeReference().blocks.isotonic) {
      const fit = fitIsotonic(c.x, c.y);
      expect(fit.x).toHaveLength(c.thresholdsX.length);
      fit.x.forEach((v, i) => expectCbpeClose(v, c.thresholdsX[i]!, `${c.name} X_thresholds_[${i}]`));
      fit.y.forEach((v, i) => expectCbpeClose(v, c.thresholdsY[i]!, `${c.name} y_thresholds_[${i}]`));
      const predicted = predictIsotonic(fit, c.queries);
      predicted.forEach((v, i) =>
        expectCbpeClose(v, c.predictions[i]!, `${c.name} predict(${c.queries[i]})`),
      );
    }
  });

  it("pools like scikit-learn's docstring example", () => {
    const y = poolAdjacentViolators([5, 3, 1, 2, 8, 10, 7, 9, 6, 4], new Array<number>(10).fill(1));
    const expected = [2.75, 2.75, 2.75, 2.75, 7.333333333333333, 7.333333333333333, 7.333333333333333];
    expected.forEach((v, i) => expect(y[i]).toBeCloseTo(v, 12));
    expect(y.slice(4)).toEqual(new Array<number>(6).fill(y[4]!));
  });

  it('predicts a constant when every score is the same', () => {
    const fit = fitIsotonic([0.3, 0.3, 0.3], [1, 0, 0]);
    expect(Array.from(predictIsotonic(fit, [0, 0.3, 1]))).toEqual([1 / 3, 1 / 3, 1 / 3]);
  });

  it('refuses empty or mismatched input', () => {
    expect(() => fitIsotonic([], [])).toThrow(RangeError);
    expect(() => fitIsotonic([0.1], [1, 0])).toThrow(RangeError);
  });
});

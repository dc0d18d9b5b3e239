import { expectAllClose, loadSklearnReference } from '../../test/reference/sklearn-reference';
import { calibrationCurve } from './calibration-curve';

describe('calibrationCurve', () => {
  const { cases, calibrationBins } = loadSklearnReference();

  it.each(cases)(
    'matches scikit-learn calibration_curve(strategy=\'uniform\', n_bins=10) on "$name"',
    ({ labels, scores, expected }) => {
      const bins = calibrationCurve(labels, scores, calibrationBins);
      expect(bins.map((b) => b.bin)).toEqual(expected.calibration.bin);
      expect(bins.map((b) => b.count)).toEqual(expected.calibration.count);
      expectAllClose(
        bins.map((b) => b.fractionPositive),
        expected.calibration.fractionPositive,
        'fractionPositive',
      );
      expectAllClose(
        bins.map((b) => b.meanPredicted),
        expected.calibration.meanPredicted,
        'meanPredicted',
      );
    },
  );

  it('puts a probability on an edge into the lower bin, and 0 into the first', () => {
    // numpy.searchsorted(side='left') on inner edges: 0.5 → bin 4, 0 → bin 0, 1 → bin 9.
    const bins = calibrationCurve([1, 0, 1], [0.5, 0, 1]);
    expect(bins.map((b) => [b.bin, b.count])).toEqual([
      [0, 1],
      [4, 1],
      [9, 1],
    ]);
  });

  it('reports edges as numpy.linspace makes them', () => {
    const [bin] = calibrationCurve([1], [0.25]);
    expect(bin).toMatchObject({ bin: 2, lower: 0.2, upper: 0.30000000000000004 });
  });

  it('leaves out empty bins and honours a custom bin count', () => {
    // By hand: two bins of width 0.5; rows 0.1, 0.2 (labels 0, 1) and 0.9 (label 1).
    expect(calibrationCurve([0, 1, 1], [0.1, 0.2, 0.9], 2)).toEqual([
      { bin: 0, lower: 0, upper: 0.5, count: 2, meanPredicted: 0.15000000000000002, fractionPositive: 0.5 },
      { bin: 1, lower: 0.5, upper: 1, count: 1, meanPredicted: 0.9, fractionPositive: 1 },
    ]);
  });

  it('rejects a bin count that is not a positive integer', () => {
    expect(() => calibrationCurve([1], [0.5], 0)).toThrow(
      'calibrationCurve: nBins must be a positive integer, got 0',
    );
    expect(() => calibrationCurve([1], [0.5], 2.5)).toThrow(
      'calibrationCurve: nBins must be a positive integer, got 2.5',
    );
  });

  it('rejects probabilities outside [0, 1]', () => {
    expect(() => calibrationCurve([1, 0], [0.5, -0.1])).toThrow(
      'calibrationCurve: scores[1] must be a probability in [0, 1], got -0.1',
    );
  });
});

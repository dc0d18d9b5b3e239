import { expectCbpeClose, loadCbpeReference } from '../../../test/reference/monitoring/cbpe-reference';
import { binIndexEdges, expectedCalibrationError } from './calibration-error';
import { decideCalibration } from './needs-calibration';

describe('the calibration decision', () => {
  const reference = loadCbpeReference();

  it("cuts bins like NannyML's _get_bin_index_edges", () => {
    for (const { length, bins, edges } of reference.blocks.binEdges) {
      expect({ length, edges: binIndexEdges(length, bins) }).toEqual({ length, edges });
    }
    expect(() => binIndexEdges(3, 10)).toThrow(/at least 2 calibration bins/);
  });

  it("reaches NannyML's needs_calibration decision, with its ECE before calibration and the stable-sort ECE after", () => {
    for (const c of reference.cases) {
      const expected = c.expected.calibration;
      const ours = decideCalibration(c.reference.labels, c.reference.scores);
      expect({ case: c.name, shortcut: ours.shortcut ?? null }).toEqual({
        case: c.name,
        shortcut: expected.shortcut,
      });
      // Our sort is stable, so our decision is the stable-sort one; NannyML's differs only where
      // tied calibrated scores straddle a bin edge (the fixture marks such a case).
      expect({ case: c.name, calibrate: ours.calibrate }).toEqual({
        case: c.name,
        calibrate: expected.stableDecision,
      });
      if (expected.shortcut) continue;
      expectCbpeClose(ours.eceBefore, expected.eceBefore!, `${c.name} ECE before`);
      expectCbpeClose(ours.eceBefore, expected.eceBeforeStable!, `${c.name} ECE before (stable)`);
      expectCbpeClose(ours.eceAfter, expected.eceAfterStable!, `${c.name} ECE after (stable)`);
    }
  });

  it('agrees with NannyML on every case whose decision does not hang on the order of tied scores', () => {
    const robust = reference.cases.filter(
      (c) => c.expected.calibration.stableDecision === c.expected.calibration.decision,
    );
    expect(robust.length).toBeGreaterThanOrEqual(4);
    for (const c of robust) {
      expect({
        case: c.name,
        calibrate: decideCalibration(c.reference.labels, c.reference.scores).calibrate,
      }).toEqual({
        case: c.name,
        calibrate: c.expected.needsCalibration,
      });
    }
  });

  it('weights each bin by its share of rows', () => {
    // Two bins: scores [0.1, 0.2 | 0.8, 0.9], labels [0, 1 | 1, 1]: |0.15 − 0.5|/2 + |0.85 − 1|/2.
    const ece = expectedCalibrationError(
      [1, 0, 1, 1],
      [0.2, 0.1, 0.9, 0.8],
      [
        [0, 2],
        [2, 4],
      ],
    );
    expect(ece).toBeCloseTo(0.175 + 0.075, 12);
  });
});

import {
  type CbpeCase,
  type CbpeChunkResult,
  expectCbpeClose,
  loadCbpeReference,
  type ResultMetric,
} from '../../../test/reference/monitoring/cbpe-reference';
import { calibrateScores, estimateCbpeChunks, fitCbpe, type FittedCbpe } from './cbpe';
import { CBPE_METRICS, type CbpeMetric } from './cbpe-metrics';
import type { Chunking } from './chunking';

// NannyML's result column for each of our metric names.
const NANNYML_NAME: Record<CbpeMetric, ResultMetric> = {
  rocAuc: 'roc_auc',
  accuracy: 'accuracy',
  f1: 'f1',
  precision: 'precision',
  recall: 'recall',
  truePositive: 'true_positive',
  trueNegative: 'true_negative',
  falsePositive: 'false_positive',
  falseNegative: 'false_negative',
};

function chunkingOf(c: CbpeCase): Chunking {
  if (c.chunking.chunk_size !== undefined) return { size: c.chunking.chunk_size };
  if (c.chunking.chunk_number !== undefined) return { count: c.chunking.chunk_number };
  return {};
}

/** Our fit of a case: NannyML's own calibration rule, except where its decision hangs on tie order. */
function fitCase(c: CbpeCase): FittedCbpe {
  const { decision, stableDecision } = c.expected.calibration;
  const calibration = decision === stableDecision ? 'auto' : c.expected.needsCalibration ? 'always' : 'never';
  return fitCbpe(c.reference, { referenceChunking: chunkingOf(c), calibration });
}

function compareChunks(
  c: CbpeCase,
  period: 'reference' | 'analysis',
  expected: readonly CbpeChunkResult[],
  fitted: FittedCbpe,
): number {
  const data = period === 'reference' ? c.reference : c.analysis;
  const ours = estimateCbpeChunks(fitted, data.scores, chunkingOf(c), data.labels);
  expect(ours.map((o) => [o.start, o.end - 1])).toEqual(expected.map((e) => [e.startIndex, e.endIndex]));
  let compared = 0;
  ours.forEach((chunk, k) => {
    for (const metric of CBPE_METRICS) {
      const want = expected[k]!.metrics[NANNYML_NAME[metric]];
      const got = chunk.metrics[metric];
      const where = `${c.name} ${period} chunk ${expected[k]!.key} ${metric}`;
      expectCbpeClose(got.value, want.value, `${where} estimate`);
      expectCbpeClose(got.samplingError, want.sampling_error, `${where} sampling error`);
      expectCbpeClose(got.upper, want.upper_confidence_boundary, `${where} upper band`);
      expectCbpeClose(got.lower, want.lower_confidence_boundary, `${where} lower band`);
      expectCbpeClose(got.upperThreshold, want.upper_threshold, `${where} upper threshold`);
      expectCbpeClose(got.lowerThreshold, want.lower_threshold, `${where} lower threshold`);
      expectCbpeClose(got.realized, want.realized, `${where} realized`);
      expect({ where, alert: got.alert }).toEqual({ where, alert: want.alert });
      compared += 8;
    }
  });
  return compared;
}

describe('CBPE against NannyML 0.13.1', () => {
  const reference = loadCbpeReference();

  it('uses a fixture made by NannyML 0.13.1 that covers both calibration outcomes and every chunker', () => {
    expect(reference.versions.nannyml).toBe('0.13.1');
    expect(new Set(reference.cases.map((c) => c.expected.needsCalibration))).toEqual(new Set([true, false]));
    expect(reference.cases.some((c) => c.chunking.chunk_size !== undefined)).toBe(true);
    expect(reference.cases.some((c) => c.chunking.chunk_number !== undefined)).toBe(true);
    expect(reference.cases.some((c) => Object.keys(c.chunking).length === 0)).toBe(true);
    expect(reference.cases.some((c) => c.expected.analysisChunks.some((k) => k.metrics.roc_auc.alert))).toBe(
      true,
    );
  });

  for (const c of loadCbpeReference().cases) {
    it(`matches every estimate, band, threshold, alert and realized value: ${c.name}`, () => {
      const fitted = fitCase(c);
      expect(fitted.calibrator !== null).toBe(c.expected.needsCalibration);
      if (c.expected.calibrator) {
        fitted.calibrator!.x.forEach((v, i) =>
          expectCbpeClose(v, c.expected.calibrator!.x[i]!, `${c.name} calibrator x[${i}]`),
        );
        fitted.calibrator!.y.forEach((v, i) =>
          expectCbpeClose(v, c.expected.calibrator!.y[i]!, `${c.name} calibrator y[${i}]`),
        );
      }
      if (c.expected.calibratedAnalysisScores) {
        const calibrated = calibrateScores(fitted, c.analysis.scores);
        calibrated.forEach((v, i) =>
          expectCbpeClose(v, c.expected.calibratedAnalysisScores![i]!, `${c.name} calibrated score ${i}`),
        );
      }
      for (const metric of CBPE_METRICS) {
        const want = c.expected.samplingErrorComponents[NANNYML_NAME[metric]]!;
        const got = fitted.samplingErrorComponents[metric];
        expectCbpeClose(got[0], want[0]!, `${c.name} ${metric} sampling-error std`);
        // (NannyML's accuracy component is the std alone: its fraction is 1.)
        expectCbpeClose(got[1], want[1] ?? 1, `${c.name} ${metric} sampling-error fraction`);
      }
      const compared =
        compareChunks(c, 'reference', c.expected.referenceChunks, fitted) +
        compareChunks(c, 'analysis', c.expected.analysisChunks, fitted);
      expect(compared).toBeGreaterThan(0);
    });
  }
});

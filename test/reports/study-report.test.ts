import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderStudyReport } from '../../src/reports/study-report';
import { DEFAULT_SEARCH_SPACE } from '../../src/tuning/run-synthetic-study';
import { syntheticStudy } from '../../src/tuning/study.fixture';
import type { FamilyComparison } from '../../src/pipeline/compare-families';
import { checkReportInChromium, isChromiumAvailable, missingChromiumMessage } from '../helpers/chromium';

const SCREENSHOT = '/tmp/legalaid-study-report.png';
const BROWSER_TIMEOUT_MS = 60_000;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'study-report-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const metrics = (rocAuc: number) => ({ rocAuc }) as unknown as FamilyComparison['dnn'] extends infer T ? (T extends { metrics: infer M } ? M : never) : never;
const comparison: FamilyComparison = {
  testRows: 1500,
  dnn: { trials: [12], metrics: metrics(0.851) },
  logreg: { trials: [3], metrics: metrics(0.854) },
  dnnVsLogreg: {
    aucA: 0.851,
    aucB: 0.854,
    difference: -0.003,
    standardError: 0.004,
    z: -0.75,
    pValue: 0.45,
    confidenceLevel: 0.95,
    ciLow: -0.0108,
    ciHigh: 0.0048,
    positives: 500,
    negatives: 1000,
    summary: 'the DNN trails the logistic regression by 0.003 ROC AUC (95% CI −0.011 to 0.005, p = 0.450): not significant at 5%',
  },
};

describe('the study report in headless Chromium', () => {
  it('has a Chromium to open reports with', () => {
    if (!isChromiumAvailable()) throw new Error(missingChromiumMessage());
  });

  it(
    'shows the family verdict, history, learning curves, importances and parallel coordinates: four charts, no error, no request',
    async () => {
      const trials = syntheticStudy();
      expect(trials.some((t) => t.state === 'pruned')).toBe(true);
      const page = await renderStudyReport({
        studyId: 'study-demo',
        datasetMd5: '9e107d9d372bb6826bd81d3542a419d6',
        sampler: 'TPE',
        seed: 4,
        space: DEFAULT_SEARCH_SPACE,
        trials,
        comparison,
        createdAt: '2026-11-30T06:00:00.000Z',
      });
      const path = join(dir, 'study.html');
      writeFileSync(path, page);
      expect(page).toContain('The DNN trails the logistic regression by 0.003 ROC AUC');
      const check = await checkReportInChromium(path, { screenshotPath: SCREENSHOT });
      expect(check.consoleErrors).toEqual([]);
      expect(check.failedRequests).toEqual([]);
      expect(check.svgCount).toBe(4);
      expect(check.title).toBe('Hyper-parameter study: study-demo');
    },
    BROWSER_TIMEOUT_MS,
  );

  it(
    'says so when a family is missing and no trial completed, and still renders',
    async () => {
      const trials = syntheticStudy(3).map((t) => ({ ...t, state: 'failed' as const, intermediate: [] }));
      const page = await renderStudyReport({
        studyId: 'empty',
        datasetMd5: '9e107d9d372bb6826bd81d3542a419d6',
        sampler: 'random',
        seed: 1,
        space: DEFAULT_SEARCH_SPACE,
        trials,
        createdAt: '2026-11-30T06:00:00.000Z',
      });
      expect(page).toContain('did not complete trials of both families');
      const path = join(dir, 'empty.html');
      writeFileSync(path, page);
      const check = await checkReportInChromium(path);
      expect(check.consoleErrors).toEqual([]);
    },
    BROWSER_TIMEOUT_MS,
  );
});

import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderEvaluationReport } from '../../src/reports/evaluation-report';
import type { EvaluationReportInput } from '../../src/reports/evaluation-analysis';
import { syntheticEvaluation, syntheticImportance } from '../../src/reports/evaluation.fixture';
import { checkReportInChromium, isChromiumAvailable, missingChromiumMessage } from '../helpers/chromium';

/** Where the screenshot of the realistic report goes, for a human to look at. */
const SCREENSHOT = '/tmp/legalaid-evaluation-report.png';
/** The same with the importance section. */
const IMPORTANCE_SCREENSHOT = '/tmp/legalaid-evaluation-report-importance.png';
const BROWSER_TIMEOUT_MS = 60_000;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'evaluation-report-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function input(rows: number, withProduction: boolean): EvaluationReportInput {
  const d = syntheticEvaluation(rows, 11);
  return {
    modelVersion: 'v12',
    datasetMd5: '9e107d9d372bb6826bd81d3542a419d6',
    evaluatedAt: '2025-11-28T15:00:00.000Z',
    labels: d.labels,
    probabilities: d.candidate,
    production: withProduction ? { version: 'v9', probabilities: d.production } : null,
  };
}

async function write(name: string, page: string | Promise<string>): Promise<string> {
  const path = join(dir, name);
  writeFileSync(path, await page);
  return path;
}

describe('the evaluation report in headless Chromium', () => {
  it('has a Chromium to open reports with (CI installs it in .ci/run)', () => {
    if (!isChromiumAvailable()) throw new Error(missingChromiumMessage());
  });

  it(
    'renders a candidate-vs-production report on 20k rows: six charts, no console error, no request',
    async () => {
      const path = await write('compared.html', renderEvaluationReport(input(20_000, true)));
      const check = await checkReportInChromium(path, { screenshotPath: SCREENSHOT });
      expect(check.consoleErrors).toEqual([]);
      expect(check.failedRequests).toEqual([]);
      expect(check.svgCount).toBe(6);
      expect(check.title).toBe('Model evaluation: v12');
      expect(statSync(SCREENSHOT).size).toBeGreaterThan(50_000);
    },
    BROWSER_TIMEOUT_MS,
  );

  it(
    'renders the importance section: eight charts, candidate beside production, no console error, no request',
    async () => {
      const importance = { model: syntheticImportance(1, 0.08), production: syntheticImportance(2) };
      const path = await write('importance.html', renderEvaluationReport({ ...input(5000, true), importance }));
      const check = await checkReportInChromium(path, { screenshotPath: IMPORTANCE_SCREENSHOT });
      expect(check).toMatchObject({ consoleErrors: [], failedRequests: [], svgCount: 8, title: 'Model evaluation: v12' });
    },
    BROWSER_TIMEOUT_MS,
  );

  it(
    'renders a lone model with five charts',
    async () => {
      const path = await write('single.html', renderEvaluationReport(input(5000, false)));
      const check = await checkReportInChromium(path);
      expect(check).toEqual({ consoleErrors: [], failedRequests: [], svgCount: 5, title: 'Model evaluation: v12' });
    },
    BROWSER_TIMEOUT_MS,
  );

  it(
    'renders a one-class evaluation without curves instead of failing',
    async () => {
      const path = await write('one-class.html', renderEvaluationReport({ ...input(500, true), labels: new Uint8Array(500) }));
      const check = await checkReportInChromium(path);
      // Two confusion matrices, calibration and bin counts; no ROC or PR chart.
      expect(check).toEqual({ consoleErrors: [], failedRequests: [], svgCount: 4, title: 'Model evaluation: v12' });
    },
    BROWSER_TIMEOUT_MS,
  );
});

describe('checkReportInChromium', () => {
  it(
    'sees requests, console errors and empty SVGs on a page that is deliberately not self-contained',
    async () => {
      // Faulty on purpose: an image from a reserved (never resolvable) domain,
      // a script error, and an SVG with no size; the request is aborted, not sent.
      const path = await write(
        'faulty.html',
        `<!doctype html><title>faulty</title><img src="http://example.invalid/x.png">
<script>undefinedFunction()</script><svg width="0" height="0"></svg><svg width="10" height="10"></svg>`,
      );
      const check = await checkReportInChromium(path);
      expect(check.failedRequests).toEqual(['http://example.invalid/x.png']);
      expect(check.consoleErrors).toEqual(expect.arrayContaining(['undefinedFunction is not defined']));
      expect(check.svgCount).toBe(1);
      expect(check.title).toBe('faulty');
    },
    BROWSER_TIMEOUT_MS,
  );
});

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simulatedExperimentStatus } from '../../src/reports/experiment-report.fixture';
import { writeExperimentReport } from '../../src/reports/experiment-report-files';
import { checkReportInChromium, isChromiumAvailable, missingChromiumMessage } from '../helpers/chromium';

const SCREENSHOT = '/tmp/legalaid-experiment-report.png';
const BROWSER_TIMEOUT_MS = 60_000;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'experiment-report-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the experiment report in headless Chromium', () => {
  it('has a Chromium to open reports with', () => {
    if (!isChromiumAvailable()) throw new Error(missingChromiumMessage());
  });

  it(
    'shows the decision, the course with who did what, counts, effect with its confidence sequence, p-values and guardrails: six charts, no error, no request',
    async () => {
      const status = simulatedExperimentStatus();
      expect(status.outcome).toBe('candidate_better');
      expect(status.timeline!.windows.length).toBeGreaterThan(1);
      const written = await writeExperimentReport({ dir, status, createdAt: '2026-11-30T12:00:00.000Z' });
      expect(written.htmlPath).toBe(join(dir, `${status.experimentId}.html`));
      const page = readFileSync(written.htmlPath, 'utf8');
      expect(page).toContain('candidate better: the sequential test found the candidate better');
      for (const who of ['ana', 'ben', 'incident review', 'set_share', 'pause', 'resume']) expect(page).toContain(who);
      const saved = JSON.parse(readFileSync(written.jsonPath, 'utf8')) as { createdAt: string; status: unknown };
      expect(saved).toEqual({ createdAt: '2026-11-30T12:00:00.000Z', status });
      const check = await checkReportInChromium(written.htmlPath, { screenshotPath: SCREENSHOT });
      expect(check.consoleErrors).toEqual([]);
      expect(check.failedRequests).toEqual([]);
      expect(check.svgCount).toBe(6);
      expect(check.title).toBe(`Experiment: ${status.candidate} against ${status.production}`);
    },
    BROWSER_TIMEOUT_MS,
  );

  it(
    'renders a running experiment before its first batch with notes instead of empty charts',
    async () => {
      const done = simulatedExperimentStatus();
      const status = {
        ...done,
        stage: 'shadow',
        outcome: undefined,
        reason: undefined,
        report: null,
        controls: [],
        timeline: { ...done.timeline!, points: [], windows: [], stages: done.timeline!.stages.slice(0, 1) },
      };
      const written = await writeExperimentReport({ dir, status, createdAt: '2026-11-30T08:01:00.000Z' });
      const page = readFileSync(written.htmlPath, 'utf8');
      expect(page).toContain('Running: shadow');
      expect(page).toContain('No batch has been analysed yet.');
      expect(page).toContain('No guardrail window has filled yet.');
      const check = await checkReportInChromium(written.htmlPath);
      expect(check.consoleErrors).toEqual([]);
      expect(check.svgCount).toBe(1); // the stage course
    },
    BROWSER_TIMEOUT_MS,
  );
});

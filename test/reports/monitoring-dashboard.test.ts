import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { syntheticPeriods } from '../../src/monitoring/period/period.fixture';
import { renderMonitoringDashboard } from '../../src/reports/monitoring-dashboard';
import { checkReportInChromium, isChromiumAvailable, missingChromiumMessage } from '../helpers/chromium';

/** Where the screenshot goes, for a human to look at. */
const SCREENSHOT = '/tmp/legalaid-monitoring-dashboard.png';
const BROWSER_TIMEOUT_MS = 60_000;
const META = { model: 'matchmaking', generatedAt: '2026-11-30T06:00:00.000Z' };

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'monitoring-dashboard-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the monitoring dashboard in headless Chromium', () => {
  it('has a Chromium to open it with (CI installs it in .ci/run)', () => {
    if (!isChromiumAvailable()) throw new Error(missingChromiumMessage());
  });

  it(
    'renders 12 weeks with a version change, drift and a drop: five charts, no console error, no request',
    async () => {
      const page = await renderMonitoringDashboard(syntheticPeriods(), META);
      const file = join(dir, 'dashboard.html');
      writeFileSync(file, page);
      const check = await checkReportInChromium(file, { screenshotPath: SCREENSHOT });
      expect(check).toMatchObject({ consoleErrors: [], failedRequests: [], svgCount: 5, title: 'Production monitoring: matchmaking' });
      expect(statSync(SCREENSHOT).size).toBeGreaterThan(50_000);
      // The marks a reader needs: the version change, both alerts, the named drifted columns.
      // (booleans, not toContain: a failure would print the whole page)
      expect(page.includes('→ v20261010-000000-')).toBe(true);
      const alertMarkers = page.match(/<path transform="translate\([\d.]+,6\)" d="M0,[\d.]+L[^"]*Z" fill="#c62828"/g) ?? [];
      // drift alert on traffic and drift charts, performance alert on traffic and both performance charts
      expect(alertMarkers).toHaveLength(5);
      expect(page.includes('client_case_type, client_income_bracket, distance_km')).toBe(true);
    },
    BROWSER_TIMEOUT_MS,
  );

  it(
    'renders an empty history as a page that says so',
    async () => {
      const file = join(dir, 'empty.html');
      writeFileSync(file, await renderMonitoringDashboard([], META));
      const check = await checkReportInChromium(file);
      expect(check).toEqual({ consoleErrors: [], failedRequests: [], svgCount: 0, title: 'Production monitoring: matchmaking' });
    },
    BROWSER_TIMEOUT_MS,
  );
});

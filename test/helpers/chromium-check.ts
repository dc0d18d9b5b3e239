import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

/** Where Debian's Chromium lives (`.ci/run` installs it); CHROMIUM_PATH overrides. */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

/** What a headless Chromium saw when it opened a report. */
export interface RenderedReport {
  readonly title: string;
  readonly consoleErrors: string[];
  /** Every request other than the report file itself: a self-contained report makes none. */
  readonly externalRequests: string[];
  /** Rendered SVG charts with a non-zero size. */
  readonly visibleCharts: number;
  readonly text: string;
}

/**
 * Opens an HTML file in headless Chromium and reports what rendered. Fails with
 * a clear message when Chromium is missing rather than skipping.
 */
export async function openInChromium(htmlPath: string, screenshotPath?: string): Promise<RenderedReport> {
  if (!existsSync(chromiumPath())) {
    throw new Error(
      `Chromium not found at ${chromiumPath()}: install Debian's chromium (apt-get install chromium)`,
    );
  }
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const consoleErrors: string[] = [];
    const externalRequests: string[] = [];
    const fileUrl = `file://${htmlPath}`;
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    page.on('request', (request) => {
      if (request.url() !== fileUrl) externalRequests.push(request.url());
    });
    await page.goto(fileUrl, { waitUntil: 'load' });
    // Evaluated in the page (a string, since this project's types have no DOM library).
    const visibleCharts = Number(
      await page.evaluate(`[...document.querySelectorAll('svg')].filter((svg) => {
        const box = svg.getBoundingClientRect();
        return box.width > 0 && box.height > 0 && svg.querySelectorAll('rect').length > 0;
      }).length`),
    );
    if (screenshotPath) await page.screenshot({ path: screenshotPath, fullPage: true });
    return {
      title: await page.title(),
      consoleErrors,
      externalRequests,
      visibleCharts,
      text: await page.innerText('body'),
    };
  } finally {
    await browser.close();
  }
}

import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

/** Where Debian's Chromium lives (`.ci/run` installs it); `CHROMIUM_PATH` overrides. */
export function chromiumExecutablePath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

/**
 * True when the Chromium executable exists. Tests use it to fail with an
 * explanation (see {@link missingChromiumMessage}) rather than skip: a report
 * that was never opened in a browser has not been checked.
 */
export function isChromiumAvailable(): boolean {
  return existsSync(chromiumExecutablePath());
}

/** The failure message when Chromium is missing, saying how to install it. */
export function missingChromiumMessage(): string {
  return (
    `Chromium not found at ${chromiumExecutablePath()}: install Debian's chromium ` +
    '(apt-get install chromium; .ci/run does this in CI) or set CHROMIUM_PATH.'
  );
}

/** What headless Chromium saw when it opened a report. */
export interface ReportCheck {
  /** Console messages of type "error" and uncaught page errors. */
  readonly consoleErrors: string[];
  /** Every request other than the report file itself: a self-contained report makes none. */
  readonly failedRequests: string[];
  /** `<svg>` elements laid out with a non-zero width and height. */
  readonly svgCount: number;
  /** The document's `<title>`. */
  readonly title: string;
  /** Where the full-page PNG went, when one was asked for. */
  readonly screenshotPath?: string;
}

/** Options of {@link checkReportInChromium}. */
export interface ReportCheckOptions {
  /** Write a full-page PNG screenshot here. */
  readonly screenshotPath?: string;
  /** @default 1200 */
  readonly viewportWidth?: number;
}

// Nothing in the background either: no update checks, sync, QUIC probes or
// component downloads, so any request seen is one the page made.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Opens an HTML file in headless Chromium over `file://` and reports console
 * errors, any network request at all (each is also aborted, so nothing leaves
 * the machine), the number of rendered SVG charts and the title; optionally
 * takes a full-page screenshot.
 *
 * @throws Error with {@link missingChromiumMessage} when Chromium is missing
 */
export async function checkReportInChromium(
  htmlPath: string,
  options: ReportCheckOptions = {},
): Promise<ReportCheck> {
  if (!isChromiumAvailable()) throw new Error(missingChromiumMessage());
  const browser = await chromium.launch({ executablePath: chromiumExecutablePath(), args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: options.viewportWidth ?? 1200, height: 900 } });
    const fileUrl = pathToFileURL(resolve(htmlPath)).href;
    const consoleErrors: string[] = [];
    const failedRequests: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    page.on('request', (request) => {
      if (request.url() !== fileUrl) failedRequests.push(request.url());
    });
    // Recorded above; aborted here so that nothing leaves the machine.
    await page.route(
      (url) => url.href !== fileUrl,
      (route) => route.abort('blockedbyclient'),
    );
    await page.goto(fileUrl, { waitUntil: 'load' });
    // A string, evaluated in the page: this project's TypeScript has no DOM types.
    const svgCount = Number(
      await page.evaluate(`[...document.querySelectorAll('svg')].filter((svg) => {
        const box = svg.getBoundingClientRect();
        return box.width > 0 && box.height > 0;
      }).length`),
    );
    if (options.screenshotPath !== undefined) {
      await page.screenshot({ path: options.screenshotPath, fullPage: true });
    }
    return {
      consoleErrors,
      failedRequests,
      svgCount,
      title: await page.title(),
      ...(options.screenshotPath === undefined ? {} : { screenshotPath: options.screenshotPath }),
    };
  } finally {
    await browser.close();
  }
}

/** What a performance-degradation alert says (small: it crosses Temporal payloads). */
export interface PerformanceAlertSummary {
  /** The production version whose realized performance dropped. */
  readonly version: string;
  /** The metric the rule watches (the promotion policy's primary metric by default). */
  readonly metric: string;
  /** Its value when the version was promoted (evaluation.json). */
  readonly baseline: number;
  /** Its value on the period's predictions that have outcomes. */
  readonly realized: number;
  /** (baseline − realized) / baseline, sign-adjusted so a worse value is positive. */
  readonly relativeDrop: number;
  readonly maxRelativeDrop: number;
  /** Predictions with outcomes the realized value rests on. */
  readonly count: number;
  /** The period, `start`–`end` (ISO). */
  readonly periodStart: string;
  readonly periodEnd: string;
  /** CBPE's estimate for the same period, when there is one. */
  readonly estimated?: number | null;
  /** Where the dashboard was written. */
  readonly dashboardPath?: string;
}

/**
 * A degradation episode: the same version degraded on the same metric. A new
 * production version starts a new episode.
 */
export function performanceFingerprint(summary: Pick<PerformanceAlertSummary, 'version' | 'metric'>): string {
  return `${summary.version}:${summary.metric}`;
}

/** A Slack-compatible incoming-webhook message, like the drift alert's. */
export function performanceAlertMessage(summary: PerformanceAlertSummary): {
  text: string;
  blocks: object[];
} {
  const drop = (summary.relativeDrop * 100).toFixed(1);
  const headline =
    `:chart_with_downwards_trend: Performance degradation for LegalAid Connect matchmaking: ` +
    `${summary.metric} ${summary.realized.toFixed(3)} on ${summary.count} predictions with outcomes, ` +
    `${drop}% below ${summary.baseline.toFixed(3)} at promotion (limit ${(summary.maxRelativeDrop * 100).toFixed(0)}%).`;
  const estimated =
    summary.estimated === undefined || summary.estimated === null
      ? ''
      : ` CBPE estimated ${summary.estimated.toFixed(3)} before the outcomes arrived.`;
  const where =
    `Version ${summary.version}; period ${summary.periodStart} – ${summary.periodEnd}.${estimated}` +
    (summary.dashboardPath ? `\nDashboard: ${summary.dashboardPath}` : '');
  return {
    text: `${headline}\n${where}`,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `*${headline}*` } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: where }] },
    ],
  };
}

/** What an alert says about one drift check (small: it crosses Temporal payloads). */
export interface DriftAlertSummary {
  /** The production model whose training snapshot was the reference. */
  readonly productionVersion: string;
  readonly referenceMd5: string;
  readonly currentFile: string;
  readonly currentMd5: string;
  readonly driftedColumns: number;
  /** Names of every drifted column. */
  readonly driftedColumnNames: readonly string[];
  readonly totalColumns: number;
  readonly share: number;
  readonly thresholdShare: number;
  readonly datasetDrift: boolean;
  /** The most drifted columns, highest score first. */
  readonly topColumns: ReadonlyArray<{
    readonly column: string;
    readonly method: string;
    readonly score: number;
    readonly threshold: number;
  }>;
  /** Where the HTML report was written. */
  readonly reportPath: string;
}

/**
 * Identifies a drift state for de-duplication: the same production model with
 * the same set of drifted columns is the same episode, whatever the exact scores.
 */
export function driftFingerprint(
  summary: Pick<DriftAlertSummary, 'productionVersion' | 'driftedColumnNames'>,
): string {
  const columns = [...summary.driftedColumnNames].sort();
  return `${summary.productionVersion}:${columns.join(',')}`;
}

/**
 * A Slack-compatible incoming-webhook message (`text` for notifications and
 * plain receivers, `blocks` for Slack's layout).
 */
export function driftAlertMessage(summary: DriftAlertSummary): { text: string; blocks: object[] } {
  const percent = (summary.share * 100).toFixed(0);
  const headline =
    `:warning: Data drift detected for LegalAid Connect matchmaking: ` +
    `${summary.driftedColumns} of ${summary.totalColumns} columns drifted (${percent}%, threshold ${(summary.thresholdShare * 100).toFixed(0)}%).`;
  const top = summary.topColumns
    .slice(0, 5)
    .map((c) => `• \`${c.column}\` — ${c.method} ${c.score.toFixed(3)} (threshold ${c.threshold})`)
    .join('\n');
  const where = `Reference: production ${summary.productionVersion} (snapshot ${summary.referenceMd5.slice(0, 12)}). Current: ${summary.currentFile}.\nReport: ${summary.reportPath}`;
  return {
    text: `${headline}\n${top}\n${where}`,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `*${headline}*` } },
      { type: 'section', text: { type: 'mrkdwn', text: `Top drifted columns:\n${top}` } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: where }] },
    ],
  };
}

/**
 * The drift part of a monitoring period: production's logged inputs of the
 * period (only the rows the production version scored, so a promotion within
 * the window does not mix two models' traffic) against the snapshot that
 * version was trained on, with Evidently's default methods. Fewer rows than
 * `minRows`: "not enough traffic", no verdict and no alarm.
 */
import type { DriftAlertSummary } from '../../alerts/drift-alert';
import { hashBytes, loadSnapshotTable, snapshotDataPath } from '../../data';
import { FEATURE_COLUMNS } from '../../data/schema';
import { detectDatasetDrift, driftSeverity } from '../../drift';
import { driftReportStem, writeDriftOutputs, type DriftHtmlRenderer } from '../../pipeline/check-drift';
import type { ModelRegistry } from '../../registry';
import type { PredictionLogEntry } from '../../serving/prediction-log/entry';
import { inputColumns, type MonitoringWindow } from './period-predictions';
import type { PeriodDrift } from './period-record';

/** Rows below which the drift check says "not enough traffic". @default 200 */
export const DEFAULT_MIN_DRIFT_ROWS = 200;

/** What the drift part needs. */
export interface PeriodDriftOptions {
  readonly registry: ModelRegistry;
  readonly snapshotsDir: string;
  /** Where the drift JSON and HTML go. */
  readonly reportsDir: string;
  readonly renderHtml: DriftHtmlRenderer;
  readonly window: MonitoringWindow;
  readonly minRows: number;
  readonly driftShare?: number;
  readonly now: Date;
}

/** The part for the record, and the alert summary when the check ran. */
export interface PeriodDriftResult {
  readonly drift: PeriodDrift;
  readonly summary: DriftAlertSummary | null;
}

/**
 * @param production - the production version (undefined: none)
 * @param rows - the period's predictions by that version
 */
export async function checkPeriodDrift(
  production: string | undefined,
  rows: readonly PredictionLogEntry[],
  options: PeriodDriftOptions,
): Promise<PeriodDriftResult> {
  const empty = {
    rows: rows.length,
    minRows: options.minRows,
    share: null,
    thresholdShare: null,
    datasetDrift: false,
    driftedColumns: [],
    topColumns: [],
    reportPath: null,
  };
  if (!production) return { drift: { status: 'no_production', ...empty }, summary: null };
  if (rows.length < options.minRows)
    return { drift: { status: 'not_enough_traffic', ...empty }, summary: null };

  const manifest = await options.registry.readManifest(production);
  const reference = await loadSnapshotTable(options.snapshotsDir, manifest.dataset.md5);
  const names = FEATURE_COLUMNS.map((c) => c.name);
  const referenceColumns = Object.fromEntries(
    names.map((name) => [name, reference.array(name) as ArrayLike<string | number>]),
  );
  const result = detectDatasetDrift(referenceColumns, inputColumns(rows), {
    columns: names,
    ...(options.driftShare !== undefined ? { driftShare: options.driftShare } : {}),
  });
  // The "current file" is the log itself: its md5 is over the ids compared, which name the rows exactly.
  const currentMd5 = hashBytes(Buffer.from(rows.map((r) => r.id).join('\n'))).md5;
  const label = `prediction log ${options.window.start.toISOString()} – ${options.window.end.toISOString()} (${production})`;
  const { htmlPath } = await writeDriftOutputs({
    result,
    meta: {
      title: 'LegalAid Connect — data drift on production traffic',
      generatedAt: options.now.toISOString(),
      referenceLabel: `training snapshot of production ${production}`,
      referenceFile: snapshotDataPath(options.snapshotsDir, manifest.dataset.md5),
      currentFile: label,
      referenceMd5: manifest.dataset.md5,
      currentMd5,
      productionVersion: production,
    },
    dir: options.reportsDir,
    stem: driftReportStem(options.now, currentMd5),
    renderHtml: options.renderHtml,
  });
  const drifted = result.columns.filter((c) => c.drifted);
  const topColumns = [...drifted]
    .sort((a, b) => driftSeverity(b) - driftSeverity(a))
    .slice(0, 5)
    .map((c) => ({ column: c.column, method: c.method, score: c.score, threshold: c.threshold }));
  return {
    drift: {
      status: 'checked',
      rows: rows.length,
      minRows: options.minRows,
      share: result.share,
      thresholdShare: result.thresholdShare,
      datasetDrift: result.datasetDrift,
      driftedColumns: drifted.map((c) => c.column),
      topColumns,
      reportPath: htmlPath,
    },
    summary: {
      productionVersion: production,
      referenceMd5: manifest.dataset.md5,
      currentFile: label,
      currentMd5,
      driftedColumns: result.driftedColumns,
      driftedColumnNames: drifted.map((c) => c.column),
      totalColumns: result.totalColumns,
      share: result.share,
      thresholdShare: result.thresholdShare,
      datasetDrift: result.datasetDrift,
      topColumns,
      reportPath: htmlPath,
    },
  };
}

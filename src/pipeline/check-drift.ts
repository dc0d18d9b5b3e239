import { promises as fs } from 'node:fs';
import path from 'node:path';
import { datasetColumnsOf } from './dataset-columns';
import type { DriftAlertSummary } from '../alerts/drift-alert';
import type { ColumnTable } from 'arquero';
import {
  hashBytes,
  loadDatasetCsv,
  loadSnapshotTable,
  parseDatasetBytes,
  readDatasetFile,
  snapshotDataPath,
} from '../data';
import {
  detectDatasetDrift,
  driftSeverity,
  type DatasetDriftOptions,
  type DatasetDriftResult,
} from '../drift';
import type { ModelRegistry } from '../registry';
import { writeFileAtomic, writeJsonAtomic } from '../fs/atomic-write';

import { DriftCheckInputError } from './errors';

/** Who and what a drift report is about (shown in its header and the JSON). */
export interface DriftReportMeta {
  readonly title: string;
  readonly generatedAt: string;
  readonly referenceLabel: string;
  readonly referenceFile: string;
  readonly currentFile: string;
  readonly referenceMd5: string;
  readonly currentMd5: string;
  readonly productionVersion?: string;
  /** Where the column types came from, in a sentence (`drift compare`). */
  readonly columnTypes?: string;
}

/** Renders the HTML report (injected so this module stays free of presentation code). */
export type DriftHtmlRenderer = (
  result: DatasetDriftResult,
  meta: DriftReportMeta,
) => Promise<string> | string;

/**
 * Compares two CSVs that follow the dataset schema, column by column, with
 * Evidently's default methods. Both files are validated first, so different
 * schemas, blank cells or unknown categories fail with the file, line and column.
 */
export async function compareDatasetFiles(
  referenceFile: string,
  currentFile: string,
  options: DatasetDriftOptions = {},
): Promise<DatasetDriftResult> {
  return compareDatasetTables(
    await loadDatasetCsv(referenceFile),
    await loadDatasetCsv(currentFile),
    options,
  );
}

/** Compares two already validated dataset tables column by column (see {@link compareDatasetFiles}). */
function compareDatasetTables(
  reference: ColumnTable,
  current: ColumnTable,
  options: DatasetDriftOptions,
): DatasetDriftResult {
  return detectDatasetDrift(datasetColumnsOf(reference), datasetColumnsOf(current), options);
}

/** Writes `<stem>.json` and `<stem>.html` into `dir` atomically and returns their paths. */
export async function writeDriftOutputs(options: {
  readonly result: DatasetDriftResult;
  readonly meta: DriftReportMeta;
  readonly dir: string;
  readonly stem: string;
  readonly renderHtml: DriftHtmlRenderer;
}): Promise<{ jsonPath: string; htmlPath: string }> {
  await fs.mkdir(options.dir, { recursive: true });
  const jsonPath = path.join(options.dir, `${options.stem}.json`);
  const htmlPath = path.join(options.dir, `${options.stem}.html`);
  await writeJsonAtomic(jsonPath, { meta: options.meta, ...options.result });
  await writeFileAtomic(htmlPath, await options.renderHtml(options.result, options.meta));
  return { jsonPath, htmlPath };
}

/**
 * `data_drift_report_20261130-060000-a99ddfbc`: the seed project's report name
 * with a sortable UTC time and the current data's md5 prefix, so two checks of
 * different data in the same second never overwrite each other.
 */
export function driftReportStem(at: Date, currentMd5: string): string {
  const iso = at.toISOString();
  const stamp = `${iso.slice(0, 10).replaceAll('-', '')}-${iso.slice(11, 19).replaceAll(':', '')}`;
  return `data_drift_report_${stamp}-${currentMd5.slice(0, 8)}`;
}

/** What the scheduled drift check needs. */
export interface ProductionDriftOptions {
  readonly registry: ModelRegistry;
  readonly snapshotsDir: string;
  /** Absolute path of the current data. */
  readonly currentFile: string;
  /** How the current file is named to people (relative path). */
  readonly currentLabel: string;
  readonly reportsDir: string;
  readonly now: Date;
  readonly renderHtml: DriftHtmlRenderer;
  readonly driftOptions?: DatasetDriftOptions;
}

/**
 * Compares the current data with the snapshot the production model was trained
 * on, and writes the JSON result and HTML report under `reports/drift/`.
 *
 * @throws DriftCheckInputError when there is no production model or no current data file
 */
export async function checkProductionDrift(
  options: ProductionDriftOptions,
): Promise<{ summary: DriftAlertSummary; jsonPath: string; result: DatasetDriftResult }> {
  const production = await options.registry.productionVersion();
  if (!production) {
    throw new DriftCheckInputError(
      'There is no production model, so there is no reference data to compare with: promote a model first (npm run pipeline)',
      options.registry.layout.productionLink,
    );
  }
  const manifest = await options.registry.readManifest(production);
  const referenceFile = snapshotDataPath(options.snapshotsDir, manifest.dataset.md5);
  try {
    await fs.access(options.currentFile);
  } catch {
    throw new DriftCheckInputError(
      `${options.currentLabel} does not exist. Export recent production inputs to it — the same columns as ` +
        'data/matchmaking_dataset.csv, including match_success — or pass another file (legalaid-mlops drift check --current <csv>).',
      options.currentLabel,
    );
  }
  // The reference is read through the snapshot store, so a snapshot edited after it was stored is refused.
  const reference = await loadSnapshotTable(options.snapshotsDir, manifest.dataset.md5);
  // One read of the current file: the bytes compared are the bytes whose md5 is reported.
  const currentBytes = await readDatasetFile(options.currentFile);
  const current = parseDatasetBytes(currentBytes, options.currentFile);
  const result = compareDatasetTables(reference, current, options.driftOptions ?? {});
  const currentMd5 = hashBytes(currentBytes).md5;
  const meta: DriftReportMeta = {
    title: 'LegalAid Connect — data drift report',
    generatedAt: options.now.toISOString(),
    referenceLabel: `training snapshot of production ${production}`,
    referenceFile,
    currentFile: options.currentLabel,
    referenceMd5: manifest.dataset.md5,
    currentMd5,
    productionVersion: production,
  };
  const { jsonPath, htmlPath } = await writeDriftOutputs({
    result,
    meta,
    dir: path.join(options.reportsDir, 'drift'),
    stem: driftReportStem(options.now, currentMd5),
    renderHtml: options.renderHtml,
  });
  const top = [...result.columns]
    .filter((c) => c.drifted)
    .sort((a, b) => driftSeverity(b) - driftSeverity(a))
    .slice(0, 5)
    .map((c) => ({ column: c.column, method: c.method, score: c.score, threshold: c.threshold }));
  return {
    result,
    jsonPath,
    summary: {
      productionVersion: production,
      referenceMd5: manifest.dataset.md5,
      currentFile: options.currentLabel,
      currentMd5,
      driftedColumns: result.driftedColumns,
      driftedColumnNames: result.columns.filter((c) => c.drifted).map((c) => c.column),
      totalColumns: result.totalColumns,
      share: result.share,
      thresholdShare: result.thresholdShare,
      datasetDrift: result.datasetDrift,
      topColumns: top,
      reportPath: htmlPath,
    },
  };
}

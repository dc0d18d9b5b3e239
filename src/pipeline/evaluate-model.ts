import { promises as fs } from 'node:fs';
import path from 'node:path';
import { loadSnapshotTable, summariseDuplicatesAmong, type DuplicateSummary } from '../data';
import { writeFileAtomic, writeJsonAtomic } from '../fs/atomic-write';
import { computeClassificationMetrics, type ClassificationMetrics } from '../metrics';
import { initTensorflowBackend } from '../model';
import type { ModelRegistry } from '../registry';
import { predictWithVersion } from './score-version';
import type { EvaluationReportInput } from '../reports/evaluation-analysis';
import type { GlobalImportanceOptions } from '../explain';
import { computeVersionImportance, PIPELINE_IMPORTANCE_OPTIONS } from './version-importance';
import { analyseSnapshotRows } from './split';

/** Which rows of the dataset a model is scored on. */
export const EvaluationRows = {
  /** The held-out test split every retrain uses (the seed's "test split"): rows no model trained on. */
  Test: 'test',
  /** Every row: for freshly labelled data no model has seen. */
  All: 'all',
} as const;
export type EvaluationRows = (typeof EvaluationRows)[keyof typeof EvaluationRows];

import { EvaluationInputError } from './errors';

/** Report renderers, injected so this module stays free of presentation code. */
export interface EvaluationRenderers {
  readonly html: (input: EvaluationReportInput) => Promise<string>;
  readonly text: (input: EvaluationReportInput) => string;
}

/** What evaluating a model version needs. */
export interface EvaluateModelOptions {
  readonly registry: ModelRegistry;
  readonly snapshotsDir: string;
  /** The three report files go to `<reportsDir>/evaluations/`. */
  readonly reportsDir: string;
  /** md5 of the dataset snapshot to score on. */
  readonly datasetMd5: string;
  /** The version to evaluate; production when absent. */
  readonly version?: string;
  /** @default 'test' */
  readonly rows?: EvaluationRows;
  readonly now: Date;
  readonly renderers: EvaluationRenderers;
  /**
   * How each model's global importance (permutation importance, mean |attribution|)
   * is computed for the report, or false to leave it out.
   * @default PIPELINE_IMPORTANCE_OPTIONS
   */
  readonly importance?: GlobalImportanceOptions | false;
  readonly logger?: { info(obj: object, msg: string): void };
}

/** Where the evaluation's files are and what it measured: references and small numbers only. */
export interface ModelEvaluation {
  readonly modelVersion: string;
  /** Set when the evaluated version is not production: production scored on the same rows. */
  readonly production: { readonly version: string; readonly metrics: ClassificationMetrics } | null;
  readonly datasetMd5: string;
  readonly rows: EvaluationRows;
  readonly rowCount: number;
  readonly metrics: ClassificationMetrics;
  /** True when the dataset is the one the model was trained on and every row was scored. */
  readonly includesTrainingRows: boolean;
  /** Exact duplicates in the dataset and among the scored rows (also in the three reports). */
  readonly duplicates: { readonly dataset: DuplicateSummary; readonly scoredRows: DuplicateSummary };
  readonly textPath: string;
  readonly jsonPath: string;
  readonly htmlPath: string;
}

/**
 * `evaluation_20261201-030000-v20261128-120000-ab12`: the seed's report name
 * with a sortable UTC time and the version, so evaluations never overwrite each other.
 */
export function evaluationStem(at: Date, version: string): string {
  const iso = at.toISOString();
  const stamp = `${iso.slice(0, 10).replaceAll('-', '')}-${iso.slice(11, 19).replaceAll(':', '')}`;
  return `evaluation_${stamp}-${version}`;
}

async function resolveVersion(registry: ModelRegistry, version: string | undefined): Promise<string> {
  if (version !== undefined) return version;
  const production = await registry.productionVersion();
  if (production === undefined) {
    throw new EvaluationInputError(
      `There is no production model in ${registry.layout.productionLink} to evaluate: promote one first ` +
        '(npm run pipeline), or name a version (legalaid-mlops evaluate --model-version <version>)',
    );
  }
  return production;
}

/**
 * Evaluates a model version (production by default) on a dataset snapshot —
 * the seed's `evaluate_model.py` — and writes a plain-text summary, a JSON
 * result and a self-contained HTML report (ROC and precision–recall curves,
 * confusion matrix, calibration, threshold table, and what each model relies
 * on: permutation importance and mean |attribution| per raw column) under
 * `reports/evaluations/`.
 * A version other than production is compared with production on the same rows.
 *
 * @throws EvaluationInputError when no version is named and there is no production model
 * @throws RegistryError when the version does not exist or its checksums do not match
 * @throws DatasetValidationError / SnapshotError when the snapshot is unreadable
 */
export async function evaluateModel(options: EvaluateModelOptions): Promise<ModelEvaluation> {
  const { registry } = options;
  const rowsChoice = options.rows ?? EvaluationRows.Test;
  const version = await resolveVersion(registry, options.version);
  const manifest = await registry.readManifest(version);
  await initTensorflowBackend(options.logger);
  const table = await loadSnapshotTable(options.snapshotsDir, options.datasetMd5);
  const content = await analyseSnapshotRows(table);
  const rowIndices =
    rowsChoice === EvaluationRows.All
      ? Uint32Array.from({ length: table.numRows() }, (_, i) => i)
      : content.split.test;
  const duplicates = {
    dataset: content.duplicates,
    scoredRows: summariseDuplicatesAmong(content, rowIndices),
  };
  const evaluated = await predictWithVersion(registry, version, table, rowIndices);
  const productionVersion = await registry.productionVersion();
  const compared =
    productionVersion !== undefined && productionVersion !== version
      ? {
          version: productionVersion,
          probabilities: (await predictWithVersion(registry, productionVersion, table, rowIndices))
            .probabilities,
        }
      : null;
  const metrics = computeClassificationMetrics(evaluated.labels, evaluated.probabilities);
  // Importance needs ROC AUC, which rows of one class do not have; the report says so for the metrics.
  const importanceOptions = options.importance ?? PIPELINE_IMPORTANCE_OPTIONS;
  const importance =
    importanceOptions === false || metrics.rocAuc === null
      ? null
      : await computeVersionImportance({
          registry,
          snapshotsDir: options.snapshotsDir,
          datasetMd5: options.datasetMd5,
          versions: compared ? [version, compared.version] : [version],
          options: importanceOptions,
          table,
          rows: rowIndices,
          ...(options.logger ? { logger: options.logger } : {}),
        }).then(([model, production]) => ({ model: model!, production: production ?? null }));
  const evaluatedAt = options.now.toISOString();
  const renderInput: EvaluationReportInput = {
    modelVersion: version,
    datasetMd5: options.datasetMd5,
    evaluatedAt,
    labels: evaluated.labels,
    probabilities: evaluated.probabilities,
    production: compared,
    importance,
    duplicates,
    title: `LegalAid Connect — evaluation of ${version === productionVersion ? 'production ' : ''}${version}`,
  };
  const production = compared
    ? {
        version: compared.version,
        metrics: computeClassificationMetrics(evaluated.labels, compared.probabilities),
      }
    : null;
  const includesTrainingRows =
    rowsChoice === EvaluationRows.All && manifest.dataset.md5 === options.datasetMd5;

  const dir = path.join(options.reportsDir, 'evaluations');
  await fs.mkdir(dir, { recursive: true });
  const stem = evaluationStem(options.now, version);
  const textPath = path.join(dir, `${stem}.txt`);
  const jsonPath = path.join(dir, `${stem}.json`);
  const htmlPath = path.join(dir, `${stem}.html`);
  await writeFileAtomic(textPath, options.renderers.text(renderInput));
  await writeJsonAtomic(jsonPath, {
    modelVersion: version,
    isProduction: version === productionVersion,
    trainedOn: manifest.dataset.md5,
    datasetMd5: options.datasetMd5,
    rows: rowsChoice,
    rowCount: rowIndices.length,
    includesTrainingRows,
    evaluatedAt,
    metrics,
    production,
    importance,
    duplicates,
  });
  await writeFileAtomic(htmlPath, await options.renderers.html(renderInput));
  options.logger?.info(
    { version, datasetMd5: options.datasetMd5, rows: rowIndices.length, rocAuc: metrics.rocAuc },
    'model evaluated',
  );
  return {
    modelVersion: version,
    production,
    datasetMd5: options.datasetMd5,
    rows: rowsChoice,
    rowCount: rowIndices.length,
    metrics,
    includesTrainingRows,
    duplicates,
    textPath,
    jsonPath,
    htmlPath,
  };
}

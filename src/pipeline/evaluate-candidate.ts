import type { ColumnTable } from 'arquero';
import { loadSnapshotTable, summariseDuplicatesAmong } from '../data';
import {
  judgePromotion,
  parsePromotionPolicy,
  type MetricName,
  type PromotionVerdict,
  type PromotionPolicy,
} from '../evaluation';
import { computeClassificationMetrics, type ClassificationMetrics } from '../metrics';
import { initTensorflowBackend } from '../model';
import type { EvaluationRecord, ModelRegistry } from '../registry';
import { predictWithVersion } from './score-version';
import { summariseImportance, type ImportanceSummary } from './importance-summary';
import { analyseSnapshotRows } from './split';
import { computeVersionImportance } from './version-importance';

/** What comparing a candidate with production needs. */
export interface EvaluateCandidateOptions {
  readonly registry: ModelRegistry;
  readonly snapshotsDir: string;
  readonly datasetMd5: string;
  readonly version: string;
  readonly policy?: Partial<PromotionPolicy>;
  /** Compute what the models rely on for the approval status. @default true */
  readonly importance?: boolean;
  readonly logger?: { info(obj: object, msg: string): void };
}

/** Candidate and production metrics on the same rows, and the promotion rule's verdict. */
export interface CandidateEvaluation {
  readonly candidate: ClassificationMetrics;
  readonly production: { readonly version: string; readonly metrics: ClassificationMetrics } | null;
  readonly verdict: PromotionVerdict;
  readonly testRows: number;
  /** The metric the promotion rule compares on (from the resolved policy). */
  readonly primaryMetric: MetricName;
  /**
   * Top columns of both models by permutation importance and mean |attribution|,
   * and the columns that moved most (a small summary); absent when the
   * held-out rows have one class (no ROC AUC) or it was not asked for.
   */
  readonly importance?: ImportanceSummary;
}

/**
 * Scores a model version on the given rows with its own preprocessing, after
 * verifying its artifact checksums, and returns its classification metrics.
 */
async function scoreVersion(
  registry: ModelRegistry,
  version: string,
  table: ColumnTable,
  rows: ArrayLike<number>,
): Promise<ClassificationMetrics> {
  const { labels, probabilities } = await predictWithVersion(registry, version, table, rows);
  return computeClassificationMetrics(labels, probabilities);
}

/**
 * Evaluates the candidate and the current production model on the held-out test
 * split of the snapshot, applies the promotion rule and stores the result as the
 * candidate's `evaluation.json`.
 */
export async function evaluateCandidate(options: EvaluateCandidateOptions): Promise<CandidateEvaluation> {
  const { registry } = options;
  const policy = parsePromotionPolicy(options.policy ?? {});
  await initTensorflowBackend(options.logger);
  const table = await loadSnapshotTable(options.snapshotsDir, options.datasetMd5);
  const content = await analyseSnapshotRows(table);
  const { split } = content;
  const candidate = await scoreVersion(registry, options.version, table, split.test);
  const productionVersion = await registry.productionVersion();
  const production =
    productionVersion === undefined
      ? null
      : {
          version: productionVersion,
          metrics: await scoreVersion(registry, productionVersion, table, split.test),
        };
  const verdict = judgePromotion(candidate, production?.metrics ?? null, policy);
  const record: EvaluationRecord = {
    evaluatedAt: new Date().toISOString(),
    datasetMd5: options.datasetMd5,
    testRows: split.test.length,
    candidate,
    production,
    verdict,
    duplicates: { dataset: content.duplicates, testRows: summariseDuplicatesAmong(content, split.test) },
  };
  await registry.writeEvaluation(options.version, record);
  let importance: ImportanceSummary | undefined;
  // Only for a candidate an approver may see; the same computation as the evaluation report's.
  if (options.importance !== false && verdict.qualifies && candidate.rocAuc !== null) {
    const versions = [options.version, ...(production ? [production.version] : [])];
    const [mine, theirs] = await computeVersionImportance({
      registry,
      snapshotsDir: options.snapshotsDir,
      datasetMd5: options.datasetMd5,
      versions,
      table,
      rows: split.test,
      ...(options.logger ? { logger: options.logger } : {}),
    });
    importance = summariseImportance(
      { version: options.version, importance: mine! },
      production && theirs ? { version: production.version, importance: theirs } : null,
    );
  }
  return {
    candidate,
    production,
    verdict,
    testRows: split.test.length,
    primaryMetric: policy.primaryMetric,
    ...(importance ? { importance } : {}),
  };
}

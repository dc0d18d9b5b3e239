import path from 'node:path';
import type { PromotionPolicy } from '../src/evaluation';
import type { ClassificationMetrics } from '../src/metrics';
import { evaluateCandidate, type CandidateEvaluation } from '../src/pipeline/evaluate-candidate';
import { evaluateModel, type EvaluationRenderers, type EvaluationRows } from '../src/pipeline/evaluate-model';
import type { ActivityDeps } from './deps';
import { withFailureMapping } from './failures';
import { shareReports } from './report-sync';
import { ensureLocalSnapshot } from './snapshot-cache';

/** Input of `evaluateCandidate`. */
export interface EvaluateCandidateInput {
  readonly version: string;
  readonly datasetMd5: string;
  readonly policy?: Partial<PromotionPolicy>;
}

/** Input of `evaluateModelVersion`. */
export interface EvaluateModelVersionInput {
  /** md5 of the snapshot to score on (from `snapshotDataset`). */
  readonly datasetMd5: string;
  /** The version to evaluate; production when absent. */
  readonly version?: string;
  /** @default 'test' */
  readonly rows?: EvaluationRows;
}

/** What `evaluateModelVersion` returns: metrics and where the report files are (relative to the project root). */
export interface EvaluateModelVersionResult {
  readonly modelVersion: string;
  readonly production: { readonly version: string; readonly metrics: ClassificationMetrics } | null;
  readonly rowCount: number;
  readonly includesTrainingRows: boolean;
  readonly metrics: ClassificationMetrics;
  readonly textPath: string;
  readonly jsonPath: string;
  readonly htmlPath: string;
}

/** Evaluation activities. */
export function createEvaluateActivities(
  deps: ActivityDeps & { readonly renderEvaluation: EvaluationRenderers },
) {
  const relative = (file: string) => path.relative(deps.paths.root, file);
  return {
    /** Scores candidate and production on the same held-out rows and applies the promotion rule. */
    async evaluateCandidate(input: EvaluateCandidateInput): Promise<CandidateEvaluation> {
      return withFailureMapping(async () => {
        await ensureLocalSnapshot(deps, input.datasetMd5);
        return evaluateCandidate({
          registry: deps.registry,
          snapshotsDir: deps.paths.snapshotsDir,
          datasetMd5: input.datasetMd5,
          version: input.version,
          ...(input.policy ? { policy: input.policy } : {}),
          logger: deps.logger,
        });
      });
    },
    /** Evaluates a model version (production by default) on a snapshot; writes text, JSON and HTML reports. */
    async evaluateModelVersion(input: EvaluateModelVersionInput): Promise<EvaluateModelVersionResult> {
      return withFailureMapping(async () => {
        await ensureLocalSnapshot(deps, input.datasetMd5);
        const evaluation = await evaluateModel({
          registry: deps.registry,
          snapshotsDir: deps.paths.snapshotsDir,
          reportsDir: deps.paths.reportsDir,
          datasetMd5: input.datasetMd5,
          ...(input.version !== undefined ? { version: input.version } : {}),
          ...(input.rows !== undefined ? { rows: input.rows } : {}),
          now: new Date(),
          renderers: deps.renderEvaluation,
          logger: deps.logger,
        });
        await shareReports(deps, evaluation.textPath, evaluation.jsonPath, evaluation.htmlPath);
        return {
          modelVersion: evaluation.modelVersion,
          production: evaluation.production,
          rowCount: evaluation.rowCount,
          includesTrainingRows: evaluation.includesTrainingRows,
          metrics: evaluation.metrics,
          textPath: relative(evaluation.textPath),
          jsonPath: relative(evaluation.jsonPath),
          htmlPath: relative(evaluation.htmlPath),
        };
      });
    },
  };
}

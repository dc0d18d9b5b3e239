import type { PromotionPolicy } from '../src/evaluation';
import { evaluateCandidate, type CandidateEvaluation } from '../src/pipeline/evaluate-candidate';
import type { ActivityDeps } from './deps';
import { withFailureMapping } from './failures';

/** Input of `evaluateCandidate`. */
export interface EvaluateCandidateInput {
  readonly version: string;
  readonly datasetMd5: string;
  readonly policy?: Partial<PromotionPolicy>;
}

/** Evaluation activities. */
export function createEvaluateActivities(deps: ActivityDeps) {
  return {
    /** Scores candidate and production on the same held-out rows and applies the promotion rule. */
    async evaluateCandidate(input: EvaluateCandidateInput): Promise<CandidateEvaluation> {
      return withFailureMapping(() =>
        evaluateCandidate({
          registry: deps.registry,
          snapshotsDir: deps.paths.snapshotsDir,
          datasetMd5: input.datasetMd5,
          version: input.version,
          ...(input.policy ? { policy: input.policy } : {}),
          logger: deps.logger,
        }),
      );
    },
  };
}

/**
 * The experiment workflow's activities: thin adapters over
 * `src/experiments` — parse the input and check the versions, publish the routing table, and
 * analyse one batch (collect it from the prediction log and the outcome
 * store after the cursor, fold it into the running sums).
 */
import path from 'node:path';
import { Context } from '@temporalio/activity';
import {
  collectExperimentBatch,
  experimentCursorSchema,
  ExperimentInputError,
  foldBatch,
  initialExperimentStats,
  parseExperimentInput,
  reportExperiment,
  START_CURSOR,
  writeRoutingTable,
  type ExperimentCursor,
  type ExperimentOptions,
  type ExperimentReport,
  type ExperimentSettings,
  type ExperimentStats,
  type GuardrailReport,
  type RoutingStage,
  type TestVerdict,
} from '../src/experiments';
import { notifyServers } from '../src/serving/reload-notifier';
import type { ActivityDeps } from './deps';
import { withFailureMapping } from './failures';

/** Input of `prepareExperiment`: the workflow's input as the caller sent it. */
export interface PrepareExperimentInput {
  readonly input: unknown;
}

/** What an experiment compares, with its checked options and empty statistics. */
export interface PrepareExperimentResult {
  readonly options: ExperimentOptions;
  readonly production: string;
  /** UTC day the experiment starts: the first log file it reads. */
  readonly fromDay: string;
  readonly stats: ExperimentStats;
  readonly cursor: ExperimentCursor;
}

/** Input of `publishRouting`. */
export interface PublishRoutingInput {
  readonly experimentId: string;
  readonly candidate: string;
  readonly production: string;
  readonly stage: RoutingStage;
  readonly canaryShare: number;
  readonly updatedBy: string;
  readonly reason: string;
  /** When the decision was taken (workflow time), written into the table. */
  readonly at: string;
}

/** Input of `analyseExperiment`. */
export interface AnalyseExperimentInput {
  readonly experimentId: string;
  readonly fromDay: string;
  readonly cursor: ExperimentCursor;
  readonly stats: ExperimentStats;
  readonly settings: ExperimentSettings;
}

/** One batch's effect. */
export interface AnalyseExperimentResult {
  readonly stats: ExperimentStats;
  readonly cursor: ExperimentCursor;
  readonly judged: GuardrailReport | null;
  readonly armVerdict: TestVerdict;
  readonly pairedVerdict: TestVerdict;
  readonly report: ExperimentReport;
  /** Rows and outcomes this batch brought. */
  readonly newPredictions: number;
  readonly newOutcomes: number;
  readonly damagedLines: number;
}

/** The prediction log and outcome folders, as serving and the outcome import resolve them. */
export function experimentDataDirs(
  root: string,
  env: NodeJS.ProcessEnv = process.env,
): { logDir: string; outcomesDir: string } {
  return {
    logDir: path.resolve(root, env.SERVING_LOG_DIR ?? 'predictions'),
    outcomesDir: path.resolve(root, env.MONITORING_OUTCOMES_DIR ?? 'outcomes'),
  };
}

/** Experiment activities. */
export function createExperimentActivities(deps: ActivityDeps) {
  const dirs = experimentDataDirs(deps.paths.root);
  return {
    /**
     * Checks that the candidate is a published version other than production,
     * and that there is a production to compare with.
     */
    async prepareExperiment(prepare: PrepareExperimentInput): Promise<PrepareExperimentResult> {
      return withFailureMapping(async () => {
        const options = parseExperimentInput(prepare.input);
        const input = { candidate: options.candidate };
        const production = await deps.registry.productionVersion();
        if (production === undefined) {
          throw new ExperimentInputError(
            'there is no production model to compare the candidate with',
            'candidate',
          );
        }
        if (input.candidate === production) {
          throw new ExperimentInputError(
            `candidate ${input.candidate} is production already: nothing to compare`,
            'candidate',
          );
        }
        deps.registry.assertVersionName(input.candidate);
        await deps.registry.verifiedVersionDir(input.candidate);
        return {
          options,
          production,
          fromDay: new Date().toISOString().slice(0, 10),
          stats: initialExperimentStats(),
          cursor: START_CURSOR,
        };
      });
    },

    /** Writes the routing table and tells the serving processes to re-read it (they also poll it). */
    async publishRouting(input: PublishRoutingInput): Promise<void> {
      return withFailureMapping(async () => {
        await writeRoutingTable(deps.paths.modelsDir, {
          schema: 1,
          model: deps.modelName,
          experiment: {
            id: input.experimentId,
            candidate: input.candidate,
            production: input.production,
            stage: input.stage,
            canaryShare: input.canaryShare,
            updatedAt: input.at,
            updatedBy: input.updatedBy,
            reason: input.reason.slice(0, 2000),
          },
        });
        deps.logger.info(
          { experiment: input.experimentId, stage: input.stage, share: input.canaryShare },
          'experiment routing published',
        );
        if (deps.servingReload) await notifyServers(deps.servingReload, deps.logger, input.production);
      });
    },

    /** Collects the batch after `cursor` and folds it into `stats`; the same input gives the same result. */
    async analyseExperiment(input: AnalyseExperimentInput): Promise<AnalyseExperimentResult> {
      return withFailureMapping(async () => {
        const cursor = experimentCursorSchema.parse(input.cursor);
        Context.current().heartbeat('collecting');
        const collected = await collectExperimentBatch({
          experimentId: input.experimentId,
          ...dirs,
          fromDay: input.fromDay,
          cursor,
        });
        const folded = foldBatch(input.stats, collected.batch, input.settings);
        const p = collected.batch.predictions;
        return {
          stats: folded.stats,
          cursor: collected.cursor,
          judged: folded.judged,
          armVerdict: folded.armVerdict,
          pairedVerdict: folded.pairedVerdict,
          report: reportExperiment(folded.stats, input.settings),
          newPredictions: p.shadow + p.canaryCandidate + p.canaryProduction + p.unassigned,
          newOutcomes: collected.batch.outcomesJoined,
          damagedLines: collected.damagedLines,
        };
      });
    },
  };
}

/**
 * The experiment workflow's activities: thin adapters over
 * `src/experiments` — parse the input and check the versions, publish the routing table,
 * analyse one batch (collect it from the prediction log and the outcome
 * store after the cursor, fold it into the running sums) — and over
 * `src/reports` for the experiment's HTML report.
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
import { monitoringLocations } from '../src/monitoring/locations';
import { experimentReportsDir, writeExperimentReport } from '../src/reports/experiment-report-files';
import type { ExperimentReportInput } from '../src/reports/experiment-report';
import { notifyServers } from '../src/serving/reload-notifier';
import { openSharedStores, parseStoreConfig } from '../src/storage';
import { openOutcomeStore } from '../src/monitoring/outcomes/open-outcome-store';
import { openPredictionLogStore } from '../src/serving/prediction-log/open-log-store';
import type { ActivityDeps } from './deps';
import { withFailureMapping } from './failures';
import { shareReports } from './report-sync';

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

/** Input of `writeExperimentReport`: the workflow's status (numbers and the bounded timeline, no rows). */
export interface WriteExperimentReportActivityInput {
  readonly status: ExperimentReportInput;
}

/** Where the report went, relative to the project root. */
export interface WriteExperimentReportActivityResult {
  readonly htmlPath: string;
  readonly jsonPath: string;
}

/** Experiment activities. */
export function createExperimentActivities(deps: ActivityDeps) {
  // The same folders serving writes the prediction log to and the outcome import stores outcomes in.
  const locations = monitoringLocations(deps.paths);
  const dirs = {
    logDir: locations.predictionLogDir,
    log: openPredictionLogStore(locations.predictionLogDir),
    outcomesDir: locations.outcomesDir,
    outcomeStore: openOutcomeStore(locations.outcomesDir),
  };
  // With MLOPS_STORE=s3://… the routing table is the bucket's, where every server reads it.
  const modelsStore = openSharedStores(parseStoreConfig())?.models;
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
        await writeRoutingTable(
          deps.paths.modelsDir,
          {
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
          },
          modelsStore,
        );
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

    /** Writes `reports/experiments/<id>.html` and `.json` from the workflow's status. */
    async writeExperimentReport(
      input: WriteExperimentReportActivityInput,
    ): Promise<WriteExperimentReportActivityResult> {
      return withFailureMapping(async () => {
        const written = await writeExperimentReport({
          dir: experimentReportsDir(deps.paths.reportsDir),
          status: input.status,
          createdAt: new Date().toISOString(),
        });
        await shareReports(deps, written.htmlPath, written.jsonPath);
        const rel = (p: string) => path.relative(deps.paths.root, p);
        return { htmlPath: rel(written.htmlPath), jsonPath: rel(written.jsonPath) };
      });
    },
  };
}

import path from 'node:path';
import { CancelledFailure, Context } from '@temporalio/activity';
import { confinePath } from '../src/config/confine-path';
import { safeSegment } from '../src/config/scratch-dir';
import { TRIAL_PROGRESS_SIGNAL } from '../src/core/signals';
import { writeFileAtomic } from '../src/fs/atomic-write';
import { compareFamilies, type FamilyComparison } from '../src/pipeline/compare-families';
import { trainTrial, type TrainTrialResult } from '../src/pipeline/train-trial';
import { renderStudyReport } from '../src/reports/study-report';
import type { SearchSpace } from '../src/tuning/search-space';
import { loadSearchSpaceFile } from '../src/tuning/search-space-file';
import {
  parsePrunerSettings,
  parseSamplerSettings,
  type PrunerSettings,
  type SamplerSettings,
} from '../src/tuning/study-settings';
import type { TrialTrainingParams } from '../src/tuning/trial-params';
import type { FinishedTrial } from '../src/tuning/trial-record';
import type { ActivityDeps } from './deps';
import { withFailureMapping } from './failures';
import { shareReports } from './report-sync';
import { callingWorkflow } from './workflow-execution';

/** The default search space, relative to the project root. */
export const DEFAULT_SEARCH_SPACE_PATH = 'tuning/search-space.yaml';

/** Input of `prepareStudy`. */
export interface PrepareStudyInput {
  /** Inside the project; @default {@link DEFAULT_SEARCH_SPACE_PATH} */
  readonly searchSpacePath?: string;
  readonly sampler?: unknown;
  readonly pruner?: unknown;
}

/** The validated study settings. */
export interface PrepareStudyResult {
  readonly searchSpacePath: string;
  readonly space: SearchSpace;
  readonly sampler: SamplerSettings;
  readonly pruner: PrunerSettings;
}

/** Input of `trainTrial`: references only. */
export interface TrainTrialInput {
  readonly studyKey: string;
  readonly number: number;
  readonly datasetMd5: string;
  readonly params: TrialTrainingParams;
}

/** A trial reference for the comparison: the study and the trial number name its folder. */
export interface TrialDirRef {
  readonly studyKey: string;
  readonly trial: number;
}

/** Input of `compareStudyFamilies`. */
export interface CompareStudyFamiliesInput {
  readonly datasetMd5: string;
  readonly dnn?: TrialDirRef;
  readonly logreg?: TrialDirRef;
  readonly ensemble?: readonly TrialDirRef[];
}

/** Input of `writeStudyReport`. */
export interface WriteStudyReportInput {
  readonly studyKey: string;
  readonly datasetMd5: string;
  readonly sampler: string;
  readonly seed: number;
  readonly space: SearchSpace;
  readonly trials: readonly FinishedTrial[];
  readonly comparison?: FamilyComparison;
}

/** Where a study report went, relative to the project root. */
export interface WriteStudyReportResult {
  readonly htmlPath: string;
  readonly jsonPath: string;
}

/** Tuning activities: settings, one trial's training, the family comparison, the report. */
export function createTuneActivities(deps: ActivityDeps) {
  const studyDir = (studyKey: string) => path.join(deps.paths.workDir, 'studies', safeSegment(studyKey));
  const trialDir = (ref: TrialDirRef) => path.join(studyDir(ref.studyKey), `trial-${ref.trial}`);
  const rel = (p: string) => path.relative(deps.paths.root, p);
  return {
    /** Reads and validates the search space (confined to the project) and the sampler and pruner settings. */
    async prepareStudy(input: PrepareStudyInput): Promise<PrepareStudyResult> {
      return withFailureMapping(async () => {
        const requested = input.searchSpacePath ?? DEFAULT_SEARCH_SPACE_PATH;
        const file = await confinePath(deps.paths.root, requested);
        const space = await loadSearchSpaceFile(file);
        return {
          searchSpacePath: rel(file),
          space,
          sampler: parseSamplerSettings(input.sampler),
          pruner: parsePrunerSettings(input.pruner),
        };
      });
    },

    /**
     * Trains one trial into `work/studies/<study>/trial-<n>`, checkpointing every
     * epoch beside it, so an attempt on another worker resumes; an attempt that
     * finds the trial already saved returns its summary without training.
     * Heartbeats every epoch and sends the epoch's validation ROC AUC to the
     * trial workflow, whose pruner may cancel this activity.
     */
    async trainTrial(input: TrainTrialInput): Promise<TrainTrialResult & { readonly dir: string }> {
      const context = Context.current();
      const caller = callingWorkflow();
      const workflow = context.client.workflow.getHandle(caller.workflowId);
      const dir = trialDir({ studyKey: input.studyKey, trial: input.number });
      const log = deps.logger.child({ workflowId: caller.workflowId, trial: input.number });
      const result = await withFailureMapping(() =>
        trainTrial({
          snapshotsDir: deps.paths.snapshotsDir,
          datasetMd5: input.datasetMd5,
          params: input.params,
          trialDir: dir,
          checkpointDir: `${dir}.checkpoint`,
          logger: log,
          onEpoch: async (progress) => {
            const valRocAuc = Number.isFinite(progress.valRocAuc) ? progress.valRocAuc : null;
            const report = { epoch: progress.epoch, maxEpochs: progress.maxEpochs, valRocAuc };
            context.heartbeat(report);
            await workflow.signal(TRIAL_PROGRESS_SIGNAL, report).catch((error: unknown) => {
              log.warn({ err: error }, 'could not send trial progress to the trial workflow');
            });
            if (context.cancellationSignal.aborted) throw new CancelledFailure('trial pruned');
          },
        }),
      );
      return { ...result, dir: rel(dir) };
    },

    /** Scores the best DNN, the best logistic regression and the ensemble on the test split (DeLong's test). */
    async compareStudyFamilies(input: CompareStudyFamiliesInput): Promise<FamilyComparison> {
      const ref = (r: TrialDirRef) => ({ trial: r.trial, dir: trialDir(r) });
      return withFailureMapping(() =>
        compareFamilies({
          snapshotsDir: deps.paths.snapshotsDir,
          datasetMd5: input.datasetMd5,
          ...(input.dnn ? { dnn: ref(input.dnn) } : {}),
          ...(input.logreg ? { logreg: ref(input.logreg) } : {}),
          ...(input.ensemble ? { ensemble: input.ensemble.map(ref) } : {}),
        }),
      );
    },

    /** Writes `reports/studies/<study>.html` and `.json` (the trials and the comparison). */
    async writeStudyReport(input: WriteStudyReportInput): Promise<WriteStudyReportResult> {
      return withFailureMapping(async () => {
        const base = path.join(deps.paths.reportsDir, 'studies', safeSegment(input.studyKey));
        const createdAt = new Date().toISOString();
        const html = await renderStudyReport({ ...input, studyId: input.studyKey, createdAt });
        await writeFileAtomic(`${base}.html`, html);
        await writeFileAtomic(`${base}.json`, `${JSON.stringify({ ...input, createdAt }, null, 2)}\n`);
        await shareReports(deps, `${base}.html`, `${base}.json`);
        return { htmlPath: rel(`${base}.html`), jsonPath: rel(`${base}.json`) };
      });
    },
  };
}

/**
 * The study workflow's public surface (`tune`): input, result, the status
 * query and the updates that extend a running study. Clients import these.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { FamilyComparison } from '../src/pipeline/compare-families';
import type { ParamValue } from '../src/tuning/distributions';
import type { MedianPrunerSettings } from '../src/tuning/median-pruner';
import type { SearchSpace } from '../src/tuning/search-space';
import type { PrunerSettings, SamplerSettings } from '../src/tuning/study-settings';
import type { TrialTrainingParams } from '../src/tuning/trial-params';
import type { FinishedTrial } from '../src/tuning/trial-record';
import { TRIAL_PROGRESS_SIGNAL } from '../src/core/signals';

/** Most trials one study may hold (with its extensions). */
export const MAX_STUDY_TRIALS = 1000;
/** Most trials running at once. */
export const MAX_STUDY_PARALLELISM = 64;

/** What a study is asked to do. */
export interface TuneInput {
  /** CSV to tune on, inside the data folder (snapshotted once; every trial reads the snapshot). */
  readonly datasetPath: string;
  /** Search-space file (JSON or YAML), inside the project. @default 'tuning/search-space.yaml' */
  readonly searchSpacePath?: string;
  /** Trials to run. */
  readonly trials: number;
  /** Trials running at once. @default 2 */
  readonly parallelism?: number;
  /** Study seed (suggestions). @default 0 */
  readonly seed?: number;
  /** @default { type: 'tpe' } with Optuna's defaults */
  readonly sampler?: unknown;
  /** @default { type: 'median' } with Optuna's defaults */
  readonly pruner?: unknown;
  /** Trials averaged into the ensemble candidate (0: no ensemble). @default 3 */
  readonly ensembleTopK?: number;
  /** Task queue of the trials' training activities. @default the workflow's queue */
  readonly trainingTaskQueue?: string;
  /** Heartbeat timeout of a trial's training: how fast a dead worker is noticed. @default '1 minute' */
  readonly trainingHeartbeatTimeout?: string;
  /** Continue as new once history passes this many events (tests set it low). @default 2000 */
  readonly continueAsNewAfterEvents?: number;
  /** Who asked. */
  readonly requestedBy?: string;
  /** Set by the workflow itself when it continues as new or extends a finished study. */
  readonly carried?: CarriedStudy;
}

/** A study's state across continue-as-new and extensions: small (parameters and curves). */
export interface CarriedStudy {
  /** Names the trials' child workflows and folders; the first run's workflow ID. */
  readonly studyKey: string;
  readonly studyRecordId: string;
  readonly datasetMd5: string;
  readonly space: SearchSpace;
  readonly sampler: SamplerSettings;
  readonly pruner: PrunerSettings;
  readonly startedAt: string;
  readonly trials: readonly FinishedTrial[];
  readonly total: number;
  readonly enqueued: readonly Readonly<Record<string, ParamValue>>[];
  /** Runs so far (this one included). */
  readonly runs: number;
}

/** Workflow ID of trial `number` of the study `studyKey` (the study's first workflow ID). */
export function trialWorkflowId(studyKey: string, number: number): string {
  return `${studyKey}-trial-${number}`;
}

/** Input of one trial's child workflow. */
export interface TrialInput {
  readonly studyKey: string;
  readonly studyRecordId: string;
  readonly number: number;
  readonly datasetMd5: string;
  readonly params: Readonly<Record<string, ParamValue>>;
  readonly trainingParams: TrialTrainingParams;
  /** null: no pruning. */
  readonly pruner: MedianPrunerSettings | null;
  /** Intermediate values of the complete trials the pruner compares with (those trial k was suggested from). */
  readonly reference: readonly (readonly (number | null)[])[];
  readonly trainingTaskQueue?: string;
  readonly trainingHeartbeatTimeout?: string;
  readonly startedAt: string;
}

/** One epoch of a trial, sent by its training activity. */
export interface TrialProgress {
  readonly epoch: number;
  readonly maxEpochs: number;
  readonly valRocAuc: number | null;
}

/** A running trial in the status. */
export interface RunningTrial {
  readonly number: number;
  readonly params: Readonly<Record<string, ParamValue>>;
}

/** The `status` query's answer. */
export interface TuneStatus {
  readonly stage: 'preparing' | 'running' | 'comparing' | 'reporting' | 'completed';
  readonly studyKey?: string;
  readonly total: number;
  readonly finished: number;
  readonly complete: number;
  readonly pruned: number;
  readonly failed: number;
  readonly running: readonly RunningTrial[];
  readonly best?: {
    readonly number: number;
    readonly value: number;
    readonly params: Record<string, ParamValue>;
  };
  readonly runs: number;
}

/** What a finished study returns (small). */
export interface TuneResult {
  readonly studyKey: string;
  readonly studyRecordId: string;
  readonly datasetMd5: string;
  readonly trials: readonly FinishedTrial[];
  readonly best?: {
    readonly number: number;
    readonly value: number;
    readonly params: Readonly<Record<string, ParamValue>>;
    readonly trainingParams: TrialTrainingParams;
  };
  readonly comparison?: FamilyComparison;
  readonly reportPath: string;
  /** The carried state, for `tune extend` of this finished study. */
  readonly carried: CarriedStudy;
  /** The input's settings (seed, parallelism, queues…), which an extension keeps unchanged. */
  readonly settings: StudyRunSettings;
}

/** What an extension keeps from the study's input: the seed and the parallelism decide the suggestions. */
export type StudyRunSettings = Omit<TuneInput, 'trials' | 'carried'>;

/**
 * The input that extends a finished study by `count` trials: a new run of the
 * same workflow ID with the study's settings unchanged and every finished
 * trial carried, so trials k … k + count − 1 get the suggestions an
 * uninterrupted study of k + count trials with the same seed would have made.
 *
 * @throws Error naming `count` when it is not a positive integer or the study would pass {@link MAX_STUDY_TRIALS}
 */
export function extensionInput(result: TuneResult, count: number, requestedBy?: string): TuneInput {
  if (!Number.isInteger(count) || count < 1)
    throw new Error(`count must be a positive integer, got ${JSON.stringify(count)}`);
  const total = result.carried.total + count;
  if (total > MAX_STUDY_TRIALS)
    throw new Error(
      `a study holds at most ${MAX_STUDY_TRIALS} trials; this one has ${result.carried.total}, so count may be at most ${MAX_STUDY_TRIALS - result.carried.total}`,
    );
  return {
    ...result.settings,
    ...(requestedBy ? { requestedBy } : {}),
    trials: count,
    carried: { ...result.carried, total, enqueued: [], runs: result.carried.runs + 1 },
  };
}

/** Progress, trials, best trial. `temporal workflow query --name status` */
export const tuneStatusQuery = defineQuery<TuneStatus>('status');
/** Adds trials to a running study; the validator refuses a bad count. */
export const addTrialsUpdate = defineUpdate<number, [{ count: number }]>('addTrials');
/**
 * Runs a given configuration as the next trial not yet started (after those
 * enqueued before it); returns the number of the trial that will run it. The
 * validator checks it against the space.
 */
export const enqueueTrialUpdate = defineUpdate<number, [{ params: Record<string, ParamValue> }]>(
  'enqueueTrial',
);
/** The `status` query of one trial's workflow (`<study>-trial-<k>`): its epochs so far. */
export interface TrialStatus {
  readonly number: number;
  readonly stage: 'training' | 'recording' | 'finished';
  /** The last epoch reported (0 before the first). */
  readonly epoch: number;
  readonly maxEpochs?: number;
  /** Validation ROC AUC by epoch (null: not a number). */
  readonly intermediate: readonly (number | null)[];
  /** The epoch at which the pruner stopped it, if it did. */
  readonly prunedAt?: number;
}

/** A trial's epochs so far. `temporal workflow query --name status --workflow-id <study>-trial-<k>` */
export const trialStatusQuery = defineQuery<TrialStatus>('status');
/** Sent by a trial's training activity after each epoch. */
export const trialProgressSignal = defineSignal<[TrialProgress]>(TRIAL_PROGRESS_SIGNAL);

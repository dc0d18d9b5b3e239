/**
 * The study workflow (`tune`): trials as child workflows with bounded
 * parallelism, suggested by the study's sampler inside the workflow (pure,
 * deterministic code of src/tuning). Trial k is suggested from, and pruned
 * against, exactly trials 0 … k − P (see `study-schedule.ts`), so a study
 * whose workers were killed suggests what an uninterrupted one would; a
 * finished trial is a completed child and is never run again. History stays
 * small by continuing as new between trials, carrying the finished trials.
 * At the end: the families compared on the test split and an HTML report.
 */
import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  executeChild,
  ParentClosePolicy,
  proxyActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { createActivities } from '../activities';
import { FailureType, NON_RETRYABLE_FAILURE_TYPES } from '../src/core/errors';
import type { ParamValue } from '../src/tuning/distributions';
import { checkFixedParams, suggestTrial } from '../src/tuning/suggest';
import { bestTrial, mayStart, prunerReference, topTrials, visibleTrials } from '../src/tuning/study-schedule';
import { trialTrainingParams } from '../src/tuning/trial-params';
import { TrialState, type FinishedTrial } from '../src/tuning/trial-record';
import { startMlflowSync } from './mlflow-sync';
import {
  addTrialsUpdate,
  enqueueTrialUpdate,
  MAX_STUDY_PARALLELISM,
  MAX_STUDY_TRIALS,
  trialWorkflowId,
  tuneStatusQuery,
  type CarriedStudy,
  type RunningTrial,
  type StudyRunSettings,
  type TuneInput,
  type TuneResult,
  type TuneStatus,
} from './tune-messages';
import { parseCarried } from './tune-carried';
import { tuneTrialWorkflow, type TrialResult } from './tune-trial';

type Activities = ReturnType<typeof createActivities>;

const light = proxyActivities<Activities>({
  startToCloseTimeout: '10 minutes',
  retry: { maximumAttempts: 5, nonRetryableErrorTypes: NON_RETRYABLE_FAILURE_TYPES },
});
const heavy = proxyActivities<Activities>({
  startToCloseTimeout: '1 hour',
  retry: { maximumAttempts: 3, nonRetryableErrorTypes: NON_RETRYABLE_FAILURE_TYPES },
});

const invalid = (message: string) => ApplicationFailure.nonRetryable(message, FailureType.InvalidInput);

function checkCounts(input: TuneInput): { parallelism: number; ensembleTopK: number } {
  const parallelism = input.parallelism ?? 2;
  const ensembleTopK = input.ensembleTopK ?? 3;
  if (!Number.isInteger(input.trials) || input.trials < 1 || input.trials > MAX_STUDY_TRIALS)
    throw invalid(
      `trials must be an integer from 1 to ${MAX_STUDY_TRIALS}, got ${JSON.stringify(input.trials)}`,
    );
  if (!Number.isInteger(parallelism) || parallelism < 1 || parallelism > MAX_STUDY_PARALLELISM)
    throw invalid(
      `parallelism must be an integer from 1 to ${MAX_STUDY_PARALLELISM}, got ${JSON.stringify(parallelism)}`,
    );
  if (!Number.isInteger(ensembleTopK) || ensembleTopK < 0 || ensembleTopK > 20)
    throw invalid(`ensembleTopK must be an integer from 0 to 20, got ${JSON.stringify(ensembleTopK)}`);
  return { parallelism, ensembleTopK };
}

/** Runs (or continues, or extends) a hyper-parameter study. */
export async function tuneWorkflow(input: TuneInput): Promise<TuneResult> {
  const { parallelism, ensembleTopK } = checkCounts(input);
  const info = workflowInfo();
  let stage: TuneStatus['stage'] = 'preparing';
  // Carried by a continue-as-new, or sent back by `tune extend` from the finished study's result.
  let study: CarriedStudy | undefined = input.carried
    ? parseCarried(input.carried, info.workflowId)
    : undefined;
  let total = study?.total ?? input.trials;
  const enqueued: Record<string, ParamValue>[] = [...(study?.enqueued ?? [])];
  const finished = new Map<number, FinishedTrial>((study?.trials ?? []).map((t) => [t.number, t]));
  const running = new Map<number, RunningTrial>();
  // The next trial to start; trials start in number order, so every one below it has started.
  let next = finished.size === 0 ? 0 : Math.max(...finished.keys()) + 1;

  setHandler(tuneStatusQuery, (): TuneStatus => {
    const trials = [...finished.values()];
    const best = bestTrial(trials);
    return {
      stage,
      ...(study ? { studyKey: study.studyKey } : {}),
      total,
      finished: trials.length,
      complete: trials.filter((t) => t.state === TrialState.Complete).length,
      pruned: trials.filter((t) => t.state === TrialState.Pruned).length,
      failed: trials.filter((t) => t.state === TrialState.Failed).length,
      running: [...running.values()],
      ...(best ? { best: { number: best.number, value: best.value!, params: { ...best.params } } } : {}),
      runs: study?.runs ?? 1,
    };
  });
  setHandler(
    addTrialsUpdate,
    ({ count }) => {
      total += count;
      return total;
    },
    {
      validator: (arg) => {
        const count = (arg as { count?: unknown } | undefined)?.count;
        if (typeof count !== 'number' || !Number.isInteger(count) || count < 1)
          throw new Error(`count must be a positive integer, got ${JSON.stringify(count)}`);
        if (total + count > MAX_STUDY_TRIALS)
          throw new Error(`a study holds at most ${MAX_STUDY_TRIALS} trials`);
        if (stage !== 'preparing' && stage !== 'running')
          throw new Error(`the study is ${stage}; extend it with "tune extend" once it has finished`);
      },
    },
  );
  setHandler(
    enqueueTrialUpdate,
    ({ params }) => {
      // Trials take the queue in order, one each as they start: this one runs as `next + its place`.
      const trial = next + enqueued.length;
      enqueued.push({ ...params });
      total += 1;
      return trial;
    },
    {
      validator: (arg) => {
        const params = (arg as { params?: unknown } | undefined)?.params;
        if (typeof params !== 'object' || params === null || Array.isArray(params))
          throw new Error('params must be an object of parameter names to values');
        if (!study) throw new Error('the study is still preparing; try again in a moment');
        if (stage !== 'running') throw new Error(`the study is ${stage}; it no longer takes trials`);
        if (total + 1 > MAX_STUDY_TRIALS) throw new Error(`a study holds at most ${MAX_STUDY_TRIALS} trials`);
        checkFixedParams(study.space, params as Record<string, unknown>); // throws naming params.<name>
      },
    },
  );

  if (!study) {
    const startedAt = new Date(info.startTime).toISOString();
    const snapshot = await light.snapshotDataset({ datasetPath: input.datasetPath });
    const prepared = await light.prepareStudy({
      ...(input.searchSpacePath ? { searchSpacePath: input.searchSpacePath } : {}),
      sampler: input.sampler,
      pruner: input.pruner,
    });
    const studyRecordId = await light.startRunRecord({
      kind: 'study',
      startedAt,
      params: {
        datasetPath: input.datasetPath,
        searchSpace: prepared.searchSpacePath,
        trials: input.trials,
        parallelism,
        seed: input.seed ?? 0,
        sampler: prepared.sampler.type,
        pruner: prepared.pruner.type,
        requestedBy: input.requestedBy ?? 'unknown',
      },
    });
    study = {
      studyKey: info.workflowId,
      studyRecordId,
      datasetMd5: snapshot.md5,
      space: prepared.space,
      sampler: prepared.sampler,
      pruner: prepared.pruner,
      startedAt,
      trials: [],
      total,
      enqueued: [],
      runs: 1,
    };
  }
  const s = study;
  stage = 'running';
  const seed = input.seed ?? 0;
  // A trial workflow that itself failed (not a failed training: that is a `failed` trial).
  const failures: Error[] = [];

  const startTrial = (k: number): void => {
    const visible = visibleTrials([...finished.values()], k, parallelism);
    const fixed = enqueued.shift();
    const params = suggestTrial({
      space: s.space,
      sampler: s.sampler,
      seed,
      trialNumber: k,
      trials: visible,
      ...(fixed ? { fixed } : {}),
    });
    running.set(k, { number: k, params });
    executeChild(tuneTrialWorkflow, {
      workflowId: trialWorkflowId(s.studyKey, k),
      parentClosePolicy: ParentClosePolicy.REQUEST_CANCEL,
      args: [
        {
          studyKey: s.studyKey,
          studyRecordId: s.studyRecordId,
          number: k,
          datasetMd5: s.datasetMd5,
          params,
          trainingParams: trialTrainingParams(s.space, params),
          pruner: s.pruner.type === 'median' ? s.pruner : null,
          reference: prunerReference(visible),
          ...(input.trainingTaskQueue ? { trainingTaskQueue: input.trainingTaskQueue } : {}),
          ...(input.trainingHeartbeatTimeout
            ? { trainingHeartbeatTimeout: input.trainingHeartbeatTimeout }
            : {}),
          startedAt: new Date().toISOString(),
        },
      ],
    }).then(
      (result: TrialResult) => {
        running.delete(k);
        const { dir: _dir, recordId: _recordId, ...trial } = result;
        finished.set(k, trial);
      },
      (error: unknown) => {
        running.delete(k);
        failures.push(error instanceof Error ? error : new Error(String(error)));
      },
    );
  };
  const throwIfFailed = (): void => {
    const first = failures[0];
    if (first) throw first;
  };

  const historyLimit = input.continueAsNewAfterEvents ?? 2000;
  while (next < total || running.size > 0) {
    await condition(
      () =>
        failures.length > 0 ||
        (next < total && running.size < parallelism && mayStart([...finished.values()], next, parallelism)) ||
        (next >= total && running.size === 0),
    );
    throwIfFailed();
    if (next >= total) break;
    // History is cut between trials: past the limit, start no new trial, let the running
    // ones finish, and continue as new carrying the finished trials.
    if (next > 0 && (workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > historyLimit)) {
      await condition(() => failures.length > 0 || running.size === 0);
      throwIfFailed();
      await condition(allHandlersFinished);
      await continueAsNew<typeof tuneWorkflow>({
        ...input,
        carried: { ...s, trials: sortedTrials(finished), total, enqueued, runs: s.runs + 1 },
      });
    }
    startTrial(next++);
  }

  const trials = sortedTrials(finished);
  stage = 'comparing';
  const best = bestTrial(trials);
  const trialDir = (n: number) => ({ trial: n, studyKey: s.studyKey });
  const bestOf = (family: 'dnn' | 'logreg') =>
    bestTrial(trials.filter((t) => (t.params.modelFamily ?? 'dnn') === family));
  const dnn = bestOf('dnn');
  const logreg = bestOf('logreg');
  const members = ensembleTopK >= 2 ? topTrials(trials, ensembleTopK) : [];
  const comparison =
    dnn || logreg
      ? await heavy.compareStudyFamilies({
          datasetMd5: s.datasetMd5,
          ...(dnn ? { dnn: trialDir(dnn.number) } : {}),
          ...(logreg ? { logreg: trialDir(logreg.number) } : {}),
          ...(members.length >= 2 ? { ensemble: members.map((m) => trialDir(m.number)) } : {}),
        })
      : undefined;
  stage = 'reporting';
  const report = await heavy.writeStudyReport({
    studyKey: s.studyKey,
    datasetMd5: s.datasetMd5,
    sampler: s.sampler.type,
    seed,
    space: s.space,
    trials,
    ...(comparison ? { comparison } : {}),
  });
  await light.finishRunRecord({
    id: s.studyRecordId,
    status: 'completed',
    datasetMd5: s.datasetMd5,
    metrics: {
      trials: trials.length,
      complete: trials.filter((t) => t.state === TrialState.Complete).length,
      pruned: trials.filter((t) => t.state === TrialState.Pruned).length,
      ...(best?.value !== undefined ? { bestValRocAuc: best.value, bestTrial: best.number } : {}),
      ...(comparison?.dnnVsLogreg ? { dnnMinusLogregTestRocAuc: comparison.dnnVsLogreg.difference } : {}),
    },
    artifacts: { report: report.htmlPath, study: report.jsonPath },
  });
  await startMlflowSync(s.studyRecordId);
  stage = 'completed';
  await condition(allHandlersFinished);
  return {
    studyKey: s.studyKey,
    studyRecordId: s.studyRecordId,
    datasetMd5: s.datasetMd5,
    trials,
    ...(best?.value !== undefined
      ? {
          best: {
            number: best.number,
            value: best.value,
            params: best.params,
            trainingParams: trialTrainingParams(s.space, best.params),
          },
        }
      : {}),
    ...(comparison ? { comparison } : {}),
    reportPath: report.htmlPath,
    carried: { ...s, trials, total, enqueued, runs: s.runs },
    settings: runSettings(input),
  };
}

/** The input without its trial count and carried state: what `tune extend` keeps. */
function runSettings(input: TuneInput): StudyRunSettings {
  const { trials: _trials, carried: _carried, ...settings } = input;
  return settings;
}

function sortedTrials(finished: Map<number, FinishedTrial>): FinishedTrial[] {
  return [...finished.values()].sort((a, b) => a.number - b.number);
}

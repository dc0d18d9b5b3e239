import { WorkflowExecutionAlreadyStartedError, type WorkflowHandle } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import type { Command } from 'commander';
import { resolveProjectPaths } from '../../src/config/paths';
import { taskQueueFromEnv, trainingTaskQueueFromEnv } from '../../src/config/temporal';
import type { tuneWorkflow } from '../../workflows';
import {
  addTrialsUpdate,
  MAX_STUDY_TRIALS,
  tuneStatusQuery,
  type TrialStatus,
  type TuneResult,
  type TuneStatus,
} from '../../workflows/tune-messages';
import { withClient } from '../connection';
import { CliError } from '../errors';
import { positiveIntegerOption } from '../option-parsers';
import { datasetReference, requestRetrain } from '../start-retrain';
import { extendStudy, runningTrialProgress } from '../tune-study';
import { workflowUiLink } from '../ui-link';

interface StartOptions {
  dataset: string;
  space: string;
  trials: number;
  parallelism: number;
  seed: number;
  sampler: string;
  id?: string;
  follow: boolean;
}

/** One line of study progress. */
export function formatTuneStatus(id: string, s: TuneStatus): string {
  const best = s.best ? ` · best #${s.best.number} ${s.best.value.toFixed(4)}` : '';
  const running = s.running.length ? ` · running ${s.running.map((r) => `#${r.number}`).join(', ')}` : '';
  return `${id} [${s.stage}] ${s.finished}/${s.total} trials (${s.complete} complete, ${s.pruned} pruned, ${s.failed} failed)${running}${best}`;
}

/** One line per running trial: `  #7 epoch 3/30 val ROC AUC 0.8120`. */
export function formatTrialProgress(progress: readonly TrialStatus[]): string[] {
  return progress.map((p) => {
    const last = p.intermediate.at(-1);
    const auc = typeof last === 'number' ? ` val ROC AUC ${last.toFixed(4)}` : '';
    const pruned = p.prunedAt !== undefined ? ` (pruned at epoch ${p.prunedAt})` : '';
    return `  #${p.number} epoch ${p.epoch}/${p.maxEpochs ?? '?'}${auc}${pruned}`;
  });
}

function printResult(result: TuneResult, root: string): void {
  console.log(`Report: ${root}/${result.reportPath}`);
  if (result.best)
    console.log(
      `Best trial #${result.best.number}: validation ROC AUC ${result.best.value.toFixed(4)} ${JSON.stringify(result.best.params)}`,
    );
  const c = result.comparison;
  if (c?.dnnVsLogreg)
    console.log(`DNN vs baseline (test split, ${c.testRows} rows): ${c.dnnVsLogreg.summary}`);
  if (c?.ensembleVsBest) console.log(`Ensemble: ${c.ensembleVsBest.summary}`);
}

/** Prints the study's status every 5 s until it ends, then its result. */
async function follow(handle: WorkflowHandle<typeof tuneWorkflow>, root: string): Promise<void> {
  const done = handle.result();
  let finished = false;
  void done.finally(() => (finished = true)).catch(() => undefined);
  while (!finished) {
    const status = await handle.query(tuneStatusQuery).catch(() => undefined);
    if (status) console.log(formatTuneStatus(handle.workflowId, status));
    await Promise.race([done.catch(() => undefined), new Promise((r) => setTimeout(r, 5000))]);
  }
  printResult(await done, root);
}

/** `tune start|status|add|extend|report|retrain-best`: hyper-parameter studies. */
export function registerTune(program: Command): void {
  const tune = program.command('tune').description('Hyper-parameter studies (trials as child workflows)');
  tune
    .command('start')
    .description(
      'Start a study: trials on the training task queue, pruned by the median pruner, then a report',
    )
    .option('-d, --dataset <csv>', 'dataset CSV inside the data folder', 'data/matchmaking_dataset.csv')
    .option('--space <file>', 'search-space file (JSON or YAML)', 'tuning/search-space.yaml')
    .option('--trials <n>', 'number of trials', positiveIntegerOption, 30)
    .option('--parallelism <n>', 'trials running at once', positiveIntegerOption, 2)
    .option('--seed <n>', 'study seed', (v) => Number.parseInt(v, 10), 0)
    .option('--sampler <name>', 'tpe or random', 'tpe')
    .option('--id <workflowId>', 'workflow ID of the study (default: study-<time>)')
    .option('-f, --follow', 'print progress until the study ends, then its report', false)
    .action(async (options: StartOptions) => {
      if (options.sampler !== 'tpe' && options.sampler !== 'random')
        throw new Error(`--sampler must be tpe or random, got "${options.sampler}"`);
      if (!Number.isInteger(options.seed) || options.seed < 0)
        throw new Error('--seed must be a non-negative integer');
      const root = resolveProjectPaths().root;
      await withClient(async (client) => {
        const workflowId = options.id ?? `study-${new Date().toISOString().replace(/[:.]/g, '-')}`;
        const trainingQueue = trainingTaskQueueFromEnv();
        const handle = await client.workflow
          .start<typeof tuneWorkflow>('tuneWorkflow', {
            taskQueue: taskQueueFromEnv(),
            workflowId,
            // A study ID names its trials' workflows and folders: never reused for a new study
            // (a finished one grows with "tune extend", which carries its trials).
            workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
            args: [
              {
                datasetPath: options.dataset,
                searchSpacePath: options.space,
                trials: options.trials,
                parallelism: options.parallelism,
                seed: options.seed,
                sampler: { type: options.sampler },
                requestedBy: process.env.USER ?? 'cli',
                ...(trainingQueue !== taskQueueFromEnv() ? { trainingTaskQueue: trainingQueue } : {}),
              },
            ],
          })
          .catch((error: unknown) => {
            if (error instanceof WorkflowExecutionAlreadyStartedError)
              throw new CliError(
                `Not started: the study ID ${workflowId} was used before; choose another --id (a finished study grows with "tune extend")`,
              );
            throw error;
          });
        console.log(`Started ${workflowId}`);
        const ui = workflowUiLink(workflowId);
        if (ui) console.log(`Temporal UI: ${ui}`);
        if (options.follow) await follow(handle, root);
      });
    });
  tune
    .command('status')
    .description('Show a study: stage, finished and running trials (with their epochs so far), best so far')
    .argument('<workflowId>', 'the study workflow ID')
    .option('--json', 'print the status as JSON (running trials\' epochs under "progress")', false)
    .action(async (workflowId: string, options: { json: boolean }) => {
      await withClient(async (client) => {
        const status = await client.workflow.getHandle(workflowId).query(tuneStatusQuery);
        const progress = await runningTrialProgress(client, status);
        if (options.json) console.log(JSON.stringify({ ...status, progress }, null, 2));
        else console.log([formatTuneStatus(workflowId, status), ...formatTrialProgress(progress)].join('\n'));
      });
    });
  tune
    .command('add')
    .description('Add trials to a running study (a finished one: "tune extend")')
    .argument('<workflowId>', 'the study workflow ID')
    .argument('<count>', 'trials to add', positiveIntegerOption)
    .action(async (workflowId: string, count: number) => {
      await withClient(async (client) => {
        const total = await client.workflow
          .getHandle(workflowId)
          .executeUpdate(addTrialsUpdate, { args: [{ count }] });
        console.log(`${workflowId} now runs ${total} trials`);
      });
    });
  tune
    .command('extend')
    .description(
      `Extend a finished study by more trials (same ID, same seed and settings; its trials carried; at most ${MAX_STUDY_TRIALS} in all)`,
    )
    .argument('<workflowId>', 'the finished study workflow ID')
    .requiredOption('--trials <n>', 'trials to add', positiveIntegerOption)
    .option('-f, --follow', 'print progress until the study ends, then its report', false)
    .action(async (workflowId: string, options: { trials: number; follow: boolean }) => {
      await withClient(async (client) => {
        const handle = await extendStudy(client, workflowId, options.trials, process.env.USER ?? 'cli');
        console.log(`Extended ${workflowId} by ${options.trials} trials (run ${handle.firstExecutionRunId})`);
        if (options.follow) await follow(handle, resolveProjectPaths().root);
      });
    });
  tune
    .command('report')
    .description(
      'Wait for a study to finish; print its report path, best trial and the DNN-vs-baseline verdict',
    )
    .argument('<workflowId>', 'the study workflow ID')
    .action(async (workflowId: string) => {
      await withClient(async (client) => {
        printResult(
          await client.workflow.getHandle<typeof tuneWorkflow>(workflowId).result(),
          resolveProjectPaths().root,
        );
      });
    });
  tune
    .command('retrain-best')
    .description(
      "Retrain with a finished study's best configuration: the normal retrain (compare with production, approval, promotion)",
    )
    .argument('<workflowId>', 'the study workflow ID')
    .option('-d, --dataset <csv>', 'dataset CSV to retrain on', 'data/matchmaking_dataset.csv')
    .action(async (workflowId: string, options: { dataset: string }) => {
      await withClient(async (client) => {
        const result = await client.workflow.getHandle<typeof tuneWorkflow>(workflowId).result();
        if (!result.best) throw new Error(`${workflowId} has no complete trial to retrain`);
        // The one way a retrain starts (issue 13): the launcher hashes the dataset on a worker.
        const requested = await requestRetrain(client, {
          datasetPath: datasetReference(options.dataset, resolveProjectPaths().root),
          requestedBy: `study ${workflowId} trial ${result.best.number}`,
          trainingParams: result.best.trainingParams,
        });
        console.log(
          requested.started
            ? `Started ${requested.retrainWorkflowId} with trial #${result.best.number}'s parameters ${JSON.stringify(result.best.trainingParams)}`
            : `A retrain for this dataset content already exists: ${requested.retrainWorkflowId}`,
        );
      });
    });
}

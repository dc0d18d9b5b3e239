import type { Command } from 'commander';
import { resolveProjectPaths } from '../../src/config/paths';
import { taskQueueFromEnv, trainingTaskQueueFromEnv } from '../../src/config/temporal';
import type { tuneWorkflow } from '../../workflows';
import {
  addTrialsUpdate,
  tuneStatusQuery,
  type TuneResult,
  type TuneStatus,
} from '../../workflows/tune-messages';
import { withClient } from '../connection';
import { positiveIntegerOption } from '../option-parsers';
import { datasetReference, requestRetrain } from '../start-retrain';
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

/** `tune start|status|add|report|retrain-best`: hyper-parameter studies. */
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
        const handle = await client.workflow.start<typeof tuneWorkflow>('tuneWorkflow', {
          taskQueue: taskQueueFromEnv(),
          workflowId,
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
        });
        console.log(`Started ${workflowId}`);
        const ui = workflowUiLink(workflowId);
        if (ui) console.log(`Temporal UI: ${ui}`);
        if (!options.follow) return;
        const done = handle.result();
        let finished = false;
        void done.finally(() => (finished = true)).catch(() => undefined);
        while (!finished) {
          const status = await handle.query(tuneStatusQuery).catch(() => undefined);
          if (status) console.log(formatTuneStatus(workflowId, status));
          await Promise.race([done.catch(() => undefined), new Promise((r) => setTimeout(r, 5000))]);
        }
        printResult(await done, root);
      });
    });
  tune
    .command('status')
    .description('Show a study: stage, finished and running trials, best so far')
    .argument('<workflowId>', 'the study workflow ID')
    .option('--json', 'print the raw status as JSON', false)
    .action(async (workflowId: string, options: { json: boolean }) => {
      await withClient(async (client) => {
        const status = await client.workflow.getHandle(workflowId).query(tuneStatusQuery);
        console.log(options.json ? JSON.stringify(status, null, 2) : formatTuneStatus(workflowId, status));
      });
    });
  tune
    .command('add')
    .description('Add trials to a running study')
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

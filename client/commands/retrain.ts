import type { Command } from 'commander';
import { resolveProjectPaths } from '../../src/config/paths';
import { withClient } from '../connection';
import { followRetrain } from '../follow';
import { startRetrain } from '../start-retrain';

interface RetrainOptions {
  dataset: string;
  approvalTimeout: string;
  epochs?: number;
  requestedBy: string;
  follow: boolean;
}

/** `retrain`: start a retrain for a dataset (idempotent per dataset content). */
export function registerRetrain(program: Command): void {
  program
    .command('retrain')
    .description(
      'Start a retrain on a dataset: snapshot, train a candidate, compare it with production, then wait for approval. ' +
        'The workflow ID comes from the dataset md5, so the same data is never retrained twice.',
    )
    .option('-d, --dataset <csv>', 'dataset CSV inside the data folder', 'data/matchmaking_dataset.csv')
    .option('--approval-timeout <duration>', 'how long to wait for a human before counting it as a rejection', '7 days')
    .option('--epochs <n>', 'maximum training epochs (default: the training default, 40)', (v) => Number.parseInt(v, 10))
    .option('--requested-by <who>', 'recorded as who asked for the retrain', process.env.USER ?? 'cli')
    .option('-f, --follow', 'show training progress and wait for the outcome', false)
    .action(async (options: RetrainOptions) => {
      const paths = resolveProjectPaths();
      await withClient(async (client) => {
        const started = await startRetrain(client, {
          dataset: options.dataset,
          projectRoot: paths.root,
          approvalTimeout: options.approvalTimeout,
          requestedBy: options.requestedBy,
          ...(options.epochs ? { trainingParams: { epochs: options.epochs } } : {}),
        });
        console.log(
          started.started
            ? `Started ${started.workflowId} (dataset md5 ${started.datasetMd5})`
            : `A retrain for this dataset content already exists: ${started.workflowId}; following it instead of starting another`,
        );
        console.log('Temporal UI: http://localhost:8233/namespaces/default/workflows/' + started.workflowId);
        if (!options.follow) return;
        const result = await followRetrain(started.handle, { projectRoot: paths.root });
        console.log(`\nOutcome: ${result.outcome} — ${result.reason}`);
        console.log(`Production: ${result.productionVersionAfter ?? '(none)'}`);
      });
    });
}

import { InvalidArgumentError, type Command } from 'commander';
import type { PromotionPolicy } from '../../src/evaluation';
import { resolveProjectPaths } from '../../src/config/paths';
import { withClient } from '../connection';
import { positiveIntegerOption } from '../option-parsers';
import { followRetrain } from '../follow';
import { startRetrain } from '../start-retrain';
import { workflowUiLink } from '../ui-link';

interface RetrainOptions {
  dataset: string;
  approvalTimeout: string;
  epochs?: number;
  requestedBy: string;
  follow: boolean;
  promotionPolicy?: Partial<PromotionPolicy>;
}

function parsePolicyOption(value: string): Partial<PromotionPolicy> {
  try {
    return JSON.parse(value) as Partial<PromotionPolicy>;
  } catch (error) {
    throw new InvalidArgumentError(`not JSON: ${(error as Error).message}`);
  }
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
    .option(
      '--approval-timeout <duration>',
      'how long to wait for a human before counting it as a rejection',
      '7 days',
    )
    .option(
      '--epochs <n>',
      'maximum training epochs (default: the training default, 40)',
      positiveIntegerOption,
    )
    .option('--requested-by <who>', 'recorded as who asked for the retrain', process.env.USER ?? 'cli')
    .option(
      '--promotion-policy <json>',
      'override parts of the promotion rule, e.g. \'{"minImprovement":0.01,"floors":{"rocAuc":0.75}}\' ' +
        '(defaults: primary rocAuc, minImprovement 0.02, floors {rocAuc: 0.70}, guardrails {recall: 0.02, logLoss: 0.02})',
      parsePolicyOption,
    )
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
          ...(options.promotionPolicy ? { promotionPolicy: options.promotionPolicy } : {}),
        });
        console.log(
          started.started
            ? `Started ${started.workflowId} (dataset md5 ${started.datasetMd5})`
            : `A retrain for this dataset content already exists: ${started.workflowId}; following it instead of starting another`,
        );
        const ui = workflowUiLink(started.workflowId);
        if (ui) console.log(`Temporal UI: ${ui}`);
        if (!options.follow) return;
        const result = await followRetrain(started.handle, { projectRoot: paths.root });
        console.log(`\nOutcome: ${result.outcome} — ${result.reason}`);
        console.log(`Production: ${result.productionVersionAfter ?? '(none)'}`);
      });
    });
}

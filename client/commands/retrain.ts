import { InvalidArgumentError, type Command } from 'commander';
import { msToNumber, type Duration } from '@temporalio/common';
import { z } from 'zod';
import { MAX_CANARY_SHARE } from '../../src/core/experiments';
import type { RetrainExperimentInput, RetrainExperimentPolicy } from '../../workflows/retrain-messages';
import type { PromotionPolicy } from '../../src/evaluation';
import { resolveProjectPaths } from '../../src/config/paths';
import { withClient } from '../connection';
import { followRetrain } from '../follow';
import { md5Option, nonEmptyText, parsedBy, positiveIntegerOption } from '../option-parsers';
import { asRunFailure } from '../retrain-handle';
import { checkRetrainInput, datasetReference, LAUNCH_TIMEOUT, requestRetrain } from '../start-retrain';
import { workflowUiLink } from '../ui-link';

interface RetrainOptions {
  dataset: string;
  expectMd5?: string;
  approvalTimeout: string;
  epochs?: number;
  requestedBy: string;
  follow: boolean;
  promotionPolicy?: Partial<PromotionPolicy>;
  experiment?: RetrainExperimentPolicy;
  canaryShare?: number;
  shadowDuration?: string;
  experimentMaxDuration?: string;
  experimentBatchInterval?: string;
}

/** `shadow-then-canary` on the command line, `shadow_then_canary` in the workflow input. */
const experimentPolicyOption = parsedBy(
  z
    .string()
    .transform((text) => text.trim().replaceAll('-', '_'))
    .pipe(
      z.enum(['off', 'shadow', 'shadow_then_canary'], {
        error: 'must be one of off, shadow, shadow-then-canary',
      }),
    ),
);

const canaryShareOption = parsedBy(
  z
    .string()
    .trim()
    .min(1, 'expected a share of clients')
    .transform(Number)
    .pipe(
      z
        .number({ error: 'expected a number' })
        .gt(0, `expected a share above 0 and at most ${MAX_CANARY_SHARE}`)
        .max(MAX_CANARY_SHARE, `expected a share above 0 and at most ${MAX_CANARY_SHARE}`),
    ),
);

/**
 * The experiment part of the input: absent unless an experiment option was
 * given (so a plain retrain's input is what it always was); settings given
 * without a policy go with policy off, which the input check refuses by name.
 */
function experimentInput(options: RetrainOptions): RetrainExperimentInput | undefined {
  const settings = {
    ...(options.canaryShare !== undefined ? { canaryShare: options.canaryShare } : {}),
    ...(options.shadowDuration ? { shadowDuration: options.shadowDuration } : {}),
    ...(options.experimentMaxDuration ? { maxDuration: options.experimentMaxDuration } : {}),
    ...(options.experimentBatchInterval ? { batchInterval: options.experimentBatchInterval } : {}),
  };
  const policy = options.experiment ?? 'off';
  if (policy === 'off' && Object.keys(settings).length === 0) return undefined;
  return { policy, ...settings };
}

function parsePolicyOption(value: string): Partial<PromotionPolicy> {
  try {
    return JSON.parse(value) as Partial<PromotionPolicy>;
  } catch (error) {
    throw new InvalidArgumentError(`not JSON: ${(error as Error).message}`);
  }
}

function durationOption(value: string): string {
  let ms = Number.NaN;
  try {
    ms = msToNumber(value as Duration);
  } catch {
    // refused below
  }
  if (!(Number.isFinite(ms) && ms > 0))
    throw new InvalidArgumentError(`expected a positive duration like "7 days", got "${value}"`);
  return value;
}

/** `retrain`: ask the workers to start a retrain for a dataset (idempotent per dataset content). */
export function registerRetrain(program: Command): void {
  program
    .command('retrain')
    .description(
      'Start a retrain on a dataset: snapshot, train a candidate, compare it with production, optionally try it on ' +
        'live traffic (--experiment), then wait for approval. ' +
        'A worker reads and hashes the dataset (this machine needs no copy); the workflow ID comes from its md5, so ' +
        'the same data is never retrained twice. Refused (exit 1) while another retrain of the model is in progress, ' +
        `or when no worker takes the request within ${LAUNCH_TIMEOUT}.`,
    )
    .option(
      '-d, --dataset <csv>',
      "dataset CSV in the workers' data folder, relative to the project root",
      'data/matchmaking_dataset.csv',
    )
    .option(
      '--expect-md5 <md5>',
      "the dataset's md5 as you know it (CI: the pushed file's); refused if the workers' file differs",
      md5Option,
    )
    .option(
      '--approval-timeout <duration>',
      'how long to wait for a human before counting it as a rejection',
      durationOption,
      '7 days',
    )
    .option(
      '--epochs <n>',
      'maximum training epochs (default: the training default, 40)',
      positiveIntegerOption,
    )
    .option(
      '--requested-by <who>',
      'recorded as who asked for the retrain (default: $USER)',
      nonEmptyText,
      process.env.USER || 'cli',
    )
    .option(
      '--promotion-policy <json>',
      'override parts of the promotion rule, e.g. \'{"minImprovement":0.01,"floors":{"rocAuc":0.75}}\' ' +
        '(defaults: primary rocAuc, minImprovement 0.02, floors {rocAuc: 0.70}, guardrails {recall: 0.02, logLoss: 0.02})',
      parsePolicyOption,
    )
    .option(
      '--experiment <policy>',
      'after the candidate qualifies and before approval, try it on live traffic: off, shadow (production answers, ' +
        'the candidate scores alongside), shadow-then-canary (then a share of clients is answered by it); a guardrail ' +
        'breach or a candidate found worse ends the retrain without approval (outcome failed_experiment)',
      experimentPolicyOption,
    )
    .option(
      '--canary-share <share>',
      `share of clients the candidate answers in the canary, above 0 and at most ${MAX_CANARY_SHARE} (default 0.1)`,
      canaryShareOption,
    )
    .option(
      '--shadow-duration <duration>',
      'how long the shadow stage runs before the canary (default 1 hour)',
      durationOption,
    )
    .option(
      '--experiment-max-duration <duration>',
      'the experiment ends "inconclusive" after this long and the approval gate opens (default 14 days)',
      durationOption,
    )
    .option(
      '--experiment-batch-interval <duration>',
      'how often the experiment analyses a batch; the sequential test looks after each (default 5 minutes)',
      durationOption,
    )
    .option(
      '-f, --follow',
      'show training progress and wait for the outcome; exit 2 with the reason if the retrain fails',
      false,
    )
    .action(async (options: RetrainOptions) => {
      const paths = resolveProjectPaths();
      const experiment = experimentInput(options);
      const input = {
        datasetPath: datasetReference(options.dataset, paths.root),
        ...(options.expectMd5 ? { expectedDatasetMd5: options.expectMd5 } : {}),
        approvalTimeout: options.approvalTimeout,
        requestedBy: options.requestedBy,
        ...(options.epochs ? { trainingParams: { epochs: options.epochs } } : {}),
        ...(options.promotionPolicy ? { promotionPolicy: options.promotionPolicy } : {}),
        ...(experiment ? { experiment } : {}),
      };
      checkRetrainInput(input); // before anything connects: a setting the policy would not use, a bad policy JSON
      await withClient(async (client) => {
        const requested = await requestRetrain(client, input);
        console.log(
          requested.started
            ? `Started ${requested.retrainWorkflowId} (dataset md5 ${requested.datasetMd5})`
            : `A retrain for this dataset content already exists: ${requested.retrainWorkflowId}` +
                (options.follow ? '; following it instead of starting another' : ''),
        );
        const ui = workflowUiLink(requested.retrainWorkflowId);
        if (ui) console.log(`Temporal UI: ${ui}`);
        if (!options.follow) return;
        const result = await followRetrain(requested.handle, { projectRoot: paths.root }).catch(
          (error: unknown) => {
            throw asRunFailure(requested.retrainWorkflowId, error);
          },
        );
        console.log(`\nOutcome: ${result.outcome} — ${result.reason}`);
        console.log(`Production: ${result.productionVersionAfter ?? '(none)'}`);
      });
    });
}

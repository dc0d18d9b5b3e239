#!/usr/bin/env node
import { Command } from 'commander';
import { registerApproval } from './commands/approval';
import { registerDataset } from './commands/dataset';
import { registerDrift } from './commands/drift';
import { registerEvaluate } from './commands/evaluate';
import { registerExperiment } from './commands/experiment';
import { registerModels } from './commands/models';
import { registerPromote } from './commands/promote';
import { registerMonitor } from './commands/monitor';
import { registerOutcomes } from './commands/outcomes';
import { registerRetrain } from './commands/retrain';
import { registerRuns } from './commands/runs';
import { registerRollback } from './commands/rollback';
import { registerSchedules } from './commands/schedules';
import { registerServe } from './commands/serve';
import { registerStatus } from './commands/status';
import { registerTune } from './commands/tune';
import { EXIT_CODES_HELP } from './exit-codes';
import { reportError } from './report-error';
import { checkConfiguredStore, parseStoreConfig } from '../src/storage';

const STORE_HELP = [
  'Artifact store:',
  '  MLOPS_STORE unset: the project folders under MLOPS_HOME (default).',
  '  MLOPS_STORE=s3://bucket/prefix: an S3-compatible bucket (AWS_ENDPOINT_URL, AWS_REGION,',
  '  AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY) holding snapshots, the model registry, checkpoints,',
  '  run records, reports, the prediction log and outcomes; checked at start, including conditional',
  '  writes. MLOPS_CACHE_MAX_BYTES bounds the snapshot cache,',
  '  MLOPS_MODEL_CACHE_MAX_BYTES the cache of model versions (LRU; production, previous and versions',
  '  being read are kept; unset: unbounded).',
].join('\n');

/** Builds the `legalaid-mlops` command line. */
export function buildCli(): Command {
  const program = new Command('legalaid-mlops')
    .description(
      'LegalAid Connect MLOps pipeline on Temporal. Connects with TEMPORAL_ADDRESS (default localhost:7233), ' +
        'TEMPORAL_NAMESPACE (default "default"), TEMPORAL_API_KEY; reads files under MLOPS_HOME (default: current folder).',
    )
    .showHelpAfterError()
    .addHelpText('after', `\n${STORE_HELP}\n\n${EXIT_CODES_HELP}`)
    // Every command (serve included) checks the artifact store first: a store that cannot work is
    // reported with what to fix before the command does anything.
    .hook('preAction', async () => {
      await checkConfiguredStore(parseStoreConfig());
    });
  registerRetrain(program);
  registerStatus(program);
  registerApproval(program);
  registerModels(program);
  registerPromote(program);
  registerRollback(program);
  registerSchedules(program);
  registerDrift(program);
  registerEvaluate(program);
  registerRuns(program);
  registerServe(program);
  registerMonitor(program);
  registerOutcomes(program);
  registerDataset(program);
  registerTune(program);
  registerExperiment(program);
  return program;
}

if (require.main === module) {
  buildCli()
    .parseAsync(process.argv)
    .catch((error: unknown) => {
      const { message, exitCode } = reportError(error);
      console.error(message);
      process.exit(exitCode);
    });
}

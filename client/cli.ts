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

/** Builds the `legalaid-mlops` command line. */
export function buildCli(): Command {
  const program = new Command('legalaid-mlops')
    .description(
      'LegalAid Connect MLOps pipeline on Temporal. Connects with TEMPORAL_ADDRESS (default localhost:7233), ' +
        'TEMPORAL_NAMESPACE (default "default"), TEMPORAL_API_KEY; reads files under MLOPS_HOME (default: current folder).',
    )
    .showHelpAfterError()
    .addHelpText('after', `\n${EXIT_CODES_HELP}`);
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

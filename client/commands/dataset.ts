import { promises as fs } from 'node:fs';
import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { confinePath } from '../../src/config/confine-path';
import { resolveProjectPaths } from '../../src/config/paths';
import { writeFileAtomic } from '../../src/fs/atomic-write';
import { monitoringLocations } from '../../src/monitoring/locations';
import { joinOutcomes } from '../../src/monitoring/outcomes/outcome-join';
import { openOutcomeStore } from '../../src/monitoring/outcomes/open-outcome-store';
import { buildProductionDataset } from '../../src/monitoring/retraining/production-dataset';
import { readPredictionLog } from '../../src/serving/prediction-log/reader';
import { openPredictionLogStore } from '../../src/serving/prediction-log/open-log-store';

function day(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value))
    throw new InvalidArgumentError(`must be a UTC day like 2026-11-30, got "${value}"`);
  return value;
}

interface FromProductionOptions {
  dataset: string;
  out: string;
  from?: string;
  to?: string;
}

/** `dataset from-production`: the current dataset plus labelled production rows, for a retrain. */
export function registerDataset(program: Command): void {
  const dataset = program.command('dataset').description('Training datasets');
  dataset
    .command('from-production')
    .description(
      'Write a new training dataset: the current one plus every logged prediction whose match outcome arrived ' +
        '(its logged input columns, match_success = the outcome). Rows already in the dataset or repeated are ' +
        'left out; the result is validated like any dataset. Train on it with ' +
        '`retrain --dataset <out>`: the normal snapshot → train → compare → approval path.',
    )
    .option(
      '-d, --dataset <csv>',
      'the current dataset, inside the data folder',
      'data/matchmaking_dataset.csv',
    )
    .requiredOption('-o, --out <csv>', 'the new dataset, inside the data folder')
    .option('--from <day>', 'first UTC day of predictions to use (default: the earliest)', day)
    .option('--to <day>', 'last UTC day (default: the latest)', day)
    .action(async (options: FromProductionOptions) => {
      const paths = resolveProjectPaths();
      const input = await confinePath(paths.dataDir, options.dataset, paths.root);
      const output = await confinePath(paths.dataDir, options.out, paths.root);
      const locations = monitoringLocations(paths);
      const outcomes = await openOutcomeStore(locations.outcomesDir).all();
      const log = openPredictionLogStore(locations.predictionLogDir);
      const query = {
        ...(options.from ? { from: options.from } : {}),
        ...(options.to ? { to: options.to } : {}),
      };
      const { labelled, unlabelled } = await joinOutcomes(readPredictionLog(log, query), outcomes);
      const result = buildProductionDataset(await fs.readFile(input), options.dataset, labelled, options.out);
      await writeFileAtomic(output, result.csv);
      console.log(
        `${options.out}: ${result.currentRows} rows of ${options.dataset} + ${result.added} production rows with ` +
          `outcomes (${result.duplicates} already present left out; ${unlabelled} predictions still without an outcome).`,
      );
      console.log(`Next: npm run cli -- retrain --dataset ${path.relative(paths.root, output)}`);
    });
}

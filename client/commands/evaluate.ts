import { promises as fs } from 'node:fs';
import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { resolveProjectPaths } from '../../src/config/paths';
import { taskQueueFromEnv } from '../../src/config/temporal';
import { EvaluationRows } from '../../src/pipeline/evaluate-model';
import type { evaluateModelWorkflow } from '../../workflows';
import { validateEvaluateModelInput } from '../../workflows/input-schemas';
import { withClient } from '../connection';

interface EvaluateOptions {
  dataset: string;
  modelVersion?: string;
  rows: EvaluationRows;
  requestedBy: string;
}

function rowsOption(value: string): EvaluationRows {
  const choices = Object.values(EvaluationRows) as string[];
  if (!choices.includes(value))
    throw new InvalidArgumentError(`must be one of ${choices.join(', ')}, got "${value}"`);
  return value as EvaluationRows;
}

/** Reads a report file when this machine shares the worker's files; undefined otherwise. */
async function readIfLocal(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** `evaluate`: the evaluate-model workflow (the seed's evaluate_model.py). */
export function registerEvaluate(program: Command): void {
  program
    .command('evaluate')
    .description(
      'Evaluate the production model (or --model-version, side by side with production) on a labelled dataset: ' +
        'runs the evaluate-model workflow, which snapshots the data and writes a text summary, a JSON result and an ' +
        'HTML report (ROC, precision-recall, confusion matrix, calibration, thresholds) under reports/evaluations/',
    )
    .option('-d, --dataset <csv>', 'labelled dataset inside the data folder', 'data/matchmaking_dataset.csv')
    .option('-m, --model-version <version>', 'the version to evaluate (default: production)')
    .option(
      '--rows <rows>',
      '"test": the held-out split no retrain trains on; "all": every row (freshly labelled data)',
      rowsOption,
      EvaluationRows.Test,
    )
    .option('--requested-by <who>', 'recorded as who asked', process.env.USER ?? 'cli')
    .action(async (options: EvaluateOptions) => {
      const paths = resolveProjectPaths();
      // Checked as the workflow checks it at start, before connecting: a bad version name fails here.
      const input = validateEvaluateModelInput({
        datasetPath: options.dataset,
        rows: options.rows,
        requestedBy: options.requestedBy,
        ...(options.modelVersion ? { version: options.modelVersion } : {}),
      });
      await withClient(async (client) => {
        const result = await client.workflow.execute<typeof evaluateModelWorkflow>('evaluateModelWorkflow', {
          taskQueue: taskQueueFromEnv(),
          workflowId: `evaluate-${options.modelVersion ?? 'production'}-${Date.now()}`,
          args: [input],
        });
        const summary = await readIfLocal(path.resolve(paths.root, result.textPath));
        console.log(
          summary ??
            `Evaluated ${result.modelVersion} on ${result.rowCount} rows: ROC AUC ${result.metrics.rocAuc ?? 'undefined'}`,
        );
        if (result.includesTrainingRows) {
          console.log(
            'Note: every row was scored, including rows this model was trained on; use --rows test.',
          );
        }
        console.log(`Run:    ${result.runRecordId}`);
        console.log(`Text:   ${result.textPath}\nJSON:   ${result.jsonPath}\nReport: ${result.htmlPath}`);
      });
    });
}

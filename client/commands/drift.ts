import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { taskQueueFromEnv } from '../../src/config/temporal';
import { hashFile } from '../../src/data';
import type { DatasetDriftOptions, DriftMethod } from '../../src/drift';
import { compareDatasetFiles, driftReportStem, writeDriftOutputs } from '../../src/pipeline/check-drift';
import { renderDriftReport } from '../../src/reports/drift-report';
import type { driftCheckWorkflow } from '../../workflows';
import { withClient } from '../connection';

function collectPair(value: string, previous: Record<string, string> = {}): Record<string, string> {
  const [column, setting] = value.split('=');
  if (!column || !setting) throw new InvalidArgumentError(`expected column=value, got "${value}"`);
  return { ...previous, [column]: setting };
}

function shareOption(value: string): number {
  const share = Number(value);
  if (!(share >= 0 && share <= 1))
    throw new InvalidArgumentError(`must be a number between 0 and 1, got "${value}"`);
  return share;
}

interface CompareOptions {
  reference: string;
  current: string;
  out: string;
  driftShare?: number;
  method?: Record<string, string>;
  threshold?: Record<string, string>;
  failOnDrift: boolean;
}

/** `drift compare` (any two CSVs, no Temporal) and `drift check` (the workflow). */
export function registerDrift(program: Command): void {
  const drift = program.command('drift').description('Data drift between a reference and current data');
  drift
    .command('compare')
    .description(
      'Compare two CSVs with the dataset schema, without Temporal (CI jobs, notebooks): writes a JSON result and a ' +
        "self-contained HTML report. Methods and thresholds follow Evidently's DataDrift defaults.",
    )
    .requiredOption('-r, --reference <csv>', 'the baseline, e.g. the training data')
    .requiredOption('-c, --current <csv>', 'the data to check')
    .option(
      '-o, --out <dir>',
      'where to write data_drift_report_<time>-<md5>.json and .html',
      'reports/drift',
    )
    .option(
      '--drift-share <share>',
      'share of drifted columns that counts as dataset drift (default 0.5)',
      shareOption,
    )
    .option(
      '--method <column=method>',
      'force a method for a column: ks, chisquare, z, wasserstein, jensenshannon, psi (repeatable)',
      collectPair,
    )
    .option('--threshold <column=value>', "override a column's drift threshold (repeatable)", collectPair)
    .option('--fail-on-drift', 'exit with status 3 when dataset drift is found', false)
    .action(async (options: CompareOptions) => {
      const driftOptions: DatasetDriftOptions = {
        ...(options.driftShare !== undefined ? { driftShare: options.driftShare } : {}),
        ...(options.method ? { perColumnMethod: options.method as Record<string, DriftMethod> } : {}),
        ...(options.threshold
          ? {
              perColumnThreshold: Object.fromEntries(
                Object.entries(options.threshold).map(([k, v]) => [k, Number(v)]),
              ),
            }
          : {}),
      };
      const result = await compareDatasetFiles(options.reference, options.current, driftOptions);
      const now = new Date();
      const [referenceDigest, currentDigest] = await Promise.all([
        hashFile(options.reference),
        hashFile(options.current),
      ]);
      const { jsonPath, htmlPath } = await writeDriftOutputs({
        result,
        meta: {
          title: 'LegalAid Connect — data drift report',
          generatedAt: now.toISOString(),
          referenceLabel: options.reference,
          referenceFile: options.reference,
          currentFile: options.current,
          referenceMd5: referenceDigest.md5,
          currentMd5: currentDigest.md5,
        },
        dir: path.resolve(options.out),
        stem: driftReportStem(now, currentDigest.md5),
        renderHtml: renderDriftReport,
      });
      console.log(
        `${result.datasetDrift ? 'Dataset drift' : 'No dataset drift'}: drift detected for ${result.driftedColumns} of ` +
          `${result.totalColumns} columns (share ${result.share.toFixed(2)}, threshold ${result.thresholdShare}).`,
      );
      for (const c of result.columns.filter((column) => column.drifted)) {
        console.log(`  ${c.column}: ${c.method} ${c.score.toPrecision(4)} (threshold ${c.threshold})`);
      }
      console.log(
        `JSON: ${path.relative(process.cwd(), jsonPath)}\nHTML: ${path.relative(process.cwd(), htmlPath)}`,
      );
      if (options.failOnDrift && result.datasetDrift) process.exitCode = 3;
    });
  drift
    .command('check')
    .description(
      'Run the drift-check workflow now (what the weekly schedule runs): current data against the snapshot the ' +
        'production model was trained on; alerts ALERT_WEBHOOK_URL on dataset drift',
    )
    .option('-c, --current <csv>', 'current data inside the data folder', 'data/current_data.csv')
    .option(
      '--drift-share <share>',
      'share of drifted columns that counts as dataset drift (default 0.5)',
      shareOption,
    )
    .option('--retrain-on-drift', 'start a retrain on the current data when dataset drift is found', false)
    .action(async (options: { current: string; driftShare?: number; retrainOnDrift: boolean }) => {
      await withClient(async (client) => {
        const result = await client.workflow.execute<typeof driftCheckWorkflow>('driftCheckWorkflow', {
          taskQueue: taskQueueFromEnv(),
          workflowId: `drift-check-manual-${Date.now()}`,
          args: [
            {
              currentPath: options.current,
              requestedBy: process.env.USER ?? 'cli',
              retrainOnDrift: options.retrainOnDrift,
              ...(process.env.MLOPS_TRAINING_TASK_QUEUE
                ? { trainingTaskQueue: process.env.MLOPS_TRAINING_TASK_QUEUE }
                : {}),
              ...(options.driftShare !== undefined ? { driftShare: options.driftShare } : {}),
            },
          ],
        });
        const s = result.summary;
        console.log(
          `${s.datasetDrift ? 'Dataset drift' : 'No dataset drift'}: ${s.driftedColumns} of ${s.totalColumns} columns ` +
            `drifted against production ${s.productionVersion}.\nReport: ${s.reportPath}\nAlert: ${result.alert.sent ? 'sent' : 'not sent'} (${result.alert.reason})`,
        );
        if (result.retrain) {
          console.log(
            `Retrain: ${result.retrain.started ? 'started' : 'already ran or running'} ${result.retrain.retrainWorkflowId}`,
          );
        }
      });
    });
}

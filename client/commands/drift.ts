import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { taskQueueFromEnv } from '../../src/config/temporal';
import {
  DRIFT_METHODS,
  isDriftMethod,
  type ColumnDriftType,
  type DatasetDriftOptions,
  type DriftMethod,
} from '../../src/drift';
import { COLUMN_TYPE_NAMES, type ColumnTypeName } from '../../src/drift/column-types-file';
import { driftReportStem, writeDriftOutputs } from '../../src/pipeline/check-drift';
import {
  compareCsvFiles,
  readColumnTypesFile,
  type CompareCsvFilesResult,
} from '../../src/pipeline/compare-csv-files';
import { renderDriftReport } from '../../src/reports/drift-report';
import type { driftCheckWorkflow } from '../../workflows';
import { withClient } from '../connection';
import { assertDirectoryOrAbsent, assertReadableFile } from '../local-paths';
import { LaunchOutcome } from '../../workflows/retrain-launcher-messages';

/** Collects repeated `column=value` options into a record, each value parsed by `parse`. */
function collectPairs<T>(expected: string, parse: (value: string) => T | undefined) {
  return (value: string, previous: Record<string, T> = {}): Record<string, T> => {
    const [column, setting, ...rest] = value.split('=');
    const parsed = setting === undefined || rest.length > 0 ? undefined : parse(setting);
    if (!column?.trim() || parsed === undefined) {
      throw new InvalidArgumentError(`expected column=${expected}, got "${value}"`);
    }
    return { ...previous, [column.trim()]: parsed };
  };
}

const methodPairs = collectPairs<DriftMethod>(`one of ${DRIFT_METHODS.join(', ')}`, (method) =>
  isDriftMethod(method) ? method : undefined,
);
const thresholdPairs = collectPairs<number>('number', (text) => {
  const threshold = Number(text);
  return text.trim() !== '' && Number.isFinite(threshold) ? threshold : undefined;
});

/** `--column-type zip=cat` (repeatable): the last `=` splits, so a column name may contain one. */
function collectColumnType(
  value: string,
  previous: Record<string, ColumnDriftType> = {},
): Record<string, ColumnDriftType> {
  const at = value.lastIndexOf('=');
  const column = value.slice(0, Math.max(at, 0));
  const name = value.slice(at + 1);
  if (at <= 0 || !(name in COLUMN_TYPE_NAMES)) {
    throw new InvalidArgumentError(`expected column=num or column=cat, got "${value}"`);
  }
  const type = COLUMN_TYPE_NAMES[name as ColumnTypeName];
  if (previous[column] !== undefined && previous[column] !== type) {
    throw new InvalidArgumentError(`column "${column}" is given two types`);
  }
  return { ...previous, [column]: type };
}

/** One line saying where the column types came from, for the console and the report. */
function describeColumnTypes(compared: CompareCsvFilesResult): string {
  const given = Object.entries(compared.typeSources)
    .filter(([, source]) => source === 'given')
    .map(([column]) => column);
  const givenText = given.length > 0 ? `; given for ${given.join(', ')}` : '';
  return compared.basis === 'matchmaking-schema'
    ? `Column types: the matchmaking dataset schema${givenText}.`
    : `Column types: inferred from the current file with Evidently's rules${givenText}.`;
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
  method?: Record<string, DriftMethod>;
  threshold?: Record<string, number>;
  columnType?: Record<string, ColumnDriftType>;
  typesFile?: string;
  failOnDrift: boolean;
}

/** `drift compare` (any two CSVs, no Temporal) and `drift check` (the workflow). */
export function registerDrift(program: Command): void {
  const drift = program.command('drift').description('Data drift between a reference and current data');
  drift
    .command('compare')
    .description(
      'Compare any two CSVs with the same columns, without Temporal (CI jobs, notebooks): writes a JSON result ' +
        "and a self-contained HTML report. Methods and thresholds follow Evidently's DataDrift defaults. Files " +
        'with the matchmaking dataset columns are validated and typed by its schema; other columns are typed as ' +
        'Evidently infers them from the current file (integers with ≤ 10 values, booleans and strings: ' +
        'categorical; other numbers: numeric; free text or ids: refused) unless --column-type or --types-file ' +
        'sets them.',
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
      methodPairs,
    )
    .option('--threshold <column=value>', "override a column's drift threshold (repeatable)", thresholdPairs)
    .option(
      '--column-type <column=num|cat>',
      'test a column as numbers (num) or categories (cat) instead of its inferred type (repeatable)',
      collectColumnType,
    )
    .option(
      '--types-file <yaml|json>',
      'column types from a file: "columns: {zip: cat, visits: num}" (--column-type wins)',
    )
    .option('--fail-on-drift', 'exit with status 3 when dataset drift is found', false)
    .action(async (options: CompareOptions) => {
      await assertReadableFile('--reference', options.reference);
      await assertReadableFile('--current', options.current);
      if (options.typesFile) await assertReadableFile('--types-file', options.typesFile);
      await assertDirectoryOrAbsent('--out', options.out);
      const driftOptions: DatasetDriftOptions = {
        ...(options.driftShare !== undefined ? { driftShare: options.driftShare } : {}),
        ...(options.method ? { perColumnMethod: options.method } : {}),
        ...(options.threshold ? { perColumnThreshold: options.threshold } : {}),
      };
      const fromFile = options.typesFile ? await readColumnTypesFile(options.typesFile) : {};
      const compared = await compareCsvFiles({
        referenceFile: options.reference,
        currentFile: options.current,
        columnTypes: { ...fromFile, ...options.columnType },
        driftOptions,
      });
      const { result } = compared;
      const columnTypes = describeColumnTypes(compared);
      const now = new Date();
      const { jsonPath, htmlPath } = await writeDriftOutputs({
        result,
        meta: {
          title: 'LegalAid Connect — data drift report',
          generatedAt: now.toISOString(),
          referenceLabel: options.reference,
          referenceFile: options.reference,
          currentFile: options.current,
          referenceMd5: compared.referenceMd5,
          currentMd5: compared.currentMd5,
          columnTypes,
        },
        dir: path.resolve(options.out),
        stem: driftReportStem(now, compared.currentMd5),
        renderHtml: renderDriftReport,
      });
      console.log(
        `${result.datasetDrift ? 'Dataset drift' : 'No dataset drift'}: drift detected for ${result.driftedColumns} of ` +
          `${result.totalColumns} columns (share ${result.share.toFixed(2)}, threshold ${result.thresholdShare}).`,
      );
      console.log(columnTypes);
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
              ...(options.driftShare !== undefined ? { driftShare: options.driftShare } : {}),
            },
          ],
        });
        const s = result.summary;
        console.log(
          `${s.datasetDrift ? 'Dataset drift' : 'No dataset drift'}: ${s.driftedColumns} of ${s.totalColumns} columns ` +
            `drifted against production ${s.productionVersion}.\nReport: ${s.reportPath}\nAlert: ${result.alert.sent ? 'sent' : 'not sent'} (${result.alert.reason})`,
        );
        const retrain = result.retrain;
        if (retrain?.outcome === LaunchOutcome.Refused) {
          console.log(`Retrain: not started: ${retrain.reason ?? 'another retrain is in progress'}`);
        } else if (retrain) {
          console.log(
            `Retrain: ${retrain.started ? 'started' : 'already ran or running'} ${retrain.retrainWorkflowId}`,
          );
        }
      });
    });
}

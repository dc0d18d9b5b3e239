#!/usr/bin/env node
/**
 * Writes a synthetic LegalAid Connect matchmaking dataset as CSV.
 *
 *   npx tsx scripts/generate-dataset.ts                 # the bundled data/matchmaking_dataset.csv
 *   npx tsx scripts/generate-dataset.ts --drift 0.6 --seed 7 --out data/current_data.csv
 *   npm run build && npm run generate-data -- --help    # compiled, same options
 *
 * The same options always produce a byte-identical file.
 */
import { Command, InvalidArgumentError } from 'commander';
import { integerOption, positiveIntegerOption } from '../client/option-parsers';
import { writeFileAtomic } from '../src/fs/atomic-write';
import { generateMatchmakingRows, rowsToCsv } from '../src/data/generate';
import { hashBytes } from '../src/data/hash-file';

/** Options after parsing. */
export interface GenerateDatasetCliOptions {
  readonly rows: number;
  readonly seed: number;
  readonly drift: number;
  readonly out: string;
}

function driftValue(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !(n >= 0 && n <= 1)) {
    throw new InvalidArgumentError(`expected a number between 0 and 1, got "${value}"`);
  }
  return n;
}

/** Builds the command; exported so its parsing can be exercised without writing files. */
export function buildGenerateDatasetCommand(
  run: (options: GenerateDatasetCliOptions) => Promise<void>,
): Command {
  return new Command('generate-dataset')
    .description(
      'Writes a synthetic LegalAid Connect matchmaking dataset (one row per proposed client–lawyer pair, ' +
        'label match_success) as CSV. The same options always give a byte-identical file.',
    )
    .option('--rows <n>', 'number of data rows to generate', positiveIntegerOption, 10_000)
    .option(
      '--seed <n>',
      'seed of the random generator (integer); change it for a different sample',
      integerOption,
      42,
    )
    .option(
      '--drift <x>',
      'population shift between 0 (the reference population) and 1 (more immigration and employment cases, ' +
        'higher incomes, more central and east clients, longer distances)',
      driftValue,
      0,
    )
    .option(
      '--out <path>',
      'CSV file to write (folders are created; an existing file is replaced)',
      'data/matchmaking_dataset.csv',
    )
    .showHelpAfterError()
    .action(async (options: GenerateDatasetCliOptions) => run(options));
}

async function writeDataset(options: GenerateDatasetCliOptions): Promise<void> {
  const rows = generateMatchmakingRows(options);
  const bytes = Buffer.from(rowsToCsv(rows), 'utf8');
  // Atomic, so a pipeline reading the file never sees half of it.
  await writeFileAtomic(options.out, bytes, { mode: 0o644 });
  const positives = rows.reduce((sum, row) => sum + row.match_success, 0);
  const rate = ((100 * positives) / rows.length).toFixed(1);
  process.stdout.write(
    `wrote ${rows.length} rows (${rate}% match_success = 1) to ${options.out}, md5 ${hashBytes(bytes).md5}\n`,
  );
}

if (require.main === module) {
  buildGenerateDatasetCommand(writeDataset)
    .parseAsync(process.argv)
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    });
}

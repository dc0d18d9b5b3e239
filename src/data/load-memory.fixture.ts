/**
 * Child process of `large-bad-csv.test.ts` (run with `node --require tsx/cjs`):
 * loads one dataset file in a fresh process, so that the memory it reports is
 * the loader's alone and not whatever other tests left in a shared jest worker.
 * Prints one JSON line: seconds, how far peak RSS rose above the RSS before
 * the load, and the error's problem, row, column and message (or null).
 *
 * argv: file
 */
import { loadDatasetCsv } from './load-dataset';

async function main(): Promise<void> {
  const [file] = process.argv.slice(2);
  if (!file) throw new Error('usage: file');
  const before = process.memoryUsage().rss;
  const started = process.hrtime.bigint();
  const error = await loadDatasetCsv(file).then(
    () => null,
    (e: unknown) => e as { problem?: string; row?: number; column?: string; message?: string },
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const extraRssBytes = process.resourceUsage().maxRSS * 1024 - before;
  const reported = error && {
    problem: error.problem,
    row: error.row,
    column: error.column,
    message: error.message,
  };
  process.stdout.write(`${JSON.stringify({ seconds, extraRssBytes, error: reported })}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

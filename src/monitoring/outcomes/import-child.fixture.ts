/**
 * Child process of the crash test (run with `node --require tsx/cjs`): imports
 * an outcomes CSV in small batches, slowly, so the test can SIGKILL it mid-import.
 *
 * argv: outcomesDir csvFile batchSize (with MLOPS_STORE=s3://… the bucket's outcomes instead)
 */
import { openOutcomeStore } from './open-outcome-store';
import { importOutcomesCsv } from './outcome-import';

async function main(): Promise<void> {
  const [dir, file, batch] = process.argv.slice(2);
  if (!dir || !file || !batch) throw new Error('usage: outcomesDir csvFile batchSize');
  const store = openOutcomeStore(dir);
  const known = async (ids: readonly string[]): Promise<ReadonlySet<string>> => {
    await new Promise((resolve) => setTimeout(resolve, 20)); // as slow as a prediction-log lookup
    return new Set(ids);
  };
  await importOutcomesCsv(store, file, known, { batchSize: Number(batch) });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

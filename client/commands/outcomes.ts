import path from 'node:path';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { resolveProjectPaths } from '../../src/config/paths';
import { monitoringLocations } from '../../src/monitoring/locations';
import { PredictionIdIndex } from '../../src/monitoring/outcomes/known-predictions';
import { importOutcomesCsv } from '../../src/monitoring/outcomes/outcome-import';
import { openOutcomeStore } from '../../src/monitoring/outcomes/open-outcome-store';
import { openPredictionLogStore } from '../../src/serving/prediction-log/open-log-store';

/** `outcomes import FILE.csv`: match outcomes into the outcome store, without Temporal. */
export function registerOutcomes(program: Command): void {
  const outcomes = program.command('outcomes').description('Match outcomes of served predictions');
  outcomes
    .command('import')
    .description(
      'Store match outcomes from a CSV with columns prediction_id, match_success (0/1) and optionally observed_at ' +
        '(ISO time). The whole file is validated first (a bad row is named by line and column, and nothing is ' +
        'stored); outcomes are joined to the prediction log (SERVING_LOG_DIR, default predictions/) by id and ' +
        'appended to outcomes/outcomes.jsonl (MONITORING_OUTCOMES_DIR) batch by batch, each fsynced (with ' +
        "MLOPS_STORE=s3://…: the log and the outcomes are the bucket's, one object per batch). Exact repeats " +
        'are harmless, so an import that was killed is completed by running it again. Unknown ids and conflicting ' +
        'repeats are reported and not stored; the exit status is then 3.',
    )
    .argument('<file>', 'the outcomes CSV')
    .action(async (file: string) => {
      const paths = resolveProjectPaths();
      const locations = monitoringLocations(paths);
      const store = openOutcomeStore(locations.outcomesDir);
      const index = new PredictionIdIndex(openPredictionLogStore(locations.predictionLogDir));
      const bar = new SingleBar({
        format: 'importing |{bar}| {value}/{total} outcomes',
        hideCursor: true,
        stream: process.stderr,
        noTTYOutput: true,
        notTTYSchedule: 2000,
      });
      let started = false;
      const result = await importOutcomesCsv(store, path.resolve(file), index.known, {
        onProgress: (done, total) => {
          if (!started) bar.start(total, 0);
          started = true;
          bar.update(done);
        },
      }).finally(() => {
        if (started) bar.stop();
      });
      console.log(
        `${result.received} outcomes read: ${result.stored} stored, ${result.duplicates} already stored, ` +
          `${result.unknownCount} with an unknown prediction id, ${result.conflictCount} conflicting with a stored outcome.`,
      );
      for (const u of result.unknown)
        console.log(`  line ${u.position}: unknown prediction id ${u.predictionId}`);
      for (const c of result.conflicts)
        console.log(
          `  line ${c.position}: ${c.predictionId} has outcome ${c.stored} stored; ${c.received} was not stored`,
        );
      const listed = result.unknown.length + result.conflicts.length;
      if (listed < result.unknownCount + result.conflictCount)
        console.log(`  (${result.unknownCount + result.conflictCount - listed} more not listed)`);
      console.log(`Store: ${store.location}`);
      if (result.unknownCount + result.conflictCount > 0) process.exitCode = 3; // see client/exit-codes.ts
    });
}

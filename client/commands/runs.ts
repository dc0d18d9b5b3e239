import type { Command } from 'commander';
import { resolveProjectPaths } from '../../src/config/paths';
import { isVersionName, openProjectRegistry } from '../../src/registry';
import { datasetLineage, modelLineage, openProjectRunStore, RunKind } from '../../src/tracking';
import { CliError } from '../errors';
import { formatTable } from '../format';
import { choiceOf, positiveIntegerOption } from '../option-parsers';

const RUN_KINDS = Object.values(RunKind) as [RunKind, ...RunKind[]];

function stores() {
  const paths = resolveProjectPaths();
  return {
    runStore: openProjectRunStore(paths.trackingDir),
    registry: openProjectRegistry(paths.modelsDir),
  };
}

const num = (value: number | null | undefined, digits = 4) =>
  typeof value === 'number' ? value.toFixed(digits) : '—';

/**
 * `runs list|show|compare` and `lineage`: the experiment-tracking records, read from the local
 * tracking/ folder, or from the bucket's tracking/ when MLOPS_STORE=s3://… is set.
 */
export function registerRuns(program: Command): void {
  const runs = program
    .command('runs')
    .description(
      'Run records of retrains and drift checks (the tracking/ folder, or the bucket with MLOPS_STORE=s3://…)',
    );
  runs
    .command('list')
    .description('List runs, newest first')
    .option('--kind <kind>', 'only retrain, evaluation or drift runs', choiceOf(RUN_KINDS))
    .option('--limit <n>', 'at most this many', positiveIntegerOption, 20)
    .action(async (options: { kind?: RunKind; limit: number }) => {
      const list = await stores().runStore.list({
        ...(options.kind ? { kind: options.kind } : {}),
        limit: options.limit,
      });
      if (list.length === 0) {
        console.log('No runs recorded yet.');
        return;
      }
      console.log(
        formatTable([
          ['id', 'kind', 'status', 'started', 'ROC AUC', 'decision', 'model version'],
          ...list.map((r) => [
            r.id,
            r.kind,
            r.status,
            r.startedAt.slice(0, 19),
            num(r.metrics.rocAuc),
            r.decision ?? '',
            r.modelVersion ?? '',
          ]),
        ]),
      );
    });
  runs
    .command('show')
    .description('Show one run record as JSON (parameters, metrics, epochs, artifacts)')
    .argument('<id>', 'run id from runs list')
    .action(async (id: string) => {
      console.log(JSON.stringify(await stores().runStore.get(id), null, 2));
    });
  runs
    .command('compare')
    .description('Two runs side by side: metrics with deltas (b − a) and parameters')
    .argument('<a>')
    .argument('<b>')
    .action(async (a: string, b: string) => {
      const comparison = await stores().runStore.compare(a, b);
      console.log(
        formatTable([
          ['metric', a, b, 'Δ (b − a)'],
          ...comparison.metrics.map((m) => [
            m.name,
            num(m.a),
            num(m.b),
            m.delta === null ? '' : `${m.delta >= 0 ? '+' : ''}${m.delta.toFixed(4)}`,
          ]),
        ]),
      );
      const differing = comparison.params.filter((p) => !p.same);
      if (differing.length > 0) {
        console.log(
          `\n${formatTable([['parameter', a, b], ...differing.map((p) => [p.name, String(p.a ?? '—'), String(p.b ?? '—')])])}`,
        );
      }
    });
  program
    .command('lineage')
    .description(
      'Where a model version comes from (dataset snapshot, parameters, metrics, approval, run), or with --dataset ' +
        'every model trained on a snapshot',
    )
    .argument('<versionOrMd5>', 'a model version, or a dataset md5 with --dataset')
    .option('--dataset', 'the argument is a dataset snapshot md5', false)
    .action(async (subject: string, options: { dataset: boolean }) => {
      if (options.dataset && !/^[0-9a-f]{32}$/.test(subject)) {
        throw new CliError(`a dataset md5 is 32 hex digits, got "${subject}"`);
      }
      if (!options.dataset && !isVersionName(subject)) {
        throw new CliError(
          `"${subject}" is not a model version name (e.g. v20261128-133600-3f2a9c1d); for a dataset md5 add --dataset`,
        );
      }
      const { registry, runStore } = stores();
      const result = options.dataset
        ? await datasetLineage(registry, subject)
        : await modelLineage(registry, runStore, subject);
      console.log(JSON.stringify(result, null, 2));
    });
}

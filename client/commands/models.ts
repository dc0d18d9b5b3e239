import type { Command } from 'commander';
import { resolveProjectPaths } from '../../src/config/paths';
import { openProjectRegistry } from '../../src/registry';
import { formatTable } from '../format';

function metric(value: number | null | undefined): string {
  return typeof value === 'number' ? value.toFixed(4) : '—';
}

/** `models list`: the registry's versions with their stage and metrics. */
export function registerModels(program: Command): void {
  const models = program
    .command('models')
    .description('Inspect the model registry (reads the local models/ folder)');
  models
    .command('list')
    .description('List model versions, newest first, with stage, test metrics and decision')
    .option('--json', 'print JSON', false)
    .action(async (options: { json: boolean }) => {
      const registry = openProjectRegistry(resolveProjectPaths().modelsDir);
      const versions = await registry.listVersions();
      if (options.json) {
        console.log(JSON.stringify(versions, null, 2));
        return;
      }
      if (versions.length === 0) {
        console.log('No model versions yet. Start one with: npm run cli -- retrain --follow');
        return;
      }
      const rows = versions.map((v) => [
        v.version,
        v.stage,
        metric(v.evaluation?.candidate.rocAuc),
        metric(v.evaluation?.candidate.f1),
        v.manifest.dataset.md5.slice(0, 12),
        v.decision ? `${v.decision.outcome}${v.decision.approver ? ` by ${v.decision.approver}` : ''}` : '',
      ]);
      console.log(formatTable([['version', 'stage', 'ROC AUC', 'F1', 'dataset', 'decision'], ...rows]));
    });
}

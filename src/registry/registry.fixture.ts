import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ModelRegistry } from './model-registry';
import type { ModelManifest } from './records';

/** A registry in a fresh temp folder (for tests). */
export async function createTempRegistry(): Promise<{ registry: ModelRegistry; root: string }> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'registry-'));
  return { registry: new ModelRegistry(path.join(root, 'models')), root };
}

/** Publishes a version with small fake artifacts (for tests of the registry itself). */
export async function publishFakeVersion(
  registry: ModelRegistry,
  version: string,
  workflowId = `wf-${version}`,
): Promise<ModelManifest> {
  const staging = await registry.createStagingDir();
  await fs.writeFile(path.join(staging, 'model.json'), JSON.stringify({ version }));
  await fs.writeFile(path.join(staging, 'weights.bin'), Buffer.from(version));
  await fs.writeFile(path.join(staging, 'preprocessor.json'), '{}');
  return registry.publishVersion(staging, {
    formatVersion: 1,
    model: 'matchmaking',
    version,
    createdAt: new Date(0).toISOString(),
    dataset: { md5: 'd41d8cd98f00b204e9800998ecf8427e', rows: 1, source: 'test.csv' },
    training: {
      params: {},
      bestEpoch: 1,
      epochsRun: 1,
      stoppedEarly: false,
      resumedFromEpoch: 0,
      backend: 'cpu',
      bestValidationRocAuc: 0.5,
    },
    run: { workflowId, runId: 'run' },
  });
}

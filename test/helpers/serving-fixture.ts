/**
 * A project folder with real trained model versions (small data, a few
 * epochs of real tfjs training) for the serving tests, the first one promoted.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { createSnapshot, generateMatchmakingRows, rowsToCsv, type MatchmakingRow } from '../../src/data';
import { LABEL_COLUMN } from '../../src/data/schema';
import type { TrainingParams } from '../../src/model/training-params';
import { trainCandidate } from '../../src/pipeline/train-candidate';
import { ModelRegistry, promoteVersion, versionName } from '../../src/registry';
import { createProjectFixture, type ProjectFixture } from './project-fixture';

/** The fixture. */
export interface ServingFixture {
  readonly project: ProjectFixture;
  readonly registry: ModelRegistry;
  /** Trained versions, oldest first; the first is production. */
  readonly versions: readonly string[];
  /** Rows of the dataset, for requests (the label is dropped by {@link requestRow}). */
  readonly rows: readonly MatchmakingRow[];
}

/** A dataset row without its label: a request row. */
export function requestRow(row: MatchmakingRow): Record<string, string | number> {
  const { [LABEL_COLUMN]: _label, ...features } = row;
  return features;
}

/**
 * Trains `count` versions on one generated dataset with different seeds (so
 * their probabilities differ) and promotes the first. `params` overrides the
 * training parameters of version `i` (a deliberately weak production, say).
 */
export async function createServingFixture(
  count: number,
  rows = 1200,
  params: (i: number) => Partial<TrainingParams> = () => ({}),
): Promise<ServingFixture> {
  const project = await createProjectFixture();
  const data = generateMatchmakingRows({ rows, seed: 11 });
  const csv = path.join(project.paths.dataDir, 'serving.csv');
  await fs.writeFile(csv, rowsToCsv(data));
  const snapshot = await createSnapshot({
    sourcePath: csv,
    root: project.paths.snapshotsDir,
    now: new Date(0),
  });
  const registry = new ModelRegistry(project.paths.modelsDir);
  const versions: string[] = [];
  for (let i = 0; i < count; i++) {
    const version = versionName(new Date(Date.UTC(2026, 0, 1, 0, 0, i)), snapshot.md5);
    await trainCandidate({
      registry,
      snapshotsDir: project.paths.snapshotsDir,
      datasetMd5: snapshot.md5,
      version,
      params: { epochs: 2 + i, batchSize: 128, seed: 100 + i, ...params(i) },
      checkpointDir: path.join(project.paths.workDir, version),
      run: { workflowId: `fixture-${version}`, runId: 'run' },
    });
    versions.push(version);
  }
  await promoteVersion(registry, versions[0]!, undefined);
  return { project, registry, versions, rows: data };
}

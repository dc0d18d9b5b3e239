import { ApplicationFailure } from '@temporalio/common';
import { confinePath } from '../src/config/confine-path';
import { createSnapshot, hashFile } from '../src/data';
import type { ActivityDeps } from './deps';
import { FailureType, withFailureMapping } from './failures';

/** Input of {@link createSnapshotActivities}' `snapshotDataset`. */
export interface SnapshotDatasetInput {
  /** Relative to the project root, or absolute; must be inside the data folder. */
  readonly datasetPath: string;
  readonly expectedMd5?: string;
}

/** A reference to an immutable snapshot. */
export interface SnapshotDatasetResult {
  readonly md5: string;
  readonly rows: number;
  readonly sizeBytes: number;
  readonly reused: boolean;
}

/** Data-versioning activities. */
export function createSnapshotActivities(deps: ActivityDeps) {
  return {
    /** md5 of a dataset file inside the data folder (the retrain workflow ID is derived from it). */
    async hashDataset(input: { datasetPath: string }): Promise<{ md5: string; sizeBytes: number }> {
      return withFailureMapping(async () => {
        const source = await confinePath(deps.paths.dataDir, input.datasetPath, deps.paths.root);
        try {
          const { md5, sizeBytes } = await hashFile(source);
          return { md5, sizeBytes };
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
          throw ApplicationFailure.create({
            message: `dataset ${input.datasetPath} does not exist`,
            type: FailureType.InvalidInput,
            nonRetryable: true,
          });
        }
      });
    },
    /** Validates the dataset and stores it as an immutable content-addressed snapshot. */
    async snapshotDataset(input: SnapshotDatasetInput): Promise<SnapshotDatasetResult> {
      return withFailureMapping(async () => {
        const source = await confinePath(deps.paths.dataDir, input.datasetPath, deps.paths.root);
        const manifest = await createSnapshot({
          sourcePath: source,
          root: deps.paths.snapshotsDir,
          now: new Date(),
        });
        if (input.expectedMd5 && input.expectedMd5 !== manifest.md5) {
          throw ApplicationFailure.create({
            message: `${input.datasetPath} changed after the retrain was requested: md5 ${manifest.md5}, expected ${input.expectedMd5}`,
            type: FailureType.InvalidInput,
            nonRetryable: true,
          });
        }
        deps.logger.info(
          { md5: manifest.md5, rows: manifest.rows, reused: manifest.reused },
          'dataset snapshot ready',
        );
        return {
          md5: manifest.md5,
          rows: manifest.rows,
          sizeBytes: manifest.sizeBytes,
          reused: manifest.reused,
        };
      });
    },
  };
}

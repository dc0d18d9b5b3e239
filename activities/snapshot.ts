import path from 'node:path';
import { confinePath } from '../src/config/confine-path';
import { createSnapshot, hashFile, TRAINING_PARTS, type RequiredPart } from '../src/data';
import { writeDvcPointer } from '../src/data-versioning';
import type { ActivityDeps } from './deps';
import { DUPLICATE_WARNING_SHARE } from '../src/data/dataset-content';
import { assertRegularFile } from '../src/pipeline/dataset-input';
import { EVALUATION_SPLIT } from '../src/pipeline/split';
import { DatasetInputError } from '../src/pipeline/errors';
import { withFailureMapping } from './failures';
import { pushSnapshot } from '../src/data/snapshot-sync';

/** Input of {@link createSnapshotActivities}' `snapshotDataset`. */
export interface SnapshotDatasetInput {
  /** Relative to the project root, or absolute; must be inside the data folder. */
  readonly datasetPath: string;
  readonly expectedMd5?: string;
  /**
   * Accept a file whose label has one class, or too few distinct rows of a
   * class for train, validation and test. Off by default: a retrain cannot
   * learn from it and ROC AUC, the primary metric, is undefined or one row's
   * worth on it, so the snapshot step refuses it (SINGLE_LABEL_CLASS,
   * TOO_FEW_ROWS) before anything is stored.
   */
  readonly allowSingleLabelClass?: boolean;
  /**
   * The parts of the split the run will use, each of which must hold enough
   * distinct rows of both classes. @default train, validation and test (a retrain)
   */
  readonly requiredParts?: readonly RequiredPart[];
}

/** A reference to an immutable snapshot. */
export interface SnapshotDatasetResult {
  readonly md5: string;
  readonly rows: number;
  readonly sizeBytes: number;
  readonly reused: boolean;
  /** Share of rows that repeat another row exactly (also in the snapshot manifest); null for an old manifest. */
  readonly duplicateShare: number | null;
  /**
   * The DVC 3 pointer written beside the dataset (`<dataset>.dvc`, relative to
   * the project root), or null when it could not be written (logged).
   */
  readonly dvcPointer: string | null;
}

/** Data-versioning activities. */
export function createSnapshotActivities(deps: ActivityDeps) {
  const confine = (requested: string) => confinePath(deps.paths.dataDir, requested, deps.paths.root);
  /**
   * Writes `<dataset>.dvc` as `dvc add` would, so that a team using DVC can
   * commit it and `dvc checkout`/`dvc push` the snapshot with the snapshots
   * folder as cache or remote. A pointer that cannot be written (read-only
   * data folder, a name DVC would quote) is logged, not fatal: the snapshot
   * itself is stored and the pipeline does not need the pointer.
   */
  const writePointerBeside = async (source: string, md5: string): Promise<string | null> => {
    try {
      const { pointerPath } = await writeDvcPointer({
        snapshotsDir: deps.paths.snapshotsDir,
        md5,
        outPath: source,
      });
      return path.relative(deps.paths.root, pointerPath);
    } catch (error) {
      deps.logger.warn(
        { err: error, md5, dataset: source },
        'could not write the DVC pointer beside the dataset',
      );
      return null;
    }
  };
  return {
    /** md5 of a dataset file inside the data folder (the retrain workflow ID is derived from it). */
    async hashDataset(input: { datasetPath: string }): Promise<{ md5: string; sizeBytes: number }> {
      return withFailureMapping(async () => {
        const source = await confine(input.datasetPath);
        await assertRegularFile(source, input.datasetPath);
        const { md5, sizeBytes } = await hashFile(source);
        return { md5, sizeBytes };
      });
    },
    /**
     * Validates the dataset and stores it as an immutable content-addressed
     * snapshot. An invalid file fails with a non-retryable `InvalidDataset`
     * naming the file as the caller gave it, the line and the column, and
     * leaves nothing under the snapshots folder.
     */
    async snapshotDataset(input: SnapshotDatasetInput): Promise<SnapshotDatasetResult> {
      return withFailureMapping(async () => {
        const source = await confine(input.datasetPath);
        const manifest = await createSnapshot({
          sourcePath: source,
          sourceLabel: input.datasetPath,
          root: deps.paths.snapshotsDir,
          now: new Date(),
          requireBothLabelClasses: input.allowSingleLabelClass !== true,
          ...(input.allowSingleLabelClass === true
            ? {}
            : { requiredRows: { split: EVALUATION_SPLIT, parts: input.requiredParts ?? TRAINING_PARTS } }),
        });
        if (input.expectedMd5 && input.expectedMd5 !== manifest.md5) {
          throw new DatasetInputError(
            input.datasetPath,
            `${input.datasetPath} changed after the retrain was requested: md5 ${manifest.md5}, expected ${input.expectedMd5}`,
          );
        }
        // Shared with the workers that share no folder with this one (content-addressed: uploaded once).
        if (deps.snapshotStore) await pushSnapshot(deps.snapshotStore, deps.paths.snapshotsDir, manifest.md5);
        const dvcPointer = await writePointerBeside(source, manifest.md5);
        const duplicateShare = manifest.duplicates?.duplicateShare ?? null;
        deps.logger.info(
          { md5: manifest.md5, rows: manifest.rows, reused: manifest.reused, duplicateShare, dvcPointer },
          'dataset snapshot ready',
        );
        if (duplicateShare !== null && duplicateShare > DUPLICATE_WARNING_SHARE)
          deps.logger.warn(
            { md5: manifest.md5, dataset: input.datasetPath, duplicates: manifest.duplicates },
            'most rows of the dataset repeat another row: metrics describe few distinct rows',
          );
        return {
          md5: manifest.md5,
          rows: manifest.rows,
          sizeBytes: manifest.sizeBytes,
          reused: manifest.reused,
          duplicateShare,
          dvcPointer,
        };
      });
    },
  };
}

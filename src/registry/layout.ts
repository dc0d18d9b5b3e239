import path from 'node:path';

/** Files that make up a model version's artifacts (checksummed in the manifest). */
export const ARTIFACT_FILES = ['model.json', 'weights.bin', 'preprocessor.json'] as const;

/**
 * The records a version folder holds beside its artifacts. `decision.json`
 * keeps its historical name (it holds the retrain's outcome) so registries
 * written before stay readable.
 */
export const VERSION_RECORD_FILES = {
  manifest: 'manifest.json',
  evaluation: 'evaluation.json',
  outcome: 'decision.json',
} as const;

/** Which record of a version: a key of {@link VERSION_RECORD_FILES}. */
export type VersionRecord = keyof typeof VERSION_RECORD_FILES;

/** Paths inside the model registry folder (`models/` by default). */
export interface RegistryLayout {
  readonly root: string;
  /** `versions/<version>/`: one immutable folder per trained candidate. */
  versionDir(version: string): string;
  /** A record of a version: `versions/<version>/manifest.json`, `evaluation.json` or `decision.json`. */
  versionFile(version: string, record: VersionRecord): string;
  readonly versionsDir: string;
  /** Symlink to the version production serving reads. */
  readonly productionLink: string;
  /** Symlink to the version production had before the last switch: the rollback target. */
  readonly previousLink: string;
  /** Per-model lock files. */
  readonly locksDir: string;
  /** Append-only log of production switches. */
  readonly historyFile: string;
}

/** Builds the layout for a registry rooted at `modelsDir`. */
export function registryLayout(modelsDir: string): RegistryLayout {
  const root = path.resolve(modelsDir);
  const versionsDir = path.join(root, 'versions');
  return {
    root,
    versionsDir,
    versionDir: (version) => path.join(versionsDir, version),
    versionFile: (version, record) => path.join(versionsDir, version, VERSION_RECORD_FILES[record]),
    productionLink: path.join(root, 'production'),
    previousLink: path.join(root, 'previous'),
    locksDir: path.join(root, 'locks'),
    historyFile: path.join(root, 'history.jsonl'),
  };
}

const VERSION_PATTERN = /^v\d{8}-\d{6}-[0-9a-f]{8}$/;

/**
 * Names a model version after the time its retrain started and the dataset it
 * was trained on, e.g. `v20261128-133600-3f2a9c1d` (the seed project's
 * `v<timestamp>` convention plus the snapshot's md5 prefix, so two retrains in
 * the same second on different data never collide).
 */
export function versionName(startedAt: Date, datasetMd5: string): string {
  const iso = startedAt.toISOString(); // 2026-11-28T13:36:00.000Z
  const stamp = `${iso.slice(0, 10).replaceAll('-', '')}-${iso.slice(11, 19).replaceAll(':', '')}`;
  return `v${stamp}-${datasetMd5.slice(0, 8)}`;
}

/** True for strings shaped like a version name; guards paths built from user input. */
export function isVersionName(value: string): boolean {
  return VERSION_PATTERN.test(value);
}

import path from 'node:path';

/**
 * Where the pipeline keeps its files. Every path a run reads or writes is under
 * one of these roots; CI and the CLI pass paths that get resolved against them.
 */
export interface ProjectPaths {
  /** Project root; relative paths in commands are resolved against it. */
  readonly root: string;
  /** Datasets people hand to the pipeline (the bundled CSV lives here). */
  readonly dataDir: string;
  /** Immutable, content-addressed dataset snapshots. */
  readonly snapshotsDir: string;
  /** Model registry: versions, the `production` and `previous` pointers, locks. */
  readonly modelsDir: string;
  /** Scratch space per workflow run (training checkpoints). */
  readonly workDir: string;
  /** Human-facing reports. */
  readonly reportsDir: string;
  /** Experiment tracking: run records (`tracking/runs/`). */
  readonly trackingDir: string;
}

/**
 * Resolves the project paths from the environment.
 *
 * @param env - usually `process.env`; `MLOPS_HOME` sets the root (default: the
 *   current directory), and `MLOPS_DATA_DIR`, `MLOPS_SNAPSHOTS_DIR`,
 *   `MLOPS_MODELS_DIR`, `MLOPS_WORK_DIR`, `MLOPS_REPORTS_DIR`, `MLOPS_TRACKING_DIR` override single roots.
 */
export function resolveProjectPaths(env: NodeJS.ProcessEnv = process.env): ProjectPaths {
  const root = path.resolve(env.MLOPS_HOME ?? process.cwd());
  const under = (override: string | undefined, fallback: string): string =>
    path.resolve(root, override ?? fallback);
  return {
    root,
    dataDir: under(env.MLOPS_DATA_DIR, 'data'),
    snapshotsDir: under(env.MLOPS_SNAPSHOTS_DIR, 'data/snapshots'),
    modelsDir: under(env.MLOPS_MODELS_DIR, 'models'),
    workDir: under(env.MLOPS_WORK_DIR, 'work'),
    reportsDir: under(env.MLOPS_REPORTS_DIR, 'reports'),
    trackingDir: under(env.MLOPS_TRACKING_DIR, 'tracking'),
  };
}

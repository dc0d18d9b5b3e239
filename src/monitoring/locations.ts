/**
 * Where monitoring keeps its files, shared by the serving process (outcomes
 * in, dashboard out), the CLI and the monitoring workflow's activities.
 */
import path from 'node:path';
import type { ProjectPaths } from '../config/paths';

/** Monitoring's folders and files. */
export interface MonitoringLocations {
  /** The serving side's prediction log (SERVING_LOG_DIR, default `predictions`). */
  readonly predictionLogDir: string;
  /** The outcome store (MONITORING_OUTCOMES_DIR, default `outcomes`). */
  readonly outcomesDir: string;
  /** One JSON record per monitoring period. */
  readonly periodsDir: string;
  /** The dashboard the workflow writes and `GET /dashboard` serves. */
  readonly dashboardPath: string;
  /** Drift reports of the monitoring runs. */
  readonly driftReportsDir: string;
}

/**
 * Where monitoring's shared files sit in the store's `reports/` area when
 * MLOPS_STORE is a bucket (the same paths as under the local reports folder).
 */
export const MONITORING_STORE_KEYS = {
  /** One object per period record. */
  periodsPrefix: 'monitoring/periods/',
  /** The dashboard `GET /dashboard` serves. */
  dashboard: 'monitoring/dashboard.html',
} as const;

/** Resolves the locations against the project paths; relative settings are under the project root. */
export function monitoringLocations(
  paths: ProjectPaths,
  env: NodeJS.ProcessEnv = process.env,
): MonitoringLocations {
  const monitoringDir = path.join(paths.reportsDir, 'monitoring');
  return {
    predictionLogDir: path.resolve(paths.root, env.SERVING_LOG_DIR ?? 'predictions'),
    outcomesDir: path.resolve(paths.root, env.MONITORING_OUTCOMES_DIR ?? 'outcomes'),
    periodsDir: path.join(monitoringDir, 'periods'),
    dashboardPath: path.join(monitoringDir, 'dashboard.html'),
    driftReportsDir: path.join(monitoringDir, 'drift'),
  };
}

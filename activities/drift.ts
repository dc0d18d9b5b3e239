import { confinePath } from '../src/config/confine-path';
import type { DriftAlertSummary } from '../src/alerts/drift-alert';
import { checkProductionDrift, type DriftHtmlRenderer } from '../src/pipeline/check-drift';
import type { ActivityDeps } from './deps';
import { withFailureMapping } from './failures';
import { shareReports } from './report-sync';
import { ensureProductionSnapshot } from './snapshot-cache';

/** Input of `checkDrift`. */
export interface CheckDriftInput {
  /** Current data, relative to the project root; must be inside the data folder. */
  readonly currentPath: string;
  /** @default 0.5 */
  readonly driftShare?: number;
}

/** A reference to the drift result (the full per-column result stays in the JSON file). */
export interface CheckDriftResult {
  readonly summary: DriftAlertSummary;
  readonly jsonPath: string;
}

/** Drift-monitoring activities. */
export function createDriftActivities(deps: ActivityDeps & { readonly renderDriftHtml: DriftHtmlRenderer }) {
  return {
    /** Compares the current data with production's training snapshot; writes JSON and HTML under reports/drift/. */
    async checkDrift(input: CheckDriftInput): Promise<CheckDriftResult> {
      return withFailureMapping(async () => {
        const currentFile = await confinePath(deps.paths.dataDir, input.currentPath, deps.paths.root);
        await ensureProductionSnapshot(deps);
        const { summary, jsonPath } = await checkProductionDrift({
          registry: deps.registry,
          snapshotsDir: deps.paths.snapshotsDir,
          currentFile,
          currentLabel: input.currentPath,
          reportsDir: deps.paths.reportsDir,
          now: new Date(),
          renderHtml: deps.renderDriftHtml,
          ...(input.driftShare !== undefined ? { driftOptions: { driftShare: input.driftShare } } : {}),
        });
        await shareReports(deps, jsonPath, summary.reportPath);
        deps.logger.info(
          {
            share: summary.share,
            drifted: summary.driftedColumns,
            total: summary.totalColumns,
            report: summary.reportPath,
          },
          summary.datasetDrift ? 'dataset drift detected' : 'no dataset drift',
        );
        return { summary, jsonPath };
      });
    },
  };
}

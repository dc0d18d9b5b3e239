import { createAlertActivities } from './alerts';
import { createApprovalActivities } from './approvals';
import type { ActivityDeps } from './deps';
import { createDriftActivities } from './drift';
import { renderDriftReport } from '../src/reports/drift-report';
import { renderEvaluationReport, renderEvaluationText } from '../src/reports/evaluation-report';
import { createEvaluateActivities } from './evaluate';
import { createExperimentActivities } from './experiments';
import { createMlflowActivities, type MlflowDeps } from './mlflow';
import { createMonitoringActivities, type MonitoringDeps } from './monitoring';
import { createLockActivities } from './model-lock';
import { createPromoteActivities } from './promote';
import { createSnapshotActivities } from './snapshot';
import { createTrackingActivities } from './tracking';
import { createTrainActivities } from './train';
import { createTuneActivities } from './tune';

export type { ActivityDeps } from './deps';
export type { MlflowDeps } from './mlflow';
export type { MonitoringDeps } from './monitoring';

/** Every activity, as workflows proxy them: `proxyActivities<Activities>(…)`. */
export type Activities = ReturnType<typeof createActivities>;

/**
 * Builds every activity the pipeline's workflows call, bound to the stores and
 * settings the worker provides.
 */
export function createActivities(deps: ActivityDeps & MlflowDeps & Omit<MonitoringDeps, 'renderDriftHtml'>) {
  return {
    ...createLockActivities(deps),
    ...createSnapshotActivities(deps),
    ...createTrainActivities(deps),
    ...createEvaluateActivities({
      ...deps,
      renderEvaluation: { html: renderEvaluationReport, text: renderEvaluationText },
    }),
    ...createPromoteActivities(deps),
    ...createDriftActivities({ ...deps, renderDriftHtml: renderDriftReport }),
    ...createAlertActivities(deps),
    ...createMonitoringActivities({ ...deps, renderDriftHtml: renderDriftReport }),
    ...createApprovalActivities(deps),
    ...createTrackingActivities(deps),
    ...createMlflowActivities(deps),
    ...createTuneActivities(deps),
    ...createExperimentActivities(deps),
  };
}

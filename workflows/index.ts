export { driftCheckWorkflow } from './drift-check';
export { retrainWorkflow } from './retrain';
export { launchRetrainWorkflow } from './retrain-launcher';
export { rollbackWorkflow } from './rollback';
export { evaluateModelWorkflow } from './evaluate-model';
export { mlflowSyncWorkflow } from './mlflow-sync';
export { promoteWorkflow } from './promote';
export { monitoringWorkflow } from './monitoring';

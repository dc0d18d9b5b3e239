export { retrainWorkflow } from './retrain';
export { rollbackWorkflow } from './rollback';

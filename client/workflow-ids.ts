export { retrainWorkflowId, rollbackWorkflowId } from '../workflows/workflow-ids';

import { openSharedStores, parseStoreConfig } from '../../storage';
import type { OutcomeStore } from './outcome-lines';
import { ObjectOutcomeStore } from './outcome-object-store';
import { FileOutcomeStore } from './outcome-store';

/**
 * The outcome store as configured: `outcomes.jsonl` in `dir` (the default),
 * or, with `MLOPS_STORE=s3://…`, the bucket's `outcomes/` area, so every
 * machine records and reads the same outcomes (`dir` is then unused).
 *
 * @param dir - the local outcomes folder (MONITORING_OUTCOMES_DIR)
 * @throws StoreError MISCONFIGURED for a malformed MLOPS_STORE or AWS variable
 */
export function openOutcomeStore(dir: string, env: NodeJS.ProcessEnv = process.env): OutcomeStore {
  const shared = openSharedStores(parseStoreConfig(env));
  return shared ? new ObjectOutcomeStore(shared.outcomes) : new FileOutcomeStore(dir);
}

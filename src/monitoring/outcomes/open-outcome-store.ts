import { openSharedStores, parseStoreConfig, type SharedStores } from '../../storage';
import type { OutcomeStore } from './outcome-lines';
import { ObjectOutcomeStore } from './outcome-object-store';
import { FileOutcomeStore } from './outcome-store';

/**
 * The outcome store as configured: `outcomes.jsonl` in `dir` (the default),
 * or, with `MLOPS_STORE=s3://…`, the bucket's `outcomes/` area, so every
 * machine records and reads the same outcomes (`dir` is then unused).
 *
 * @param dir - the local outcomes folder (MONITORING_OUTCOMES_DIR)
 * @param shared - the shared stores, when the caller has opened them already
 * @throws StoreError MISCONFIGURED for a malformed MLOPS_STORE or AWS variable
 */
export function openOutcomeStore(
  dir: string,
  shared: SharedStores | undefined = openSharedStores(parseStoreConfig()),
): OutcomeStore {
  return shared ? new ObjectOutcomeStore(shared.outcomes) : new FileOutcomeStore(dir);
}

/**
 * The switch history of a registry in an artifact store. Object stores cannot
 * append, so each switch is its own object, `history/<generation>.json`
 * (generation zero-padded so keys sort in order), created with put-if-absent:
 * the writer that won the pointer switch of generation N is the only one that
 * writes record N, and a retry after a crash writes it if it is missing.
 */
import type { ArtifactStore } from '../../storage';
import { switchRecordSchema, type SwitchHistoryEntry, type SwitchRecord } from '../switch-record';

const HISTORY_PREFIX = 'history/';

/** The key of switch `generation`'s record. */
export function historyKey(generation: number): string {
  return `${HISTORY_PREFIX}${String(generation).padStart(10, '0')}.json`;
}

/** Writes switch `generation`'s record unless it is there already (a retry). */
export async function recordSwitchOnStore(
  store: ArtifactStore,
  generation: number,
  entry: SwitchHistoryEntry,
  now: Date = new Date(),
): Promise<void> {
  const record: SwitchRecord = { at: now.toISOString(), ...entry };
  await store.putIfAbsent(historyKey(generation), Buffer.from(`${JSON.stringify(record)}\n`));
}

/** Every switch recorded in the store, oldest first (records that do not parse are skipped). */
export async function readSwitchLog(store: ArtifactStore): Promise<SwitchRecord[]> {
  const records: SwitchRecord[] = [];
  for (const key of await store.list(HISTORY_PREFIX)) {
    const found = await store.getIfExists(key);
    if (!found) continue;
    try {
      const parsed = switchRecordSchema.safeParse(JSON.parse(found.bytes.toString('utf8')));
      if (parsed.success) records.push(parsed.data);
    } catch {
      // not JSON: skipped, as a torn line of history.jsonl is
    }
  }
  return records;
}

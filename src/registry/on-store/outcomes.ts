import type { ArtifactStore } from '../../storage';
import { RegistryError, RegistryErrorCode } from '../errors';
import { VERSION_RECORD_FILES } from '../layout';
import { RetrainOutcome, type OutcomeRecord } from '../records';
import { readStoredRecord, recordBytes, versionKey } from './versions';

/**
 * The one change allowed to a recorded outcome: an approval recorded before the
 * switch becomes the promotion.
 *
 * @throws RegistryError INVALID_RECORD for any other change
 */
export function assertOutcomeChange(version: string, existing: OutcomeRecord, record: OutcomeRecord): void {
  if (!(existing.outcome === RetrainOutcome.Approved && record.outcome === RetrainOutcome.Promoted)) {
    throw new RegistryError(
      RegistryErrorCode.InvalidRecord,
      `version ${version} already has outcome "${existing.outcome}"; refusing "${record.outcome}"`,
      version,
    );
  }
}

/**
 * `ModelRegistry.writeOutcome` on the store: first record wins through
 * put-if-absent; the approved → promoted change through put-if-match, so two
 * workers recording different outcomes at once cannot both succeed.
 */
export async function writeOutcomeOnStore(
  store: ArtifactStore,
  version: string,
  record: OutcomeRecord,
): Promise<OutcomeRecord> {
  const key = versionKey(version, VERSION_RECORD_FILES.outcome);
  for (let attempt = 0; attempt < 5; attempt++) {
    const existing = await readStoredRecord<OutcomeRecord>(store, version, 'outcome');
    if (existing) {
      if (existing.value.outcome === record.outcome) return existing.value;
      assertOutcomeChange(version, existing.value, record);
      if (await store.putIfMatch(key, recordBytes(record), existing.etag)) return record;
    } else if (await store.putIfAbsent(key, recordBytes(record))) {
      return record;
    }
  }
  throw new RegistryError(
    RegistryErrorCode.InvalidRecord,
    `the outcome of version ${version} kept changing while "${record.outcome}" was being recorded`,
    version,
  );
}

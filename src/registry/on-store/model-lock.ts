/**
 * The per-model retrain lock in an artifact store: `locks/<model>.lock`,
 * created with put-if-absent so at most one retrain holds it. A lock whose
 * holder Temporal says is no longer running is taken over with put-if-match on
 * the ETag of the stale lock, so of two processes breaking the same stale lock
 * only one gets it.
 */
import type { ArtifactStore } from '../../storage';
import { RegistryError, RegistryErrorCode } from '../errors';
import { retrainInProgressMessage, type HolderLiveness, type LockHolder } from '../model-lock';

const lockKey = (model: string) => `locks/${model}.lock`;

function parseHolder(bytes: Buffer): LockHolder | undefined {
  try {
    const value = JSON.parse(bytes.toString('utf8')) as Partial<LockHolder>;
    if (typeof value.workflowId === 'string' && typeof value.runId === 'string') {
      return { workflowId: value.workflowId, runId: value.runId, acquiredAt: String(value.acquiredAt) };
    }
  } catch {
    // not a holder record: treated as stale below
  }
  return undefined;
}

/**
 * Takes the lock of `model` for `holder`; the same workflow run taking it again
 * (an activity retry) succeeds.
 *
 * @throws RegistryError LOCK_HELD naming the workflow that holds the lock
 */
export async function acquireStoreModelLock(
  store: ArtifactStore,
  model: string,
  holder: LockHolder,
  isAlive: HolderLiveness,
): Promise<void> {
  const key = lockKey(model);
  const bytes = Buffer.from(JSON.stringify(holder));
  for (let attempt = 0; attempt < 3; attempt++) {
    if (await store.putIfAbsent(key, bytes)) return;
    const current = await store.getIfExists(key);
    if (!current) continue; // released meanwhile
    const held = parseHolder(current.bytes);
    if (held && held.workflowId === holder.workflowId && held.runId === holder.runId) return;
    if (held && (await isAlive(held))) {
      throw new RegistryError(
        RegistryErrorCode.LockHeld,
        retrainInProgressMessage(model, held),
        held.workflowId,
      );
    }
    // Stale (or unreadable): replace exactly the lock judged stale, never a newer one.
    if (await store.putIfMatch(key, bytes, current.etag)) return;
  }
  throw new RegistryError(
    RegistryErrorCode.LockHeld,
    `could not acquire the lock ${store.location}${key}`,
    key,
  );
}

/** Who holds the lock of `model`, or undefined. */
export async function readStoreModelLockHolder(
  store: ArtifactStore,
  model: string,
): Promise<LockHolder | undefined> {
  const current = await store.getIfExists(lockKey(model));
  return current && parseHolder(current.bytes);
}

/** Releases the lock if `holder` holds it; a no-op otherwise (idempotent for retries). */
export async function releaseStoreModelLock(
  store: ArtifactStore,
  model: string,
  holder: LockHolder,
): Promise<void> {
  const current = await readStoreModelLockHolder(store, model);
  if (current && current.workflowId === holder.workflowId && current.runId === holder.runId) {
    await store.delete(lockKey(model));
  }
}

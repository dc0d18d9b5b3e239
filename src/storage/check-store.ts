/**
 * The start-up check of the artifact store, run by the worker, the server and
 * the CLI before they do anything else, so a store that cannot work is found at
 * start — never half-way through a promotion. It writes a scratch object with
 * `putIfAbsent`, checks that a second `putIfAbsent` and a `putIfMatch` with a
 * wrong ETag are both refused (a store that ignores `If-None-Match`/`If-Match`
 * would let two promoters both win), reads the object back and removes it.
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { ArtifactStore } from './artifact-store';
import { StoreError, StoreErrorCode } from './errors';
import { openS3Store } from './open-store';
import type { StoreConfig } from './store-config';

/** Where the scratch objects of the check go (removed after; a crashed check leaves one small object). */
export const PROBE_PREFIX = 'store-probe/';

function misconfigured(store: ArtifactStore, message: string): StoreError {
  return new StoreError(
    StoreErrorCode.Misconfigured,
    `artifact store ${store.location}: ${message}`,
    store.location,
  );
}

/**
 * Checks that `store` can be reached, written, read and conditionally written.
 *
 * @throws StoreError MISCONFIGURED with a message that says what to fix
 */
export async function checkArtifactStore(store: ArtifactStore): Promise<void> {
  const key = `${PROBE_PREFIX}${os.hostname().replace(/[^A-Za-z0-9_-]/g, '_')}-${process.pid}-${randomBytes(4).toString('hex')}`;
  const first = Buffer.from(`probe ${new Date().toISOString()}\n`);
  const second = Buffer.from('second write: must be refused\n');
  try {
    const created = await store.putIfAbsent(key, first);
    if (!created)
      throw misconfigured(store, `the fresh scratch key ${key} already exists; run the check again`);
    try {
      if (await store.putIfAbsent(key, second)) {
        throw misconfigured(
          store,
          'the store ignored If-None-Match: it does not support conditional writes, so two promoters could ' +
            'both win; use AWS S3, MinIO (2024 or later) or another store that honours If-None-Match and If-Match',
        );
      }
      if (await store.putIfMatch(key, second, '"00000000000000000000000000000000"')) {
        throw misconfigured(
          store,
          'the store ignored If-Match: it does not support conditional writes, so two promoters could ' +
            'both win; use AWS S3, MinIO (2024 or later) or another store that honours If-None-Match and If-Match',
        );
      }
      const read = await store.get(key);
      if (!read.bytes.equals(first)) throw misconfigured(store, `reading ${key} back returned other bytes`);
    } finally {
      await store.delete(key);
    }
  } catch (error) {
    if (error instanceof StoreError && error.code === StoreErrorCode.Misconfigured) throw error;
    const explained = store.explainFailure(error instanceof StoreError ? (error.cause ?? error) : error);
    throw misconfigured(store, explained ?? `the start-up check failed: ${(error as Error).message}`);
  }
}

/**
 * Checks the configured store, when it is not the local default (the local
 * folders are created on first use, as they always were).
 *
 * @throws StoreError MISCONFIGURED
 */
export async function checkConfiguredStore(config: StoreConfig): Promise<void> {
  if (config.kind === 'local') return;
  // Two attempts, not the SDK's three with back-off: an unreachable endpoint should be reported in seconds.
  await checkArtifactStore(openS3Store(config, { maxAttempts: 2 }));
}

/**
 * The production and previous pointers of a registry kept in an artifact store
 * (an S3 bucket shared by machines with no common disk): one small object,
 * `pointers.json`, replaced only with a conditional write on the ETag it was
 * read with. Both pointers change in that one write, so a crash leaves the old
 * pair or the new pair, and of two promoters that read the same pointers only
 * the first write wins; the other sees the ETag moved and is refused.
 */
import { z } from 'zod';
import type { ArtifactStore } from '../../storage';
import { RegistryError, RegistryErrorCode } from '../errors';

/** Where the pointers live in the registry's store. */
export const POINTERS_KEY = 'pointers.json';

const pointersSchema = z.object({
  formatVersion: z.literal(1),
  production: z.string().nullable(),
  previous: z.string().nullable(),
  /** Counts switches: switch N's history record is `history/<N>.json`. */
  generation: z.number().int().nonnegative(),
});

/** The pointers as stored. */
export type StoredPointers = z.infer<typeof pointersSchema>;

/** The pointers and the ETag to replace them with; `etag` undefined while nothing was ever promoted. */
export interface PointersSnapshot {
  readonly pointers: StoredPointers;
  readonly etag: string | undefined;
}

const EMPTY: StoredPointers = { formatVersion: 1, production: null, previous: null, generation: 0 };

/**
 * Reads the pointers (verified like every read of the store).
 *
 * @throws RegistryError INVALID_RECORD when the object is not a pointers record
 */
export async function readPointers(store: ArtifactStore): Promise<PointersSnapshot> {
  const found = await store.getIfExists(POINTERS_KEY);
  if (!found) return { pointers: EMPTY, etag: undefined };
  let json: unknown;
  try {
    json = JSON.parse(found.bytes.toString('utf8'));
  } catch {
    json = undefined;
  }
  const parsed = pointersSchema.safeParse(json);
  if (!parsed.success) {
    throw new RegistryError(
      RegistryErrorCode.InvalidRecord,
      `${store.location}${POINTERS_KEY} is not a pointers record (${parsed.error.issues[0]?.message ?? 'not JSON'})`,
      POINTERS_KEY,
    );
  }
  return { pointers: parsed.data, etag: found.etag };
}

/**
 * Replaces the pointers read as `seen` with `next` (generation + 1), only if
 * nobody replaced them since.
 *
 * @returns the new pointers, or undefined when another writer got there first
 */
export async function switchPointers(
  store: ArtifactStore,
  seen: PointersSnapshot,
  next: { readonly production: string; readonly previous: string | null },
): Promise<StoredPointers | undefined> {
  const pointers: StoredPointers = { formatVersion: 1, ...next, generation: seen.pointers.generation + 1 };
  const bytes = Buffer.from(`${JSON.stringify(pointers, null, 2)}\n`);
  const written =
    seen.etag === undefined
      ? await store.putIfAbsent(POINTERS_KEY, bytes)
      : await store.putIfMatch(POINTERS_KEY, bytes, seen.etag);
  return written ? pointers : undefined;
}

/**
 * One interface for every place the pipeline keeps artifacts (snapshots, the
 * model registry, checkpoints, run records, reports, the prediction log), with
 * a local-filesystem implementation (local-store.ts, today's folders) and an
 * S3-compatible one (s3-store.ts). Keys are relative `/`-separated names
 * (keys.ts); each implementation maps them onto its folder or bucket prefix.
 *
 * Every read is verified: against the sha256 the store recorded when the object
 * was written, and against the digests the caller expects when it passes them.
 * The conditional writes are what a pointer or a lock needs across machines
 * with no shared disk: `putIfAbsent` (S3 `If-None-Match: *`) and `putIfMatch`
 * (S3 `If-Match: <etag>`) either happen whole or are refused.
 */

/** An object as read: its bytes (already verified) and its ETag. */
export interface StoredObject {
  readonly bytes: Buffer;
  /** Opaque version token for {@link ArtifactStore.putIfMatch} (S3's ETag, `"<md5>"` locally). */
  readonly etag: string;
}

/** What a successful write returns. */
export interface PutResult {
  /** The ETag of the object just written. */
  readonly etag: string;
}

/** Digests the caller knows the object must have (e.g. from a manifest, or its content address). */
export interface ExpectedDigests {
  readonly sha256?: string;
  readonly md5?: string;
}

/** An artifact store: a flat key space of immutable-or-conditionally-replaced objects. */
export interface ArtifactStore {
  /** Where the objects live, for messages: a folder path or `s3://bucket/prefix`. */
  readonly location: string;
  /**
   * Reads an object and verifies its bytes.
   *
   * @throws StoreError NOT_FOUND naming the key, CORRUPTED naming the key when
   *   the bytes do not match the recorded or expected checksum
   */
  get(key: string, expected?: ExpectedDigests): Promise<StoredObject>;
  /** Like {@link ArtifactStore.get}, but undefined when there is no such object. */
  getIfExists(key: string, expected?: ExpectedDigests): Promise<StoredObject | undefined>;
  /** The ETag and size of an object without reading it, or undefined when there is none. */
  head(key: string): Promise<{ readonly etag: string; readonly sizeBytes: number } | undefined>;
  /** Writes (or replaces) an object whole: readers see the old bytes or the new, never a part. */
  put(key: string, bytes: Uint8Array): Promise<PutResult>;
  /** Writes an object only if no object has that key; undefined when one has (nothing written). */
  putIfAbsent(key: string, bytes: Uint8Array): Promise<PutResult | undefined>;
  /**
   * Replaces an object only if its ETag is still `etag`; undefined when it is
   * not (or the object is gone): of two writers holding the same ETag, exactly one wins.
   */
  putIfMatch(key: string, bytes: Uint8Array, etag: string): Promise<PutResult | undefined>;
  /** Keys that start with `prefix` (`''` for all), sorted. */
  list(prefix: string): Promise<string[]>;
  /** Removes an object; a no-op when there is none. */
  delete(key: string): Promise<void>;
  /**
   * A message that says what to fix, for an error this store's backend threw
   * (unreachable endpoint, missing bucket, refused credentials…), or undefined
   * when the error is not about the configuration.
   */
  explainFailure(error: unknown): string | undefined;
}

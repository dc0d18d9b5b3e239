/**
 * The artifact store in an S3-compatible bucket, through the AWS SDK v3. An
 * object `<key>` is `s3://<bucket>/<prefix><key>`; its sha256 travels as user
 * metadata (`x-amz-meta-sha256`) and is verified on every read. Conditional
 * writes are S3's own `If-None-Match: *` and `If-Match: <etag>` (AWS since
 * 2024, MinIO, moto), so two writers racing on one key cannot both win.
 */
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type ListObjectsV2CommandOutput,
  type PutObjectCommandInput,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { ArtifactStore, ExpectedDigests, PutResult, StoredObject } from './artifact-store';
import { sha256Hex } from './digests';
import { StoreError, StoreErrorCode } from './errors';
import { assertKey, assertPrefix } from './keys';
import { explainS3Failure, httpStatusOf, type S3Target } from './s3-failures';
import { verifyObject } from './verify';

/** Where an {@link S3ArtifactStore} keeps its objects. */
export interface S3StoreTarget extends S3Target {
  /** Key prefix inside the bucket: `''` or ending in `/`. */
  readonly prefix: string;
}

function isMissing(error: unknown): boolean {
  const name = (error as { name?: string }).name;
  return name === 'NoSuchKey' || name === 'NotFound' || httpStatusOf(error) === 404;
}

/**
 * A conditional write that lost: 412 Precondition Failed, or 409 when S3 saw a
 * concurrent conditional write to the same key (ConditionalRequestConflict).
 */
function isConditionRefused(error: unknown): boolean {
  const status = httpStatusOf(error);
  return status === 412 || status === 409;
}

/** An {@link ArtifactStore} on an S3-compatible bucket. */
export class S3ArtifactStore implements ArtifactStore {
  readonly location: string;

  constructor(
    private readonly client: S3Client,
    private readonly target: S3StoreTarget,
  ) {
    this.location = `s3://${target.bucket}/${target.prefix}`;
  }

  private objectKey(key: string): string {
    assertKey(key);
    return `${this.target.prefix}${key}`;
  }

  /** The same bucket under `<prefix><sub>/`: one area of the project (snapshots, models…). */
  scoped(sub: string): S3ArtifactStore {
    assertKey(sub);
    return new S3ArtifactStore(this.client, { ...this.target, prefix: `${this.target.prefix}${sub}/` });
  }

  /** Wraps a backend error: configuration problems say what to fix; the rest stay retryable. */
  private failure(error: unknown, key: string): StoreError {
    const explained = explainS3Failure(error, this.target);
    return new StoreError(
      StoreErrorCode.Unavailable,
      `${this.location}${key}: ${explained ?? (error as Error).message}`,
      key,
      error,
    );
  }

  async getIfExists(key: string, expected?: ExpectedDigests): Promise<StoredObject | undefined> {
    const Key = this.objectKey(key);
    let bytes: Buffer;
    let etag: string;
    let recorded: string | undefined;
    try {
      const response = await this.client.send(new GetObjectCommand({ Bucket: this.target.bucket, Key }));
      bytes = Buffer.from(await response.Body!.transformToByteArray());
      etag = response.ETag ?? '';
      recorded = response.Metadata?.sha256;
    } catch (error) {
      if (isMissing(error) && (error as { name?: string }).name !== 'NoSuchBucket') return undefined;
      throw this.failure(error, key);
    }
    if (recorded === undefined && expected?.sha256 === undefined && expected?.md5 === undefined) {
      throw new StoreError(
        StoreErrorCode.Corrupted,
        `object "${key}" in ${this.location} has no sha256 metadata and nothing to check it against: ` +
          'it was not written by this store; rewrite it through the pipeline',
        key,
      );
    }
    verifyObject(this.location, key, bytes, recorded === undefined ? undefined : [recorded], expected);
    return { bytes, etag };
  }

  async get(key: string, expected?: ExpectedDigests): Promise<StoredObject> {
    const found = await this.getIfExists(key, expected);
    if (!found) {
      throw new StoreError(StoreErrorCode.NotFound, `no object "${key}" in ${this.location}`, key);
    }
    return found;
  }

  async head(key: string): Promise<{ etag: string; sizeBytes: number } | undefined> {
    const Key = this.objectKey(key);
    try {
      const response = await this.client.send(new HeadObjectCommand({ Bucket: this.target.bucket, Key }));
      return { etag: response.ETag ?? '', sizeBytes: response.ContentLength ?? 0 };
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw this.failure(error, key);
    }
  }

  private async send(
    key: string,
    bytes: Uint8Array,
    condition: Pick<PutObjectCommandInput, 'IfMatch' | 'IfNoneMatch'>,
  ): Promise<PutResult | undefined> {
    const Key = this.objectKey(key);
    try {
      const response = await this.client.send(
        new PutObjectCommand({
          Bucket: this.target.bucket,
          Key,
          Body: bytes,
          ContentLength: bytes.length,
          Metadata: { sha256: sha256Hex(bytes) },
          ...condition,
        }),
      );
      return { etag: response.ETag ?? '' };
    } catch (error) {
      if (condition.IfMatch !== undefined || condition.IfNoneMatch !== undefined) {
        // If-Match on a key that is gone answers 404: the writer lost all the same.
        if (isConditionRefused(error) || (condition.IfMatch !== undefined && isMissing(error))) {
          return undefined;
        }
      }
      throw this.failure(error, key);
    }
  }

  async put(key: string, bytes: Uint8Array): Promise<PutResult> {
    return (await this.send(key, bytes, {}))!;
  }

  async putIfAbsent(key: string, bytes: Uint8Array): Promise<PutResult | undefined> {
    return this.send(key, bytes, { IfNoneMatch: '*' });
  }

  async putIfMatch(key: string, bytes: Uint8Array, etag: string): Promise<PutResult | undefined> {
    return this.send(key, bytes, { IfMatch: etag });
  }

  async list(prefix: string): Promise<string[]> {
    assertPrefix(prefix);
    const keys: string[] = [];
    let ContinuationToken: string | undefined;
    do {
      let response: ListObjectsV2CommandOutput;
      try {
        response = await this.client.send(
          new ListObjectsV2Command({
            Bucket: this.target.bucket,
            Prefix: `${this.target.prefix}${prefix}`,
            ...(ContinuationToken ? { ContinuationToken } : {}),
          }),
        );
      } catch (error) {
        throw this.failure(error, prefix);
      }
      for (const object of response.Contents ?? []) {
        if (object.Key !== undefined) keys.push(object.Key.slice(this.target.prefix.length));
      }
      ContinuationToken = response.IsTruncated ? response.NextContinuationToken : undefined;
    } while (ContinuationToken);
    return keys.sort();
  }

  async delete(key: string): Promise<void> {
    const Key = this.objectKey(key);
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.target.bucket, Key }));
    } catch (error) {
      if (isMissing(error) && (error as { name?: string }).name !== 'NoSuchBucket') return;
      throw this.failure(error, key);
    }
  }

  explainFailure(error: unknown): string | undefined {
    return explainS3Failure(error instanceof StoreError ? error.cause : error, this.target);
  }
}

/**
 * Run records in an artifact store (a bucket shared by machines with no common
 * disk): one object per run, `runs/<id>.json` under the store's tracking area,
 * the same JSON as the local files.
 *
 * Concurrency model: no lock. A record is created with put-if-absent (of two
 * starts, one writes and the other reads the winner), and updated optimistically:
 * read the record and its ETag, apply the change, write it back only if the
 * ETag is unchanged (S3 `If-Match`). A writer that lost re-reads and re-applies
 * its change on the newer record after a short random pause, so concurrent
 * updates (a training worker's epochs, the orchestration worker's finish) are
 * applied one after the other and none is lost. Why not a lock object as the
 * registry uses: an update is one small object, so a conditional write is the
 * whole transaction, and a worker killed mid-update leaves nothing to expire.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { ArtifactStore } from '../storage/artifact-store';
import { TrackingError, TrackingErrorCode } from './errors';
import { assertRunId, parseRunRecord, type RunRecord } from './run-record';
import { serializeRunRecord, type RunRecordsBackend } from './run-records-backend';

/** Retry settings of {@link StoreRunRecords.update}. */
export interface OptimisticRetryOptions {
  /** Writes tried before giving up with UPDATE_CONFLICT. */
  readonly maxAttempts: number;
  /** First pause after a lost write; it doubles per attempt (full jitter). */
  readonly baseDelayMs: number;
  /** Longest pause between two attempts. */
  readonly maxDelayMs: number;
}

/**
 * Enough for dozens of writers on one run (a run has two or three: the
 * workflow's worker, a training worker, an MLflow sync that only reads); the
 * pauses stay under a second, so a lost write costs little.
 */
export const DEFAULT_OPTIMISTIC_RETRY: OptimisticRetryOptions = {
  maxAttempts: 30,
  baseDelayMs: 10,
  maxDelayMs: 1_000,
};

/** Key prefix of the records inside the tracking area, as `<trackingDir>/runs/` locally. */
const RUNS_PREFIX = 'runs/';
/** Records read at once by {@link StoreRunRecords.readAll}: bounded so a long history does not open thousands of requests. */
const LIST_CONCURRENCY = 16;

/** Run records as objects in an {@link ArtifactStore}, updated with conditional writes. */
export class StoreRunRecords implements RunRecordsBackend {
  readonly location: string;
  private readonly retry: OptimisticRetryOptions;

  /** @param store - the tracking area (`<MLOPS_STORE>/tracking/`); records go to `runs/<id>.json` in it */
  constructor(
    private readonly store: ArtifactStore,
    retry: Partial<OptimisticRetryOptions> = {},
  ) {
    this.location = `${store.location.replace(/\/?$/, '/')}${RUNS_PREFIX.slice(0, -1)}`;
    this.retry = { ...DEFAULT_OPTIMISTIC_RETRY, ...retry };
  }

  private key(id: string): string {
    assertRunId(id);
    return `${RUNS_PREFIX}${id}.json`;
  }

  private where(id: string): string {
    return `${this.location}/${id}.json`;
  }

  async create(record: RunRecord): Promise<boolean> {
    const written = await this.store.putIfAbsent(
      this.key(record.id),
      Buffer.from(serializeRunRecord(record)),
    );
    return written !== undefined;
  }

  async read(id: string): Promise<RunRecord | undefined> {
    return (await this.readWithEtag(id))?.record;
  }

  private async readWithEtag(id: string): Promise<{ record: RunRecord; etag: string } | undefined> {
    const found = await this.store.getIfExists(this.key(id));
    if (!found) return undefined;
    return { record: parseRunRecord(found.bytes.toString('utf8'), this.where(id)), etag: found.etag };
  }

  async update(id: string, apply: (current: RunRecord) => RunRecord): Promise<RunRecord> {
    const key = this.key(id);
    for (let attempt = 1; ; attempt++) {
      const current = await this.readWithEtag(id);
      if (!current) {
        throw new TrackingError(TrackingErrorCode.RunNotFound, `no run ${id} in ${this.location}`, id);
      }
      const next = apply(current.record);
      if (await this.store.putIfMatch(key, Buffer.from(serializeRunRecord(next)), current.etag)) return next;
      if (attempt >= this.retry.maxAttempts) {
        throw new TrackingError(
          TrackingErrorCode.UpdateConflict,
          `run ${id} in ${this.location} changed under ${attempt} attempts to update it in a row; try again`,
          id,
        );
      }
      // Full jitter: writers that collided spread out instead of colliding again in step.
      const ceiling = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** (attempt - 1));
      await sleep(Math.random() * ceiling);
    }
  }

  async readAll(): Promise<RunRecord[]> {
    const keys = (await this.store.list(RUNS_PREFIX)).filter((key) => key.endsWith('.json'));
    const records: RunRecord[] = [];
    for (let i = 0; i < keys.length; i += LIST_CONCURRENCY) {
      const batch = await Promise.all(
        keys.slice(i, i + LIST_CONCURRENCY).map(async (key) => {
          const { bytes } = await this.store.get(key);
          return parseRunRecord(bytes.toString('utf8'), `${this.location}/${key.slice(RUNS_PREFIX.length)}`);
        }),
      );
      records.push(...batch);
    }
    return records;
  }
}

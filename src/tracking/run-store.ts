/**
 * The run-record store: one record per retrain, evaluation, drift check, study
 * or monitoring period, safe under concurrent writers. Where the records live
 * is a {@link RunRecordsBackend}: local files under a per-run lock (the
 * default, `<tracking>/runs/<id>.json`, see file-run-records.ts), or objects in
 * a bucket shared by machines with no common disk, updated with conditional
 * writes (store-run-records.ts). The rules are the same for both and live here.
 */
import type { ArtifactStore } from '../storage/artifact-store';
import { compareRuns, type RunComparison } from './compare-runs';
import { TrackingError, TrackingErrorCode } from './errors';
import { DEFAULT_FILE_LOCK_OPTIONS, type FileLockOptions } from './file-lock';
import { FileRunRecords } from './file-run-records';
import { assertRunId, runRecordSchema, type RunKind, type RunRecord } from './run-record';
import type { RunRecordsBackend } from './run-records-backend';
import { StoreRunRecords, type OptimisticRetryOptions } from './store-run-records';

/** Filters of {@link RunStore.list}. */
export interface ListRunsOptions {
  /** Only runs of this kind. */
  readonly kind?: RunKind;
  /** At most this many runs (the newest). */
  readonly limit?: number;
}

/** A run as it is first recorded: `running`, no end, empty maps allowed to be omitted. */
export type StartRunInput = Omit<RunRecord, 'status' | 'endedAt' | 'metrics' | 'artifacts'> &
  Partial<Pick<RunRecord, 'metrics' | 'artifacts'>>;

/** Newest first: by start time, then by id so the order is total. */
function newestFirst(a: RunRecord, b: RunRecord): number {
  if (a.startedAt !== b.startedAt) return a.startedAt < b.startedAt ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/** The run-record store. Plain domain code: activities and the CLI wrap it. */
export class RunStore {
  private readonly backend: RunRecordsBackend;

  /**
   * @param runsDir - folder of the records (`<root>/runs`), created on first
   *   write; or another backend (see {@link RunStore.onStore})
   * @param lockOptions - overrides of {@link DEFAULT_FILE_LOCK_OPTIONS} (local folder only)
   */
  constructor(runsDir: string | RunRecordsBackend, lockOptions: Partial<FileLockOptions> = {}) {
    this.backend =
      typeof runsDir === 'string'
        ? new FileRunRecords(runsDir, { ...DEFAULT_FILE_LOCK_OPTIONS, ...lockOptions })
        : runsDir;
  }

  /**
   * A store whose records are objects `runs/<id>.json` in `store` (the
   * tracking area of a shared bucket), updated with conditional writes.
   */
  static onStore(store: ArtifactStore, retry: Partial<OptimisticRetryOptions> = {}): RunStore {
    return new RunStore(new StoreRunRecords(store, retry));
  }

  /** Where the records are: a folder, or `s3://bucket/prefix/tracking/runs`. */
  get location(): string {
    return this.backend.location;
  }

  /**
   * Records a new run with status `running`. Starting the same id again from
   * the same workflow run (an activity retry) returns the stored record
   * unchanged.
   *
   * @throws TrackingError RUN_EXISTS when the id belongs to another workflow run
   */
  async start(input: StartRunInput): Promise<RunRecord> {
    const record = this.validate({ metrics: {}, artifacts: {}, ...input, status: 'running' });
    if (await this.backend.create(record)) return record;
    const existing = await this.get(record.id);
    if (existing.workflowId !== record.workflowId || existing.runId !== record.runId) {
      throw new TrackingError(
        TrackingErrorCode.RunExists,
        `run ${record.id} already exists from workflow ${existing.workflowId} (run ${existing.runId})`,
        record.id,
      );
    }
    return existing;
  }

  /**
   * Applies `mutate` to the current record and stores the result, so that
   * concurrent updates are applied one after the other (a lock locally, a
   * conditional write retried on a bucket). `mutate` must be a pure function of
   * its argument: it sees the latest record, including updates other processes
   * made a moment ago, and may be called more than once.
   *
   * @throws TrackingError RUN_NOT_FOUND, INVALID_RECORD (also when `mutate`
   *   returns an invalid record or changes the id), LOCK_TIMEOUT, UPDATE_CONFLICT
   */
  async update(id: string, mutate: (current: RunRecord) => RunRecord): Promise<RunRecord> {
    assertRunId(id);
    return this.backend.update(id, (current) => {
      const next = this.validate(mutate(current));
      if (next.id !== id) {
        throw new TrackingError(TrackingErrorCode.InvalidRecord, `an update may not rename run ${id}`, id);
      }
      return next;
    });
  }

  /** Adds (or replaces) one epoch's metrics, keeping epochs in order. */
  async logEpoch(
    id: string,
    epoch: { readonly epoch: number } & Readonly<Record<string, number>>,
  ): Promise<RunRecord> {
    return this.update(id, (run) => ({
      ...run,
      epochMetrics: [...(run.epochMetrics ?? []).filter((e) => e.epoch !== epoch.epoch), epoch].sort(
        (a, b) => a.epoch - b.epoch,
      ),
    }));
  }

  /**
   * Ends a run: sets status and end time and merges final metrics and
   * artifacts into what is already recorded.
   */
  async finish(
    id: string,
    end: {
      readonly status: 'completed' | 'failed';
      readonly endedAt: string;
      readonly metrics?: Readonly<Record<string, number>>;
      readonly artifacts?: Readonly<Record<string, string>>;
    } & Partial<Pick<RunRecord, 'decision' | 'modelVersion' | 'datasetMd5'>>,
  ): Promise<RunRecord> {
    return this.update(id, (run) => ({
      ...run,
      ...end,
      metrics: { ...run.metrics, ...end.metrics },
      artifacts: { ...run.artifacts, ...end.artifacts },
    }));
  }

  /** @throws TrackingError RUN_NOT_FOUND, INVALID_RECORD */
  async get(id: string): Promise<RunRecord> {
    const record = await this.backend.read(id);
    if (!record) {
      throw new TrackingError(TrackingErrorCode.RunNotFound, `no run ${id} in ${this.backend.location}`, id);
    }
    return record;
  }

  /**
   * Runs, newest first. Reads every record (a few thousand small records are
   * milliseconds locally, a few seconds from a bucket).
   *
   * @throws TrackingError INVALID_RECORD when a record is damaged
   */
  async list(options: ListRunsOptions = {}): Promise<RunRecord[]> {
    const records = await this.backend.readAll();
    const selected = records.filter((run) => options.kind === undefined || run.kind === options.kind);
    return selected.sort(newestFirst).slice(0, options.limit ?? selected.length);
  }

  /** Metrics and params of two runs side by side; deltas are `b - a`. */
  async compare(a: string, b: string): Promise<RunComparison> {
    return compareRuns(await this.get(a), await this.get(b));
  }

  private validate(record: RunRecord): RunRecord {
    assertRunId(record.id);
    const parsed = runRecordSchema.safeParse(record);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new TrackingError(
        TrackingErrorCode.InvalidRecord,
        `run ${record.id}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim(),
        record.id,
      );
    }
    return record;
  }
}

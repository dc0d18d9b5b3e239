/**
 * Run records on disk: one JSON file per run, `<runsDir>/<id>.json`.
 *
 * Concurrency model (two workers may write at once):
 * - Every write replaces a whole file via temp file + fsync + rename (or link
 *   for the first write), so a reader sees a complete old or new record,
 *   never a torn one.
 * - Updates of one run (epochs, final metrics, status) are read-modify-write
 *   under a per-run O_EXCL lock file (`<runsDir>/.locks/<id>.lock`), so two
 *   concurrent updates are applied one after the other and none is lost.
 *
 * Why a lock rather than immutable event files merged on read: a record stays
 * one file that `runs show`, `jq` or an exporter reads as is; listing costs one
 * read per run rather than one per event; and updates of the same run are rare
 * and short (a handful per run), so the lock is almost never contended. The
 * price is the stale-lock timeout after a crash, see {@link withFileLock}.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { writeJsonAtomic } from '../fs/atomic-write';
import { compareRuns, type RunComparison } from './compare-runs';
import { TrackingError, TrackingErrorCode } from './errors';
import { createFileExclusive } from './exclusive-create';
import { DEFAULT_FILE_LOCK_OPTIONS, withFileLock, type FileLockOptions } from './file-lock';
import { assertRunId, parseRunRecord, runRecordSchema, type RunKind, type RunRecord } from './run-record';

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

function serialize(record: RunRecord): string {
  return `${JSON.stringify(record, null, 2)}\n`;
}

/** Newest first: by start time, then by id so the order is total. */
function newestFirst(a: RunRecord, b: RunRecord): number {
  if (a.startedAt !== b.startedAt) return a.startedAt < b.startedAt ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/** The run-record store. Plain domain code: activities and the CLI wrap it. */
export class RunStore {
  private readonly lockOptions: FileLockOptions;

  /**
   * @param runsDir - folder of the records (`<root>/runs`), created on first write
   * @param lockOptions - overrides of {@link DEFAULT_FILE_LOCK_OPTIONS}
   */
  constructor(
    readonly runsDir: string,
    lockOptions: Partial<FileLockOptions> = {},
  ) {
    this.lockOptions = { ...DEFAULT_FILE_LOCK_OPTIONS, ...lockOptions };
  }

  /** Path of a run's record file. @throws TrackingError INVALID_RUN_ID */
  recordPath(id: string): string {
    assertRunId(id);
    return path.join(this.runsDir, `${id}.json`);
  }

  private lockPath(id: string): string {
    return path.join(this.runsDir, '.locks', `${id}.lock`);
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
    await fs.mkdir(this.runsDir, { recursive: true });
    if (await createFileExclusive(this.recordPath(record.id), serialize(record))) return record;
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
   * Applies `mutate` to the current record under the run's lock and stores the
   * result. `mutate` must be a pure function of its argument: it sees the
   * latest record, including updates other processes made a moment ago.
   *
   * @throws TrackingError RUN_NOT_FOUND, INVALID_RECORD (also when `mutate`
   *   returns an invalid record or changes the id), LOCK_TIMEOUT
   */
  async update(id: string, mutate: (current: RunRecord) => RunRecord): Promise<RunRecord> {
    const file = this.recordPath(id);
    return withFileLock(this.lockPath(id), this.lockOptions, async (assertHeld) => {
      const next = this.validate(mutate(await this.get(id)));
      if (next.id !== id) {
        throw new TrackingError(TrackingErrorCode.InvalidRecord, `an update may not rename run ${id}`, id);
      }
      await assertHeld();
      await writeJsonAtomic(file, next);
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
    const file = this.recordPath(id);
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new TrackingError(TrackingErrorCode.RunNotFound, `no run ${id} in ${this.runsDir}`, id);
      }
      throw error;
    }
    return parseRunRecord(text, file);
  }

  /**
   * Runs, newest first. Reads every record (a few thousand small files is
   * milliseconds); temp files of writes in progress are skipped.
   *
   * @throws TrackingError INVALID_RECORD when a record file is damaged
   */
  async list(options: ListRunsOptions = {}): Promise<RunRecord[]> {
    let names: string[];
    try {
      names = await fs.readdir(this.runsDir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const records = await Promise.all(
      names
        .filter((name) => name.endsWith('.json') && !name.startsWith('.'))
        .map(async (name) => {
          const file = path.join(this.runsDir, name);
          return parseRunRecord(await fs.readFile(file, 'utf8'), file);
        }),
    );
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

/**
 * Run records on local disk: one JSON file per run, `<runsDir>/<id>.json`.
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
import { TrackingError, TrackingErrorCode } from './errors';
import { createFileExclusive } from './exclusive-create';
import { withFileLock, type FileLockOptions } from './file-lock';
import { assertRunId, parseRunRecord, type RunRecord } from './run-record';
import { serializeRunRecord, type RunRecordsBackend } from './run-records-backend';

/** Run records as files in one folder, updated under per-run lock files. */
export class FileRunRecords implements RunRecordsBackend {
  readonly location: string;

  constructor(
    readonly runsDir: string,
    private readonly lockOptions: FileLockOptions,
  ) {
    this.location = runsDir;
  }

  /** Path of a run's record file. @throws TrackingError INVALID_RUN_ID */
  recordPath(id: string): string {
    assertRunId(id);
    return path.join(this.runsDir, `${id}.json`);
  }

  private lockPath(id: string): string {
    return path.join(this.runsDir, '.locks', `${id}.lock`);
  }

  async create(record: RunRecord): Promise<boolean> {
    const file = this.recordPath(record.id);
    await fs.mkdir(this.runsDir, { recursive: true });
    return createFileExclusive(file, serializeRunRecord(record));
  }

  async read(id: string): Promise<RunRecord | undefined> {
    const file = this.recordPath(id);
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    return parseRunRecord(text, file);
  }

  async update(id: string, apply: (current: RunRecord) => RunRecord): Promise<RunRecord> {
    const file = this.recordPath(id);
    return withFileLock(this.lockPath(id), this.lockOptions, async (assertHeld) => {
      const current = await this.read(id);
      if (!current) {
        throw new TrackingError(TrackingErrorCode.RunNotFound, `no run ${id} in ${this.runsDir}`, id);
      }
      const next = apply(current);
      await assertHeld();
      await writeJsonAtomic(file, next);
      return next;
    });
  }

  /** Reads every record (a few thousand small files is milliseconds); temp files of writes in progress are skipped. */
  async readAll(): Promise<RunRecord[]> {
    let names: string[];
    try {
      names = await fs.readdir(this.runsDir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    return Promise.all(
      names
        .filter((name) => name.endsWith('.json') && !name.startsWith('.'))
        .map(async (name) => {
          const file = path.join(this.runsDir, name);
          return parseRunRecord(await fs.readFile(file, 'utf8'), file);
        }),
    );
  }
}

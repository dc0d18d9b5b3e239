/**
 * The outcome store: one append-only JSON Lines file, `outcomes.jsonl`, in the
 * outcomes folder. Every write appends whole lines and fsyncs before it
 * returns, under a lock file, so:
 *
 * - a process killed mid-import keeps every batch that was written; running
 *   the import again finds those rows already stored (exact repeats are
 *   harmless) and stores the rest;
 * - a line cut short by a crash or a full disk is skipped alone on reading, and
 *   the next append starts on a fresh line;
 * - the first value stored for a prediction id is the outcome; a different
 *   value sent later is a conflict, reported and not stored.
 *
 * Readers keep an index in memory and read only what was appended since.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fsyncDirectory } from '../../fs/atomic-write';
import { DEFAULT_FILE_LOCK_OPTIONS, withFileLock } from '../../tracking/file-lock';
import type { Outcome, StoredOutcome } from './outcome';

/** The store's file name inside its folder. */
export const OUTCOMES_FILE = 'outcomes.jsonl';

/** Which prediction ids exist (in the prediction log); the rest are reported as unknown. */
export type KnownPredictionIds = (ids: readonly string[]) => Promise<ReadonlySet<string>>;

/** What happened to one outcome that was not stored. */
export interface OutcomeProblem {
  readonly predictionId: string;
  /** The CSV line or body item (1-based), when known. */
  readonly position?: number;
  /** For a conflict: the value stored first. */
  readonly stored?: 0 | 1;
  readonly received?: 0 | 1;
}

/** What a batch of outcomes did to the store. */
export interface RecordOutcomesResult {
  readonly received: number;
  /** Newly stored. */
  readonly stored: number;
  /** Already stored with the same value: nothing to do. */
  readonly duplicates: number;
  /** Already stored with the other value: not stored. */
  readonly conflicts: readonly OutcomeProblem[];
  /** No logged prediction has this id: not stored. */
  readonly unknown: readonly OutcomeProblem[];
}

/** One outcome to record and where it came from. */
export interface OutcomeToRecord {
  readonly outcome: Outcome;
  readonly position?: number;
}

interface StoredLine {
  prediction_id: string;
  match_success: 0 | 1;
  observed_at: string | null;
  recorded_at: string;
  source: string;
}

function parseLine(line: string): StoredOutcome | undefined {
  try {
    const v = JSON.parse(line) as Partial<StoredLine>;
    if (typeof v.prediction_id !== 'string' || (v.match_success !== 0 && v.match_success !== 1))
      return undefined;
    return {
      predictionId: v.prediction_id,
      matchSuccess: v.match_success,
      observedAt: typeof v.observed_at === 'string' ? v.observed_at : null,
      recordedAt: typeof v.recorded_at === 'string' ? v.recorded_at : '',
      source: typeof v.source === 'string' ? v.source : '',
    };
  } catch {
    return undefined;
  }
}

/** The outcomes of a project, in a folder. */
export class FileOutcomeStore {
  private readonly index = new Map<string, StoredOutcome>();
  private offset = 0;
  private damaged = 0;

  constructor(
    readonly dir: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The append-only file. */
  get file(): string {
    return path.join(this.dir, OUTCOMES_FILE);
  }

  /** Lines skipped so far because they were not whole outcomes (cut short by a crash). */
  get damagedLines(): number {
    return this.damaged;
  }

  /** Every stored outcome by prediction id (reads what was appended since the last call). */
  async all(): Promise<ReadonlyMap<string, StoredOutcome>> {
    await this.refresh();
    return this.index;
  }

  /**
   * Stores the outcomes that are new, in order, and reports the rest.
   *
   * @param known - which ids exist; outcomes of other ids are reported and not stored
   * @param source - `http` or `csv:<file>`, kept with each stored line
   */
  async record(
    batch: readonly OutcomeToRecord[],
    known: KnownPredictionIds,
    source: string,
  ): Promise<RecordOutcomesResult> {
    const knownIds = await known([...new Set(batch.map((b) => b.outcome.predictionId))]);
    await fs.mkdir(this.dir, { recursive: true });
    return withFileLock(`${this.file}.lock`, DEFAULT_FILE_LOCK_OPTIONS, async (assertHeld) => {
      await this.refresh();
      const accepted = new Map<string, StoredOutcome>();
      const conflicts: OutcomeProblem[] = [];
      const unknown: OutcomeProblem[] = [];
      let duplicates = 0;
      const recordedAt = this.now().toISOString();
      for (const { outcome, position } of batch) {
        const id = outcome.predictionId;
        const where = position === undefined ? {} : { position };
        const previous = this.index.get(id) ?? accepted.get(id);
        if (previous) {
          if (previous.matchSuccess === outcome.matchSuccess) duplicates++;
          else
            conflicts.push({
              predictionId: id,
              ...where,
              stored: previous.matchSuccess,
              received: outcome.matchSuccess,
            });
        } else if (!knownIds.has(id)) {
          unknown.push({ predictionId: id, ...where });
        } else {
          accepted.set(id, { ...outcome, recordedAt, source });
        }
      }
      if (accepted.size > 0) {
        await assertHeld();
        await this.append([...accepted.values()]);
      }
      return { received: batch.length, stored: accepted.size, duplicates, conflicts, unknown };
    });
  }

  /** Appends whole lines and fsyncs them; terminates a line a crash left unfinished first. */
  private async append(outcomes: readonly StoredOutcome[]): Promise<void> {
    const text = outcomes
      .map((o) =>
        JSON.stringify({
          prediction_id: o.predictionId,
          match_success: o.matchSuccess,
          observed_at: o.observedAt,
          recorded_at: o.recordedAt,
          source: o.source,
        } satisfies StoredLine),
      )
      .join('\n');
    const created = !(await fs.stat(this.file).catch(() => undefined));
    const handle = await fs.open(this.file, 'a+');
    try {
      const { size } = await handle.stat();
      let prefix = '';
      if (size > 0) {
        const last = Buffer.alloc(1);
        await handle.read(last, 0, 1, size - 1);
        if (last[0] !== 0x0a) prefix = '\n';
      }
      await handle.appendFile(`${prefix}${text}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (created) await fsyncDirectory(this.dir);
    await this.refresh();
  }

  /** Reads the complete lines appended since the last read into the index. */
  private async refresh(): Promise<void> {
    let handle: fs.FileHandle;
    try {
      handle = await fs.open(this.file, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    try {
      const { size } = await handle.stat();
      if (size < this.offset) {
        // The file was replaced (restored from a backup): start over.
        this.index.clear();
        this.offset = 0;
        this.damaged = 0;
      }
      if (size === this.offset) return;
      const bytes = Buffer.alloc(size - this.offset);
      await handle.read(bytes, 0, bytes.length, this.offset);
      const lastBreak = bytes.lastIndexOf(0x0a);
      if (lastBreak === -1) return; // only an unfinished line so far
      for (const line of bytes.subarray(0, lastBreak).toString('utf8').split('\n')) {
        if (line.trim() === '') continue;
        const outcome = parseLine(line);
        if (!outcome) this.damaged++;
        else if (!this.index.has(outcome.predictionId)) this.index.set(outcome.predictionId, outcome);
      }
      this.offset += lastBreak + 1;
    } finally {
      await handle.close();
    }
  }
}

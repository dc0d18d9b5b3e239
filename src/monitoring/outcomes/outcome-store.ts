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
import type { StoredOutcome } from './outcome';
import {
  decideBatch,
  outcomeLine,
  parseOutcomeLine,
  type KnownPredictionIds,
  type OutcomeStore,
  type OutcomesSince,
  type OutcomeToRecord,
  type RecordOutcomesResult,
} from './outcome-lines';

/** The store's file name inside its folder. */
export const OUTCOMES_FILE = 'outcomes.jsonl';

export type {
  KnownPredictionIds,
  OutcomeProblem,
  OutcomeStore,
  OutcomeToRecord,
  OutcomesSince,
  RecordOutcomesResult,
} from './outcome-lines';

/** The outcomes of a project, in a folder. */
export class FileOutcomeStore implements OutcomeStore {
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

  get location(): string {
    return this.file;
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
      const { accepted, result } = decideBatch(batch, this.index, knownIds, this.now().toISOString(), source);
      if (accepted.length > 0) {
        await assertHeld();
        await this.append(accepted);
      }
      return result;
    });
  }

  async readSince(position: number): Promise<OutcomesSince> {
    let buffer: Buffer;
    try {
      buffer = await fs.readFile(this.file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT')
        return { outcomes: [], position, damagedLines: 0 };
      throw error;
    }
    // A file shorter than the position was replaced: nothing of it is counted again.
    const last = buffer.lastIndexOf(0x0a);
    if (buffer.length <= position || last < position) return { outcomes: [], position, damagedLines: 0 };
    const outcomes: StoredOutcome[] = [];
    let damagedLines = 0;
    for (const line of buffer
      .subarray(position, last + 1)
      .toString('utf8')
      .split('\n')) {
      if (line.trim() === '') continue;
      const outcome = parseOutcomeLine(line);
      if (outcome) outcomes.push(outcome);
      else damagedLines++;
    }
    return { outcomes, position: last + 1, damagedLines };
  }

  /** Appends whole lines and fsyncs them; terminates a line a crash left unfinished first. */
  private async append(outcomes: readonly StoredOutcome[]): Promise<void> {
    const text = outcomes.map(outcomeLine).join('\n');
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
        const outcome = parseOutcomeLine(line);
        if (!outcome) this.damaged++;
        else if (!this.index.has(outcome.predictionId)) this.index.set(outcome.predictionId, outcome);
      }
      this.offset += lastBreak + 1;
    } finally {
      await handle.close();
    }
  }
}

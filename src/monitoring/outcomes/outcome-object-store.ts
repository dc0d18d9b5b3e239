/**
 * The outcome store in an artifact store (with MLOPS_STORE=s3://…, the
 * bucket's `outcomes/` area), so `POST /v1/outcomes` on one machine and the
 * monitoring, experiment and dataset readers on another see the same outcomes.
 *
 * The outcomes are a numbered log of batch objects, `batches/<n>.jsonl`
 * (n = 1, 2, … zero-padded), each written whole with put-if-absent:
 *
 * - a writer decides its batch against everything up to the last batch it
 *   read and writes batch n + 1; if another writer took n + 1 first, it reads
 *   that batch and decides again, so the log has one order every machine
 *   reads the same way and the first value stored for an id wins everywhere;
 *   a later different value is a conflict, reported and not stored;
 * - a process killed mid-import keeps every batch it wrote (each is one
 *   object, whole or absent); running the import again finds those rows as
 *   exact repeats and stores the rest;
 * - the numbers have no gaps (n + 1 is written only after n was read), so a
 *   reader takes the batches after the last one it read until one is missing:
 *   one GET per new batch, no listing; every read is verified (a damaged batch
 *   is refused naming its key).
 */
import type { ArtifactStore } from '../../storage';
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

/** How often a writer decides again after others took the next number before it. */
const MAX_WRITE_ATTEMPTS = 20;

/** The key of batch `n`. */
export function outcomeBatchKey(n: number): string {
  return `batches/${String(n).padStart(12, '0')}.jsonl`;
}

/** The outcomes of a project in an artifact store. */
export class ObjectOutcomeStore implements OutcomeStore {
  private readonly index = new Map<string, StoredOutcome>();
  /** Batches read into the index (the last batch number). */
  private batches = 0;
  private damaged = 0;
  /** Reads and writes of this object run one at a time (the batch counter is theirs). */
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    readonly store: ArtifactStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  get location(): string {
    return `${this.store.location}batches/`;
  }

  get damagedLines(): number {
    return this.damaged;
  }

  async all(): Promise<ReadonlyMap<string, StoredOutcome>> {
    return this.exclusive(async () => {
      await this.refresh();
      return this.index;
    });
  }

  async record(
    batch: readonly OutcomeToRecord[],
    known: KnownPredictionIds,
    source: string,
  ): Promise<RecordOutcomesResult> {
    const knownIds = await known([...new Set(batch.map((b) => b.outcome.predictionId))]);
    return this.exclusive(() => this.storeBatch(batch, knownIds, source));
  }

  private async storeBatch(
    batch: readonly OutcomeToRecord[],
    knownIds: ReadonlySet<string>,
    source: string,
  ): Promise<RecordOutcomesResult> {
    for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
      await this.refresh();
      const { accepted, result } = decideBatch(batch, this.index, knownIds, this.now().toISOString(), source);
      if (accepted.length === 0) return result;
      const text = `${accepted.map(outcomeLine).join('\n')}\n`;
      if (await this.store.putIfAbsent(outcomeBatchKey(this.batches + 1), Buffer.from(text, 'utf8'))) {
        this.apply(text);
        this.batches++;
        return result;
      }
      // Another writer stored batch n + 1 first: read it and decide again.
    }
    throw new Error(
      `outcomes: ${MAX_WRITE_ATTEMPTS} other writers stored a batch first in ${this.location}; try again`,
    );
  }

  async readSince(position: number): Promise<OutcomesSince> {
    const outcomes: StoredOutcome[] = [];
    let damagedLines = 0;
    let n = position;
    for (;;) {
      const object = await this.store.getIfExists(outcomeBatchKey(n + 1));
      if (!object) break;
      for (const line of object.bytes.toString('utf8').split('\n')) {
        if (line.trim() === '') continue;
        const outcome = parseOutcomeLine(line);
        if (outcome) outcomes.push(outcome);
        else damagedLines++;
      }
      n++;
    }
    return { outcomes, position: n, damagedLines };
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.tail.then(work, work);
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** Reads the batches stored since the last read into the index. */
  private async refresh(): Promise<void> {
    for (;;) {
      const object = await this.store.getIfExists(outcomeBatchKey(this.batches + 1));
      if (!object) return;
      this.apply(object.bytes.toString('utf8'));
      this.batches++;
    }
  }

  private apply(text: string): void {
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      const outcome = parseOutcomeLine(line);
      if (!outcome) this.damaged++;
      else if (!this.index.has(outcome.predictionId)) this.index.set(outcome.predictionId, outcome);
    }
  }
}

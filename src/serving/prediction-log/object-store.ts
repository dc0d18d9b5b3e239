/**
 * The prediction log in an artifact store (with MLOPS_STORE=s3://…, the
 * bucket's `predictions/` area), so serving processes and the monitoring,
 * drift and experiment activities on machines with no shared folder read the
 * same traffic.
 *
 * One object per flushed batch (the writer appends once per day per flush):
 * `<day>/<writer>/<time>-<seq>.jsonl`, where `<writer>` is this process's
 * instance name plus a random token (two processes that share an instance
 * name still write apart), `<time>` the zero-padded epoch milliseconds and
 * `<seq>` a per-process counter. Objects are written with put-if-absent, so
 * nothing is ever overwritten, and each is whole: there is no cut-off line to
 * skip. Within one writer, keys sort in the order the batches were written
 * (flushes run one after another and the time never goes back), which is what
 * lets the experiment cursor count objects per `<day>/<writer>` group.
 *
 * Reads are verified against the sha256 recorded at write time: a damaged
 * object is refused with an error naming its key, never read as traffic.
 */
import { randomBytes } from 'node:crypto';
import type { ArtifactStore } from '../../storage';
import { safeInstanceName, type LogChunk, type PredictionLogStore } from './store';

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const KEY_PATTERN = /^(\d{4}-\d{2}-\d{2})\/([A-Za-z0-9._-]+)\/\d{15}-\d{9}\.jsonl$/;
const DAY_MS = 86_400_000;
/** Beyond this many days a listing takes the whole area in one pass instead of one per day. */
const MAX_DAY_PREFIXES = 62;

/** Options of {@link ObjectPredictionLogStore}. */
export interface ObjectPredictionLogStoreOptions {
  /** This process's name in keys (writers only). @default 'reader' */
  readonly instance?: string;
  /** @default Date.now */
  readonly now?: () => number;
}

function daysBetween(from: string, to: string): string[] | undefined {
  if (!DAY_PATTERN.test(from) || !DAY_PATTERN.test(to)) return undefined;
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`);
  if (!Number.isFinite(start) || !Number.isFinite(end)) return undefined;
  if (end < start) return [];
  if ((end - start) / DAY_MS >= MAX_DAY_PREFIXES) return undefined;
  const days: string[] = [];
  for (let t = start; t <= end; t += DAY_MS) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

/** The prediction log as objects, one per flushed batch. */
export class ObjectPredictionLogStore implements PredictionLogStore {
  /** `<instance>.<random>`: this process's key segment. */
  readonly writer: string;
  private seq = 0;
  private lastTime = 0;

  constructor(
    readonly store: ArtifactStore,
    private readonly options: ObjectPredictionLogStoreOptions = {},
  ) {
    const instance = safeInstanceName(options.instance ?? 'reader').slice(0, 80);
    this.writer = `${instance}.${randomBytes(4).toString('hex')}`;
  }

  /** The next key of `day` for this process: later than every key it wrote before. */
  private nextKey(day: string): string {
    this.lastTime = Math.max(this.lastTime, (this.options.now ?? Date.now)());
    this.seq++;
    return `${day}/${this.writer}/${String(this.lastTime).padStart(15, '0')}-${String(this.seq).padStart(9, '0')}.jsonl`;
  }

  async append(day: string, text: string): Promise<void> {
    if (!DAY_PATTERN.test(day)) throw new Error(`not a day: ${day}`);
    const bytes = Buffer.from(text, 'utf8');
    // A key is refused only if an object already has it (a writer token drawn twice): take the next.
    for (let attempt = 0; attempt < 3; attempt++) {
      if (await this.store.putIfAbsent(this.nextKey(day), bytes)) return;
    }
    throw new Error(`prediction log: ${this.store.location} refused three new keys for ${day} in a row`);
  }

  async list(from: string, to: string): Promise<LogChunk[]> {
    const days = daysBetween(from, to);
    const keys: string[] = [];
    if (days) {
      for (const day of days) keys.push(...(await this.store.list(`${day}/`)));
    } else {
      keys.push(...(await this.store.list('')));
    }
    const chunks: LogChunk[] = [];
    for (const key of keys) {
      const match = KEY_PATTERN.exec(key);
      if (!match) continue;
      const day = match[1]!;
      if (day >= from && day <= to) chunks.push({ day, ref: key, group: `${day}/${match[2]!}` });
    }
    return chunks;
  }

  async *read(chunk: LogChunk): AsyncIterable<string> {
    const object = await this.store.get(chunk.ref);
    yield object.bytes.toString('utf8');
  }
}

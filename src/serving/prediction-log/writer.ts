/**
 * The prediction log's writer: requests hand it their scored rows and go on;
 * it serialises and stores them on an interval, off the response path.
 *
 * Guarantees: `record` never blocks, throws or waits for storage. A flush that
 * storage refuses (a full disk, a permission change) drops that batch, counts
 * it and logs it; serving goes on. What a crash can lose: the entries recorded
 * since the last flush (at most one flush interval, default 1 s) and, when the
 * process dies in the middle of a write, the one line being written (the
 * reader skips a cut-off line). SIGTERM flushes everything first.
 */
import type { DecodedColumn } from '../../data/column-decoders';
import type { ServingMetrics } from '../metrics';
import { LOGGED_INPUT_COLUMNS, utcDay, type LoggedExperiment, type PredictionRoute } from './entry';
import type { PredictionLogStore } from './store';

/** Both versions' scores of a request in an experiment (see `http/score-experiment.ts`). */
export interface ExperimentScores {
  readonly id: string;
  readonly stage: string;
  readonly candidate: string;
  readonly production: string;
  /** Null when the candidate could not score the request. */
  readonly candidateProbabilities: Float32Array | null;
  readonly productionProbabilities: Float32Array;
  /** Scoring time of the whole request per version (ms); null when the candidate failed. */
  readonly candidateMs: number | null;
  readonly productionMs: number;
  /** Why the candidate could not score (null: it did). */
  readonly candidateError: string | null;
}

/** The rows one request had scored, as the log needs them. */
export interface PredictionBatch {
  readonly time: Date;
  readonly model: string;
  readonly version: string;
  readonly route: PredictionRoute;
  readonly arm: string;
  readonly requestId: string;
  /** One prediction id per row. */
  readonly ids: readonly string[];
  /** The validated input columns (kept by reference until the flush serialises them). */
  readonly columns: ReadonlyMap<string, DecodedColumn>;
  readonly probabilities: Float32Array;
  /** Set when the request is part of an experiment. */
  readonly experiment?: ExperimentScores;
}

/** The `experiment` field of row `row` of a batch (snake_case, as in the log). */
function experimentField(e: ExperimentScores, row: number): LoggedExperiment {
  return {
    id: e.id,
    stage: e.stage,
    candidate: e.candidate,
    production: e.production,
    candidate_probability: e.candidateProbabilities ? e.candidateProbabilities[row]! : null,
    production_probability: e.productionProbabilities[row]!,
    candidate_ms: e.candidateMs,
    production_ms: e.productionMs,
    candidate_error: e.candidateError,
  };
}

/** The part of a pino logger the writer uses. */
export interface LogWriterLogger {
  error(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

/** Settings of {@link PredictionLogWriter}. */
export interface PredictionLogWriterOptions {
  readonly store: PredictionLogStore;
  readonly metrics: Pick<
    ServingMetrics,
    'logWritten' | 'logDropped' | 'logBuffered' | 'logLastSuccessfulFlush'
  >;
  readonly logger: LogWriterLogger;
  /** @default 1000 */
  readonly flushIntervalMs?: number;
  /** Entries (rows) held at most while storage is slow; more are dropped and counted. @default 100000 */
  readonly maxBufferedEntries?: number;
}

/** How often a repeated storage failure is logged again. */
const FAILURE_LOG_INTERVAL_MS = 60_000;

/** Serialises a batch into JSON lines. */
export function batchLines(batch: PredictionBatch): string {
  const time = batch.time.toISOString();
  const columns = LOGGED_INPUT_COLUMNS.map((name) => [name, batch.columns.get(name)!] as const);
  let text = '';
  for (let row = 0; row < batch.ids.length; row++) {
    const input: Record<string, string | number> = {};
    for (const [name, values] of columns) input[name] = values[row]!;
    text += `${JSON.stringify({
      id: batch.ids[row],
      time,
      model: batch.model,
      version: batch.version,
      route: batch.route,
      arm: batch.arm,
      request_id: batch.requestId,
      input,
      probability: batch.probabilities[row],
      ...(batch.experiment ? { experiment: experimentField(batch.experiment, row) } : {}),
    })}\n`;
  }
  return text;
}

/** Buffers prediction batches and writes them to a store on an interval. */
export class PredictionLogWriter {
  private buffer: PredictionBatch[] = [];
  private buffered = 0;
  private flushing: Promise<void> | undefined;
  private readonly timer: NodeJS.Timeout;
  private lastFailureLog = 0;
  private closed = false;

  constructor(private readonly options: PredictionLogWriterOptions) {
    this.timer = setInterval(() => void this.flush(), options.flushIntervalMs ?? 1000);
    this.timer.unref();
  }

  /** Queues a request's predictions. Never throws, never waits. */
  record(batch: PredictionBatch): void {
    const rows = batch.ids.length;
    if (this.closed || this.buffered + rows > (this.options.maxBufferedEntries ?? 100_000)) {
      this.options.metrics.logDropped.inc({ reason: 'buffer_full' }, rows);
      return;
    }
    this.buffer.push(batch);
    this.buffered += rows;
    this.options.metrics.logBuffered.set(this.buffered);
  }

  /** Writes what is buffered now (after any flush already running). Never rejects. */
  flush(): Promise<void> {
    const run = (this.flushing ?? Promise.resolve()).then(() => this.writeBuffered());
    this.flushing = run;
    void run.finally(() => {
      if (this.flushing === run) this.flushing = undefined;
    });
    return run;
  }

  /** Stops the interval and flushes everything recorded so far; later records are dropped and counted. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    this.closed = true;
    await this.flush();
  }

  private async writeBuffered(): Promise<void> {
    if (this.buffer.length === 0) return;
    const batches = this.buffer;
    this.buffer = [];
    this.buffered = 0;
    this.options.metrics.logBuffered.set(0);
    const days = new Map<string, { text: string; rows: number }>();
    for (const batch of batches) {
      const day = utcDay(batch.time.toISOString());
      const part = days.get(day) ?? { text: '', rows: 0 };
      part.text += batchLines(batch);
      part.rows += batch.ids.length;
      days.set(day, part);
    }
    let failed = false;
    for (const [day, { text, rows }] of days) {
      try {
        await this.options.store.append(day, text);
        this.options.metrics.logWritten.inc(rows);
      } catch (error) {
        failed = true;
        this.options.metrics.logDropped.inc({ reason: 'write_error' }, rows);
        this.logFailure(error, rows);
      }
    }
    if (!failed) this.options.metrics.logLastSuccessfulFlush.set(Date.now() / 1000);
  }

  private logFailure(error: unknown, rows: number): void {
    const now = Date.now();
    if (now - this.lastFailureLog < FAILURE_LOG_INTERVAL_MS) return;
    this.lastFailureLog = now;
    this.options.logger.error(
      { err: (error as Error).message, code: (error as NodeJS.ErrnoException).code, droppedEntries: rows },
      'prediction log write failed: entries dropped, serving continues (repeats are counted in the dropped metric, logged once a minute)',
    );
  }
}

/**
 * Builds one experiment batch from the files serving and the outcome import
 * write: the prediction log (JSON Lines per day and server process) and the
 * outcome store (`outcomes.jsonl`, append-only). A cursor — bytes consumed
 * per log file and of the outcome file, whole lines only — says what earlier
 * batches already counted, so the same cursor always yields the same batch
 * from the same files, and a retried activity (a killed worker) counts nothing
 * twice: the workflow only advances the cursor with the batch it folded.
 *
 * Outcomes are read before the log: the outcome store accepts only ids that
 * are already in the log, so every outcome read here finds its prediction.
 * The join needs every experiment row's scores, so the log files of the
 * experiment's days are read whole each time (a cost that grows with the
 * experiment; an index by prediction id would remove it).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { FileOutcomeStore, type OutcomeStore } from '../monitoring/outcomes/outcome-store';
import type { LoggedExperiment } from '../serving/prediction-log/entry';
import {
  FilePredictionLogStore,
  type LogChunk,
  type PredictionLogStore,
} from '../serving/prediction-log/store';
import {
  EMPTY_OUTCOME_SUMS,
  NO_PREDICTIONS,
  emptyTrafficWindow,
  type ExperimentBatch,
  type OutcomeSums,
  type PredictionCounts,
} from './batch';
import { addLatency } from './latency-histogram';
import { mergeSums, sumsOf, type RunningSums } from './running-sums';
import { addScore } from './score-histogram';

/** What earlier batches consumed. */
export const experimentCursorSchema = z.strictObject({
  /**
   * Bytes consumed per prediction-log file name (whole lines); with the log in
   * an object store, objects consumed per `<day>/<writer>` group instead.
   */
  log: z.record(z.string(), z.number().int().min(0)),
  /** Bytes consumed of the outcome file (whole lines); in a bucket, outcome batches consumed. */
  outcomes: z.number().int().min(0),
});
export type ExperimentCursor = z.output<typeof experimentCursorSchema>;

/** Nothing consumed yet. */
export const START_CURSOR: ExperimentCursor = { log: {}, outcomes: 0 };

/** Where the files are and which experiment to count. */
export interface CollectBatchInput {
  readonly experimentId: string;
  /** The prediction log folder (SERVING_LOG_DIR). */
  readonly logDir: string;
  /** The prediction log as configured (see `openPredictionLogStore`). @default the files in `logDir` */
  readonly log?: PredictionLogStore;
  /** The outcome store folder (MONITORING_OUTCOMES_DIR). */
  readonly outcomesDir: string;
  /** The outcome store as configured (see `openOutcomeStore`). @default the file in `outcomesDir` */
  readonly outcomeStore?: Pick<OutcomeStore, 'readSince'>;
  /** First UTC day (`YYYY-MM-DD`) the experiment can have rows in. */
  readonly fromDay: string;
  readonly cursor: ExperimentCursor;
}

/** A batch and the cursor after it. */
export interface CollectedBatch {
  readonly batch: ExperimentBatch;
  readonly cursor: ExperimentCursor;
  /** Lines that were not whole JSON objects (cut short by a crash): skipped. */
  readonly damagedLines: number;
}

interface ExperimentRow {
  readonly id: string;
  readonly request_id: string;
  readonly arm: string;
  readonly probability: number;
  readonly experiment: LoggedExperiment;
}

/** Probabilities are clipped to [ε, 1 − ε] before the log (a float32 can round to exactly 0 or 1). */
const EPS = 1e-7;
/** The log loss of probability `p` for outcome `y`. */
export function logLoss(p: number, y: 0 | 1): number {
  const q = Math.min(1 - EPS, Math.max(EPS, p));
  return -(y === 1 ? Math.log(q) : Math.log(1 - q));
}

/** The bytes of `file` from `offset` up to its last newline, and the offset after them. */
async function wholeLinesFrom(file: string, offset: number): Promise<{ text: string; end: number }> {
  let buffer: Buffer;
  try {
    buffer = await fs.readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { text: '', end: offset };
    throw error;
  }
  // A file shorter than the cursor was replaced: nothing of it is counted again.
  if (buffer.length <= offset) return { text: '', end: offset };
  const last = buffer.lastIndexOf(0x0a);
  if (last < offset) return { text: '', end: offset };
  return { text: buffer.subarray(offset, last + 1).toString('utf8'), end: last + 1 };
}

function parseLines(text: string, onDamaged: () => void): unknown[] {
  const values: unknown[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      values.push(JSON.parse(line));
    } catch {
      onDamaged();
    }
  }
  return values;
}

async function chunkText(store: PredictionLogStore, chunk: LogChunk): Promise<string> {
  let text = '';
  for await (const piece of store.read(chunk)) text += piece;
  return text;
}

function asExperimentRow(value: unknown, experimentId: string): ExperimentRow | undefined {
  const v = value as Partial<ExperimentRow> | null;
  if (typeof v !== 'object' || v === null || typeof v.id !== 'string') return undefined;
  const e = v.experiment;
  if (typeof e !== 'object' || e === null || e.id !== experimentId) return undefined;
  if (typeof e.production_probability !== 'number' || typeof v.probability !== 'number') return undefined;
  return v as ExperimentRow;
}

/** Reads the next batch of an experiment from the files after `cursor`. */
export async function collectExperimentBatch(input: CollectBatchInput): Promise<CollectedBatch> {
  let damagedLines = 0;
  const damaged = () => void damagedLines++;
  // 1. Outcomes that arrived since the last batch.
  const outcomeStore = input.outcomeStore ?? new FileOutcomeStore(input.outcomesDir);
  const outcomeRead = await outcomeStore.readSince(input.cursor.outcomes);
  damagedLines += outcomeRead.damagedLines;
  const newOutcomes = new Map<string, 0 | 1>();
  for (const o of outcomeRead.outcomes) {
    const id = o.predictionId.toLowerCase();
    if (!newOutcomes.has(id)) newOutcomes.set(id, o.matchSuccess);
  }
  // 2. The experiment's rows: all of them for the join, the new ones for traffic and counts.
  const store = input.log ?? new FilePredictionLogStore(input.logDir);
  const chunks = await store.list(input.fromDay, '9999-99-99');
  const byId = new Map<string, ExperimentRow>();
  const fresh: ExperimentRow[] = [];
  const log: Record<string, number> = { ...input.cursor.log };
  const seenInGroup = new Map<string, number>();
  const take = (text: string, isNew: boolean) => {
    for (const value of parseLines(text, isNew ? damaged : () => undefined)) {
      const row = asExperimentRow(value, input.experimentId);
      if (!row) continue;
      byId.set(row.id.toLowerCase(), row);
      if (isNew) fresh.push(row);
    }
  };
  for (const chunk of chunks) {
    if (chunk.group !== undefined) {
      // A whole object that never changes: the cursor counts objects of its group.
      const index = seenInGroup.get(chunk.group) ?? 0;
      seenInGroup.set(chunk.group, index + 1);
      const consumed = input.cursor.log[chunk.group] ?? 0;
      take(await chunkText(store, chunk), index >= consumed);
      log[chunk.group] = Math.max(consumed, index + 1);
      continue;
    }
    const name = path.basename(chunk.ref);
    const consumed = input.cursor.log[name] ?? 0;
    const whole = await wholeLinesFrom(chunk.ref, 0);
    const buffer = Buffer.from(whole.text, 'utf8');
    take(buffer.subarray(0, Math.min(consumed, buffer.length)).toString('utf8'), false);
    take(buffer.subarray(Math.min(consumed, buffer.length)).toString('utf8'), true);
    log[name] = Math.max(consumed, whole.end);
  }
  return {
    batch: {
      ...trafficAndCounts(fresh),
      ...joinOutcomes(newOutcomes, byId),
    },
    cursor: { log, outcomes: outcomeRead.position },
    damagedLines,
  };
}

function trafficAndCounts(rows: readonly ExperimentRow[]): Pick<ExperimentBatch, 'traffic' | 'predictions'> {
  const traffic = emptyTrafficWindow() as {
    candidateRequests: number;
    candidateErrors: number;
    candidateLatency: number[];
    productionLatency: number[];
    candidateScores: number[];
    productionScores: number[];
  };
  const predictions: Record<keyof PredictionCounts, number> = { ...NO_PREDICTIONS };
  const seenRequests = new Set<string>();
  for (const row of rows) {
    const e = row.experiment;
    if (!seenRequests.has(row.request_id)) {
      seenRequests.add(row.request_id);
      traffic.candidateRequests++;
      if (e.candidate_error !== null) traffic.candidateErrors++;
      if (typeof e.candidate_ms === 'number') addLatency(traffic.candidateLatency, e.candidate_ms);
      addLatency(traffic.productionLatency, e.production_ms);
    }
    if (typeof e.candidate_probability === 'number') {
      addScore(traffic.candidateScores, e.candidate_probability);
      addScore(traffic.productionScores, e.production_probability);
    }
    if (row.arm === 'shadow') predictions.shadow++;
    else if (row.arm === 'canary_candidate') predictions.canaryCandidate++;
    else if (row.arm === 'canary_production') predictions.canaryProduction++;
    else if (row.arm === 'unassigned') predictions.unassigned++;
  }
  return { traffic, predictions };
}

function joinOutcomes(
  outcomes: ReadonlyMap<string, 0 | 1>,
  rows: ReadonlyMap<string, ExperimentRow>,
): Pick<ExperimentBatch, 'outcomes' | 'outcomesJoined'> {
  const success = { candidate: [] as number[], production: [] as number[] };
  const losses = { candidate: [] as number[], production: [] as number[] };
  const paired: number[] = [];
  let joined = 0;
  for (const [id, y] of outcomes) {
    const row = rows.get(id);
    if (!row) continue;
    joined++;
    const e = row.experiment;
    const arm =
      row.arm === 'canary_candidate' ? 'candidate' : row.arm === 'canary_production' ? 'production' : null;
    if (arm) {
      success[arm].push(y);
      losses[arm].push(logLoss(row.probability, y));
    }
    if (typeof e.candidate_probability === 'number') {
      paired.push(logLoss(e.candidate_probability, y) - logLoss(e.production_probability, y));
    }
  }
  const sums = (values: number[]): RunningSums => mergeSums(EMPTY_OUTCOME_SUMS.pairedLogLoss, sumsOf(values));
  const result: OutcomeSums = {
    success: { candidate: sums(success.candidate), production: sums(success.production) },
    logLoss: { candidate: sums(losses.candidate), production: sums(losses.production) },
    pairedLogLoss: sums(paired),
  };
  return { outcomes: result, outcomesJoined: joined };
}

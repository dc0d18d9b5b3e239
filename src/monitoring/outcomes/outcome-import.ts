/**
 * `outcomes import FILE.csv`: validate the whole file, then store it batch by
 * batch. Each batch is durable (fsynced) before the next begins, so a process
 * killed mid-import loses nothing it reported, and running the same import
 * again completes it: what was stored comes back as harmless exact repeats.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseOutcomesCsv } from './outcome-csv';
import type { OutcomeStore, KnownPredictionIds, OutcomeProblem, RecordOutcomesResult } from './outcome-store';

/** Rows stored per batch (one fsync each). */
export const DEFAULT_IMPORT_BATCH = 2000;

/** Options of {@link importOutcomesCsv}. */
export interface ImportOutcomesOptions {
  readonly batchSize?: number;
  /** Called after each batch with the rows done so far and the total. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** Most problems listed by id in a result (the counts are always complete). */
export const MAX_LISTED_PROBLEMS = 100;

/** What an import did. */
export interface ImportOutcomesResult extends RecordOutcomesResult {
  readonly file: string;
  /** Counts of conflicts and unknown ids (the lists stop at {@link MAX_LISTED_PROBLEMS}). */
  readonly conflictCount: number;
  readonly unknownCount: number;
}

/**
 * Imports an outcomes CSV into the store.
 *
 * @throws OutcomeInputError when the file does not parse (nothing is stored then)
 */
export async function importOutcomesCsv(
  store: OutcomeStore,
  file: string,
  known: KnownPredictionIds,
  options: ImportOutcomesOptions = {},
): Promise<ImportOutcomesResult> {
  const batchSize = options.batchSize ?? DEFAULT_IMPORT_BATCH;
  const rows = parseOutcomesCsv(await fs.readFile(file), file);
  const source = `csv:${path.basename(file)}`;
  let stored = 0;
  let duplicates = 0;
  const conflicts: OutcomeProblem[] = [];
  const unknown: OutcomeProblem[] = [];
  let conflictCount = 0;
  let unknownCount = 0;
  for (let start = 0; start < rows.length; start += batchSize) {
    const batch = rows.slice(start, start + batchSize).map((r) => ({ outcome: r.outcome, position: r.line }));
    const result = await store.record(batch, known, source);
    stored += result.stored;
    duplicates += result.duplicates;
    conflictCount += result.conflicts.length;
    unknownCount += result.unknown.length;
    conflicts.push(...result.conflicts.slice(0, MAX_LISTED_PROBLEMS - conflicts.length));
    unknown.push(...result.unknown.slice(0, MAX_LISTED_PROBLEMS - unknown.length));
    options.onProgress?.(Math.min(start + batchSize, rows.length), rows.length);
  }
  return { file, received: rows.length, stored, duplicates, conflicts, unknown, conflictCount, unknownCount };
}

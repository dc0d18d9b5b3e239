/** Shared helpers of the outcome tests: UUIDv7-like prediction ids and outcomes CSV text. */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A UUIDv7-shaped id for prediction `n`, made at `time` (ms since the epoch). */
export function predictionId(n: number, time = Date.UTC(2026, 10, 2, 9, 0, 0)): string {
  const hex = time.toString(16).padStart(12, '0') + '7' + n.toString(16).padStart(19, '0').slice(-19);
  const h = hex.slice(0, 12) + hex.slice(12, 16) + '8' + hex.slice(17, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** An outcomes CSV with `rows` outcomes for predictions 0..rows-1 (match_success = n % 3 === 0). */
export function outcomesCsv(rows: number, offset = 0): string {
  const lines = ['prediction_id,match_success,observed_at'];
  for (let n = offset; n < offset + rows; n++)
    lines.push(`${predictionId(n)},${n % 3 === 0 ? 1 : 0},2026-11-05T10:00:00Z`);
  return `${lines.join('\n')}\n`;
}

/** A fresh temporary folder. */
export function tempDir(prefix: string): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), prefix));
}

/** Every id is known (the prediction log is not part of these tests). */
export const allKnown = (ids: readonly string[]): Promise<ReadonlySet<string>> =>
  Promise.resolve(new Set(ids));

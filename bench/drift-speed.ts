/**
 * Drift check speed and memory: a 1M-row current file against a 100k-row
 * reference, 15 columns, generated with the project's generator (current with
 * drift 0.5). Measures CSV loading + validation of both files and the drift
 * statistics separately. Prints one JSON line.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { COLUMN_NAMES, generateMatchmakingRows, loadDatasetCsv, rowsToCsv } from '../src/data';
import { detectDatasetDrift } from '../src/drift';

async function writeCsv(file: string, rows: number, seed: number, drift: number): Promise<void> {
  // Written in chunks so generation never holds a million row objects at once.
  const handle = await fs.open(file, 'w');
  const chunk = 100_000;
  for (let start = 0; start < rows; start += chunk) {
    const csv = rowsToCsv(
      generateMatchmakingRows({ rows: Math.min(chunk, rows - start), seed: seed + start, drift }),
    );
    await handle.write(start === 0 ? csv : csv.slice(csv.indexOf('\n') + 1));
  }
  await handle.close();
}

async function main(): Promise<void> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-drift-'));
  const referenceFile = path.join(dir, 'reference.csv');
  const currentFile = path.join(dir, 'current.csv');
  await writeCsv(referenceFile, 100_000, 1, 0);
  await writeCsv(currentFile, 1_000_000, 2, 0.5);
  const rssBefore = process.memoryUsage().rss;
  const t0 = performance.now();
  const reference = await loadDatasetCsv(referenceFile);
  const current = await loadDatasetCsv(currentFile);
  const t1 = performance.now();
  const columns = (table: typeof reference) =>
    Object.fromEntries(COLUMN_NAMES.map((name) => [name, table.array(name) as ArrayLike<string | number>]));
  const result = detectDatasetDrift(columns(reference), columns(current));
  const t2 = performance.now();
  await fs.rm(dir, { recursive: true, force: true });
  console.log(
    JSON.stringify({
      referenceRows: reference.numRows(),
      currentRows: current.numRows(),
      columns: result.totalColumns,
      loadMs: t1 - t0,
      driftMs: t2 - t1,
      driftedColumns: result.driftedColumns,
      rssBeforeMb: rssBefore / 2 ** 20,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

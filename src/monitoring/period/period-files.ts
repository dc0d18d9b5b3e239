/**
 * The monitoring period records on disk (one JSON file per period, named by
 * its start, so measuring a period again replaces its record) and the state
 * kept between periods: the last scrape of the serving metrics, which the
 * next period's latency is differenced from.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { writeJsonAtomic } from '../../fs/atomic-write';
import type { HistogramSnapshot } from '../traffic/latency-histogram';
import { parsePeriodRecord, type MonitoringPeriodRecord } from './period-record';

/** The file of the period starting at `start` (ISO) in `dir`. */
export function periodRecordPath(dir: string, start: string): string {
  return path.join(dir, `${start.replaceAll(':', '').replace(/\.\d+Z$/, 'Z')}.json`);
}

/** Writes a record (atomically) and returns its path. */
export async function writePeriodRecord(dir: string, record: MonitoringPeriodRecord): Promise<string> {
  await fs.mkdir(dir, { recursive: true });
  const file = periodRecordPath(dir, record.period.start);
  await writeJsonAtomic(file, record);
  return file;
}

/** Reads one record. @throws Error naming the file when it is not a period record */
export async function readPeriodRecord(file: string): Promise<MonitoringPeriodRecord> {
  return parsePeriodRecord(await fs.readFile(file, 'utf8'), file);
}

/** Every record in `dir`, oldest period first; files that are not records are named in the error. */
export async function readPeriodRecords(dir: string): Promise<MonitoringPeriodRecord[]> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const records = await Promise.all(
    names.filter((n) => n.endsWith('.json')).map((n) => readPeriodRecord(path.join(dir, n))),
  );
  return records.sort((a, b) => a.period.start.localeCompare(b.period.start));
}

/** The last scrape of the serving latency histogram. */
export interface LatencyScrapeState {
  readonly at: string;
  readonly histogram: HistogramSnapshot;
}

const SCRAPE_FILE = 'latency-last-scrape.json';

/** The last scrape, if any. Infinity is stored as null (JSON) and restored here. */
export async function readLatencyScrape(dir: string): Promise<LatencyScrapeState | undefined> {
  try {
    const state = JSON.parse(await fs.readFile(path.join(dir, SCRAPE_FILE), 'utf8')) as {
      at: string;
      histogram: { upperBounds: Array<number | null>; counts: number[] };
    };
    return {
      at: state.at,
      histogram: {
        upperBounds: state.histogram.upperBounds.map((b) => (b === null ? Infinity : b)),
        counts: state.histogram.counts,
      },
    };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    return undefined; // a damaged state only costs one period's latency
  }
}

/** Remembers this scrape for the next period. */
export async function writeLatencyScrape(dir: string, state: LatencyScrapeState): Promise<void> {
  await fs.mkdir(dir, { recursive: true });
  await writeJsonAtomic(path.join(dir, SCRAPE_FILE), state);
}

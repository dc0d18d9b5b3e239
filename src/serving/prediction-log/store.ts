/**
 * Where prediction log batches go: the seam between the buffered writer and
 * the storage. The file-system store appends to one file per UTC day and
 * server process (`predictions-2026-11-28.<instance>.jsonl`), so processes
 * sharing a folder never interleave writes; an object store can implement the
 * same interface with one object per batch.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';

/** A stored piece of the log for one day. */
export interface LogChunk {
  readonly day: string;
  /** Store-specific reference (a file path for the file store, an object key for the object store). */
  readonly ref: string;
  /**
   * Set by stores whose chunks are whole, never-changed objects: the chunks of
   * one group are written one after another in key order, so "the first n of
   * the group" says exactly what a reader has consumed (the experiment cursor).
   * Unset: the chunk is a file that grows (read by byte offset).
   */
  readonly group?: string;
}

/** Storage of the prediction log. */
export interface PredictionLogStore {
  /** Stores `text` (whole JSON lines, each ending in `\n`) as part of `day`'s log. Rejects when storage refuses it. */
  append(day: string, text: string): Promise<void>;
  /** The chunks of days `from`..`to` (inclusive, `YYYY-MM-DD`), in day order. */
  list(from: string, to: string): Promise<LogChunk[]>;
  /** The bytes of a chunk as text. */
  read(chunk: LogChunk): AsyncIterable<string>;
}

const FILE_PATTERN = /^predictions-(\d{4}-\d{2}-\d{2})\.([A-Za-z0-9._-]+)\.jsonl$/;
const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** Makes a process name safe for a file name. */
export function safeInstanceName(name: string): string {
  const safe = name.replace(/[^A-Za-z0-9._-]/g, '_');
  return safe.length > 0 ? safe.slice(0, 100) : 'server';
}

/** The prediction log as files in a folder. */
export class FilePredictionLogStore implements PredictionLogStore {
  /** Set after a failed append: the file may end in half a line, which the next append must terminate. */
  private damaged = new Set<string>();

  /**
   * @param dir - the log folder (created on first write)
   * @param instance - this process's name in file names (writers only)
   */
  constructor(
    readonly dir: string,
    readonly instance = 'reader',
  ) {}

  /** The file `day`'s entries of this instance go to. */
  fileFor(day: string): string {
    return path.join(this.dir, `predictions-${day}.${safeInstanceName(this.instance)}.jsonl`);
  }

  async append(day: string, text: string): Promise<void> {
    if (!DAY_PATTERN.test(day)) throw new Error(`not a day: ${day}`);
    const file = this.fileFor(day);
    // A write that failed half-way (ENOSPC) may have left a partial line: start on a fresh line
    // so only that line is lost, not also the first line of this batch.
    const body = this.damaged.has(file) ? `\n${text}` : text;
    try {
      await fs.mkdir(this.dir, { recursive: true });
      await fs.appendFile(file, body);
      this.damaged.delete(file);
    } catch (error) {
      this.damaged.add(file);
      throw error;
    }
  }

  async list(from: string, to: string): Promise<LogChunk[]> {
    let names: string[];
    try {
      names = await fs.readdir(this.dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const chunks: LogChunk[] = [];
    for (const name of names.sort()) {
      const match = FILE_PATTERN.exec(name);
      if (!match) continue;
      const day = match[1]!;
      if (day >= from && day <= to) chunks.push({ day, ref: path.join(this.dir, name) });
    }
    return chunks;
  }

  async *read(chunk: LogChunk): AsyncIterable<string> {
    const handle = await fs.open(chunk.ref, 'r');
    try {
      for await (const piece of handle.createReadStream({ encoding: 'utf8', autoClose: false })) {
        yield piece as string;
      }
    } finally {
      await handle.close();
    }
  }
}

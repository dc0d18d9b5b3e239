/**
 * How NannyML cuts rows into chunks (`nannyml.chunk`), as `[start, end)` row
 * ranges: by size (full chunks, then the remainder as a smaller chunk of its
 * own), by count (size = rows ÷ count, rounded down, then by size), or by
 * NannyML's default of about 10 chunks. CBPE's alert thresholds come from the
 * spread of the metric over the reference chunks, so the chunks must be the
 * same as NannyML's for the thresholds to be.
 */

/** How to chunk: `{ size }`, `{ count }`, or `{}` for NannyML's default (10 by count). */
export type Chunking = { readonly size: number } | { readonly count: number } | Record<string, never>;

/** NannyML's `DefaultChunker.DEFAULT_CHUNK_COUNT`. */
export const DEFAULT_CHUNK_COUNT = 10;

/** A chunk of consecutive rows. */
export interface ChunkRange {
  readonly start: number;
  /** Exclusive. */
  readonly end: number;
}

/**
 * The chunks of `rows` rows.
 *
 * @throws RangeError when the size or count is not a positive integer, or the
 *   rows are fewer than the count (NannyML refuses a chunk size of 0)
 */
export function chunkRanges(rows: number, chunking: Chunking = {}): ChunkRange[] {
  if (rows === 0) return [];
  let size: number;
  if ('size' in chunking) {
    size = chunking.size;
    if (!Number.isInteger(size) || size <= 0)
      throw new RangeError(`chunk size must be a positive integer, got ${size}`);
  } else {
    const count = 'count' in chunking ? chunking.count : DEFAULT_CHUNK_COUNT;
    if (!Number.isInteger(count) || count <= 0) {
      throw new RangeError(`chunk count must be a positive integer, got ${count}`);
    }
    size = Math.floor(rows / count);
    if (size === 0) throw new RangeError(`cannot cut ${rows} rows into ${count} chunks`);
  }
  const out: ChunkRange[] = [];
  for (let start = 0; start + size <= rows; start += size) out.push({ start, end: start + size });
  if (rows % size !== 0) out.push({ start: size * Math.floor(rows / size), end: rows });
  return out;
}

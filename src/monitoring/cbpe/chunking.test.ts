import { chunkRanges } from './chunking';

describe('chunkRanges', () => {
  it('cuts full chunks by size and keeps the remainder as a chunk of its own', () => {
    expect(chunkRanges(1000, { size: 400 })).toEqual([
      { start: 0, end: 400 },
      { start: 400, end: 800 },
      { start: 800, end: 1000 },
    ]);
  });

  it('cuts by count with the size rounded down, so the remainder is one chunk more', () => {
    expect(chunkRanges(23, { count: 4 }).map((c) => c.end - c.start)).toEqual([5, 5, 5, 5, 3]);
  });

  it("defaults to NannyML's 10 chunks", () => {
    expect(chunkRanges(437)).toHaveLength(11);
    expect(chunkRanges(400)).toHaveLength(10);
  });

  it('has no chunk for no rows and refuses impossible chunkings', () => {
    expect(chunkRanges(0, { size: 5 })).toEqual([]);
    expect(() => chunkRanges(5, { size: 0 })).toThrow(/positive integer/);
    expect(() => chunkRanges(5, { count: 6 })).toThrow(/cannot cut 5 rows into 6 chunks/);
  });
});

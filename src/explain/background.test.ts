import { sampleBackgroundRows } from './background';

describe('sampleBackgroundRows', () => {
  const candidates = Int32Array.from({ length: 500 }, (_, i) => 1000 + 2 * i);

  it('draws distinct candidates, ascending, the same for the same seed', () => {
    const rows = sampleBackgroundRows(candidates, 50, 9);
    expect(rows).toHaveLength(50);
    expect(new Set(rows).size).toBe(50);
    expect(Array.from(rows).every((r) => candidates.includes(r))).toBe(true);
    expect(Array.from(rows)).toEqual([...rows].sort((a, b) => a - b));
    expect(sampleBackgroundRows(candidates, 50, 9)).toEqual(rows);
    expect(sampleBackgroundRows(candidates, 50, 10)).not.toEqual(rows);
  });

  it('takes every candidate when there are fewer than asked for', () => {
    expect(Array.from(sampleBackgroundRows([7, 3, 5], 50, 1))).toEqual([3, 5, 7]);
  });

  it('refuses a size that is not a positive integer, or no candidates', () => {
    expect(() => sampleBackgroundRows(candidates, 0, 1)).toThrow(
      'background size must be a positive integer, got 0',
    );
    expect(() => sampleBackgroundRows([], 5, 1)).toThrow('no rows to draw a background sample from');
  });
});

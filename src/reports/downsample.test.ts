import { downsampleCurve } from './downsample';

/** Largest vertical distance between a curve and a polyline through `kept`, at the curve's x values. */
function maxGap(xs: readonly number[], ys: readonly number[], kept: ReadonlyArray<{ x: number; y: number }>): number {
  let gap = 0;
  let k = 0;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i]!;
    while (k < kept.length - 2 && kept[k + 1]!.x < x) k++;
    const a = kept[k]!;
    const b = kept[k + 1]!;
    const t = b.x === a.x ? 0 : Math.min(1, Math.max(0, (x - a.x) / (b.x - a.x)));
    gap = Math.max(gap, Math.abs(a.y + t * (b.y - a.y) - ys[i]!));
  }
  return gap;
}

describe('downsampleCurve', () => {
  it('returns a short curve unchanged', () => {
    expect(downsampleCurve([0, 0.5, 1], [0, 0.8, 1], 500)).toEqual([
      { x: 0, y: 0 },
      { x: 0.5, y: 0.8 },
      { x: 1, y: 1 },
    ]);
  });

  it('keeps both endpoints and at most maxPoints points of a 100k-point curve', () => {
    const n = 100_000;
    const xs = Array.from({ length: n }, (_, i) => i / (n - 1));
    const ys = xs.map((x) => Math.sqrt(x));
    const kept = downsampleCurve(xs, ys, 500);
    expect(kept).toHaveLength(500);
    expect(kept[0]).toEqual({ x: 0, y: 0 });
    expect(kept[kept.length - 1]).toEqual({ x: 1, y: 1 });
    // sqrt is steepest at 0, where even spacing would cut the corner most.
    expect(maxGap(xs, ys, kept)).toBeLessThan(0.01);
  });

  it('keeps the corner of a step sharp, to within one bucket', () => {
    const n = 10_000;
    const xs = Array.from({ length: n }, (_, i) => i / (n - 1));
    const ys = xs.map((x) => (x < 0.3 ? 0 : 1));
    const kept = downsampleCurve(xs, ys, 50);
    const bucket = 1 / 48;
    const lastLow = Math.max(...kept.filter((p) => p.y === 0).map((p) => p.x));
    const firstHigh = Math.min(...kept.filter((p) => p.y === 1).map((p) => p.x));
    expect(0.3 - lastLow).toBeLessThan(bucket);
    expect(firstHigh - 0.3).toBeLessThan(bucket);
  });

  it('drops points with a NaN or infinite coordinate', () => {
    expect(downsampleCurve([NaN, 0, Infinity, 1], [0, 0, 1, 1])).toEqual([
      { x: 0, y: 0 },
      { x: 1, y: 1 },
    ]);
  });

  it('rejects fewer than 3 points', () => {
    expect(() => downsampleCurve([0, 1], [0, 1], 2)).toThrow('downsampleCurve: maxPoints must be at least 3, got 2');
  });
});

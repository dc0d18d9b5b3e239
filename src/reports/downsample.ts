/** A point of a plotted curve. */
export interface CurvePoint {
  readonly x: number;
  readonly y: number;
}

/**
 * Most points kept per curve: an ROC curve has one point per distinct score
 * (≈ one per row), which would make a 100k-row report several megabytes of
 * SVG path; 500 points are more than a 500-pixel-wide chart can show.
 */
export const DEFAULT_MAX_CURVE_POINTS = 500;

/**
 * Reduces a curve to at most `maxPoints` points with Largest-Triangle-Three-
 * Buckets (Steinarsson, "Downsampling Time Series for Visual Representation",
 * 2013): the first and last points are kept, the rest is split into equal
 * buckets by index, and from each bucket the point forming the largest
 * triangle with the previously kept point and the next bucket's mean is kept.
 * That keeps corners and peaks, which evenly spaced sampling would cut off.
 *
 * Points with a non-finite coordinate are dropped first (an undefined curve
 * has none left).
 *
 * @param maxPoints - at least 3; curves already that short come back unchanged
 */
export function downsampleCurve(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  maxPoints: number = DEFAULT_MAX_CURVE_POINTS,
): CurvePoint[] {
  const points: CurvePoint[] = [];
  const n = Math.min(xs.length, ys.length);
  for (let i = 0; i < n; i++) {
    const x = xs[i]!;
    const y = ys[i]!;
    if (Number.isFinite(x) && Number.isFinite(y)) points.push({ x, y });
  }
  if (maxPoints < 3) throw new RangeError(`downsampleCurve: maxPoints must be at least 3, got ${maxPoints}`);
  if (points.length <= maxPoints) return points;

  const kept: CurvePoint[] = [points[0]!];
  const bucketSize = (points.length - 2) / (maxPoints - 2);
  let previous = points[0]!;
  for (let b = 0; b < maxPoints - 2; b++) {
    const start = Math.floor(b * bucketSize) + 1;
    const end = Math.floor((b + 1) * bucketSize) + 1;
    // Mean of the next bucket (or the last point, for the final bucket).
    const nextStart = end;
    const nextEnd = Math.min(Math.floor((b + 2) * bucketSize) + 1, points.length);
    let meanX = 0;
    let meanY = 0;
    for (let i = nextStart; i < nextEnd; i++) {
      meanX += points[i]!.x;
      meanY += points[i]!.y;
    }
    const span = Math.max(nextEnd - nextStart, 1);
    meanX = nextEnd > nextStart ? meanX / span : points[points.length - 1]!.x;
    meanY = nextEnd > nextStart ? meanY / span : points[points.length - 1]!.y;

    let best = points[start]!;
    let bestArea = -1;
    for (let i = start; i < end; i++) {
      const p = points[i]!;
      const area = Math.abs((previous.x - meanX) * (p.y - previous.y) - (previous.x - p.x) * (meanY - previous.y));
      if (area > bestArea) {
        bestArea = area;
        best = p;
      }
    }
    kept.push(best);
    previous = best;
  }
  kept.push(points[points.length - 1]!);
  return kept;
}

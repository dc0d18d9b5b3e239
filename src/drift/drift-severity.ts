/**
 * How far past its threshold a column is, comparable across methods: distances
 * drift when high (score / threshold), p-values when low (threshold / score).
 * Used to rank drifted columns in alerts and reports.
 */
export function driftSeverity(column: { method: string; score: number; threshold: number }): number {
  const pValue = column.method === 'ks' || column.method === 'chisquare' || column.method === 'z';
  if (pValue) return column.threshold / Math.max(column.score, Number.MIN_VALUE);
  return column.score / column.threshold;
}

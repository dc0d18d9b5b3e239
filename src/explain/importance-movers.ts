/**
 * "What moved": the columns whose importance changed most between production
 * and a candidate, for the approval status and the report's summary.
 */
import type { GlobalImportance } from './global-importance';

/** One column's importance in both models. */
export interface ImportanceMove {
  readonly column: string;
  /** Permutation importance (ROC AUC drop) of the candidate and of production. */
  readonly permutation: { readonly candidate: number; readonly production: number; readonly change: number };
  /** Mean |attribution| of the candidate and of production. */
  readonly meanAbsAttribution: {
    readonly candidate: number;
    readonly production: number;
    readonly change: number;
  };
}

/** Movers shown unless a caller asks for another count. */
export const DEFAULT_TOP_MOVERS = 3;

/**
 * The `top` columns whose permutation importance changed most (by absolute
 * change, ties broken by the change in mean |attribution|, then by name), with
 * both measures of both models.
 */
export function importanceMovers(
  candidate: GlobalImportance,
  production: GlobalImportance,
  top: number = DEFAULT_TOP_MOVERS,
): ImportanceMove[] {
  const moves = candidate.columns.map((column, j) => {
    const k = production.columns.indexOf(column);
    const pair = (a: readonly number[], b: readonly number[]) => {
      const c = a[j]!;
      const p = k >= 0 ? b[k]! : 0;
      return { candidate: c, production: p, change: c - p };
    };
    return {
      column,
      permutation: pair(candidate.permutation.mean, production.permutation.mean),
      meanAbsAttribution: pair(candidate.meanAbsAttribution.values, production.meanAbsAttribution.values),
    };
  });
  return moves
    .sort(
      (a, b) =>
        Math.abs(b.permutation.change) - Math.abs(a.permutation.change) ||
        Math.abs(b.meanAbsAttribution.change) - Math.abs(a.meanAbsAttribution.change) ||
        a.column.localeCompare(b.column),
    )
    .slice(0, Math.max(0, top));
}

/**
 * The small summary of global importance the approval status carries through
 * Temporal: each model's top columns with their numbers, and the columns that
 * moved most — a few dozen numbers, never rows (the full tables and charts are
 * in the evaluation report).
 */
import { importanceMovers, type GlobalImportance, type ImportanceMove } from '../explain';

/** Columns per model the status shows. */
export const STATUS_TOP_COLUMNS = 5;

/** One column of a model's top list. */
export interface ColumnImportance {
  readonly column: string;
  /** Permutation importance: mean ROC AUC drop over the repeats, and its standard deviation. */
  readonly permutation: number;
  readonly permutationStd: number;
  readonly meanAbsAttribution: number;
}

/** One model's top columns by permutation importance. */
export interface ModelImportanceSummary {
  readonly version: string;
  readonly top: readonly ColumnImportance[];
}

/** What the approval status shows about what the models rely on. */
export interface ImportanceSummary {
  readonly candidate: ModelImportanceSummary;
  readonly production: ModelImportanceSummary | null;
  /** Columns whose importance changed most from production to the candidate (empty without production). */
  readonly moved: readonly ImportanceMove[];
}

function topColumns(version: string, importance: GlobalImportance, top: number): ModelImportanceSummary {
  const columns = importance.columns.map((column, j) => ({
    column,
    permutation: importance.permutation.mean[j]!,
    permutationStd: importance.permutation.std[j]!,
    meanAbsAttribution: importance.meanAbsAttribution.values[j]!,
  }));
  columns.sort(
    (a, b) =>
      b.permutation - a.permutation ||
      b.meanAbsAttribution - a.meanAbsAttribution ||
      a.column.localeCompare(b.column),
  );
  return { version, top: columns.slice(0, top) };
}

/** Summarises the candidate's and production's importance for the approval status. */
export function summariseImportance(
  candidate: { readonly version: string; readonly importance: GlobalImportance },
  production: { readonly version: string; readonly importance: GlobalImportance } | null,
  top: number = STATUS_TOP_COLUMNS,
): ImportanceSummary {
  return {
    candidate: topColumns(candidate.version, candidate.importance, top),
    production: production ? topColumns(production.version, production.importance, top) : null,
    moved: production ? importanceMovers(candidate.importance, production.importance, top) : [],
  };
}

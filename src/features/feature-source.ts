/**
 * Raw (untransformed) values of a dense feature — a numeric/binary column or a
 * derived pair feature — over selected rows, and the columns the encoders read.
 */
import type { ColumnTable } from 'arquero';
import { DERIVED_FEATURE_INPUTS, derivedFeatureAt } from './derived-features';
import { DERIVED_FEATURES, type DerivedFeature } from './feature-spec';
import { numericAt } from './table-columns';

function isDerived(name: string): name is DerivedFeature {
  return (DERIVED_FEATURES as readonly string[]).includes(name);
}

/** Raw float64 values of dense feature `name` at `rows`. */
export function denseFeatureAt(table: ColumnTable, name: string, rows: ArrayLike<number>): Float64Array {
  return isDerived(name) ? derivedFeatureAt(table, name, rows) : numericAt(table, name, rows);
}

/** Dataset columns a dense feature reads. */
export function inputColumnsOf(name: string): readonly string[] {
  return isDerived(name) ? DERIVED_FEATURE_INPUTS[name] : [name];
}

/** Every dataset column the encoders of a `PreprocessorState` read (the label excluded). */
export function requiredColumns(state: {
  readonly scaled: readonly { readonly name: string }[];
  readonly flags: readonly string[];
  readonly oneHot: readonly { readonly column: string }[];
  readonly multiHot: readonly { readonly column: string }[];
}): Set<string> {
  const columns = new Set<string>();
  for (const s of state.scaled) inputColumnsOf(s.name).forEach((c) => columns.add(c));
  for (const f of state.flags) inputColumnsOf(f).forEach((c) => columns.add(c));
  for (const v of [...state.oneHot, ...state.multiHot]) columns.add(v.column);
  return columns;
}

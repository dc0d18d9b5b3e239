/**
 * Pair features: facts about the (client, lawyer) pair that the network would
 * otherwise have to learn from products of one-hot columns. They are computed
 * from the raw strings, not from the fitted vocabularies, so they stay correct
 * for categories that were never seen in training.
 */
import type { ColumnTable } from 'arquero';
import type { DerivedFeature } from './feature-spec';
import { createLanguageSetParser, stringsAt } from './table-columns';

/** Columns each derived feature reads. */
export const DERIVED_FEATURE_INPUTS: Readonly<
  Record<DerivedFeature, readonly [string, string] | readonly [string]>
> = {
  specialization_match: ['client_case_type', 'lawyer_specialization'],
  language_match: ['client_language', 'lawyer_languages'],
  region_match: ['client_region', 'lawyer_region'],
  lawyer_language_count: ['lawyer_languages'],
};

/** 1 where both cells are the same non-missing string, else 0. */
function equalAt(table: ColumnTable, a: string, b: string, rows: ArrayLike<number>): Float64Array {
  const left = stringsAt(table, a, rows);
  const right = stringsAt(table, b, rows);
  const out = new Float64Array(rows.length);
  for (let k = 0; k < rows.length; k++) {
    const l = left[k];
    out[k] = l !== undefined && l === right[k] ? 1 : 0;
  }
  return out;
}

/**
 * Values of a derived feature at `rows`:
 * - `specialization_match`: client_case_type == lawyer_specialization
 * - `language_match`: client_language ∈ lawyer_languages
 * - `region_match`: client_region == lawyer_region
 * - `lawyer_language_count`: number of distinct languages in lawyer_languages
 */
export function derivedFeatureAt(
  table: ColumnTable,
  feature: DerivedFeature,
  rows: ArrayLike<number>,
): Float64Array {
  switch (feature) {
    case 'specialization_match':
      return equalAt(table, 'client_case_type', 'lawyer_specialization', rows);
    case 'region_match':
      return equalAt(table, 'client_region', 'lawyer_region', rows);
    case 'language_match': {
      const parse = createLanguageSetParser();
      const client = stringsAt(table, 'client_language', rows);
      const lawyer = stringsAt(table, 'lawyer_languages', rows);
      const out = new Float64Array(rows.length);
      for (let k = 0; k < rows.length; k++) {
        const language = client[k];
        out[k] = language !== undefined && parse(lawyer[k]).has(language) ? 1 : 0;
      }
      return out;
    }
    case 'lawyer_language_count': {
      const parse = createLanguageSetParser();
      const lawyer = stringsAt(table, 'lawyer_languages', rows);
      const out = new Float64Array(rows.length);
      for (let k = 0; k < rows.length; k++) out[k] = parse(lawyer[k]).size;
      return out;
    }
  }
}

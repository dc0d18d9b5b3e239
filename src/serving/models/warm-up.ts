/**
 * The warm-up prediction a version must make before it takes traffic: one
 * valid row through the whole scoring path. It compiles the backend's kernels
 * for the model's shapes (the first prediction is the slow one) and proves the
 * version scores at all: a probability that is not a number in [0, 1] refuses it.
 */
import { decodeColumns, type DecodedRows } from '../request/decode-columns';
import { rowObjectsSource } from '../request/row-objects';

/** A plausible request row. */
export const WARM_UP_ROW: Readonly<Record<string, string | number>> = {
  client_case_type: 'housing',
  client_urgency: 'high',
  client_income_bracket: 'low',
  client_language: 'spanish',
  client_region: 'north',
  client_age: 41,
  lawyer_specialization: 'housing',
  lawyer_years_experience: 12,
  lawyer_rating: 4.4,
  lawyer_caseload: 28,
  lawyer_languages: 'english|spanish',
  lawyer_pro_bono: 1,
  lawyer_region: 'north',
  distance_km: 6.5,
};

let rows: DecodedRows | undefined;

/** The warm-up row, decoded like a request. */
export function warmUpRows(): DecodedRows {
  rows ??= decodeColumns(
    rowObjectsSource([WARM_UP_ROW], () => 'warm-up row'),
    (column) => `warm-up row, ${column}`,
  );
  return rows;
}

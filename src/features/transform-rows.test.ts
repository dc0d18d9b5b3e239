// arquero 8 ships ES modules only, which Jest cannot require on Node < 24.9; its UMD
// bundle is the same library. (A `moduleNameMapper` entry in jest.config.js would make this unnecessary.)

import * as aq from 'arquero';
import { LABEL_COLUMN, type MatchmakingRow } from '../data/schema';
import type { FeatureMatrix } from './feature-matrix';
import { fitPreprocessor } from './fit-preprocessor';
import { syntheticMatchTable, tableFromRows } from './synthetic-table';
import { transformRows } from './transform-rows';

function row(overrides: Partial<MatchmakingRow> = {}): MatchmakingRow {
  return {
    client_case_type: 'family',
    client_urgency: 'low',
    client_income_bracket: 'low',
    client_language: 'english',
    client_region: 'north',
    client_age: 30,
    lawyer_specialization: 'family',
    lawyer_years_experience: 10,
    lawyer_rating: 4,
    lawyer_caseload: 10,
    lawyer_languages: 'english',
    lawyer_pro_bono: 0,
    lawyer_region: 'north',
    distance_km: 5,
    match_success: 1,
    ...overrides,
  };
}

/** Value of feature `name` in row `k`. */
function at(matrix: FeatureMatrix, k: number, name: string): number {
  const j = matrix.featureNames.indexOf(name);
  if (j < 0) throw new Error(`no feature ${name}`);
  return matrix.values[k * matrix.featureCount + j]!;
}

/** The values of every feature whose name starts with `prefix`, in row `k`. */
function block(matrix: FeatureMatrix, k: number, prefix: string): number[] {
  return matrix.featureNames.filter((n) => n.startsWith(prefix)).map((n) => at(matrix, k, n));
}

describe('transformRows', () => {
  const table = tableFromRows([
    row({ client_region: 'south', client_age: 20, lawyer_languages: 'spanish|english', match_success: 0 }),
    row({
      client_region: 'north',
      client_age: 30,
      client_case_type: 'housing',
      lawyer_specialization: 'family',
    }),
    row({
      client_region: 'east',
      client_age: 40,
      lawyer_region: 'east',
      client_language: 'arabic',
      lawyer_languages: 'arabic',
    }),
    row({
      client_region: 'west',
      client_age: 90,
      client_case_type: 'criminal',
      lawyer_specialization: 'criminal',
      client_language: 'mandarin',
      lawyer_languages: 'mandarin|french',
      lawyer_region: 'west',
    }),
  ]);
  const state = fitPreprocessor(table, [0, 1, 2]);

  it('produces a row-major float32 matrix with the fitted feature names and the labels', () => {
    const m = transformRows(state, table, [0, 1, 2, 3]);
    expect(m.values).toBeInstanceOf(Float32Array);
    expect(m.rowCount).toBe(4);
    expect(m.featureCount).toBe(state.featureNames.length);
    expect(m.values.length).toBe(4 * m.featureCount);
    expect(m.featureNames).toEqual(state.featureNames);
    expect(Array.from(m.labels)).toEqual([0, 1, 1, 1]);
  });

  it('encodes a category unseen at fit time as all zeros', () => {
    const m = transformRows(state, table, [3]);
    expect(block(m, 0, 'client_region=')).toEqual([0, 0, 0]);
    expect(block(m, 0, 'client_case_type=')).toEqual([0, 0]); // only family and housing were seen
    // 'french' and 'mandarin' are both unseen: the multi-hot block is empty too.
    expect(block(m, 0, 'lawyer_languages=')).toEqual([0, 0, 0]);
  });

  it('one-hot and multi-hot encode seen categories', () => {
    const m = transformRows(state, table, [0]);
    expect(m.featureNames.filter((n) => n.startsWith('client_region='))).toEqual([
      'client_region=east',
      'client_region=north',
      'client_region=south',
    ]);
    expect(block(m, 0, 'client_region=')).toEqual([0, 0, 1]);
    expect(block(m, 0, 'lawyer_languages=')).toEqual([0, 1, 1]); // arabic, english, spanish
  });

  it('computes the derived pair features from the raw values, seen or not', () => {
    const m = transformRows(state, table, [0, 1, 2, 3]);
    const column = (name: string) => [0, 1, 2, 3].map((k) => at(m, k, name));
    expect(column('specialization_match')).toEqual([1, 0, 1, 1]);
    expect(column('language_match')).toEqual([1, 1, 1, 1]);
    expect(column('region_match')).toEqual([0, 1, 1, 1]);
    const rawCounts = [2, 1, 1, 2];
    const count = state.scaled.find((s) => s.name === 'lawyer_language_count')!;
    column('lawyer_language_count').forEach((v, k) =>
      expect(v).toBeCloseTo((rawCounts[k]! - count.mean) / count.std, 6),
    );
    const mismatch = tableFromRows([row({ client_language: 'french', lawyer_languages: 'english|spanish' })]);
    expect(at(transformRows(state, mismatch, [0]), 0, 'language_match')).toBe(0);
  });

  it('scales every row with the training statistics, including rows outside the training set', () => {
    const m = transformRows(state, table, [3, 0]);
    // training ages 20, 30, 40: mean 30, std 8.16496580927726 (numpy np.std)
    expect(at(m, 0, 'client_age')).toBeCloseTo((90 - 30) / 8.16496580927726, 5);
    expect(at(m, 1, 'client_age')).toBeCloseTo((20 - 30) / 8.16496580927726, 5);
    const distance = state.scaled.find((s) => s.name === 'distance_km')!;
    expect(at(m, 0, 'distance_km')).toBeCloseTo((Math.log1p(5) - distance.mean) / distance.std, 5);
  });

  it('returns empty labels when the table has no label column (serving)', () => {
    const unlabelled = table.select(aq.not(LABEL_COLUMN));
    const m = transformRows(state, unlabelled, [0, 1]);
    expect(m.labels.length).toBe(0);
    expect(Array.from(m.values)).toEqual(Array.from(transformRows(state, table, [0, 1]).values));
  });

  it('honours a filtered table: row indices refer to its visible rows', () => {
    const filtered = table.filter((d: { client_age: number }) => d.client_age >= 30);
    const m = transformRows(state, filtered, [0]);
    expect(at(m, 0, 'client_age')).toBeCloseTo(0, 6); // the age-30 row
  });

  it('rejects labels other than 0/1 and out-of-range rows', () => {
    const bad = tableFromRows([row({ match_success: 2 as 0 })]);
    expect(() => transformRows(state, bad, [0])).toThrow(
      'column "match_success", row 0: expected 0 or 1, got 2',
    );
    expect(() => transformRows(state, table, [-1])).toThrow('transformRows: row index -1 at position 0');
  });

  it('encodes a 20k-row synthetic table without NaN', () => {
    const big = syntheticMatchTable(20_000, 7);
    const rows = Int32Array.from({ length: 20_000 }, (_, i) => i);
    const fitted = fitPreprocessor(big, rows.subarray(0, 14_000));
    const m = transformRows(fitted, big, rows);
    expect(m.values.every((v) => Number.isFinite(v))).toBe(true);
    expect(m.featureCount).toBe(52);
  });
});

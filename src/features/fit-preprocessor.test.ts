// arquero 8 ships ES modules only, which Jest cannot require on Node < 24.9; its UMD
// bundle is the same library. (A `moduleNameMapper` entry in jest.config.js would make this unnecessary.)

import type { MatchmakingRow } from '../data/schema';
import { fitPreprocessor } from './fit-preprocessor';
import type { PreprocessorState } from './preprocessor-state';
import { tableFromRows } from './synthetic-table';
import * as aq from 'arquero';

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

const scaledOf = (state: PreprocessorState, name: string) => state.scaled.find((s) => s.name === name)!;
const vocabularyOf = (state: PreprocessorState, column: string) =>
  [...state.oneHot, ...state.multiHot].find((v) => v.column === column)!.vocabulary;

describe('fitPreprocessor', () => {
  const table = tableFromRows([
    row({ client_region: 'south', client_age: 20, distance_km: 0, lawyer_languages: 'spanish|english' }),
    row({ client_region: 'north', client_age: 30, distance_km: Math.E - 1, lawyer_languages: 'english' }),
    row({ client_region: 'east', client_age: 40, distance_km: Math.E ** 2 - 1, lawyer_languages: 'arabic' }),
    // Validation-only row: its region, language and extreme values must not leak into the fit.
    row({ client_region: 'west', client_age: 90, distance_km: 1500, lawyer_languages: 'mandarin|french' }),
  ]);
  const state = fitPreprocessor(table, [0, 1, 2]);

  it('learns one-hot vocabularies from the training rows only, sorted', () => {
    expect(vocabularyOf(state, 'client_region')).toEqual(['east', 'north', 'south']);
    expect(vocabularyOf(state, 'client_case_type')).toEqual(['family']);
  });

  it('learns the multi-hot vocabulary as the union of the training sets, sorted', () => {
    expect(vocabularyOf(state, 'lawyer_languages')).toEqual(['arabic', 'english', 'spanish']);
  });

  it('does not depend on the order of the training rows', () => {
    expect(fitPreprocessor(table, [2, 0, 1])).toEqual(state);
  });

  it('standardises with the mean and population std of the training rows', () => {
    // numpy: np.mean([20, 30, 40]) = 30, np.std([20, 30, 40]) = 8.16496580927726
    expect(scaledOf(state, 'client_age')).toMatchObject({
      name: 'client_age',
      transform: 'identity',
      mean: 30,
    });
    expect(scaledOf(state, 'client_age').std).toBeCloseTo(8.16496580927726, 12);
  });

  it('takes log1p of distance_km and lawyer_caseload before computing the statistics', () => {
    // log1p([0, e - 1, e² - 1]) = [0, 1, 2]: mean 1, population std sqrt(2/3) = 0.816496580927726
    const distance = scaledOf(state, 'distance_km');
    expect(distance.transform).toBe('log1p');
    expect(distance.mean).toBeCloseTo(1, 12);
    expect(distance.std).toBeCloseTo(0.816496580927726, 12);
    expect(scaledOf(state, 'lawyer_caseload').transform).toBe('log1p');
  });

  it('uses std 1 for a feature that is constant on the training rows', () => {
    expect(scaledOf(state, 'lawyer_rating')).toMatchObject({ mean: 4, std: 1 });
  });

  it('scales the derived language count and passes match flags through', () => {
    // counts on the training rows: 2, 1, 1
    expect(scaledOf(state, 'lawyer_language_count').mean).toBeCloseTo(4 / 3, 12);
    expect(state.flags).toEqual([
      'lawyer_pro_bono',
      'specialization_match',
      'language_match',
      'region_match',
    ]);
  });

  it('lists feature names in matrix order: scaled, flags, one-hot, multi-hot', () => {
    expect(state.featureNames.slice(0, 6)).toEqual([
      'client_age',
      'lawyer_years_experience',
      'lawyer_rating',
      'lawyer_caseload',
      'distance_km',
      'lawyer_language_count',
    ]);
    expect(state.featureNames).toContain('client_region=east');
    expect(state.featureNames).not.toContain('client_region=west');
    expect(state.featureNames.slice(-3)).toEqual([
      'lawyer_languages=arabic',
      'lawyer_languages=english',
      'lawyer_languages=spanish',
    ]);
    expect(state.fittedRowCount).toBe(3);
    expect(state.formatVersion).toBe(1);
  });

  it('is plain JSON', () => {
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
  });

  it('rejects an empty training set, an out-of-range row and a missing column', () => {
    expect(() => fitPreprocessor(table, [])).toThrow('fitPreprocessor: no training rows');
    expect(() => fitPreprocessor(table, [0, 4])).toThrow(
      'fitPreprocessor: row index 4 at position 1 is outside the table (0..3)',
    );
    expect(() => fitPreprocessor(table.select(aq.not('distance_km')), [0])).toThrow(
      'fitPreprocessor: table has no column "distance_km"',
    );
  });

  it('rejects a numeric cell that is not a finite number, naming column and row', () => {
    const bad = tableFromRows([row(), row({ lawyer_rating: Number.NaN })]);
    expect(() => fitPreprocessor(bad, [0, 1])).toThrow(
      'column "lawyer_rating", row 1: expected a finite number, got NaN',
    );
  });
});

/**
 * Tables for tests and benchmarks: hand-written rows, or a seeded synthetic
 * dataset with the schema's columns and a learnable signal (not a stand-in for
 * the real data generator).
 */
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import { createRng } from '../data/random';
import {
  CASE_TYPES,
  COLUMN_NAMES,
  INCOME_BRACKETS,
  LANGUAGES,
  REGIONS,
  URGENCY_LEVELS,
  type MatchmakingRow,
} from '../data/schema';

/** A column table with the schema's columns, in canonical order, holding `rows`. */
export function tableFromRows(rows: readonly MatchmakingRow[]): ColumnTable {
  const columns: Record<string, unknown[]> = {};
  for (const name of COLUMN_NAMES) columns[name] = rows.map((r) => r[name as keyof MatchmakingRow]);
  return aq.table(columns);
}

/**
 * Builds `rowCount` rows. The label follows a logistic model of the pair
 * features (specialisation, language and region match, rating, distance,
 * caseload) with a base rate of roughly 30 % positives, so a good model reaches a
 * validation ROC AUC well above 0.8.
 */
export function syntheticMatchTable(rowCount: number, seed: number): ColumnTable {
  const rng = createRng(seed);
  const pick = <T>(values: readonly T[]): T => values[rng.int(values.length)]!;
  const columns = {
    client_case_type: new Array<string>(rowCount),
    client_urgency: new Array<string>(rowCount),
    client_income_bracket: new Array<string>(rowCount),
    client_language: new Array<string>(rowCount),
    client_region: new Array<string>(rowCount),
    client_age: new Array<number>(rowCount),
    lawyer_specialization: new Array<string>(rowCount),
    lawyer_years_experience: new Array<number>(rowCount),
    lawyer_rating: new Array<number>(rowCount),
    lawyer_caseload: new Array<number>(rowCount),
    lawyer_languages: new Array<string>(rowCount),
    lawyer_pro_bono: new Array<number>(rowCount),
    lawyer_region: new Array<string>(rowCount),
    distance_km: new Array<number>(rowCount),
    match_success: new Array<number>(rowCount),
  };
  for (let i = 0; i < rowCount; i++) {
    const caseType = pick(CASE_TYPES);
    const specialization = rng.next() < 0.4 ? caseType : pick(CASE_TYPES);
    const language = rng.next() < 0.6 ? 'english' : pick(LANGUAGES);
    const lawyerLanguages = new Set<string>(['english']);
    while (rng.next() < 0.45 && lawyerLanguages.size < LANGUAGES.length) lawyerLanguages.add(pick(LANGUAGES));
    const region = pick(REGIONS);
    const lawyerRegion = rng.next() < 0.5 ? region : pick(REGIONS);
    const rating = Math.round((1 + 4 * rng.next()) * 10) / 10;
    const distance =
      Math.round(Math.min(2000, -Math.log(1 - rng.next()) * (region === lawyerRegion ? 8 : 60)) * 10) / 10;
    const caseload = Math.min(200, Math.floor(-Math.log(1 - rng.next()) * 25));
    const logit =
      -2.6 +
      2.0 * (caseType === specialization ? 1 : 0) +
      1.6 * (lawyerLanguages.has(language) ? 1 : 0) +
      0.6 * (region === lawyerRegion ? 1 : 0) +
      0.7 * (rating - 3) -
      0.5 * Math.log1p(distance / 10) -
      0.4 * Math.log1p(caseload / 20) +
      0.5 * rng.normal();
    columns.client_case_type[i] = caseType;
    columns.client_urgency[i] = pick(URGENCY_LEVELS);
    columns.client_income_bracket[i] = pick(INCOME_BRACKETS);
    columns.client_language[i] = language;
    columns.client_region[i] = region;
    columns.client_age[i] = 18 + rng.int(70);
    columns.lawyer_specialization[i] = specialization;
    columns.lawyer_years_experience[i] = rng.int(41);
    columns.lawyer_rating[i] = rating;
    columns.lawyer_caseload[i] = caseload;
    columns.lawyer_languages[i] = [...lawyerLanguages].join('|');
    columns.lawyer_pro_bono[i] = rng.next() < 0.3 ? 1 : 0;
    columns.lawyer_region[i] = lawyerRegion;
    columns.distance_km[i] = distance;
    columns.match_success[i] = rng.next() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
  }
  return aq.table(columns);
}

/**
 * The matchmaking dataset's schema: one row per (client, lawyer) pair that the
 * LegalAid Connect service proposed, with the outcome of that proposal.
 *
 * This file is the contract between the dataset generator, the CSV validator,
 * feature engineering and drift monitoring. Column order here is the canonical
 * column order of every CSV the project writes.
 */

export const CASE_TYPES = ['family', 'housing', 'immigration', 'employment', 'criminal', 'consumer'] as const;
export const URGENCY_LEVELS = ['low', 'medium', 'high', 'critical'] as const;
export const INCOME_BRACKETS = ['below_poverty', 'low', 'lower_middle', 'middle'] as const;
export const LANGUAGES = ['english', 'spanish', 'mandarin', 'arabic', 'french', 'vietnamese'] as const;
export const REGIONS = ['north', 'south', 'east', 'west', 'central'] as const;

export type CaseType = (typeof CASE_TYPES)[number];
export type UrgencyLevel = (typeof URGENCY_LEVELS)[number];
export type IncomeBracket = (typeof INCOME_BRACKETS)[number];
export type Language = (typeof LANGUAGES)[number];
export type Region = (typeof REGIONS)[number];

/** Separator between languages in the multi-valued `lawyer_languages` column, e.g. `english|spanish`. */
export const LANGUAGE_LIST_SEPARATOR = '|';

/** How a column's cells are parsed and checked. */
export const ColumnKind = {
  /** One value out of `categories`. */
  Categorical: 'categorical',
  /** A `LANGUAGE_LIST_SEPARATOR`-separated, non-empty set of values out of `categories`. */
  CategoricalSet: 'categorical_set',
  /** An integer within [min, max]. */
  Integer: 'integer',
  /** A finite number within [min, max]. */
  Number: 'number',
  /** 0 or 1. */
  Binary: 'binary',
} as const;
export type ColumnKind = (typeof ColumnKind)[keyof typeof ColumnKind];

/** One column of the dataset. */
export interface ColumnSpec {
  readonly name: string;
  readonly kind: ColumnKind;
  readonly description: string;
  /** Allowed values, for categorical and categorical-set columns. */
  readonly categories?: readonly string[];
  /** Inclusive lower bound, for integer and number columns. */
  readonly min?: number;
  /** Inclusive upper bound, for integer and number columns. */
  readonly max?: number;
}

/** Name of the label column: 1 when the proposed match was accepted and the case went ahead. */
export const LABEL_COLUMN = 'match_success';

/** Every column, in canonical order, the label last. */
export const DATASET_COLUMNS: readonly ColumnSpec[] = [
  {
    name: 'client_case_type',
    kind: 'categorical',
    categories: CASE_TYPES,
    description: 'Area of law of the client case',
  },
  {
    name: 'client_urgency',
    kind: 'categorical',
    categories: URGENCY_LEVELS,
    description: 'How urgent the case is',
  },
  {
    name: 'client_income_bracket',
    kind: 'categorical',
    categories: INCOME_BRACKETS,
    description: 'Household income bracket of the client',
  },
  {
    name: 'client_language',
    kind: 'categorical',
    categories: LANGUAGES,
    description: "Client's preferred language",
  },
  {
    name: 'client_region',
    kind: 'categorical',
    categories: REGIONS,
    description: 'Region the client lives in',
  },
  { name: 'client_age', kind: 'integer', min: 16, max: 100, description: 'Age of the client in years' },
  {
    name: 'lawyer_specialization',
    kind: 'categorical',
    categories: CASE_TYPES,
    description: "Lawyer's main area of law",
  },
  {
    name: 'lawyer_years_experience',
    kind: 'integer',
    min: 0,
    max: 60,
    description: 'Years the lawyer has practised',
  },
  {
    name: 'lawyer_rating',
    kind: 'number',
    min: 1,
    max: 5,
    description: 'Average client rating, 1 to 5 stars',
  },
  {
    name: 'lawyer_caseload',
    kind: 'integer',
    min: 0,
    max: 200,
    description: 'Open cases the lawyer carries now',
  },
  {
    name: 'lawyer_languages',
    kind: 'categorical_set',
    categories: LANGUAGES,
    description: `Languages the lawyer works in, separated by "${LANGUAGE_LIST_SEPARATOR}"`,
  },
  { name: 'lawyer_pro_bono', kind: 'binary', description: '1 when the lawyer takes pro-bono cases' },
  {
    name: 'lawyer_region',
    kind: 'categorical',
    categories: REGIONS,
    description: 'Region of the lawyer office',
  },
  {
    name: 'distance_km',
    kind: 'number',
    min: 0,
    max: 2000,
    description: "Distance between the client's home and the lawyer's office",
  },
  { name: LABEL_COLUMN, kind: 'binary', description: 'Label: 1 when the match succeeded' },
];

/** Feature columns (everything but the label), in canonical order. */
export const FEATURE_COLUMNS: readonly ColumnSpec[] = DATASET_COLUMNS.filter((c) => c.name !== LABEL_COLUMN);

/** Canonical column names, the label last. */
export const COLUMN_NAMES: readonly string[] = DATASET_COLUMNS.map((c) => c.name);

/** A dataset row as plain values, as the generator produces and tests build them. */
export interface MatchmakingRow {
  client_case_type: CaseType;
  client_urgency: UrgencyLevel;
  client_income_bracket: IncomeBracket;
  client_language: Language;
  client_region: Region;
  client_age: number;
  lawyer_specialization: CaseType;
  lawyer_years_experience: number;
  lawyer_rating: number;
  lawyer_caseload: number;
  /** Languages joined with `LANGUAGE_LIST_SEPARATOR`. */
  lawyer_languages: string;
  lawyer_pro_bono: 0 | 1;
  lawyer_region: Region;
  distance_km: number;
  match_success: 0 | 1;
}

/** Looks up a column's spec by name; undefined for names outside the schema. */
export function columnSpec(name: string): ColumnSpec | undefined {
  return DATASET_COLUMNS.find((c) => c.name === name);
}

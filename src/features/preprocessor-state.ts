/**
 * The fitted preprocessor: plain JSON, saved beside the model as
 * `preprocessor.json` and reused unchanged at evaluation and serving time, so
 * that a model only ever sees features scaled with its own training statistics.
 */
import { z } from 'zod';
import {
  BINARY_COLUMNS,
  DERIVED_FLAG_FEATURES,
  LANGUAGE_COUNT_FEATURE,
  MULTI_HOT_COLUMNS,
  ONE_HOT_COLUMNS,
  SCALED_COLUMNS,
  categoryFeatureName,
} from './feature-spec';

/** Version of the `PreprocessorState` layout; bumped on any change in meaning. */
export const PREPROCESSOR_FORMAT_VERSION = 1 as const;

/** How a scaled feature is transformed before `(x - mean) / std`. */
export type ScaleTransform = 'identity' | 'log1p';

/** A numeric feature standardised with training-row statistics. */
export interface ScaledFeature {
  /** A numeric/integer column or the derived `lawyer_language_count`. */
  readonly name: string;
  readonly transform: ScaleTransform;
  /** Mean of the transformed training values. */
  readonly mean: number;
  /** Population standard deviation of the transformed training values; 1 where it was 0. */
  readonly std: number;
}

/** The categories of a column seen in the training rows, sorted. */
export interface CategoryVocabulary {
  readonly column: string;
  readonly vocabulary: readonly string[];
}

/** Everything `transformRows` needs; JSON-serialisable. */
export interface PreprocessorState {
  readonly formatVersion: typeof PREPROCESSOR_FORMAT_VERSION;
  /** Column copied into `FeatureMatrix.labels` when present. */
  readonly labelColumn: string;
  /** Number of training rows the statistics were computed from. */
  readonly fittedRowCount: number;
  /** Standardised features, first in the feature order. */
  readonly scaled: readonly ScaledFeature[];
  /** 0/1 features passed through (binary columns and derived match flags), next. */
  readonly flags: readonly string[];
  /** One-hot encoded columns, next; an unseen category encodes to all zeros. */
  readonly oneHot: readonly CategoryVocabulary[];
  /** Multi-hot encoded set columns, last; unseen members are ignored. */
  readonly multiHot: readonly CategoryVocabulary[];
  /** Every feature name, in matrix column order. */
  readonly featureNames: readonly string[];
}

/** Feature names implied by the encoders, in the order `transformRows` writes them. */
export function featureNamesFor(state: Omit<PreprocessorState, 'featureNames'>): string[] {
  return [
    ...state.scaled.map((s) => s.name),
    ...state.flags,
    ...state.oneHot.flatMap((v) => v.vocabulary.map((value) => categoryFeatureName(v.column, value))),
    ...state.multiHot.flatMap((v) => v.vocabulary.map((value) => categoryFeatureName(v.column, value))),
  ];
}

const oneOf = (names: readonly string[]): z.ZodType<string> =>
  z.string().refine((s) => names.includes(s), { message: `expected one of ${names.join(', ')}` });

const vocabularySchema = (columns: readonly string[]): z.ZodType<CategoryVocabulary> =>
  z
    .object({ column: oneOf(columns), vocabulary: z.array(z.string()) })
    .strict()
    .refine((v) => new Set(v.vocabulary).size === v.vocabulary.length, {
      message: 'vocabulary has duplicates',
      path: ['vocabulary'],
    });

/** Zod schema of `PreprocessorState`, used when loading `preprocessor.json`. */
export const preprocessorStateSchema: z.ZodType<PreprocessorState> = z
  .object({
    formatVersion: z.literal(PREPROCESSOR_FORMAT_VERSION),
    labelColumn: z.string().min(1),
    fittedRowCount: z.number().int().positive(),
    scaled: z.array(
      z
        .object({
          name: oneOf([...SCALED_COLUMNS, LANGUAGE_COUNT_FEATURE]),
          transform: z.enum(['identity', 'log1p']),
          mean: z.number(),
          std: z.number().positive(),
        })
        .strict(),
    ),
    flags: z.array(oneOf([...BINARY_COLUMNS, ...DERIVED_FLAG_FEATURES])),
    oneHot: z.array(vocabularySchema(ONE_HOT_COLUMNS)),
    multiHot: z.array(vocabularySchema(MULTI_HOT_COLUMNS)),
    featureNames: z.array(z.string()),
  })
  .strict()
  .superRefine((state, ctx) => {
    const expected = featureNamesFor(state);
    const actual = state.featureNames;
    if (expected.length !== actual.length || expected.some((name, i) => actual[i] !== name)) {
      ctx.addIssue({
        code: 'custom',
        path: ['featureNames'],
        message: `does not match the encoders (expected ${expected.length} names: ${expected.slice(0, 3).join(', ')}, …)`,
      });
    }
  });

/**
 * The search-space file: which hyper-parameters a study varies, over which
 * ranges, and what it holds fixed. JSON or YAML (by extension), validated with
 * zod; every problem is reported with the file and the dotted field, e.g.
 * `tuning/space.yaml: field "parameters.learningRate.low": must be > 0 when log is true`.
 *
 * ```yaml
 * version: 1
 * parameters:
 *   modelFamily: { type: categorical, choices: [dnn, logreg] }
 *   layers: { type: int, low: 1, high: 3 }          # DNN only
 *   units: { type: int, low: 8, high: 128, log: true } # per hidden layer: units_l1, units_l2, …
 *   dropout: { type: float, low: 0, high: 0.5 }    # DNN only
 *   l2: { type: float, low: 1.0e-6, high: 1.0e-2, log: true }
 *   learningRate: { type: float, low: 1.0e-4, high: 3.0e-2, log: true }
 *   batchSize: { type: categorical, choices: [64, 128, 256, 512] }
 *   classWeighting: { type: categorical, choices: [balanced, none] }
 * fixed: { epochs: 20, patience: 5 }
 * ```
 *
 * A parameter may also be a plain value (`batchSize: 256`): held fixed. A
 * parameter left out keeps the training default.
 *
 * Pure (no file or YAML access: `search-space-file.ts` reads files), so the
 * study workflow can validate an enqueued configuration against the space.
 */
import { z } from 'zod';
import type { Distribution } from './distributions';
import { SearchSpaceError } from './errors';

/** Model families a trial can train (see `src/model/model-family.ts`). */
export const MODEL_FAMILIES = ['dnn', 'logreg'] as const;
/** One of {@link MODEL_FAMILIES}. */
export type ModelFamily = (typeof MODEL_FAMILIES)[number];

/** How training weighs the two classes: `balanced` (n / (2·n_class), scikit-learn's) or `none`. */
export const CLASS_WEIGHTINGS = ['balanced', 'none'] as const;
/** One of {@link CLASS_WEIGHTINGS}. */
export type ClassWeighting = (typeof CLASS_WEIGHTINGS)[number];

/** Parameters a search space may declare, in the order they are sampled. */
export const SPACE_PARAMETERS = [
  'modelFamily',
  'learningRate',
  'batchSize',
  'l2',
  'classWeighting',
  'layers',
  'units',
  'dropout',
] as const;
/** One of {@link SPACE_PARAMETERS}. */
export type SpaceParameter = (typeof SPACE_PARAMETERS)[number];

/** Parameters that exist only for the DNN family (a logistic regression has no hidden layer). */
export const DNN_ONLY_PARAMETERS: ReadonlySet<SpaceParameter> = new Set(['layers', 'units', 'dropout']);

/** A validated search space. */
export interface SearchSpace {
  readonly version: 1;
  /** Declared parameters; a fixed value is a one-choice categorical. */
  readonly parameters: Readonly<Partial<Record<SpaceParameter, Distribution>>>;
  /** Training settings held fixed for every trial. */
  readonly fixed: Readonly<SearchSpaceFixed>;
}

/** Training settings a study does not vary. */
export interface SearchSpaceFixed {
  /** Maximum epochs per trial (each epoch is one pruning step). */
  readonly epochs?: number;
  readonly patience?: number;
  readonly minDelta?: number;
  /** Training seed of every trial (weights, shuffles, dropout), so trials differ only by their parameters. */
  readonly seed?: number;
}

/** Bounds each parameter must stay within, whatever the file says. */
const LIMITS: Record<SpaceParameter, { min: number; max: number; integer: boolean; minExclusive?: boolean }> =
  {
    modelFamily: { min: 0, max: 0, integer: false },
    classWeighting: { min: 0, max: 0, integer: false },
    layers: { min: 1, max: 8, integer: true },
    units: { min: 1, max: 4096, integer: true },
    dropout: { min: 0, max: 0.95, integer: false },
    l2: { min: 0, max: 1, integer: false },
    learningRate: { min: 0, max: 1, integer: false, minExclusive: true },
    batchSize: { min: 1, max: 1 << 20, integer: true },
  };

const LABELLED: Partial<Record<SpaceParameter, readonly string[]>> = {
  modelFamily: MODEL_FAMILIES,
  classWeighting: CLASS_WEIGHTINGS,
};

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const floatSchema = z
  .object({
    type: z.literal('float'),
    low: finite,
    high: finite,
    log: z.boolean().default(false),
    step: finite.positive().optional(),
  })
  .strict();
const intSchema = z
  .object({
    type: z.literal('int'),
    low: z.number().int(),
    high: z.number().int(),
    log: z.boolean().default(false),
    step: z.number().int().positive().default(1),
  })
  .strict();
const choiceSchema = z.union([z.string().min(1), finite, z.boolean()]);
const categoricalSchema = z
  .object({ type: z.literal('categorical'), choices: z.array(choiceSchema).min(1) })
  .strict();
const parameterSchema = z.union([
  z.discriminatedUnion('type', [floatSchema, intSchema, categoricalSchema]),
  choiceSchema,
]);

const fileSchema = z
  .object({
    version: z.literal(1),
    parameters: z
      .object(Object.fromEntries(SPACE_PARAMETERS.map((p) => [p, parameterSchema.optional()])))
      .strict(),
    fixed: z
      .object({
        epochs: z.number().int().min(1).max(10_000).optional(),
        patience: z.number().int().min(1).optional(),
        minDelta: z.number().min(0).max(1).optional(),
        seed: z.number().int().min(0).max(0xffffffff).optional(),
      })
      .strict()
      .default({}),
  })
  .strict();

type Problem = { field: string; problem: string };

function distributionProblems(name: SpaceParameter, d: Distribution): Problem[] {
  const at = (key: string): string => `parameters.${name}${key ? `.${key}` : ''}`;
  const labels = LABELLED[name];
  if (labels) {
    if (d.type !== 'categorical') return [{ field: at('type'), problem: 'must be categorical' }];
    const bad = d.choices.find((c) => typeof c !== 'string' || !labels.includes(c));
    if (bad !== undefined)
      return [{ field: at('choices'), problem: `${JSON.stringify(bad)} is not one of ${labels.join(', ')}` }];
  }
  if (d.type === 'categorical') {
    if (new Set(d.choices).size !== d.choices.length)
      return [{ field: at('choices'), problem: 'must not repeat a value' }];
    if (labels) return [];
  }
  const limit = LIMITS[name];
  const values = d.type === 'categorical' ? d.choices : [d.low, d.high];
  const keys = d.type === 'categorical' ? d.choices.map((_, i) => `choices.${i}`) : ['low', 'high'];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== 'number') return [{ field: at(keys[i]!), problem: 'must be a number' }];
    if (limit.integer && !Number.isInteger(v))
      return [{ field: at(keys[i]!), problem: 'must be an integer' }];
    const tooLow = limit.minExclusive ? v <= limit.min : v < limit.min;
    if (tooLow || v > limit.max) {
      const lower = limit.minExclusive ? `> ${limit.min}` : `>= ${limit.min}`;
      return [{ field: at(keys[i]!), problem: `must be ${lower} and <= ${limit.max}, got ${v}` }];
    }
  }
  if (d.type === 'categorical') return [];
  if (d.type === 'float' && limit.integer)
    return [{ field: at('type'), problem: 'must be int or categorical' }];
  if (d.low > d.high) return [{ field: at('low'), problem: `must be <= high (${d.high}), got ${d.low}` }];
  if (d.log && d.low <= 0) return [{ field: at('low'), problem: 'must be > 0 when log is true' }];
  if (d.type === 'float' && d.log && d.step !== undefined)
    return [{ field: at('step'), problem: 'cannot be combined with log: true' }];
  if (d.type === 'int' && d.log && d.step !== 1)
    return [{ field: at('step'), problem: 'must be 1 when log is true' }];
  return [];
}

/**
 * Validates a parsed search-space document.
 *
 * @param source - where it came from, for messages
 * @throws SearchSpaceError naming `source` and the first bad field
 */
export function parseSearchSpace(document: unknown, source = '<inline>'): SearchSpace {
  const parsed = fileSchema.safeParse(document);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.map(String).join('.') ?? '';
    const extra = issue?.code === 'unrecognized_keys' ? ` (${issue.keys.join(', ')})` : '';
    throw new SearchSpaceError(source, field || undefined, `${issue?.message ?? 'invalid'}${extra}`);
  }
  const parameters: Partial<Record<SpaceParameter, Distribution>> = {};
  for (const name of SPACE_PARAMETERS) {
    const raw = parsed.data.parameters[name];
    if (raw === undefined) continue;
    const distribution: Distribution =
      typeof raw === 'object' ? raw : { type: 'categorical', choices: [raw] };
    const problem = distributionProblems(name, distribution)[0];
    if (problem) throw new SearchSpaceError(source, problem.field, problem.problem);
    parameters[name] = distribution;
  }
  if (Object.keys(parameters).length === 0) {
    throw new SearchSpaceError(source, 'parameters', 'declares no parameter');
  }
  return { version: 1, parameters, fixed: parsed.data.fixed };
}

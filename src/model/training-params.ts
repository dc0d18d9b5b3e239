/**
 * Hyper-parameters of the match model and its training. They are part of the
 * checkpoint fingerprint: a checkpoint is resumed only by a run with the same
 * parameters. Plain JSON, so they cross Temporal payloads and go into registry
 * manifests as they are. The hidden layers are a parameter: `hiddenUnits: []`
 * is the logistic-regression baseline (see `model-family.ts`).
 */
import { z } from 'zod';
import { TrainingParamsError } from './errors';

/** Hyper-parameters; see {@link parseTrainingParams} for defaults and ranges. */
export interface TrainingParams {
  /** Maximum number of epochs (early stopping may end sooner). @default 40 */
  readonly epochs: number;
  /** Rows per gradient step. @default 256 */
  readonly batchSize: number;
  /** Adam learning rate. @default 0.001 */
  readonly learningRate: number;
  /** Epochs without a validation ROC AUC improvement before training stops. @default 5 */
  readonly patience: number;
  /** Smallest validation ROC AUC increase that counts as an improvement. @default 0.0001 */
  readonly minDelta: number;
  /** Seed of every random choice: initial weights, epoch shuffles, dropout masks. @default 42 */
  readonly seed: number;
  /** Dropout rate after each hidden layer (0 disables dropout). @default 0.2 */
  readonly dropoutRate: number;
  /** L2 penalty on every kernel (0 disables it). @default 0.0001 */
  readonly l2: number;
  /** Units of each hidden ReLU layer, in order; empty for a logistic regression. @default [64, 32] */
  readonly hiddenUnits: readonly number[];
  /** `balanced` weighs each class by n / (2·n_class) (scikit-learn's); `none` weighs rows equally. @default 'balanced' */
  readonly classWeighting: ClassWeighting;
}

/** How the loss weighs the two classes. */
export const CLASS_WEIGHTINGS = ['balanced', 'none'] as const;
/** One of {@link CLASS_WEIGHTINGS}. */
export type ClassWeighting = (typeof CLASS_WEIGHTINGS)[number];

/** Most hidden layers a model may have. */
export const MAX_HIDDEN_LAYERS = 8;

/** The defaults, as documented on {@link TrainingParams}. */
export const DEFAULT_TRAINING_PARAMS: TrainingParams = {
  epochs: 40,
  batchSize: 256,
  learningRate: 1e-3,
  patience: 5,
  minDelta: 1e-4,
  seed: 42,
  dropoutRate: 0.2,
  l2: 1e-4,
  hiddenUnits: [64, 32],
  classWeighting: 'balanced',
};

const d = DEFAULT_TRAINING_PARAMS;

/** Zod schema: fills defaults, rejects unknown keys and out-of-range values. */
export const trainingParamsSchema = z
  .object({
    epochs: z.number().int().min(1).max(10_000).default(d.epochs),
    batchSize: z
      .number()
      .int()
      .min(1)
      .max(1 << 20)
      .default(d.batchSize),
    learningRate: z.number().gt(0).max(1).default(d.learningRate),
    patience: z.number().int().min(1).default(d.patience),
    minDelta: z.number().min(0).max(1).default(d.minDelta),
    seed: z.number().int().min(0).max(0xffffffff).default(d.seed),
    dropoutRate: z.number().min(0).lt(1).default(d.dropoutRate),
    l2: z.number().min(0).max(1).default(d.l2),
    hiddenUnits: z
      .array(z.number().int().min(1).max(4096))
      .max(MAX_HIDDEN_LAYERS)
      .default([...d.hiddenUnits]),
    classWeighting: z.enum(CLASS_WEIGHTINGS).default(d.classWeighting),
  })
  .strict();

// Compile-time check that the schema's output and the documented interface agree:
// every parsed value is a TrainingParams, and both name the same keys.
type SchemaOutput = z.output<typeof trainingParamsSchema>;
type SameKeys = [keyof SchemaOutput] extends [keyof TrainingParams]
  ? [keyof TrainingParams] extends [keyof SchemaOutput]
    ? true
    : never
  : never;
const _schemaMatchesInterface: [SchemaOutput extends TrainingParams ? true : never, SameKeys] = [true, true];

/**
 * Validates parameters and fills in defaults for missing ones.
 *
 * @param input - a partial `TrainingParams` (usually from a workflow input)
 * @throws TrainingParamsError naming the first bad field
 */
export function parseTrainingParams(input: unknown): TrainingParams {
  const parsed = trainingParamsSchema.safeParse(input ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.map(String).join('.') ?? '';
    const keys = issue?.code === 'unrecognized_keys' ? issue.keys.join(', ') : '';
    throw new TrainingParamsError(path === '' ? keys || '(root)' : path, issue?.message ?? 'invalid');
  }
  return parsed.data;
}

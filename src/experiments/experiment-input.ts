/**
 * What an experiment is asked to do, parsed with zod by the experiment
 * workflow's first activity (defaults filled in there, so the workflow gets
 * checked options), and what one run of the workflow hands the next.
 */
import { z } from 'zod';
import type { ExperimentCursor } from './collect-batch';
import { ExperimentInputError } from './errors';
import type { ExperimentReport, ExperimentStats } from './experiment-stats';
import type { ExperimentTimeline } from './timeline';
import { experimentSettingsSchema, MAX_CANARY_SHARE } from './settings';

/** Which stages an experiment runs. */
export const ExperimentPolicy = {
  Shadow: 'shadow',
  ShadowThenCanary: 'shadow_then_canary',
  Canary: 'canary',
} as const;
export type ExperimentPolicy = (typeof ExperimentPolicy)[keyof typeof ExperimentPolicy];

const duration = z
  .string()
  .regex(
    /^\d+(\.\d+)?\s*(ms|milliseconds?|s|seconds?|m|minutes?|h|hours?|d|days?)$/,
    'must be a duration like "5 minutes", "90s" or "14 days"',
  );
/** A duration as an experiment's input takes it (the retrain's experiment policy checks the same). */
export const experimentDurationSchema = duration;

/** What an experiment is asked to do. */
export const experimentInputSchema = z.strictObject({
  /** The version to try against production. */
  candidate: z.string().min(1).max(200),
  policy: z
    .enum([ExperimentPolicy.Shadow, ExperimentPolicy.ShadowThenCanary, ExperimentPolicy.Canary])
    .default(ExperimentPolicy.ShadowThenCanary),
  /** Share of clients the candidate answers in the canary stage. */
  canaryShare: z.number().min(0).max(MAX_CANARY_SHARE).default(0.1),
  /** How often a batch is analysed (the sequential test looks after each). */
  batchInterval: duration.default('5 minutes'),
  /** How long the shadow stage runs before the canary (policy shadow_then_canary). */
  shadowDuration: duration.default('1 hour'),
  /** The experiment ends "inconclusive" after this long without a decision. */
  maxDuration: duration.default('14 days'),
  /** How long a person has to approve a candidate the test found better. */
  approvalTimeout: duration.default('7 days'),
  /**
   * `approve`: on "candidate better" wait for a person's approval (approve/reject
   * signals or the approval update) and promote; `report`: end with the verdict
   * (the retrain workflow asks for approval itself).
   */
  onBetter: z.enum(['approve', 'report']).default('approve'),
  settings: experimentSettingsSchema.default(experimentSettingsSchema.parse({})),
  requestedBy: z.string().max(200).default('unknown'),
  /** Continue as new after this many batches (keeps history small). */
  batchesPerRun: z.number().int().min(1).max(10_000).default(500),
});
/** The input as a caller writes it. */
export type ExperimentInput = z.input<typeof experimentInputSchema> & {
  /** Set by the workflow itself when it continues as new. */
  readonly carried?: ExperimentCarry;
};

/**
 * Parses an experiment's input (without `carried`), filling in defaults.
 *
 * @throws ExperimentInputError naming the field and the problem
 */
export function parseExperimentInput(value: unknown): ExperimentOptions {
  const parsed = experimentInputSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join('.') || 'input';
    throw new ExperimentInputError(`experiment input: ${field} ${issue.message}`, field);
  }
  return parsed.data;
}
/** The input with defaults filled in. */
export type ExperimentOptions = z.output<typeof experimentInputSchema>;

/** A control as recorded in the carried state (see workflows/experiment-messages.ts). */
export interface CarriedControl {
  readonly action: 'set_share' | 'pause' | 'resume' | 'abort';
  readonly by: string;
  readonly at: string;
  readonly share?: number;
  readonly reason?: string;
  readonly via: 'signal' | 'update';
}

/** What one run hands the next (continue-as-new): sums and a cursor, never rows. */
export interface ExperimentCarry {
  readonly options: ExperimentOptions;
  readonly experimentId: string;
  readonly production: string;
  readonly fromDay: string;
  readonly startedAt: string;
  readonly deadline: string;
  readonly shadowEndsAt: string | null;
  readonly stage: 'shadow' | 'canary';
  readonly paused: boolean;
  readonly canaryShare: number;
  readonly stats: ExperimentStats;
  readonly cursor: ExperimentCursor;
  readonly controls: readonly CarriedControl[];
  readonly run: number;
  readonly report: ExperimentReport | null;
  /** The bounded per-batch course (absent when carried by a run from before the report existed). */
  readonly timeline?: ExperimentTimeline;
}

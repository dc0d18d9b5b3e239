/**
 * What an experiment decides with: the sequential test's level and mixing
 * distribution, its burn-in, and the guardrails' limits. Parsed with zod
 * wherever they come from (workflow input, CLI), defaults filled in here.
 */
import { z } from 'zod';
import { MAX_CANARY_SHARE } from '../core/experiments';

/** The metric the canary's decision test compares between the arms. */
export const ExperimentMetric = {
  /** Share of outcomes that were successful matches (higher is better). */
  SuccessRate: 'success_rate',
  /** Mean log loss of the answering version's probability per outcome (lower is better). */
  LogLoss: 'log_loss',
} as const;
export type ExperimentMetric = (typeof ExperimentMetric)[keyof typeof ExperimentMetric];

/**
 * Default τ (standard deviation of the mixing distribution) per metric: the
 * effect we want to find quickly. The mSPRT stops soonest for effects near τ
 * (Johari et al. 2022, §4: choose the mixture to match the effects one
 * expects; Optimizely fits it to the effects of past experiments, a history
 * this project does not have yet), and `bench/sections/experiments.ts`
 * shows τ = δ beating δ/2 and 2δ at a true lift δ. 5 points of match success
 * rate is the smallest change worth a model swap here; 0.02 nats of log loss
 * is about the difference between two adjacent training runs.
 */
export const DEFAULT_MIXING_SD = { success_rate: 0.05, log_loss: 0.02 } as const;

export { MAX_CANARY_SHARE };

const probability = (max: number) => z.number().gt(0).max(max);

/** Guardrails checked on every window of candidate traffic. */
export const guardrailSettingsSchema = z.strictObject({
  /** Largest share of the candidate's scoring attempts that may fail (requests). */
  maxErrorRate: z.number().min(0).max(1).default(0.01),
  /** The candidate's p99 scoring latency may be at most this multiple of production's… */
  maxLatencyRatio: z.number().min(1).max(100).default(1.5),
  /** …plus this many milliseconds (sub-millisecond timings are noisy). */
  latencySlackMs: z.number().min(0).max(60_000).default(2),
  /**
   * Largest Jensen–Shannon distance between the candidate's and production's
   * scores on the same rows: Evidently's drift statistic and default threshold
   * for binned data (`src/drift/jensen-shannon.ts`).
   */
  maxScoreDrift: z.number().gt(0).max(1).default(0.1),
  /** Candidate scoring attempts a window needs before the guardrails judge it. */
  windowRows: z.number().int().min(1).max(1_000_000).default(200),
});
export type GuardrailSettings = z.output<typeof guardrailSettingsSchema>;

/** Every setting of the statistics. */
export const experimentSettingsSchema = z.strictObject({
  /** Significance level of the decision test. */
  alpha: probability(0.5).default(0.05),
  /** The canary's decision metric. */
  metric: z
    .enum([ExperimentMetric.SuccessRate, ExperimentMetric.LogLoss])
    .default(ExperimentMetric.SuccessRate),
  /** τ of the mixing distribution per metric (effect units); see {@link DEFAULT_MIXING_SD}. */
  mixingSd: z
    .strictObject({
      success_rate: z.number().gt(0).max(1).default(DEFAULT_MIXING_SD.success_rate),
      log_loss: z.number().gt(0).max(10).default(DEFAULT_MIXING_SD.log_loss),
    })
    .default({ ...DEFAULT_MIXING_SD }),
  /** Observations each arm needs before a look counts (the plug-in variance needs some data). */
  minSamples: z.number().int().min(2).max(1_000_000).default(100),
  guardrails: guardrailSettingsSchema.default(guardrailSettingsSchema.parse({})),
});
/** Settings with every default filled in. */
export type ExperimentSettings = z.output<typeof experimentSettingsSchema>;
/** Settings as a caller writes them (any field may be left out). */
export type ExperimentSettingsInput = z.input<typeof experimentSettingsSchema>;

/** The defaults. */
export function defaultExperimentSettings(): ExperimentSettings {
  return experimentSettingsSchema.parse({});
}

/** Whether larger values of the metric are better. */
export function higherIsBetter(metric: ExperimentMetric): boolean {
  return metric === ExperimentMetric.SuccessRate;
}

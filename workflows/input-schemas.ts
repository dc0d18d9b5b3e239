/**
 * zod schemas of every workflow's input, checked at workflow start before any
 * work (a non-retryable `InvalidInput` naming the field) and by the CLI before
 * it starts anything. Training parameters and the promotion policy are checked
 * by their own domain parsers, so both layers word problems alike.
 */
import { z } from 'zod';
import { MAX_CANARY_SHARE } from '../src/core/experiments';
import { experimentDurationSchema, experimentInputSchema } from '../src/experiments/experiment-input';
import { experimentSettingsSchema } from '../src/experiments/settings';
import { parsePromotionPolicy, type PromotionPolicy } from '../src/evaluation/promotion-policy';
import { parseTrainingParams, type TrainingParams } from '../src/model/training-params';
import { rollbackRequestSchema } from '../src/registry/rollback-request';
import type { DriftCheckInput } from './drift-check-messages';
import type { EvaluateModelInput } from './evaluate-model-messages';
import type { MonitoringInput } from './monitoring-messages';
import { checkedBy, durationMs, durationString, parseOrRefuse } from './payload';
import { RetrainExperimentPolicy, type RetrainInput } from './retrain-messages';

const text = (max: number) => z.string().max(max);
const path = text(4096).refine((value) => value.trim() !== '', { message: 'must not be empty' });
const md5 = z.string().regex(/^[0-9a-f]{32}$/, { message: 'must be 32 lowercase hex digits' });
const versionName = z
  .string()
  .regex(/^v\d{8}-\d{6}-[0-9a-f]{8}$/, { message: 'must be a version name like v20261128-133600-3f2a9c1d' });

/** An experiment's duration that is also more than nothing (a 0 s batch interval would spin). */
const experimentDuration = experimentDurationSchema.refine((value) => !(msOrNaN(value) <= 0), {
  message: 'must be longer than 0',
});
const experimentDefaults = experimentInputSchema.parse({ candidate: 'defaults' });

/**
 * The experiment a retrain runs on live traffic before asking for approval:
 * the policy, and the few settings an engineer sets. A setting the policy
 * does not use (a canary share without a canary, anything with `off`) is
 * refused rather than ignored, and a shadow stage as long as the whole
 * experiment (the canary would never start) too.
 */
export const retrainExperimentSchema = z
  .strictObject({
    policy: z.enum(['off', 'shadow', 'shadow_then_canary'], {
      error: 'must be one of "off", "shadow", "shadow_then_canary"',
    }),
    canaryShare: z
      .number()
      .gt(0, `must be above 0 and at most ${MAX_CANARY_SHARE}`)
      .max(MAX_CANARY_SHARE, `must be above 0 and at most ${MAX_CANARY_SHARE}`)
      .optional(),
    batchInterval: experimentDuration.optional(),
    shadowDuration: experimentDuration.optional(),
    maxDuration: experimentDuration.optional(),
    batchesPerRun: z.number().int().min(1).max(10_000).optional(),
    settings: experimentSettingsSchema.optional(),
  })
  .superRefine((experiment, context) => {
    const { policy, ...settings } = experiment;
    const unused = (field: string, why: string) =>
      context.addIssue({ code: 'custom', path: [field], message: why });
    if (policy === RetrainExperimentPolicy.Off) {
      for (const [field, value] of Object.entries(settings))
        if (value !== undefined) unused(field, 'is set but the experiment policy is "off"');
      return;
    }
    if (policy === RetrainExperimentPolicy.Shadow) {
      for (const field of ['canaryShare', 'shadowDuration'] as const) {
        if (settings[field] !== undefined)
          unused(field, 'needs policy "shadow_then_canary" (a shadow experiment has no canary stage)');
      }
      return;
    }
    const shadow = settings.shadowDuration ?? experimentDefaults.shadowDuration;
    const max = settings.maxDuration ?? experimentDefaults.maxDuration;
    if (msOrNaN(max) <= msOrNaN(shadow)) {
      context.addIssue({
        code: 'custom',
        path: [settings.maxDuration !== undefined ? 'maxDuration' : 'shadowDuration'],
        message: `"${settings.maxDuration !== undefined ? max : shadow}" leaves no time for the canary: maxDuration (${max}) must be longer than shadowDuration (${shadow})`,
      });
    }
  });

/** Milliseconds in a duration; NaN for text that is not one (its own check says so). */
function msOrNaN(text: string): number {
  try {
    return durationMs(text);
  } catch {
    return Number.NaN;
  }
}

/** A retrain's input. */
export const retrainInputSchema = z.strictObject({
  datasetPath: path,
  expectedDatasetMd5: md5.optional(),
  trainingParams: checkedBy<Partial<TrainingParams>>(parseTrainingParams).optional(),
  promotionPolicy: checkedBy<Partial<PromotionPolicy>>(parsePromotionPolicy).optional(),
  approvalTimeout: durationString({ positive: true }).optional(),
  promotionTimeout: durationString({ positive: true }).optional(),
  trainingHeartbeatTimeout: durationString({ positive: true }).optional(),
  /** Accepted from callers that predate the worker setting, and ignored. */
  trainingTaskQueue: text(200).optional(),
  requestedBy: text(200).optional(),
  recordSearchAttributes: z.boolean().optional(),
  experiment: retrainExperimentSchema.optional(),
});

/**
 * The launcher's input: a retrain's. The launcher computes the md5 itself;
 * `expectedDatasetMd5`, when given (CI, `retrain --expect-md5`), must match it.
 */
export const launchRetrainInputSchema = retrainInputSchema;

/** A drift check's input. */
export const driftCheckInputSchema = z.strictObject({
  currentPath: path.optional(),
  driftShare: z.number().gt(0).max(1).optional(),
  retrainOnDrift: z.boolean().optional(),
  alertCooldown: durationString({ positive: false }).optional(),
  /** Accepted from schedules that predate the worker setting, and ignored. */
  trainingTaskQueue: text(200).optional(),
  requestedBy: text(200).optional(),
  recordSearchAttributes: z.boolean().optional(),
});

/** An evaluation's input. */
export const evaluateModelInputSchema = z.strictObject({
  datasetPath: path.optional(),
  version: versionName.optional(),
  rows: z.enum(['test', 'all'], { error: 'must be "test" or "all"' }).optional(),
  requestedBy: text(200).optional(),
  recordSearchAttributes: z.boolean().optional(),
});

/** A rollback's input: who asks, why, and (optionally) the version to restore; the registry's schema. */
export const rollbackInputSchema = rollbackRequestSchema;

/** The input of promoting an approved candidate. */
export const promoteInputSchema = z.strictObject({
  version: versionName,
  requestedBy: text(200).refine((value) => value.trim() !== '', { message: 'must not be empty' }),
  promotionTimeout: durationString({ positive: true }).optional(),
});

/**
 * A monitoring period's input: the types here, the ranges (a positive period,
 * start before end, a known metric) in the workflow's own checks.
 */
export const monitoringInputSchema = z.object({
  periodEnd: text(100).optional(),
  periodStart: text(100).optional(),
  period: text(100).optional(),
  minRows: z.number().optional(),
  driftShare: z.number().optional(),
  degradation: z
    .object({
      metric: text(50).optional(),
      maxRelativeDrop: z.number().optional(),
      minSamples: z.number().optional(),
    })
    .optional(),
  alertCooldown: text(100).optional(),
  requestedBy: text(200).optional(),
});

/** The input of an MLflow sync. */
export const mlflowSyncInputSchema = z.strictObject({ recordId: text(200) });

/**
 * Checks a retrain's input before any work.
 *
 * @throws ApplicationFailure (non-retryable, `InvalidInput`) naming every bad field,
 *   e.g. `promotionPolicy.minImprovement must be a number between 0 and 1`
 */
export function validateRetrainInput(input: unknown): RetrainInput {
  return parseOrRefuse(retrainInputSchema, input);
}

/** Checks a drift check's input; see {@link validateRetrainInput}. */
export function validateDriftCheckInput(input: unknown): DriftCheckInput {
  return parseOrRefuse(driftCheckInputSchema, input ?? {});
}

/** Checks a monitoring period's input types; see {@link validateRetrainInput}. */
export function validateMonitoringInput(input: unknown): MonitoringInput {
  return parseOrRefuse(monitoringInputSchema, input ?? {});
}

/** Checks an evaluation's input; see {@link validateRetrainInput}. */
export function validateEvaluateModelInput(input: unknown): EvaluateModelInput {
  return parseOrRefuse(evaluateModelInputSchema, input ?? {});
}

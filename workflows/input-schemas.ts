/**
 * zod schemas of every workflow's input, checked at workflow start before any
 * work (a non-retryable `InvalidInput` naming the field) and by the CLI before
 * it starts anything. Training parameters and the promotion policy are checked
 * by their own domain parsers, so both layers word problems alike.
 */
import { z } from 'zod';
import { parsePromotionPolicy, type PromotionPolicy } from '../src/evaluation/promotion-policy';
import { parseTrainingParams, type TrainingParams } from '../src/model/training-params';
import { rollbackRequestSchema } from '../src/registry/rollback-request';
import type { DriftCheckInput } from './drift-check-messages';
import type { EvaluateModelInput } from './evaluate-model-messages';
import type { MonitoringInput } from './monitoring-messages';
import { checkedBy, durationString, parseOrRefuse } from './payload';
import type { RetrainInput } from './retrain-messages';

const text = (max: number) => z.string().max(max);
const path = text(4096).refine((value) => value.trim() !== '', { message: 'must not be empty' });
const md5 = z.string().regex(/^[0-9a-f]{32}$/, { message: 'must be 32 lowercase hex digits' });
const versionName = z
  .string()
  .regex(/^v\d{8}-\d{6}-[0-9a-f]{8}$/, { message: 'must be a version name like v20261128-133600-3f2a9c1d' });

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

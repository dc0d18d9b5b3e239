/**
 * The parts of MLflow REST API 2.0 answers this project reads, as zod schemas.
 * MLflow leaves empty lists out of its JSON, so every list defaults to `[]`.
 */
import { z } from 'zod';

const keyValue = z.object({ key: z.string(), value: z.string() });
/** int64 fields may come as numbers or strings depending on the serializer. */
const int64 = z.union([z.number(), z.string()]).transform((value) => Number(value));

export const experimentSchema = z.object({
  experiment_id: z.string(),
  name: z.string(),
  lifecycle_stage: z.string().optional(),
});
export type MlflowExperiment = z.infer<typeof experimentSchema>;

export const metricSchema = z.object({
  key: z.string(),
  value: z.number(),
  timestamp: int64,
  step: int64.optional().default(0),
});
export type MlflowMetric = z.infer<typeof metricSchema>;

export const runSchema = z.object({
  info: z.object({
    run_id: z.string(),
    experiment_id: z.string(),
    run_name: z.string().optional(),
    status: z.string().optional(),
    start_time: int64.optional(),
    end_time: int64.optional(),
    artifact_uri: z.string().optional(),
    lifecycle_stage: z.string().optional(),
  }),
  data: z
    .object({
      metrics: z.array(metricSchema).optional().default([]),
      params: z.array(keyValue).optional().default([]),
      tags: z.array(keyValue).optional().default([]),
    })
    .optional()
    .default({ metrics: [], params: [], tags: [] }),
});
export type MlflowRun = z.infer<typeof runSchema>;

export const modelVersionSchema = z.object({
  name: z.string(),
  version: z.string(),
  source: z.string().optional(),
  run_id: z.string().optional(),
  status: z.string().optional(),
  tags: z.array(keyValue).optional().default([]),
  aliases: z.array(z.string()).optional().default([]),
});
export type MlflowModelVersion = z.infer<typeof modelVersionSchema>;

export const registeredModelSchema = z.object({
  name: z.string(),
  aliases: z
    .array(z.object({ alias: z.string(), version: z.string() }))
    .optional()
    .default([]),
});
export type MlflowRegisteredModel = z.infer<typeof registeredModelSchema>;

export const emptySchema = z.object({}).passthrough();

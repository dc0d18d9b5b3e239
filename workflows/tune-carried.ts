/**
 * The carried state of a study, checked when a run starts with it. A
 * continue-as-new carries what the workflow itself wrote; an extension
 * (`tune extend`) carries what a client sends back from the finished study's
 * result, so it is parsed like any outside payload: a bad one fails the start
 * with a non-retryable InvalidInput naming the field, never a workflow task.
 */
import { ApplicationFailure } from '@temporalio/workflow';
import { z } from 'zod';
import { FailureType } from '../src/core/errors';
import { prunerSettingsSchema, samplerSettingsSchema } from '../src/tuning/study-settings';
import { TrialState } from '../src/tuning/trial-record';
import { parseOrRefuse } from './payload';
import { MAX_STUDY_TRIALS, type CarriedStudy } from './tune-messages';

const paramValue = z.union([z.string().max(200), z.number(), z.boolean()]);
const params = z.record(z.string().max(100), paramValue);
const trialSchema = z.object({
  number: z.number().int().min(0).max(MAX_STUDY_TRIALS),
  state: z.enum([TrialState.Complete, TrialState.Pruned, TrialState.Failed]),
  params,
  value: z.number().optional(),
  intermediate: z.array(z.number().nullable()).max(10_000),
});
const distribution = z.looseObject({ type: z.enum(['float', 'int', 'categorical']) });

const carriedSchema = z.object({
  studyKey: z.string().min(1).max(300),
  studyRecordId: z.string().min(1).max(300),
  datasetMd5: z.string().regex(/^[0-9a-f]{32}$/),
  space: z.object({
    version: z.literal(1),
    parameters: z.record(z.string(), distribution),
    fixed: z.record(z.string(), z.number()),
  }),
  sampler: samplerSettingsSchema,
  pruner: prunerSettingsSchema,
  startedAt: z.string().max(100),
  trials: z.array(trialSchema).max(MAX_STUDY_TRIALS),
  total: z.number().int().min(1).max(MAX_STUDY_TRIALS),
  enqueued: z.array(params).max(MAX_STUDY_TRIALS),
  runs: z.number().int().min(1),
});

/**
 * The carried state, checked: its fields' types and bounds, trial numbers
 * 0 … n − 1 each once, a total that covers them, and the study key equal to
 * this workflow's ID (an extension is a new run of the same study ID).
 *
 * @throws ApplicationFailure InvalidInput (non-retryable) naming the field
 */
export function parseCarried(carried: unknown, workflowId: string): CarriedStudy {
  const parsed = parseOrRefuse(carriedSchema, carried, 'carried') as unknown as CarriedStudy;
  const refuse = (message: string): never => {
    throw ApplicationFailure.nonRetryable(message, FailureType.InvalidInput);
  };
  if (parsed.studyKey !== workflowId)
    refuse(`carried.studyKey "${parsed.studyKey}" is not this workflow's ID "${workflowId}"`);
  const numbers = parsed.trials.map((t) => t.number).sort((a, b) => a - b);
  if (numbers.some((n, i) => n !== i)) refuse('carried.trials must be numbered 0 … n − 1, each once');
  if (parsed.total < parsed.trials.length + parsed.enqueued.length)
    refuse('carried.total is less than the trials finished and enqueued');
  return parsed;
}

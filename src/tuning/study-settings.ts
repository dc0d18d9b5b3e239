/**
 * A study's sampler and pruner, as a study input or a CLI flag gives them:
 * zod-validated, Optuna's defaults filled in, errors naming the field.
 */
import { z } from 'zod';
import { StudySettingsError } from './errors';
import { DEFAULT_MEDIAN_PRUNER, type MedianPrunerSettings } from './median-pruner';
import { DEFAULT_TPE_SETTINGS, type TpeSettings } from './tpe-sampler';

/** Sampler of a study. */
export type SamplerSettings = ({ readonly type: 'tpe' } & TpeSettings) | { readonly type: 'random' };
/** Pruner of a study. */
export type PrunerSettings = ({ readonly type: 'median' } & MedianPrunerSettings) | { readonly type: 'none' };

const t = DEFAULT_TPE_SETTINGS;
const m = DEFAULT_MEDIAN_PRUNER;

/** Zod schema of {@link SamplerSettings}; `{ type: 'tpe' }` gets Optuna's defaults. */
export const samplerSettingsSchema = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('tpe'),
      nStartupTrials: z.number().int().min(0).max(10_000).default(t.nStartupTrials),
      nEiCandidates: z.number().int().min(1).max(10_000).default(t.nEiCandidates),
      priorWeight: z.number().min(0).max(1e6).default(t.priorWeight),
      considerMagicClip: z.boolean().default(t.considerMagicClip),
      considerEndpoints: z.boolean().default(t.considerEndpoints),
    })
    .strict(),
  z.object({ type: z.literal('random') }).strict(),
]);

/** Zod schema of {@link PrunerSettings}; `{ type: 'median' }` gets Optuna's defaults. */
export const prunerSettingsSchema = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('median'),
      nStartupTrials: z.number().int().min(0).max(10_000).default(m.nStartupTrials),
      nWarmupSteps: z.number().int().min(0).max(10_000).default(m.nWarmupSteps),
      intervalSteps: z.number().int().min(1).max(10_000).default(m.intervalSteps),
      nMinTrials: z.number().int().min(1).max(10_000).default(m.nMinTrials),
    })
    .strict(),
  z.object({ type: z.literal('none') }).strict(),
]);

function parseWith<T>(schema: z.ZodType<T>, input: unknown, name: string): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = [name, ...(issue?.path.map(String) ?? [])].join('.');
  throw new StudySettingsError(field, issue?.message ?? 'invalid');
}

/**
 * Validates a sampler setting (default: TPE with Optuna's defaults).
 *
 * @throws StudySettingsError naming `sampler.<field>`
 */
export function parseSamplerSettings(input: unknown): SamplerSettings {
  return parseWith(samplerSettingsSchema, input ?? { type: 'tpe' }, 'sampler');
}

/**
 * Validates a pruner setting (default: the median pruner with Optuna's defaults).
 *
 * @throws StudySettingsError naming `pruner.<field>`
 */
export function parsePrunerSettings(input: unknown): PrunerSettings {
  return parseWith(prunerSettingsSchema, input ?? { type: 'median' }, 'pruner');
}

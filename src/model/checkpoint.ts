/**
 * Training checkpoints: one JSON file, `<checkpointDir>/checkpoint.json`,
 * replaced atomically after every epoch (temporary file + fsync + rename), so a
 * crash at any instant leaves the previous checkpoint loadable. One file rather
 * than model.json + weights.bin keeps "which weights go with which counters"
 * atomic too. Weights are base64 with a SHA-256 each: ~100 KB for this model.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../fs/atomic-write';
import type { EarlyStoppingState } from './early-stopping';
import type { EpochProgress } from './epoch-progress';
import type { EncodedTensors } from './weight-snapshot';

/** File name of the checkpoint inside the checkpoint directory. */
export const CHECKPOINT_FILE = 'checkpoint.json';
/**
 * Version of the checkpoint layout. 2: the optimizer state carries Adam's
 * bias-correction powers (a version-1 checkpoint is set aside and training
 * restarts, since resuming it could not be exact).
 */
export const CHECKPOINT_FORMAT_VERSION = 2 as const;

/** Everything needed to continue training after `epoch`. */
export interface TrainingCheckpoint {
  readonly formatVersion: typeof CHECKPOINT_FORMAT_VERSION;
  /** Hash of architecture, params and data (see `training-fingerprint.ts`); resume only on equality. */
  readonly fingerprint: string;
  /** Epochs completed. */
  readonly epoch: number;
  /** True once training ended (early stop or last epoch): a resumed call just returns the result. */
  readonly finished: boolean;
  readonly stoppedEarly: boolean;
  readonly earlyStopping: EarlyStoppingState;
  /** Every epoch so far. */
  readonly history: readonly EpochProgress[];
  /** Weights after `epoch`, best weights so far, and Adam's whole state after `epoch` (`optimizer-state.ts`). */
  readonly weights: {
    readonly current: EncodedTensors;
    readonly best: EncodedTensors;
    readonly optimizer: EncodedTensors;
  };
}

// JSON turns NaN into null; read it back as NaN.
const metric = z
  .number()
  .nullable()
  .transform((v) => v ?? Number.NaN);
const count = z.number().int().min(0);
const encodedSchema = z.object({
  specs: z.array(z.object({ name: z.string(), shape: z.array(count), dtype: z.enum(['float32', 'int32']) })),
  data: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
const checkpointSchema = z.object({
  formatVersion: z.literal(CHECKPOINT_FORMAT_VERSION),
  fingerprint: z.string().min(1),
  epoch: count,
  finished: z.boolean(),
  stoppedEarly: z.boolean(),
  earlyStopping: z.object({
    bestEpoch: count,
    bestValRocAuc: z.number().nullable(),
    epochsWithoutImprovement: count,
  }),
  history: z.array(
    z.object({
      epoch: count,
      maxEpochs: count,
      loss: metric,
      valLoss: metric,
      valRocAuc: metric,
      bestValRocAuc: metric,
      bestEpoch: count,
      elapsedMs: z.number().min(0),
    }),
  ),
  weights: z.object({ current: encodedSchema, best: encodedSchema, optimizer: encodedSchema }),
});

/** Result of looking for a checkpoint. */
export type CheckpointLookup =
  | { readonly kind: 'none' }
  | { readonly kind: 'found'; readonly checkpoint: TrainingCheckpoint }
  | { readonly kind: 'unreadable'; readonly file: string; readonly reason: string };

/** Writes the checkpoint atomically, creating the directory if needed. */
export async function writeCheckpoint(dir: string, checkpoint: TrainingCheckpoint): Promise<void> {
  await fs.mkdir(dir, { recursive: true });
  await writeFileAtomic(path.join(dir, CHECKPOINT_FILE), JSON.stringify(checkpoint));
}

/**
 * Reads `<dir>/checkpoint.json`. A missing file is `none`; a file that is not
 * JSON or does not match the schema is `unreadable` with the reason (the caller
 * decides what to do; weight checksums are verified when decoding).
 */
export async function readCheckpoint(dir: string): Promise<CheckpointLookup> {
  const file = path.join(dir, CHECKPOINT_FILE);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'none' };
    return { kind: 'unreadable', file, reason: (error as Error).message };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { kind: 'unreadable', file, reason: `not valid JSON (${(error as Error).message})` };
  }
  const parsed = checkpointSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      kind: 'unreadable',
      file,
      reason: `field "${issue?.path.join('.') ?? ''}": ${issue?.message ?? 'invalid'}`,
    };
  }
  return { kind: 'found', checkpoint: parsed.data };
}

/** Renames an unreadable checkpoint to `checkpoint.json.corrupt` (replacing an older one) for later inspection. */
export async function setAsideCheckpoint(dir: string): Promise<string> {
  const target = path.join(dir, `${CHECKPOINT_FILE}.corrupt`);
  await fs.rename(path.join(dir, CHECKPOINT_FILE), target);
  return target;
}

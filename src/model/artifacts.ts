/**
 * Saving and loading a trained model as `model.json` + `weights.bin` (the
 * standard tfjs layers-model layout) with plain `fs`, so no tfjs-node `file://`
 * handler is needed and any backend can read it.
 *
 * Atomicity: both files are written to temporary siblings and fsynced, then
 * `weights.bin` and `model.json` are renamed into place. Each file is replaced
 * whole; `model.json` records the SHA-256 and size of its `weights.bin`, so the
 * one window a crash could leave (new weights, old model.json) is detected at
 * load time instead of producing a silently wrong model.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { z } from 'zod';
import { fsyncDirectory, writeTemporarySibling } from '../fs/atomic-write';
import { ModelArtifactError } from './errors';
import './seeded-dropout'; // registers the custom layer class for deserialisation

export { predictProbabilities } from './predict';

/** File names inside a model directory. */
export const MODEL_FILES = { topology: 'model.json', weights: 'weights.bin' } as const;

const BYTES_PER_ELEMENT: Readonly<Record<string, number>> = { float32: 4, int32: 4 };

const modelJsonSchema = z.object({
  format: z.string().optional(),
  modelTopology: z.record(z.string(), z.unknown()),
  weightsManifest: z
    .array(
      z.object({
        paths: z.tuple([z.literal(MODEL_FILES.weights)]),
        weights: z.array(
          z.object({
            name: z.string(),
            shape: z.array(z.number().int().min(0)),
            dtype: z.enum(['float32', 'int32']),
          }),
        ),
      }),
    )
    .length(1),
  weightsIntegrity: z.object({ sha256: z.string(), byteLength: z.number().int().min(0) }),
});

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/**
 * Writes `<dir>/model.json` and `<dir>/weights.bin` (weights only, no optimizer
 * state), creating `dir` if needed.
 */
export async function saveModel(dir: string, model: tf.LayersModel): Promise<void> {
  await fs.mkdir(dir, { recursive: true });
  const topologyFile = path.join(dir, MODEL_FILES.topology);
  const weightsFile = path.join(dir, MODEL_FILES.weights);
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const weights = new Uint8Array(
        tf.io.CompositeArrayBuffer.join(artifacts.weightData ?? new ArrayBuffer(0)),
      );
      const modelJson = {
        format: 'layers-model',
        generatedBy: `TensorFlow.js tfjs-layers v${tf.version_layers}`,
        convertedBy: null,
        modelTopology: artifacts.modelTopology,
        weightsManifest: [{ paths: [MODEL_FILES.weights], weights: artifacts.weightSpecs ?? [] }],
        weightsIntegrity: { sha256: sha256(weights), byteLength: weights.byteLength },
      };
      const tmpWeights = await writeTemporarySibling(weightsFile, weights);
      const tmpTopology = await writeTemporarySibling(topologyFile, `${JSON.stringify(modelJson)}\n`);
      try {
        await fs.rename(tmpWeights, weightsFile);
        await fs.rename(tmpTopology, topologyFile);
      } finally {
        await Promise.all([fs.rm(tmpWeights, { force: true }), fs.rm(tmpTopology, { force: true })]);
      }
      await fsyncDirectory(dir);
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    }),
    { includeOptimizer: false },
  );
}

async function readFileOrThrow(file: string): Promise<Buffer> {
  try {
    return await fs.readFile(file);
  } catch (error) {
    throw new ModelArtifactError(file, `cannot be read (${(error as Error).message})`);
  }
}

/**
 * Loads a model saved by {@link saveModel} (not compiled: for prediction).
 *
 * @throws ModelArtifactError naming `model.json` or `weights.bin` when a file is
 *   missing, not valid, of the wrong size, or not the weights `model.json` was written with
 */
export async function loadModel(dir: string): Promise<tf.LayersModel> {
  const topologyFile = path.join(dir, MODEL_FILES.topology);
  const weightsFile = path.join(dir, MODEL_FILES.weights);
  let json: unknown;
  try {
    json = JSON.parse((await readFileOrThrow(topologyFile)).toString('utf8'));
  } catch (error) {
    if (error instanceof ModelArtifactError) throw error;
    throw new ModelArtifactError(topologyFile, `is not valid JSON (${(error as Error).message})`);
  }
  const parsed = modelJsonSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ModelArtifactError(
      topologyFile,
      `field "${issue?.path.join('.') ?? ''}": ${issue?.message ?? 'invalid'}`,
    );
  }
  const { modelTopology, weightsManifest, weightsIntegrity } = parsed.data;
  const weightSpecs = weightsManifest[0]!.weights;
  const weights = await readFileOrThrow(weightsFile);
  const expectedBytes = weightSpecs.reduce(
    (sum, s) => sum + s.shape.reduce((a, b) => a * b, 1) * BYTES_PER_ELEMENT[s.dtype]!,
    0,
  );
  if (weights.byteLength !== expectedBytes || weights.byteLength !== weightsIntegrity.byteLength) {
    throw new ModelArtifactError(
      weightsFile,
      `has ${weights.byteLength} bytes, model.json describes ${expectedBytes}`,
    );
  }
  if (sha256(weights) !== weightsIntegrity.sha256) {
    throw new ModelArtifactError(
      weightsFile,
      'does not match the sha256 recorded in model.json (corrupt, or from another save)',
    );
  }
  const weightData = weights.buffer.slice(
    weights.byteOffset,
    weights.byteOffset + weights.byteLength,
  ) as ArrayBuffer;
  try {
    return await tf.loadLayersModel(tf.io.fromMemory({ modelTopology, weightSpecs, weightData }));
  } catch (error) {
    throw new ModelArtifactError(topologyFile, `cannot be turned into a model (${(error as Error).message})`);
  }
}

/**
 * Encoded feature matrices on disk, so that tfjs and Keras train on the very same
 * numbers: `<name>.x.f32` holds the row-major float32 values (little-endian, what
 * `np.fromfile(..., '<f4')` reads), `<name>.y.f32` the labels, and `meta.json`
 * the shapes, feature names and balanced class weights.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { FeatureMatrix } from '../../src/features/feature-matrix';
import type { BinaryClassWeights } from '../../src/model/class-weights';

/** `meta.json` of a matrix folder. */
export interface MatrixMeta {
  readonly featureNames: readonly string[];
  readonly train: { readonly rows: number };
  readonly validation: { readonly rows: number };
  /** `balancedClassWeights` of the training labels, as Keras' `class_weight`. */
  readonly classWeights: BinaryClassWeights;
}

/** The matrix folder of one dataset size. */
export function matrixDir(dataDir: string, sizeName: string): string {
  return path.join(dataDir, 'matrices', sizeName);
}

function bytesOf(array: Float32Array): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}

/** Writes the train and validation matrices and their meta. */
export async function writeMatrices(
  dir: string,
  train: FeatureMatrix,
  validation: FeatureMatrix,
  classWeights: BinaryClassWeights,
): Promise<void> {
  await fs.mkdir(dir, { recursive: true });
  for (const [name, m] of [
    ['train', train],
    ['validation', validation],
  ] as const) {
    await fs.writeFile(path.join(dir, `${name}.x.f32`), bytesOf(m.values));
    await fs.writeFile(path.join(dir, `${name}.y.f32`), bytesOf(m.labels));
  }
  const meta: MatrixMeta = {
    featureNames: train.featureNames,
    train: { rows: train.rowCount },
    validation: { rows: validation.rowCount },
    classWeights: { 0: classWeights[0], 1: classWeights[1] },
  };
  await fs.writeFile(path.join(dir, 'meta.json'), `${JSON.stringify(meta, null, 2)}\n`);
}

async function readFloats(file: string): Promise<Float32Array> {
  const bytes = await fs.readFile(file);
  // Copy into an aligned buffer: a Buffer may start at any byte offset of the pool.
  const out = new Float32Array(bytes.byteLength / 4);
  bytesOf(out).set(bytes);
  return out;
}

/**
 * Reads one matrix written by {@link writeMatrices}.
 *
 * @throws Error when a file is missing or its size does not match the meta
 */
export async function readMatrix(dir: string, name: 'train' | 'validation'): Promise<FeatureMatrix> {
  const meta = JSON.parse(await fs.readFile(path.join(dir, 'meta.json'), 'utf8')) as MatrixMeta;
  const rowCount = meta[name].rows;
  const featureCount = meta.featureNames.length;
  const values = await readFloats(path.join(dir, `${name}.x.f32`));
  const labels = await readFloats(path.join(dir, `${name}.y.f32`));
  if (values.length !== rowCount * featureCount || labels.length !== rowCount) {
    throw new Error(`${dir}/${name}: files do not match meta.json (${rowCount} × ${featureCount})`);
  }
  return { values, labels, rowCount, featureCount, featureNames: meta.featureNames };
}

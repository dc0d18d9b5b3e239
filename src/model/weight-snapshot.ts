/**
 * Copies of model and optimizer weights held as plain typed arrays instead of
 * tensors. Keeping the best weights (and checkpoint contents) off the tfjs
 * engine means nothing can leak between epochs, and the arrays serialise
 * straight into a checkpoint (bit for bit: float32 bytes, never decimal text).
 * Adam's state: `optimizer-state.ts`.
 */
import { createHash } from 'node:crypto';
import * as tf from '@tensorflow/tfjs';

/** One tensor's name, shape and values. */
export interface TensorSnapshot {
  readonly name: string;
  readonly shape: readonly number[];
  readonly dtype: 'float32' | 'int32';
  readonly values: Float32Array | Int32Array;
}

/** Snapshots serialised for JSON: specs, base64 little-endian bytes, and their SHA-256. */
export interface EncodedTensors {
  readonly specs: readonly {
    readonly name: string;
    readonly shape: readonly number[];
    readonly dtype: 'float32' | 'int32';
  }[];
  readonly data: string;
  readonly sha256: string;
}

/** Copies one tensor's values (a copy: the tensor stays untouched and alive). */
export async function snapshotOf(name: string, tensor: tf.Tensor): Promise<TensorSnapshot> {
  if (tensor.dtype !== 'float32' && tensor.dtype !== 'int32')
    throw new Error(`cannot snapshot ${name}: dtype ${tensor.dtype}`);
  const values = (await tensor.data()) as Float32Array | Int32Array; // a copy; the tensor stays untouched
  return { name, shape: [...tensor.shape], dtype: tensor.dtype, values };
}

/** Copies the model's weights, in `model.weights` order, named by their layer-scoped names (`hidden_1/kernel`). */
export async function snapshotModelWeights(model: tf.LayersModel): Promise<TensorSnapshot[]> {
  // LayerVariable.read() returns the live variable: read its data, never dispose it.
  return Promise.all(model.weights.map((w) => snapshotOf(w.originalName, w.read())));
}

/**
 * Writes a snapshot back into the model.
 *
 * @throws Error when names or shapes do not match the model's weights (a snapshot of another architecture)
 */
export function restoreModelWeights(model: tf.LayersModel, snapshot: readonly TensorSnapshot[]): void {
  const weights = model.weights;
  if (weights.length !== snapshot.length)
    throw new Error(`snapshot has ${snapshot.length} tensors, model ${weights.length}`);
  weights.forEach((w, i) => {
    const s = snapshot[i]!;
    if (s.name !== w.originalName || s.shape.join('x') !== w.shape.join('x')) {
      throw new Error(
        `snapshot tensor ${i} is ${s.name} [${s.shape.join(', ')}], model has ${w.originalName} [${w.shape.join(', ')}]`,
      );
    }
  });
  // setWeights assigns each new tensor's data to the variable (ref-counted), so
  // disposing the temporaries at the end of the tidy leaves the variables intact.
  tf.tidy(() => model.setWeights(snapshot.map((s) => tf.tensor(s.values, [...s.shape], s.dtype))));
}

/** Serialises snapshots for a JSON checkpoint. */
export function encodeTensors(snapshot: readonly TensorSnapshot[]): EncodedTensors {
  const bytes = Buffer.concat(
    snapshot.map((s) => Buffer.from(s.values.buffer, s.values.byteOffset, s.values.byteLength)),
  );
  return {
    specs: snapshot.map(({ name, shape, dtype }) => ({ name, shape: [...shape], dtype })),
    data: bytes.toString('base64'),
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
}

/**
 * Inverse of {@link encodeTensors}.
 *
 * @throws Error when the bytes do not match their checksum or the specs' sizes
 */
export function decodeTensors(encoded: EncodedTensors): TensorSnapshot[] {
  const bytes = Buffer.from(encoded.data, 'base64');
  if (createHash('sha256').update(bytes).digest('hex') !== encoded.sha256)
    throw new Error('tensor data does not match its sha256');
  let offset = 0;
  const snapshot = encoded.specs.map((spec) => {
    const size = spec.shape.reduce((a, b) => a * b, 1);
    const copy = bytes.subarray(offset, offset + size * 4);
    if (copy.length !== size * 4) throw new Error(`tensor data too short for ${spec.name}`);
    offset += size * 4;
    // Copy into a fresh, aligned buffer (Buffer slices may start at odd offsets).
    const buffer = new Uint8Array(copy).buffer;
    const values = spec.dtype === 'int32' ? new Int32Array(buffer) : new Float32Array(buffer);
    return { name: spec.name, shape: [...spec.shape], dtype: spec.dtype, values };
  });
  if (offset !== bytes.length) throw new Error(`tensor data has ${bytes.length - offset} bytes too many`);
  return snapshot;
}

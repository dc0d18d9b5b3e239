/**
 * Open Inference Protocol v2 tensors → input columns, following MLServer's
 * tabular (`content_type: "pd"`) convention: one input per dataset column,
 * shape `[rows]` or `[rows, 1]`, BYTES for categories, integer or float
 * datatypes for numbers. Data may come as JSON (`data`, flat or nested) or in
 * Triton's binary tensor extension (`parameters.binary_data_size`, the bytes
 * after the JSON header), which is what `tritonclient` sends by default.
 */
import { ColumnKind, columnSpec, type ColumnSpec } from '../../data/schema';
import { ServingProblem, badRequest } from '../errors';

/** A v2 input tensor as the request schema lets it through. */
export interface V2Input {
  readonly name: string;
  readonly shape: readonly number[];
  readonly datatype: string;
  readonly parameters?: Readonly<Record<string, unknown>>;
  readonly data?: readonly unknown[];
}

/** The datatype the model metadata advertises for a column. */
export function advertisedDatatype(spec: ColumnSpec): 'BYTES' | 'INT64' | 'FP32' {
  if (spec.kind === ColumnKind.Categorical || spec.kind === ColumnKind.CategoricalSet) return 'BYTES';
  return spec.kind === ColumnKind.Number ? 'FP32' : 'INT64';
}

const INTEGER_TYPES = ['INT8', 'INT16', 'INT32', 'INT64', 'UINT8', 'UINT16', 'UINT32', 'UINT64'];
const FLOAT_TYPES = ['FP32', 'FP64'];

function acceptedDatatypes(spec: ColumnSpec): readonly string[] {
  switch (spec.kind) {
    case ColumnKind.Categorical:
    case ColumnKind.CategoricalSet:
      return ['BYTES'];
    case ColumnKind.Binary:
      return [...INTEGER_TYPES, 'BOOL', ...FLOAT_TYPES];
    case ColumnKind.Integer:
    case ColumnKind.Number:
      return [...INTEGER_TYPES, ...FLOAT_TYPES];
  }
}

const ELEMENT_BYTES: Readonly<Record<string, number>> = {
  BOOL: 1,
  INT8: 1,
  UINT8: 1,
  INT16: 2,
  UINT16: 2,
  INT32: 4,
  UINT32: 4,
  FP32: 4,
  INT64: 8,
  UINT64: 8,
  FP64: 8,
};

/** Decodes one input's bytes of the binary tensor extension. */
function decodeBinary(name: string, datatype: string, bytes: Buffer): unknown[] {
  const bad = (why: string) =>
    badRequest(ServingProblem.BadTensor, `input "${name}": binary data ${why}`, { input: name });
  if (datatype === 'BYTES') {
    const out: string[] = [];
    for (let offset = 0; offset < bytes.length;) {
      if (offset + 4 > bytes.length) throw bad('ends inside an element length');
      const length = bytes.readUInt32LE(offset);
      offset += 4;
      if (offset + length > bytes.length) throw bad('ends inside an element');
      out.push(bytes.toString('utf8', offset, offset + length));
      offset += length;
    }
    return out;
  }
  const size = ELEMENT_BYTES[datatype];
  if (size === undefined) throw bad(`of datatype ${datatype} is not supported`);
  if (bytes.length % size !== 0)
    throw bad(`has ${bytes.length} bytes, not a whole number of ${datatype} elements`);
  const count = bytes.length / size;
  const out = new Array<number>(count);
  for (let i = 0; i < count; i++) {
    const at = i * size;
    switch (datatype) {
      case 'BOOL':
      case 'UINT8':
        out[i] = bytes.readUInt8(at);
        break;
      case 'INT8':
        out[i] = bytes.readInt8(at);
        break;
      case 'INT16':
        out[i] = bytes.readInt16LE(at);
        break;
      case 'UINT16':
        out[i] = bytes.readUInt16LE(at);
        break;
      case 'INT32':
        out[i] = bytes.readInt32LE(at);
        break;
      case 'UINT32':
        out[i] = bytes.readUInt32LE(at);
        break;
      case 'FP32':
        out[i] = bytes.readFloatLE(at);
        break;
      case 'FP64':
        out[i] = bytes.readDoubleLE(at);
        break;
      case 'INT64':
        out[i] = Number(bytes.readBigInt64LE(at));
        break;
      case 'UINT64':
        out[i] = Number(bytes.readBigUInt64LE(at));
        break;
    }
  }
  return out;
}

/** Flat row values of a JSON `data` array (a `[rows, 1]` tensor may nest each value in its own array). */
function flatten(name: string, data: readonly unknown[]): unknown[] {
  if (!data.some(Array.isArray)) return [...data];
  const out: unknown[] = [];
  for (const item of data) {
    if (!Array.isArray(item) || item.length !== 1) {
      throw badRequest(
        ServingProblem.BadTensor,
        `input "${name}": data must be flat or hold one value per row ([[v], [v], …]), got ${JSON.stringify(item)}`,
        { input: name },
      );
    }
    out.push(item[0]);
  }
  return out;
}

/**
 * The request's inputs as columns (name → one value per row).
 *
 * @param binary - the bytes after the JSON header (binary tensor extension), when the request had them
 * @throws ServingError 400 naming the input: a datatype that does not fit its column, a shape that does
 *   not match the data, a duplicate input, binary data that is cut short
 */
export function v2InputColumns(inputs: readonly V2Input[], binary?: Buffer): Map<string, unknown[]> {
  const columns = new Map<string, unknown[]>();
  let offset = 0;
  for (const input of inputs) {
    const { name, datatype, shape } = input;
    if (columns.has(name)) {
      throw badRequest(ServingProblem.DuplicateColumn, `input "${name}" appears twice`, { input: name });
    }
    const spec = columnSpec(name);
    if (spec !== undefined && !acceptedDatatypes(spec).includes(datatype)) {
      throw badRequest(
        ServingProblem.BadTensor,
        `input "${name}": datatype ${datatype} does not fit this column; send ${advertisedDatatype(spec)}` +
          ` (accepted: ${acceptedDatatypes(spec).join(', ')})`,
        { input: name },
      );
    }
    const binarySize = input.parameters?.binary_data_size;
    let values: unknown[];
    if (binarySize !== undefined) {
      if (typeof binarySize !== 'number' || !Number.isInteger(binarySize) || binarySize < 0) {
        throw badRequest(
          ServingProblem.BadTensor,
          `input "${name}": binary_data_size must be a non-negative integer`,
          {
            input: name,
          },
        );
      }
      if (binary === undefined || offset + binarySize > binary.length) {
        throw badRequest(
          ServingProblem.BadTensor,
          `input "${name}": binary_data_size ${binarySize} goes past the end of the request's binary data`,
          { input: name },
        );
      }
      values = decodeBinary(name, datatype, binary.subarray(offset, offset + binarySize));
      offset += binarySize;
    } else if (input.data !== undefined) {
      values = flatten(name, input.data);
    } else {
      throw badRequest(ServingProblem.BadTensor, `input "${name}" has neither data nor binary_data_size`, {
        input: name,
      });
    }
    const rows = shape[0];
    const fits = (shape.length === 1 || (shape.length === 2 && shape[1] === 1)) && rows === values.length;
    if (!fits) {
      throw badRequest(
        ServingProblem.BadTensor,
        `input "${name}": shape ${JSON.stringify(shape)} does not fit ${values.length} values; a column is [rows] or [rows, 1]`,
        { input: name },
      );
    }
    columns.set(name, values);
  }
  if (binary !== undefined && offset !== binary.length) {
    throw badRequest(
      ServingProblem.BadTensor,
      `the request carries ${binary.length} bytes of binary data but its inputs account for ${offset}`,
    );
  }
  return columns;
}

import { generateMatchmakingRows, parseDatasetCsv, rowsToCsv } from '../../data';
import { FEATURE_COLUMNS, LABEL_COLUMN, type MatchmakingRow } from '../../data/schema';
import { ServingError } from '../errors';
import { columnArraysSource } from './column-arrays';
import { decodeColumns } from './decode-columns';
import { clientLawyersSource, rankCellLocator, rowObjectsSource } from './row-objects';

const rows = generateMatchmakingRows({ rows: 5, seed: 3 });
const inputs = (row: MatchmakingRow): Record<string, unknown> => {
  const { [LABEL_COLUMN]: _label, ...features } = row;
  return features;
};
const instanceLocator = (column: string, row: number) => `instances[${row}].${column}`;

function failure(fn: () => unknown): ServingError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ServingError) return error;
    throw error;
  }
  throw new Error('expected a ServingError');
}

describe('decodeColumns', () => {
  it('builds the table the CSV loader builds from the same rows (same values, same column types)', () => {
    const decoded = decodeColumns(
      rowObjectsSource(rows.map(inputs), (i) => `instances[${i}]`),
      instanceLocator,
    );
    const fromCsv = parseDatasetCsv(rowsToCsv(rows), 'rows.csv');
    expect(decoded.rowCount).toBe(5);
    for (const spec of FEATURE_COLUMNS) {
      const ours = decoded.table.column(spec.name)!;
      const theirs = fromCsv.column(spec.name)!;
      expect(Array.from({ length: 5 }, (_, i): unknown => ours.at(i))).toEqual(
        Array.from({ length: 5 }, (_, i): unknown => theirs.at(i)),
      );
      expect(decoded.table.array(spec.name).constructor).toBe(fromCsv.array(spec.name).constructor);
    }
  });

  it("names the row, the input and the problem in the dataset loader's words", () => {
    const bad = rows.map(inputs);
    bad[3] = { ...bad[3], lawyer_rating: 6.2 };
    const error = failure(() =>
      decodeColumns(
        rowObjectsSource(bad, (i) => `instances[${i}]`),
        instanceLocator,
      ),
    );
    expect(error.statusCode).toBe(400);
    expect(error.problem).toBe('OUT_OF_RANGE');
    expect(error.message).toBe('instances[3].lawyer_rating: expected a number between 1 and 5, got "6.2"');
    expect(error.location).toEqual({ input: 'lawyer_rating', row: 3 });
  });

  it('refuses unknown categories, fractions in integer columns, strings for numbers and nulls', () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [
        { client_region: 'atlantis' },
        'UNKNOWN_CATEGORY',
        'instances[1].client_region: expected one of north, south, east, west, central, got "atlantis"',
      ],
      [
        { client_age: 30.5 },
        'WRONG_TYPE',
        'instances[1].client_age: expected an integer between 16 and 100, got "30.5": integers are written in plain digits, without a decimal point',
      ],
      [
        { client_age: '30' },
        'WRONG_TYPE',
        'instances[1].client_age: expected a JSON integer, got the string "30"',
      ],
      [{ distance_km: null }, 'BLANK_CELL', 'instances[1].distance_km: expected a value, got null'],
      [
        { lawyer_languages: 'english|klingon' },
        'UNKNOWN_CATEGORY',
        'instances[1].lawyer_languages: expected values from english, spanish, mandarin, arabic, french, vietnamese separated by "|", got "english|klingon" with the unknown value "klingon"',
      ],
      [{ lawyer_pro_bono: 2 }, 'OUT_OF_RANGE', 'instances[1].lawyer_pro_bono: expected 0 or 1, got "2"'],
    ];
    for (const [change, problem, message] of cases) {
      const bad = rows.map(inputs);
      bad[1] = { ...bad[1], ...change };
      const error = failure(() =>
        decodeColumns(
          rowObjectsSource(bad, (i) => `instances[${i}]`),
          instanceLocator,
        ),
      );
      expect([error.problem, error.message]).toEqual([problem, message]);
    }
  });

  it('refuses a missing or unknown key in a row object', () => {
    const missing = rows.map(inputs);
    delete missing[2]!.client_age;
    expect(failure(() => rowObjectsSource(missing, (i) => `instances[${i}]`)).message).toBe(
      'instances[2]: input "client_age" is missing',
    );
    const extra = rows.map(inputs);
    extra[0] = { ...extra[0], match_success: 1 };
    const error = failure(() => rowObjectsSource(extra, (i) => `instances[${i}]`));
    expect(error.problem).toBe('EXTRA_COLUMN');
    expect(error.message).toMatch(
      /^instances\[0\]: unknown input "match_success" \(the inputs are client_case_type, /,
    );
  });

  it('reads column arrays and refuses unknown, missing or ragged inputs', () => {
    const columns = new Map(
      FEATURE_COLUMNS.map((c) => [c.name, rows.map((r) => r[c.name as keyof MatchmakingRow])]),
    );
    expect(decodeColumns(columnArraysSource(columns), (c, r) => `input "${c}", row ${r}`).rowCount).toBe(5);
    const ragged = new Map(columns);
    ragged.set('distance_km', [1, 2]);
    expect(failure(() => columnArraysSource(ragged)).message).toBe(
      'input "distance_km" has 2 rows but "client_case_type" has 5; every input needs one value per row',
    );
    const short = new Map(columns);
    short.delete('lawyer_region');
    expect(failure(() => columnArraysSource(short)).message).toBe('input "lawyer_region" is missing');
    const extra = new Map(columns);
    extra.set('age', [1]);
    expect(failure(() => columnArraysSource(extra)).problem).toBe('EXTRA_COLUMN');
  });

  it('spreads one client over every lawyer of a rank request and locates cells in its terms', () => {
    const [first, ...others] = rows.map(inputs);
    const client = Object.fromEntries(Object.entries(first!).filter(([k]) => k.startsWith('client_')));
    const lawyers: Record<string, unknown>[] = others.map((r, i) => ({
      id: `lawyer-${i}`,
      ...Object.fromEntries(Object.entries(r).filter(([k]) => !k.startsWith('client_'))),
    }));
    const decoded = decodeColumns(clientLawyersSource(client, lawyers), rankCellLocator);
    expect(decoded.rowCount).toBe(4);
    expect(decoded.columns.get('client_age')).toEqual(new Float64Array(4).fill(first!.client_age as number));
    lawyers[2] = { ...lawyers[2]!, distance_km: -1 };
    expect(failure(() => decodeColumns(clientLawyersSource(client, lawyers), rankCellLocator)).message).toBe(
      'lawyers[2].distance_km: expected a number between 0 and 2000, got "-1"',
    );
    expect(failure(() => clientLawyersSource({ ...client, client_age: undefined }, lawyers)).message).toBe(
      'client: input "client_age" is missing',
    );
  });
});
